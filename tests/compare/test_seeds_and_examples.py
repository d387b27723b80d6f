"""The issue's acceptance: the seeds' two differences and one-source facts, and every deliberate
difference of the example corpus that the extractors make visible, with no false one."""

from __future__ import annotations

import pytest

from newsweave.compare import compare_story
from newsweave.compare.values import date_span, duration_seconds

pytestmark = pytest.mark.seeds


def _values(comparison) -> set[str]:
    return {v.value for v in comparison.values}


def test_seeds_differ_exactly_on_the_talks_duration_and_where_umerov_reports(prepared_seeds):
    articles, entities = prepared_seeds
    comparisons = compare_story(articles, entities)
    differ = [c for c in comparisons if c.status == "differ"]
    assert sorted((c.slot, c.event) for c in differ) == [("duration", "talks"), ("place", "report")]
    duration = next(c for c in differ if c.slot == "duration")
    assert {(v.lang, v.value) for v in duration.values} == {("fa", "P2D"), ("ar", "P3D")}
    assert next(v for v in duration.values if v.lang == "fa").via == ("Reuters",)
    place = next(c for c in differ if c.slot == "place")
    assert {(v.lang, entities[v.value].label) for v in place.values} == {("fa", "Kyiv"), ("ar", "London")}
    assert place.note.startswith("may both hold")


def test_seeds_five_hour_meeting_and_two_hour_call_are_reported_by_one_source(prepared_seeds):
    articles, entities = prepared_seeds
    only = [c for c in compare_story(articles, entities) if c.status == "only_in_one" and c.slot == "duration"]
    found = {(c.event, c.values[0].lang, c.values[0].value) for c in only}
    assert ("meeting", "fa", "PT5H") in found
    assert ("call", "ar", "PT2H") in found


def _matches(gold: dict, comparison, ids: dict[str, str]) -> bool:
    """Whether a differ verdict reports the gold difference: same kind, the gold values by article."""
    kind = gold["kind"]
    if kind == "duration" and comparison.slot != "duration":
        return False
    if kind == "date" and comparison.slot != "date":
        return False
    if kind == "place" and comparison.slot != "place":
        return False
    if kind == "quantity" and comparison.slot in ("duration", "date", "place", "quote"):
        return False
    seen = {ids.get(v.article): v for v in comparison.values}
    agreeing = 0
    for aid, value in gold["values"].items():
        reported = seen.get(aid)
        if reported is None:
            continue
        expected = value["value"]
        if kind == "duration":
            ok = duration_seconds(reported.value) == duration_seconds(expected)
        elif kind == "date":
            ok = date_span(reported.value) == date_span(expected)
        elif kind == "place":
            ok = reported.display == expected
        else:
            ok = abs(float(reported.value.split()[0]) - float(expected)) < 1e-6 * max(1.0, float(expected))
        if not ok:
            return False
        agreeing += 1
    return agreeing >= 2


def _story_comparisons(prepared_examples, story: dict):
    articles, entities = prepared_examples
    chosen = [articles[i] for i in story["articles"]]
    return compare_story(chosen, entities), {a.id: aid for aid, a in articles.items()}


def test_example_corpus_differences_are_found(prepared_examples, examples_expected):
    stories = {s["id"]: s for s in examples_expected["stories"]}
    missed = []
    for gold in examples_expected["differences"]:
        comparisons, ids = _story_comparisons(prepared_examples, stories[gold["story"]])
        if not any(c.status == "differ" and _matches(gold, c, ids) for c in comparisons):
            missed.append(gold["slot"])
    assert missed == []


def test_example_corpus_has_no_false_difference(prepared_examples, examples_expected):
    false = []
    golds = examples_expected["differences"]
    for story in examples_expected["stories"]:
        comparisons, ids = _story_comparisons(prepared_examples, story)
        mine = [g for g in golds if g["story"] == story["id"]]
        for comparison in comparisons:
            if comparison.status == "differ" and not any(_matches(g, comparison, ids) for g in mine):
                false.append((story["id"], comparison.slot, sorted(_values(comparison))))
    assert false == []
