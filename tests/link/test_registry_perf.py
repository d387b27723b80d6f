"""Linking cost must not grow with the registry: index lookups, not scans.

Run this file as a script for the full measurement (100,000 entities, 2,000 articles of 20
mentions); the test runs a smaller version with a lenient floor so CI stays fast and stable.
"""

from __future__ import annotations

import random
import time

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
            if rng.random() < 0.8:  # mostly names the registry knows, some never seen
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


def test_linking_stays_fast_on_a_large_registry() -> None:
    _, rate = measure(10_000, 300)
    assert rate > 300, f"{rate:.0f} articles/s"


if __name__ == "__main__":
    load_s, per_s = measure(100_000, 2_000)
    print(f"registry of 100,000 entities loaded in {load_s:.1f} s; linking {per_s:.0f} articles/s (20 mentions each)")
