"""Readable names for stories and storylines, in English, from structure rather than text.

No translation is available offline, so the English label is built from the event key and the
English labels of the most central entities ("Call: Abbas Araghchi, Badr Albusaidi"); the
title is the headline of the story's most central article, as written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from newsweave.cluster.features import ArticleFeatures

LabelOf = Callable[[str], "str | None"]
"""Entity id → English label (None when unknown)."""

TOP_ENTITIES = 3


def event_name(kind: str | None) -> str:
    return kind.replace("_", " ").capitalize() if kind else ""


def entity_centrality(articles: Sequence[ArticleFeatures]) -> dict[str, float]:
    """Mean weight of each entity over the articles (absent counts 0): most central first."""
    totals: Counter[str] = Counter()
    for f in articles:
        for e in f.entities:
            totals[e.id] += e.weight
    n = max(1, len(articles))
    return {eid: w / n for eid, w in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))}


def central_entities(articles: Sequence[ArticleFeatures], limit: int = 10) -> tuple[str, ...]:
    return tuple(list(entity_centrality(articles))[:limit])


def main_event(articles: Sequence[ArticleFeatures]) -> str | None:
    """The lead event most articles of the story open with (ties: alphabetical)."""
    kinds = Counter(f.main_kind for f in articles if f.main_kind)
    if not kinds:
        kinds = Counter(e.kind for f in articles for e in f.events if e.lead and e.modality != "expected")
    if not kinds:
        return None
    return min(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def central_article(articles: Sequence[ArticleFeatures]) -> ArticleFeatures:
    """The article that covers most of what the story's articles share (ties: English, then id).

    English comes first on a tie because the reader's language is English; the title is
    never translated.
    """
    centrality = entity_centrality(articles)

    def coverage(f: ArticleFeatures) -> tuple[bool, float, bool, str]:
        covered = sum(centrality.get(e.id, 0.0) for e in f.entities if not e.media)
        return (not f.titled, -round(covered, 6), f.lang != "en", f.id)

    return min(articles, key=coverage)


def actor_labels(entity_ids: Sequence[str], types: dict[str, str], label_of: LabelOf, limit: int = TOP_ENTITIES) -> list[str]:
    """English labels of the first ``limit`` actors in the given order; places only fill up
    when fewer than two people or organisations are known."""
    actors = [e for e in entity_ids if types.get(e) != "LOC"]
    if len(actors) < 2:
        actors += [e for e in entity_ids if types.get(e) == "LOC"]
    out: list[str] = []
    for eid in actors:
        label = label_of(eid)
        if label and label not in out:
            out.append(label)
        if len(out) == limit:
            break
    return out


def story_label(articles: Sequence[ArticleFeatures], label_of: LabelOf) -> str:
    """``Call: Abbas Araghchi, Badr Albusaidi`` — event, then the top actors' English labels."""
    media = {e.id for f in articles for e in f.entities if e.media}
    types = {e.id: e.type for f in articles for e in f.entities}
    actors = actor_labels([e for e in central_entities(articles, 12) if e not in media], types, label_of)
    event = event_name(main_event(articles))
    if event and actors:
        return f"{event}: {', '.join(actors)}"
    return event or ", ".join(actors) or "Story"


def story_title(articles: Sequence[ArticleFeatures]) -> str:
    return central_article(articles).title or story_label_fallback(articles)


def story_label_fallback(articles: Sequence[ArticleFeatures]) -> str:
    return f"{len(articles)} articles"
