"""Dated events of a story or storyline, each with every article, outlet and language reporting it.

Facts are grouped by day and event family: a call reported as "call" in Persian and as
"talks by phone" in Arabic on the same day is one timeline entry. Events dated to a long
interval (a month, a year) are background, not the timeline of the story.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from newsweave.cluster.features import ArticleFeatures, EventFeature, date_of, event_family, on_timeline
from newsweave.cluster.labels import LabelOf, actor_labels, event_name
from newsweave.model import FactRef, Story, TimelineEvent

MAX_SPAN_DAYS = 7
"""Events dated to a longer interval than this are background, not timeline entries."""


@dataclass
class _Entry:
    day: int
    end_day: int
    family: str | None
    facts: list[tuple[ArticleFeatures, EventFeature]] = field(default_factory=list)

    @property
    def articles(self) -> set[str]:
        return {f.id for f, _ in self.facts}


def _iso(day: int, end_day: int) -> str:
    start = date_of(day).isoformat()
    return start if end_day == day else f"{start}/{date_of(end_day).isoformat()}"


def _entries(articles: Sequence[ArticleFeatures]) -> list[_Entry]:
    by_key: dict[tuple[int, int, str | None], _Entry] = {}
    for f in articles:
        for event in f.events:
            if event.day is None or not on_timeline(event.kind):
                continue
            end = event.end_day if event.end_day is not None else event.day
            if end - event.day > MAX_SPAN_DAYS:
                continue
            family = event_family(event.kind)
            entry = by_key.setdefault((event.day, end, family), _Entry(event.day, end, family))
            entry.facts.append((f, event))
    entries = sorted(by_key.values(), key=lambda e: (e.day, e.end_day, e.family or ""))
    # A generic entry (talks) on the day of a specific one (call) that shares an article is the same event.
    specific = [e for e in entries if e.family]
    out = []
    for entry in entries:
        if entry.family is None:
            home = next((s for s in specific if (s.day, s.end_day) == (entry.day, entry.end_day)
                         and s.articles & entry.articles), None)
            if home is not None:
                home.facts.extend(entry.facts)
                continue
        out.append(entry)
    return out


def _timeline_event(entry: _Entry, story: str | None, label_of: LabelOf) -> TimelineEvent:
    kinds = Counter(e.kind for _, e in entry.facts)
    if entry.family:
        kinds = Counter({k: n for k, n in kinds.items() if event_family(k) == entry.family}) or kinds
    kind = min(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    participants: Counter[str] = Counter()
    places: Counter[str] = Counter()
    types: dict[str, str] = {}
    media: set[str] = set()
    for f, event in entry.facts:
        participants.update(event.participants)
        if event.place:
            places[event.place] += 1
        types.update({e.id: e.type for e in f.entities})
        media.update(e.id for e in f.entities if e.media)
    for eid in media:
        participants.pop(eid, None)
    actors = actor_labels([p for p, _ in sorted(participants.items(), key=lambda kv: (-kv[1], kv[0]))], types, label_of)
    place = next((label_of(p) for p, _ in sorted(places.items(), key=lambda kv: (-kv[1], kv[0])) if label_of(p)), None)
    label = event_name(kind)
    if actors:
        label += ": " + ", ".join(actors)
    if place:
        label += f" ({place})"
    facts = sorted({(f.id, e.fact) for f, e in entry.facts})
    members = {f.id: f for f, _ in entry.facts}
    asserted = any(e.modality != "expected" for _, e in entry.facts)
    return TimelineEvent(
        date=_iso(entry.day, entry.end_day),
        event=kind,
        label=label,
        facts=tuple(FactRef(a, i) for a, i in facts),
        articles=tuple(sorted(members)),
        outlets=tuple(sorted({f.outlet for f in members.values() if f.outlet})),
        languages=tuple(sorted({f.lang for f in members.values()})),
        story=story,
        modality="asserted" if asserted else "expected",
    )


def story_timeline(articles: Sequence[ArticleFeatures], story: str | None, label_of: LabelOf) -> tuple[TimelineEvent, ...]:
    """The dated events the story's articles report, in date order."""
    return tuple(_timeline_event(entry, story, label_of) for entry in _entries(articles))


def storyline_timeline(stories: Sequence[Story]) -> tuple[TimelineEvent, ...]:
    """The stories' timelines merged: one entry per (date, event), reports pooled across stories.

    An entry belongs to the story whose own dates hold it (the Tuesday meeting announced by
    the articles of Saturday's call belongs to the meeting), then to the one that reports it
    most, then to the smaller id.
    """
    spans = {s.id: (s.start.isoformat() if s.start else "", s.end.isoformat() if s.end else "") for s in stories}

    def owns(event: TimelineEvent) -> bool:
        start, end = spans.get(event.story or "", ("", ""))
        return bool(start) and start <= event.date[:10] <= end

    by_date: dict[str, list[TimelineEvent]] = {}
    for story in stories:
        for event in story.timeline:
            by_date.setdefault(event.date, []).append(event)
    out = []
    for events in by_date.values():
        groups: dict[str | None, list[TimelineEvent]] = {}
        for event in events:
            groups.setdefault(event_family(event.event), []).append(event)
        generic = groups.pop(None, [])
        if generic and groups:
            # A generic report (talks, agreement) on the day of a specific event is that event.
            first = min(groups, key=lambda family: min((not owns(e), -len(e.articles), e.story or "") for e in groups[family]))
            groups[first].extend(generic)
        elif generic:
            groups[None] = generic
        for group in groups.values():
            owner = min(group, key=lambda e: (not owns(e), -len(e.articles), e.story or ""))
            named = min(group, key=lambda e: (event_family(e.event) is None, not owns(e), -len(e.articles), e.story or ""))
            out.append(replace(_pooled(named, group), story=owner.story))
    return tuple(sorted(out, key=lambda e: (e.date, e.event)))


def _pooled(owner: TimelineEvent, events: Sequence[TimelineEvent]) -> TimelineEvent:
    return replace(
        owner,
        facts=tuple(sorted({r for e in events for r in e.facts}, key=lambda r: (r.article, r.fact))),
        articles=tuple(sorted({a for e in events for a in e.articles})),
        outlets=tuple(sorted({o for e in events for o in e.outlets})),
        languages=tuple(sorted({lang for e in events for lang in e.languages})),
        modality="asserted" if any(e.modality == "asserted" for e in events) else "expected",
    )
