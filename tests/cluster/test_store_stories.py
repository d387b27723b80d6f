"""Stories, storylines and clustering state in the SQLite store."""

from __future__ import annotations

import datetime as dt

import pytest

from newsweave.errors import NotFoundError, StoreError
from newsweave.model import Comparison, FactRef, ReportedValue, Story, Storyline, TimelineEvent
from newsweave.store import open_store


def _story(sid: str, articles: tuple[str, ...], start: str | None = "2026-01-10", line: str | None = None) -> Story:
    event = TimelineEvent(date="2026-01-10", event="call", label="Call: Abbas Araghchi, Badr Albusaidi",
                          facts=(FactRef(articles[0], 0),), articles=articles, outlets=("Payam News",),
                          languages=("fa",), story=sid)
    return Story(
        id=sid, title="تماس تلفنی دو وزیر", label="Call: Abbas Araghchi, Badr Albusaidi", articles=articles,
        languages=("ar", "fa"), outlets=("Payam News",), start=dt.date.fromisoformat(start) if start else None,
        end=dt.date.fromisoformat(start) if start else None, storyline=line, event="call",
        entities=("per-araghchi",), timeline=(event,),
        comparison=(Comparison(slot="duration", event="call", status="differ",
                               values=(ReportedValue("PT1H", "1 hour", articles[0], "Payam News", "fa", "یک ساعت"),)),),
    )


@pytest.fixture
def store():
    with open_store(":memory:") as s:
        yield s


def test_stories_round_trip_and_are_found_by_prefix(store):
    story = _story("st-aaaa1111bbbb2222", ("a1", "a2"))
    store.save_stories([story])
    assert store.get_story("st-aaaa1111bbbb2222") == story
    assert store.get_story("st-aaaa11") == story
    assert store.story_ids_of(["a1", "a2", "zz"]) == {"a1": story.id, "a2": story.id}
    with pytest.raises(NotFoundError):
        store.get_story("st-ffff")


def test_ambiguous_prefix_is_an_error(store):
    store.save_stories([_story("st-abcdef01", ("a1",)), _story("st-abcdef02", ("a2",))])
    with pytest.raises(NotFoundError, match="ambiguous"):
        store.get_story("st-abcdef")


def test_saving_again_moves_articles_and_delete_removes(store):
    store.save_stories([_story("st-1", ("a1", "a2")), _story("st-2", ("a3",))])
    store.save_stories([_story("st-2", ("a2", "a3"))])
    assert store.story_ids_of(["a1", "a2", "a3"]) == {"a1": "st-1", "a2": "st-2", "a3": "st-2"}
    store.delete_stories(["st-1", "st-unknown"])
    assert [s.id for s in store.iter_stories()] == ["st-2"]
    assert store.story_ids_of(["a1"]) == {}


def test_stories_are_listed_by_start_and_filtered(store):
    store.save_stories([
        _story("st-3", ("c",), None), _story("st-2", ("b",), "2026-01-13", "sl-1"), _story("st-1", ("a",), "2026-01-10", "sl-1"),
    ])
    assert [s.id for s in store.iter_stories()] == ["st-1", "st-2", "st-3"]
    assert [s.id for s in store.iter_stories(since=dt.date(2026, 1, 12))] == ["st-2"]
    assert [s.id for s in store.iter_stories(until=dt.date(2026, 1, 11))] == ["st-1"]
    assert [s.id for s in store.iter_stories(storyline="sl-1", limit=1)] == ["st-1"]


def test_storylines_round_trip(store):
    line = Storyline(id="sl-abcdef0123", title="t", label="Call → Meeting", stories=("st-1", "st-2"),
                     start=dt.date(2026, 1, 10), end=dt.date(2026, 1, 14), timeline=_story("st-1", ("a",)).timeline)
    store.save_storylines([line])
    assert store.get_storyline("sl-abcdef") == line
    assert list(store.iter_storylines()) == [line]
    store.delete_storylines([line.id])
    assert list(store.iter_storylines()) == []
    with pytest.raises(NotFoundError):
        store.get_storyline(line.id)


def test_story_features_are_kept_for_the_window(store):
    store.save_story_features([("a1", 739_600, {"id": "a1"}), ("a2", None, {"id": "a2"}), ("a3", 739_700, {"id": "a3"})])
    assert dict(store.iter_story_features()) == {"a1": {"id": "a1"}, "a2": {"id": "a2"}, "a3": {"id": "a3"}}
    assert dict(store.iter_story_features(since_day=739_650)) == {"a2": {"id": "a2"}, "a3": {"id": "a3"}}


def test_read_only_store_cannot_save_stories(tmp_path):
    path = str(tmp_path / "s.db")
    open_store(path).close()
    with open_store(path, readonly=True) as ro, pytest.raises(StoreError):
        ro.save_stories([_story("st-1", ("a",))])
