"""The single writer: comparisons once per run (and after a stop), batches that overlap.

The corpus is short generated articles (a headline and a lead sentence, ``bench.generate``),
so that several batches and multi-article stories take a few seconds.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bench.generate import iter_articles
from newsweave.compare import compare_story
from newsweave.model import RawArticle
from newsweave.pipeline import STALE_COMPARISONS, Weaver, _bundles
from newsweave.settings import Settings
from newsweave.store import open_store

N_ARTICLES = 60
BATCH = 15


def _lead(text: str) -> str:
    paragraph = text.split("\n\n", 1)[0]
    for stop in (". ", "، "):
        cut = paragraph.find(stop)
        if cut > 40:
            return paragraph[: cut + 1]
    return paragraph


@pytest.fixture(scope="module")
def raws() -> list[RawArticle]:
    return [
        RawArticle(f"gen:{n}", f"{a.title}\n\n{_lead(a.text)}", title=a.title, outlet=a.outlet,
                   published=a.published, lang_hint=a.lang)
        for n, a in enumerate(iter_articles(N_ARTICLES, seed=5))
    ]


def _settings(path: str, **changes) -> Settings:
    return Settings(db=path, batch_size=BATCH, story_active_days=100_000, **changes)


def _stories(path: str) -> dict:
    with open_store(path, readonly=True) as store:
        return {s.id: s for s in store.iter_stories()}


@pytest.fixture(scope="module")
def woven(raws, tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("woven") / "all.db")
    with open_store(path) as store:
        Weaver(store, _settings(path)).weave(raws)
    return path


def test_every_story_is_compared_from_its_stored_articles_at_the_end_of_the_run(woven):
    with open_store(woven, readonly=True) as store:
        assert store.get_state(STALE_COMPARISONS) is None
        stories = list(store.iter_stories())
        several = [s for s in stories if len(s.articles) > 1]
        assert len(several) >= 3, "the corpus gives stories of several articles"
        for story in stories:
            articles = [store.get_article(a) for a in story.articles]
            assert story.comparison == compare_story(articles, store.entities_of(articles)), story.id
        assert any(s.comparison for s in several)


def test_a_run_stopped_before_comparing_leaves_marks_the_next_run_completes(raws, woven, tmp_path, monkeypatch):
    path = str(tmp_path / "stopped.db")

    def stop(self):
        raise KeyboardInterrupt

    with open_store(path) as store:
        with monkeypatch.context() as patch:
            patch.setattr(Weaver, "refresh_comparisons", stop)
            with pytest.raises(KeyboardInterrupt):
                Weaver(store, _settings(path)).weave(raws)
        marked = set(store.get_state(STALE_COMPARISONS))
        stored = {s.id: s for s in store.iter_stories()}
        assert marked == set(stored), "every story the run touched is marked"
        assert not any(s.comparison for s in stored.values()), "none was compared yet"

    with open_store(path) as store:
        result = Weaver(store, _settings(path)).weave(raws)  # everything already stored
        assert result.added == [] and len(result.unchanged) == len(raws)
        assert store.get_state(STALE_COMPARISONS) is None
    assert _stories(path) == _stories(woven)


def test_compare_every_refreshes_along_the_way(raws, woven, tmp_path, monkeypatch):
    path = str(tmp_path / "often.db")
    refreshed: list[int] = []
    original = Weaver._save_comparisons

    def counting(self, stories):
        refreshed.append(len(stories))
        return original(self, stories)

    monkeypatch.setattr(Weaver, "_save_comparisons", counting)
    with open_store(path) as store:
        Weaver(store, _settings(path, compare_every=2 * BATCH)).weave(raws)
    assert len(refreshed) >= N_ARTICLES // (2 * BATCH), "a refresh every two batches, then one at the end"
    assert _stories(path) == _stories(woven), "refreshing more often changes no result"


def test_reingest_hands_nothing_to_the_engine_and_changes_nothing(raws, woven, tmp_path):
    """Stored articles are told by their content id before any worker prepares or extracts them."""
    path = str(tmp_path / "again.db")
    with open_store(path) as store:
        Weaver(store, _settings(path)).weave(raws)
    handed: list = []

    def recording_map(func, *iterables):
        handed.extend(zip(*iterables))
        return map(func, *iterables)

    with open_store(path) as store:
        result = Weaver(store, _settings(path), mapper=recording_map).weave(raws + raws[:5])
    assert handed == [], "no article went to the engine"
    assert result.added == [] and len(result.unchanged) == len(set(result.unchanged)) == N_ARTICLES
    assert _stories(path) == _stories(woven)


def test_boilerplate_counts_lines_of_the_batch_still_being_extracted(tmp_path):
    """With one article per batch, the third article of an outlet is prepared while the second
    is still running: the footer all three carry is boilerplate for the third only."""
    footer = "Subscribe to the Harbour Ledger morning briefing for more regional news"
    bodies = [
        "The city council approved a new bridge over the river on Monday after a long debate.",
        "Fishermen in the northern port said the storm kept their boats ashore for four days.",
        "The regional library will open a second reading room next spring, its director said.",
    ]
    items = [
        RawArticle(f"ledger:{n}", f"{body}\n\n{footer}", outlet="Harbour Ledger",
                   published=dt.date(2025, 3, 3 + n), lang_hint="en")
        for n, body in enumerate(bodies)
    ]
    path = str(tmp_path / "ledger.db")
    with open_store(path) as store:
        ids = Weaver(store, Settings(db=path, batch_size=1, boilerplate_repeat_min=3)).weave(items).added
        texts = [store.get_article(i).text for i in ids]
    assert [footer in text for text in texts] == [True, True, False]


def test_comparison_bundles_spread_the_large_stories_and_keep_every_story_once(woven):
    with open_store(woven, readonly=True) as store:
        stories = list(store.iter_stories())
    bundles = _bundles(stories, count=4)
    assert sorted(s.id for b in bundles for s in b) == sorted(s.id for s in stories)
    largest = sorted(stories, key=lambda s: (-len(s.articles), s.id))[:4]
    assert len({next(n for n, b in enumerate(bundles) if story in b) for story in largest}) == 4
    assert _bundles(stories[:2], count=4) == [[s] for s in sorted(stories[:2], key=lambda s: (-len(s.articles), s.id))]


def test_a_run_keeps_the_loaded_heap_from_the_collector_and_hands_it_back() -> None:
    import gc

    from newsweave.pipeline import frozen_heap

    before = gc.get_freeze_count()
    with frozen_heap():
        assert gc.get_freeze_count() > before
    assert gc.get_freeze_count() == 0
