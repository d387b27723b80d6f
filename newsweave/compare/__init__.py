"""Compare the sources of one story: where they agree, differ, or stand alone.

    articles ─ claims (per fact: event, participants, place, date, duration, counts)
             ─ align per slot across articles (event kind, tense, shared anchors)
             ─ verdicts with provenance (agree / differ / only_in_one, notes)
             + quotes aligned by speaker, channel and what the quote names

``compare_story`` is pure and deterministic: the same articles in any order give the same
comparisons in the same order.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from newsweave.compare.align import DATE, DURATION, PLACE, align_slot, items_of, main_events
from newsweave.compare.claims import claims_of
from newsweave.compare.quotes import QUOTE_SLOT, compare_quotes
from newsweave.compare.values import preload
from newsweave.compare.verdicts import STATUS_ORDER, comparisons_for
from newsweave.model import Article, Comparison, Entity

__all__ = ["compare_story", "preload", "story_order"]

_SLOT_ORDER = {DURATION: 0, DATE: 1, PLACE: 2, QUOTE_SLOT: 9}


def story_order(articles: Sequence[Article]) -> list[Article]:
    """Articles by publication date, then id: the order every output lists sources in."""
    unique = {a.id: a for a in articles}
    return sorted(unique.values(), key=lambda a: (a.published is None, a.published or "", a.id))


def compare_story(articles: Sequence[Article], entities: Mapping[str, Entity]) -> tuple[Comparison, ...]:
    """How the articles of one story report each slot of each event, and each statement.

    A story with fewer than two articles has nothing to compare and yields ``()``.
    """
    ordered = story_order(articles)
    if len(ordered) < 2:
        return ()
    position = {a.id: n for n, a in enumerate(ordered)}
    entity_map = dict(entities)
    claims_by_article = [claims_of(a, entity_map) for a in ordered]
    claims = [c for cs in claims_by_article for c in cs]
    main = main_events(claims_by_article)
    fallback = min(main) if len(main) == 1 else "story"
    comparisons: list[Comparison] = []
    for slot, items in items_of(claims).items():
        groups = align_slot(items, main=main, entities=entity_map)
        comparisons.extend(comparisons_for(groups, claims, entity_map, fallback_event=fallback))
    comparisons.extend(compare_quotes(ordered, entity_map))
    return tuple(sorted(comparisons, key=lambda c: _sort_key(c, position)))


def _sort_key(comparison: Comparison, position: Mapping[str, int]) -> tuple:
    first = comparison.values[0] if comparison.values else None
    return (
        STATUS_ORDER.get(comparison.status, 9),
        _SLOT_ORDER.get(comparison.slot, 5),
        comparison.slot,
        comparison.event,
        position.get(first.article, 0) if first else 0,
        first.start if first else 0,
        first.value if first else "",
    )
