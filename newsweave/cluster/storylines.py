"""Storylines: stories that continue one another — the same core actors over days or weeks.

Two stories are linked when they lie within ``storyline_max_gap_days`` of each other and share
core actors (people and organisations central to both, weighted by specificity near their
days) worth ``storyline_threshold``. Places count a little, outlets and platforms not at all:
two stories "in Iran" are not one storyline. Storylines are the connected components of those
links (a storyline is meant to chain), recomputed around the stories that changed, and named
after their smallest story key, so they too do not depend on arrival order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Callable

from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.labels import entity_centrality
from newsweave.settings import Settings

PLACE_SHARE = 0.5
"""Places weigh half as much as people and organisations in storyline evidence."""
MIN_CORE = 0.25
"""An entity is core to a story when its mean weight over the story's articles reaches this."""
MAX_STORIES_PER_ACTOR = 200
"""An actor in more active stories than this is too common to retrieve storyline candidates."""

Specificity = Callable[[str, "int | None", "int | None"], float]


@dataclass(frozen=True)
class StorySummary:
    key: str
    start: int | None
    end: int | None
    core: dict[str, float] = field(default_factory=dict)


def summarize(key: str, articles: Sequence[ArticleFeatures]) -> StorySummary:
    """Core actors of a story and its day range (lead-event days and publication days)."""
    types = {e.id: e.type for f in articles for e in f.entities}
    media = {e.id for f in articles for e in f.entities if e.media}
    core = {}
    for eid, weight in entity_centrality(articles).items():
        if eid in media or weight < MIN_CORE:
            continue
        core[eid] = weight * (PLACE_SHARE if types.get(eid) == "LOC" else 1.0)
    days = [d for f in articles for d in (f.main_day, f.day) if d is not None]
    return StorySummary(key, min(days) if days else None, max(days) if days else None, core)


def _gap(a: StorySummary, b: StorySummary) -> int | None:
    if a.start is None or b.start is None:
        return None
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def continuity(a: StorySummary, b: StorySummary, spec: Specificity) -> float:
    """Shared core-actor evidence of two stories."""
    day_a = a.start if a.start is not None else None
    day_b = b.start if b.start is not None else None
    return sum(spec(eid, day_a, day_b) * min(w, b.core[eid]) for eid, w in a.core.items() if eid in b.core)


class Storylines:
    """Storyline membership of the active stories, updated around the stories that change."""

    def __init__(self, settings: Settings, spec: Specificity) -> None:
        self.settings = settings
        self.spec = spec
        self.summaries: dict[str, StorySummary] = {}
        self.by_actor: dict[str, set[str]] = {}
        self.line_of: dict[str, str] = {}
        self.lines: dict[str, tuple[str, ...]] = {}

    def _linked(self, a: StorySummary, b: StorySummary) -> bool:
        gap = _gap(a, b)
        if gap is not None and gap > self.settings.storyline_max_gap_days:
            return False
        return continuity(a, b, self.spec) >= self.settings.storyline_threshold

    def _neighbours(self, key: str) -> list[str]:
        summary = self.summaries[key]
        candidates: set[str] = set()
        for eid in summary.core:
            stories = self.by_actor.get(eid, ())
            if len(stories) <= MAX_STORIES_PER_ACTOR:
                candidates.update(stories)
        candidates.discard(key)
        return sorted(c for c in candidates if self._linked(summary, self.summaries[c]))

    def _drop(self, key: str) -> None:
        summary = self.summaries.pop(key, None)
        if summary is None:
            return
        for eid in summary.core:
            stories = self.by_actor.get(eid)
            if stories is not None:
                stories.discard(key)
                if not stories:
                    del self.by_actor[eid]

    def _put(self, summary: StorySummary) -> None:
        self._drop(summary.key)
        self.summaries[summary.key] = summary
        for eid in summary.core:
            self.by_actor.setdefault(eid, set()).add(summary.key)

    def update(
        self, changed: Iterable[StorySummary], removed: Iterable[str] = (), evicted: Iterable[str] = ()
    ) -> tuple[dict[str, str | None], set[str], set[str]]:
        """Apply story changes. Returns: story key → storyline key (or None) for every story whose
        storyline changed; storyline keys that no longer exist; storyline keys to save again."""
        for key in evicted:
            self._drop(key)  # final: its storyline keeps its stored value
            self.line_of.pop(key, None)
        touched: set[str] = set()
        for key in removed:
            touched.update(self.lines.get(self.line_of.get(key, ""), ()))
            self._drop(key)
        for summary in changed:
            touched.update(self.lines.get(self.line_of.get(summary.key, ""), ()))
            self._put(summary)
            touched.add(summary.key)
        touched &= self.summaries.keys()
        old_lines: set[str] = set()
        for key in removed:
            if key in self.line_of:
                old_lines.add(self.line_of.pop(key))
        seen: set[str] = set()
        result: dict[str, str | None] = {}
        new_lines: set[str] = set()
        for first in sorted(touched):
            if first in seen:
                continue
            component = self._component(first)
            seen |= component
            line = min(component) if len(component) > 1 else None
            for key in component:
                old_line = self.line_of.get(key)
                if old_line is not None:
                    old_lines.add(old_line)
                if old_line != line:
                    result[key] = line
                if line is None:
                    self.line_of.pop(key, None)
                else:
                    self.line_of[key] = line
            if line is not None:
                self.lines[line] = tuple(sorted(component))
                new_lines.add(line)
        gone = old_lines - new_lines
        for line in gone:
            self.lines.pop(line, None)
        return result, gone, new_lines

    def _component(self, start: str) -> set[str]:
        component = {start}
        frontier = [start]
        while frontier:
            key = frontier.pop()
            for other in self._neighbours(key):
                if other not in component:
                    component.add(other)
                    frontier.append(other)
        return component

