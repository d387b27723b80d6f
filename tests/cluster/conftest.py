"""The example corpus and the two seeds, processed and linked once per session.

Extraction takes seconds per article, so the clustering tests share one run: the articles
are read from examples/corpus and ../shared (never copied), processed, linked in a fixed
order, and handed to the tests with their gold names from examples/expected.json.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsweave.cluster.features import ArticleFeatures, extract_features
from newsweave.ingest import read_inputs
from newsweave.link.registry import EntityRegistry
from newsweave.model import Article, Entity, IngestProblem
from newsweave.pipeline import process
from newsweave.settings import Settings
from tests.paths import EXAMPLES_DIR, REPO, SEED_AR, SEED_FA, SEEDS_DIR


@dataclass(frozen=True)
class Corpus:
    articles: list[Article]
    extracted: dict[str, Article]
    """Article id → the article as extraction left it (before linking)."""
    raws: list
    features: dict[str, ArticleFeatures]
    name: dict[str, str]
    """Article id → gold name (``s2-fa-nasim``; ``seed-fa``/``seed-ar`` for the seeds)."""
    gold_story: dict[str, str]
    """Article id → gold story id (``seeds`` for the two seeds)."""
    entities: dict[str, Entity]
    expected: dict

    def ids_of(self, gold_names) -> set[str]:
        by_name = {n: a for a, n in self.name.items()}
        return {by_name[n] for n in gold_names}


def _load() -> Corpus:
    settings = Settings()
    expected = json.loads((REPO / "examples" / "expected.json").read_text(encoding="utf-8"))
    manifest = json.loads((REPO / "examples" / "corpus.manifest.json").read_text(encoding="utf-8"))["articles"]
    by_source = {meta["source"]: name for name, meta in manifest.items()}
    inputs: list[Path] = [EXAMPLES_DIR]
    seeds = {SEED_FA: "seed-fa", SEED_AR: "seed-ar"}
    if (SEEDS_DIR / SEED_FA).is_file():
        inputs += [SEEDS_DIR / SEED_FA, SEEDS_DIR / SEED_AR]
    raws = [item for item in read_inputs(inputs, settings=settings) if not isinstance(item, IngestProblem)]
    raws.sort(key=lambda raw: raw.source)
    registry = EntityRegistry(settings=settings)
    articles, names, extracted = [], {}, {}
    for raw in raws:
        unlinked = process(raw, settings)
        extracted[unlinked.id] = unlinked
        article = registry.link(unlinked)
        articles.append(article)
        source = Path(raw.source.split(":")[0].split("#")[0]).name
        relative = raw.source.replace(str(EXAMPLES_DIR), "").lstrip("/")
        names[article.id] = by_source.get(relative) or seeds.get(source) or relative
    story_of = {a: story["id"] for story in expected["stories"] for a in story["articles"]}
    gold = {aid: story_of.get(name, "seeds") for aid, name in names.items()}
    return Corpus(
        articles=articles,
        extracted=extracted,
        raws=raws,
        features={a.id: extract_features(a) for a in articles},
        name=names,
        gold_story=gold,
        entities={e.id: e for e in registry.entities()},
        expected=expected,
    )


_CACHE: list[Corpus] = []


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    if not _CACHE:
        _CACHE.append(_load())
    return _CACHE[0]


@pytest.fixture(scope="session")
def has_seeds(corpus: Corpus) -> bool:
    return any(n.startswith("seed-") for n in corpus.name.values())
