"""Candidate pairs of the alignment: judging only the pairs ``link_candidates`` finds must link
exactly what judging every pair would, while skipping rivals that nothing ties together."""

from __future__ import annotations

import pytest

from newsweave.compare import story_order
from newsweave.compare.align import DURATION, items_of, link_candidates, linked, main_events, unique_items
from newsweave.compare.claims import claims_of

from tests.compare.kit import ENTITIES, ArticleBuilder


def _slots(articles, entities):
    """``(items, main)`` of each slot when the articles are compared as one story."""
    claims_by_article = [claims_of(a, entities) for a in story_order(articles)]
    main = main_events(claims_by_article)
    return [(items, main) for items in items_of(c for cs in claims_by_article for c in cs).values()]


def _links_of_every_pair(items, main, entities) -> set[tuple[int, int]]:
    unique = unique_items(items)
    return {
        (lo, hi)
        for lo in range(len(items))
        for hi in range(lo + 1, len(items))
        if items[lo].article_id != items[hi].article_id
        and linked(items[lo], items[hi], unique=unique, main=main, entities=entities)
    }


def _candidates(items, entities) -> set[tuple[int, int]]:
    pairs = set()
    for i, j in link_candidates(items, unique=unique_items(items), entities=entities):
        assert i != j
        pairs.add((min(i, j), max(i, j)))
    return pairs


@pytest.mark.parametrize("corpus", ["prepared_seeds", "prepared_examples"])
def test_candidates_hold_every_pair_the_rule_links(corpus, request):
    articles, entities = request.getfixturevalue(corpus)
    articles = list(articles.values()) if isinstance(articles, dict) else articles
    skipped = links = 0
    for items, main in _slots(articles, entities):
        every = _links_of_every_pair(items, main, entities)
        candidates = _candidates(items, entities)
        assert every <= candidates
        pairs = len(items) * (len(items) - 1) // 2
        skipped += pairs - len(candidates)
        links += len(every)
    assert links > 0 and skipped > 0


TALKS_EN = "The envoy held talks for two days. Later talks went on for ten hours."
TALKS_AR = "استمرت محادثات المبعوث ثلاثة أيام. ثم جرت محادثات أخرى لمدة اثنتي عشرة ساعة."


def _two_rounds_each(shared_envoy: bool) -> list:
    """Two articles that each give two durations of talks; optionally naming one envoy in the
    first round of each."""
    en = ArticleBuilder(TALKS_EN, "en", "2026-02-03")
    people = (en.mention("envoy", "per-witkoff"),) if shared_envoy else ()
    en.fact("envoy held talks", "talks", participants=people, duration=en.duration("two days", "P2D"))
    en.fact("Later talks", "talks", duration=en.duration("ten hours", "PT10H"))
    ar = ArticleBuilder(TALKS_AR, "ar", "2026-02-04")
    people = (ar.mention("المبعوث", "per-witkoff"),) if shared_envoy else ()
    ar.fact("استمرت محادثات", "talks", participants=people, duration=ar.duration("ثلاثة أيام", "P3D"))
    ar.fact("جرت محادثات", "talks", duration=ar.duration("اثنتي عشرة ساعة", "PT12H"))
    return [en.build(), ar.build()]


def _durations(articles):
    (items, main), = [(items, main) for items, main in _slots(articles, ENTITIES) if items[0].slot == DURATION]
    return items, main


def test_rival_durations_that_nothing_ties_together_are_never_tried():
    items, main = _durations(_two_rounds_each(shared_envoy=False))
    assert [i.value for i in items] == ["P2D", "PT10H", "P3D", "PT12H"]
    assert _candidates(items, ENTITIES) == set()
    assert _links_of_every_pair(items, main, ENTITIES) == set()


def test_a_shared_participant_makes_two_rival_durations_a_candidate_and_a_link():
    items, main = _durations(_two_rounds_each(shared_envoy=True))
    assert _candidates(items, ENTITIES) == {(0, 2)}  # two days and three days, both of the envoy's talks
    assert _links_of_every_pair(items, main, ENTITIES) == {(0, 2)}
