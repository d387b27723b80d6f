"""Undated articles (tests/data/cluster/undated-days.jsonl) kept apart by the days their leads state.

Written for this project: the same two foreign ministers speak by phone on Sunday 3 August
(12 Mordad) and again on Wednesday 6 August (15 Mordad), each call told in two languages, with
no publication date anywhere. The articles share actors, places and talking points, so only the
stated days — a month-day without a year, a weekday — tell the two calls apart.
"""

from __future__ import annotations

from newsweave.ingest import read_inputs
from newsweave.model import IngestProblem
from newsweave.pipeline import Weaver
from newsweave.settings import Settings
from newsweave.store import open_store
from tests.paths import DATA_DIR

CORPUS = DATA_DIR / "cluster" / "undated-days.jsonl"
SUNDAY = frozenset({"https://example.test/en/call-sunday", "https://example.test/fa/call-sunday"})
WEDNESDAY = frozenset({"https://example.test/ar/call-wednesday", "https://example.test/fa/call-wednesday"})


def test_two_calls_of_the_same_ministers_on_stated_days_weave_into_two_stories(tmp_path):
    path = str(tmp_path / "undated.db")
    settings = Settings(db=path)
    raws = [item for item in read_inputs([CORPUS], settings=settings) if not isinstance(item, IngestProblem)]
    assert len(raws) == 4 and all(raw.published is None for raw in raws)
    with open_store(path) as store:
        Weaver(store, settings).weave(raws)
    with open_store(path, readonly=True) as store:
        url_of = {a.id: a.url for a in store.iter_articles()}
        stories = {frozenset(url_of[a] for a in s.articles) for s in store.iter_stories()}
        assert all(a.published is None for a in store.iter_articles())
    assert stories == {SUNDAY, WEDNESDAY}
