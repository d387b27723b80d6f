"""Stories through the pipeline's single writer, the store, a restart, the export and the CLI."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from newsweave import pipeline
from newsweave.cli import app
from newsweave.pipeline import Weaver
from newsweave.report.json_export import export_document
from newsweave.settings import Settings
from newsweave.store import open_store
from tests.paths import REPO


@pytest.fixture
def cached_extraction(corpus, monkeypatch):
    """Extraction is seconds per article: reuse the session's results, keyed by article id."""

    def extract(article, settings):
        return corpus.extracted[article.id]

    monkeypatch.setattr(pipeline, "extract", extract)


def _weave(path: str, raws) -> None:
    with open_store(path) as store:
        Weaver(store, Settings(db=path)).weave(raws)


def _stories(path: str) -> dict[str, tuple[str, ...]]:
    with open_store(path, readonly=True) as store:
        return {s.id: s.articles for s in store.iter_stories()}


@pytest.fixture
def woven(tmp_path, corpus, cached_extraction) -> str:
    path = str(tmp_path / "all.db")
    _weave(path, corpus.raws)
    return path


def test_weaving_stores_the_gold_stories_with_comparisons(woven, corpus):
    with open_store(woven, readonly=True) as store:
        stories = list(store.iter_stories())
        lines = list(store.iter_storylines())
        got = {frozenset(corpus.name[a] for a in s.articles) for s in stories}
        assert {frozenset(s["articles"]) for s in corpus.expected["stories"]} <= got
        for story in stories:
            assert story.id == "st-" + min(story.articles)[:16]
            assert story.title and story.label
            if len(story.articles) > 1:
                assert story.comparison, story.id
        assert len(lines) == len(corpus.expected["storylines"])
        by_id = {s.id: s for s in stories}
        for line in lines:
            assert all(by_id[sid].storyline == line.id for sid in line.stories)
            assert [e.date for e in line.timeline] == sorted(e.date for e in line.timeline)
        call = next(s for s in stories if s.event == "call" and "s1-fa-payam" in {corpus.name[a] for a in s.articles})
        assert call.label.startswith("Call: ") and "Araghchi" in call.label
        assert call.start.isoformat() == "2026-01-10"
        entry = next(e for e in call.timeline if e.date == "2026-01-10")
        assert entry.event == "call" and set(entry.languages) == {"ar", "fa"} and len(entry.outlets) == 2


def test_a_restart_continues_the_same_stories(tmp_path, corpus, cached_extraction, woven):
    raws = corpus.raws
    path = str(tmp_path / "halves.db")
    _weave(path, raws[: len(raws) // 2])
    _weave(path, raws[len(raws) // 2 :])
    assert _stories(path) == _stories(woven)
    _weave(path, raws)  # re-ingesting changes nothing
    assert _stories(path) == _stories(woven)


def test_export_has_documented_story_keys(woven):
    doc_text = (REPO / "docs" / "json-format.md").read_text(encoding="utf-8")
    sections: dict[str, set[str]] = {}
    current = None
    for line in doc_text.splitlines():
        if line.startswith("## "):
            current = line[3:].strip().lower()
        elif current and (m := re.match(r"\| `([a-z_]+)` \|", line)):
            sections.setdefault(current, set()).add(m.group(1))
    with open_store(woven, readonly=True) as store:
        doc = export_document(store)
        some = export_document(store, article_ids=[doc["stories"][0]["articles"][0]])
    assert set(doc["stories"][0]) == sections["story"]
    assert set(doc["storylines"][0]) == sections["storyline"]
    event = next(e for s in doc["stories"] for e in s["timeline"])
    assert set(event) == sections["timeline event"]
    assert [s["id"] for s in some["stories"]] == [doc["stories"][0]["id"]]


def test_cli_lists_and_shows_stories_and_timelines(woven):
    runner = CliRunner()
    listed = runner.invoke(app, ["--db", woven, "stories", "--json"])
    assert listed.exit_code == 0, listed.output
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert rows and all(r["id"].startswith("st-") for r in rows)
    shown = runner.invoke(app, ["--db", woven, "story", rows[0]["id"][:10], "--json"])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == rows[0]["id"]
    table = runner.invoke(app, ["--db", woven, "story", rows[0]["id"]])
    assert table.exit_code == 0 and rows[0]["id"] in table.stdout
    lines = runner.invoke(app, ["--db", woven, "timeline", "--json"])
    line = json.loads(lines.stdout.splitlines()[0])
    one = runner.invoke(app, ["--db", woven, "timeline", line["id"]])
    assert one.exit_code == 0 and line["timeline"][0]["date"] in one.stdout
    missing = runner.invoke(app, ["--db", woven, "story", "st-nothing-like-it"])
    assert missing.exit_code == 1 and "E400" in missing.output


def test_a_small_active_window_still_gives_every_article_one_stored_story(tmp_path, corpus, cached_extraction):
    """Late articles of stories that already left the window get a (final) story too."""
    path = str(tmp_path / "window.db")
    with open_store(path) as store:
        Weaver(store, Settings(db=path, story_active_days=2, batch_size=3)).weave(corpus.raws)
        story_of = store.story_ids_of(a.id for a in corpus.articles)
        stories = {s.id: s for s in store.iter_stories()}
    assert set(story_of) == {a.id for a in corpus.articles}
    assert set(story_of.values()) == set(stories)
    assert sum(len(s.articles) for s in stories.values()) == len(corpus.articles)
