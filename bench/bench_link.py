"""Linking cost must not grow with the registry: index lookups, not scans.

Links articles of 20 mentions (80% names the registry knows) against registries of 1,000 and
100,000 entities; the ratio between the two rates is the figure to watch (≈ 1 when lookups are
indexed). The baseline is linking against an empty registry, where every name is new.
"""

from __future__ import annotations

import random
import time

from bench.registry import Measurement, register
from newsweave.link.registry import EntityRegistry
from newsweave.model import Article, Entity, EntityType, Mention
from newsweave.settings import Settings

_CONSONANTS = "بپتجچدرزژسشفقکگلمنه"
_VOWELS = ("ا", "و", "ی", "")
_TYPES = (EntityType.PERSON, EntityType.ORG, EntityType.PLACE)


def _token(rng: random.Random) -> str:
    return "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 4)))


def _name(rng: random.Random, type_: EntityType) -> str:
    return f"{_token(rng)} {_token(rng)}" if type_ is EntityType.PERSON else _token(rng)


def build(n_entities: int, n_articles: int, seed: int = 1) -> tuple[list[Entity], list[Article]]:
    rng = random.Random(seed)
    entities = []
    for i in range(n_entities):
        type_ = _TYPES[i % 3]
        entities.append(Entity(id=f"{type_.value.lower()}-{i:07d}", type=type_, label="",
                               names={"fa": (_name(rng, type_),)}, articles=(f"old{i}",)))
    articles = []
    for a in range(n_articles):
        mentions = []
        for _ in range(20):
            if entities and rng.random() < 0.8:  # mostly names the registry knows, some never seen
                e = entities[int(rng.paretovariate(1.2) * 50) % n_entities]
                text, type_ = e.names["fa"][0], e.type
            else:
                type_ = rng.choice(_TYPES)
                text = _name(rng, type_)
            mentions.append(Mention(0, len(text), text, type_, ""))
        articles.append(Article(id=f"a{a}", source="bench", text="", lang="fa", lang_confidence=1.0,
                                mentions=tuple(mentions)))
    return entities, articles


def measure(n_entities: int, n_articles: int) -> tuple[float, float]:
    """(seconds to load the registry, articles linked per second)."""
    entities, articles = build(n_entities, n_articles)
    start = time.perf_counter()
    registry = EntityRegistry(entities, settings=Settings())
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    for article in articles:
        registry.link(article)
    return loaded, n_articles / (time.perf_counter() - start)


def _rate_row(label: str, n_entities: int, n_articles: int, baseline: str | None) -> Measurement:
    entities, articles = build(n_entities, n_articles)
    registry = EntityRegistry(entities, settings=Settings())
    start = time.perf_counter()
    for article in articles:
        registry.link(article)
    return Measurement(label, n_articles, time.perf_counter() - start, baseline=baseline, note="20 mentions each")


@register("link", "entity linking: articles/s against small and large registries")
def run(quick: bool) -> list[Measurement]:
    n_articles = 300 if quick else 2_000
    base = "empty registry (every name new)"
    rows = [_rate_row(base, 0, n_articles, None)]
    rows.append(_rate_row("registry of 1,000 entities", 1_000, n_articles, base))
    rows.append(_rate_row("registry of 100,000 entities", 10_000 if quick else 100_000, n_articles, base))
    return rows
