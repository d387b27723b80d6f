"""The story dossier: what a person reads instead of the articles.

What happened (event, who, where, when), the timeline, the sources side by side, the claims
with their verdicts (differences first), the statements with their chains, the entities. All
structure is in English; sentences and quotes stay in their own language with their direction.
The HTML report, the Markdown export and ``newsweave compare`` render this one record.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from newsweave.compare import compare_story, story_order
from newsweave.compare.align import DATE, DURATION, PLACE
from newsweave.compare.claims import claims_of
from newsweave.compare.provenance import language_name, source_phrase, via_chain
from newsweave.compare.quotes import QUOTE_SLOT
from newsweave.compare.values import date_span, date_text
from newsweave.compare.verdicts import AGREE, DIFFER, ONLY_IN_ONE
from newsweave.lang import direction
from newsweave.model import Article, Comparison, Entity, EntityType, ReportedValue, Story

_SLOT_NAMES = {DURATION: "duration", DATE: "date", PLACE: "place", "amount": "amount", "people": "people"}
_TYPE_NAMES = {"PER": "person", "ORG": "organisation", "LOC": "place"}


@dataclass(frozen=True)
class Source:
    article: str
    headline: str
    outlet: str | None
    lang: str
    language: str
    dir: str
    published: str | None
    cites: tuple[str, ...]
    """Outlets and agencies the article cites (English labels), most cited first."""


@dataclass(frozen=True)
class Claim:
    """A comparison ready to read: an English headline line plus the reports beside it."""

    status: str
    slot: str
    event: str
    headline: str
    """``talks in Miami — duration: 2 days (Persian outlet, citing Reuters) vs 3 days (Arabic outlet)``."""
    note: str | None
    values: tuple[ReportedValue, ...]
    captions: tuple[str, ...]
    """Per value: ``2 days — Persian outlet, citing Reuters``."""


@dataclass(frozen=True)
class TimelineRow:
    date: str
    when: str
    event: str
    label: str
    languages: tuple[str, ...]
    expected: bool = False


@dataclass(frozen=True)
class EntityRow:
    id: str
    label: str
    type: str
    names: tuple[tuple[str, str, tuple[str, ...]], ...]
    """(language code, direction, surface names)."""
    articles: int


@dataclass(frozen=True)
class Dossier:
    id: str
    title: str
    event: str
    who: tuple[str, ...]
    where: tuple[str, ...]
    when: str | None
    sources: tuple[Source, ...]
    timeline: tuple[TimelineRow, ...]
    differences: tuple[Claim, ...]
    agreements: tuple[Claim, ...]
    only_in_one: tuple[Claim, ...]
    quotes: tuple[Claim, ...]
    entities: tuple[EntityRow, ...]
    comparisons: tuple[Comparison, ...] = field(default=(), repr=False)

    @property
    def summary(self) -> str:
        """One English line: ``talks · Witkoff, Kushner · Miami · 6 Dec 2025``."""
        parts = [self.event] + [", ".join(self.who[:4])] + [", ".join(self.where[:2])] + [self.when or ""]
        return " · ".join(p for p in parts if p)


def headline_of(article: Article) -> str:
    if article.title:
        return article.title
    first = next((line.strip() for line in article.text.splitlines() if line.strip()), article.id)
    return first if len(first) <= 120 else first[:119] + "…"


# --- sources and entities ------------------------------------------------------------------


def _cited(article: Article, entities: Mapping[str, Entity]) -> tuple[str, ...]:
    organisations = {
        entities[m.entity].label for m in article.mentions
        if m.entity in entities and entities[m.entity].type == EntityType.ORG
    }
    counts = Counter(
        label for index in range(len(article.attributions))
        for label in via_chain(article, index, entities) if label in organisations
    )
    return tuple(label for label, _ in counts.most_common())


def sources_of(articles: Sequence[Article], entities: Mapping[str, Entity]) -> tuple[Source, ...]:
    return tuple(
        Source(
            article=a.id, headline=headline_of(a), outlet=a.outlet, lang=a.lang, language=language_name(a.lang),
            dir=direction(a.lang), published=a.published.isoformat() if a.published else None,
            cites=_cited(a, entities),
        )
        for a in articles
    )


def entity_rows(articles: Sequence[Article], entities: Mapping[str, Entity]) -> tuple[EntityRow, ...]:
    """The story's entities, those named by most articles first."""
    by_entity: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        for mention in article.mentions:
            if mention.entity in entities:
                by_entity[mention.entity].add(article.id)
    rows = []
    for entity_id, in_articles in by_entity.items():
        entity = entities[entity_id]
        names = tuple((code, direction(code), tuple(ns)) for code, ns in sorted(entity.names.items()))
        rows.append(EntityRow(entity.id, entity.label, _TYPE_NAMES.get(entity.type.value, entity.type.value),
                              names, len(in_articles)))
    return tuple(sorted(rows, key=lambda r: (-r.articles, r.type != "person", r.label)))


# --- what happened -------------------------------------------------------------------------


def _what(articles: Sequence[Article], entities: Mapping[str, Entity]) -> tuple[str, tuple[str, ...], tuple[str, ...], str | None]:
    """Event, who, where and when, by how many sources state each (past events first)."""
    claims = [c for a in articles for c in claims_of(a, entities) if c.event]
    present = [c for c in claims if not c.future] or claims
    events: Counter[str] = Counter()
    for article in articles:
        mine = [c for c in present if c.article.id == article.id]
        if mine:
            events.update({c.event: 2.0 for c in mine if c.sentence == mine[0].sentence})
        events.update({c.event: 1.0 for c in mine})
    for claim in present:
        if claim.place or claim.date or claim.duration:
            events[claim.event] += 0.5
    event = min(events, key=lambda e: (-events[e], e)) if events else "story"
    about = [c for c in present if c.event == event]
    who = Counter()
    where = Counter()
    when = Counter()
    for article in articles:
        mine = [c for c in about if c.article.id == article.id]
        who.update({p for c in mine for p in c.participants if entities[p].type == EntityType.PERSON})
        where.update({c.place.value for c in mine if c.place and c.place.value in entities})
        when.update({c.date.value for c in mine if c.date and date_span(c.date.value)})
    shared_places = [i for i, n in where.items() if n > 1]
    places = shared_places or [i for i, _ in where.most_common(3)]
    return (
        event,
        tuple(entities[i].label for i, _ in who.most_common(6)),
        tuple(entities[i].label for i in places[:3]),
        date_text(when.most_common(1)[0][0]) if when else None,
    )


def timeline_rows(articles: Sequence[Article], entities: Mapping[str, Entity]) -> tuple[TimelineRow, ...]:
    """Each dated event once, with the languages that report it, in date order."""
    rows: dict[tuple[str, str], dict] = {}
    for article in articles:
        for claim in claims_of(article, entities):
            if not claim.event or not claim.date or claim.date.kind == "vague":
                continue
            key = (claim.date.value, claim.event)
            row = rows.setdefault(key, {"who": Counter(), "where": Counter(), "langs": [], "future": claim.future})
            row["who"].update(claim.participants)
            if claim.place:
                row["where"][claim.place.value] += 1
            if language_name(article.lang) not in row["langs"]:
                row["langs"].append(language_name(article.lang))
    out = []
    for (date, event), row in rows.items():
        label = _event_label(event, [i for i, _ in row["who"].most_common(3)], [i for i, _ in row["where"].most_common(1)], entities)
        out.append(TimelineRow(date, date_text(date), event, label, tuple(row["langs"]), row["future"]))
    return tuple(sorted(out, key=lambda r: (date_span(r.date).start, date_span(r.date).end, r.event)))


def _event_label(event: str, who: Sequence[str], where: Sequence[str], entities: Mapping[str, Entity]) -> str:
    label = event
    names = [entities[i].label for i in who if i in entities]
    if names:
        label += " — " + ", ".join(names)
    places = [entities[i].label for i in where if i in entities]
    if places:
        label += f" in {places[0]}"
    return label


# --- claims --------------------------------------------------------------------------------


def _event_place(comparison: Comparison, articles: Mapping[str, Article], entities: Mapping[str, Entity]) -> str | None:
    """Where the compared event happened, when the facts the values were read from agree on it."""
    places: set[str] = set()
    for value in comparison.values:
        article = articles.get(value.article)
        if article is None:
            continue
        for fact in article.facts:
            if fact.start == value.start and fact.event == comparison.event and fact.place is not None:
                mention = article.mentions[fact.place] if fact.place < len(article.mentions) else None
                if mention and mention.entity in entities:
                    places.add(entities[mention.entity].label)
    return places.pop() if len(places) == 1 else None


def caption(value: ReportedValue) -> str:
    return f"{value.display} — {source_phrase(value.lang, value.outlet, value.via)}"


def _claim(comparison: Comparison, articles: Mapping[str, Article], entities: Mapping[str, Entity]) -> Claim:
    captions = tuple(caption(v) for v in comparison.values)
    if comparison.slot == QUOTE_SLOT:
        speaker = comparison.values[0].display if comparison.values else "a speaker"
        where = " and ".join(dict.fromkeys(language_name(v.lang) for v in comparison.values))
        headline = f"{speaker} — statement reported in {where}"
    else:
        subject = comparison.event
        place = _event_place(comparison, articles, entities) if comparison.slot != PLACE else None
        if place:
            subject = f"{subject} in {place}"
        slot = _SLOT_NAMES.get(comparison.slot, comparison.slot)
        sources: dict[str, list[str]] = {}
        for v in comparison.values:
            sources.setdefault(v.display, []).append(source_phrase(v.lang, v.outlet, v.via))
        shown = [f"{display} ({'; '.join(dict.fromkeys(phrases))})" for display, phrases in sources.items()]
        joiner = " vs " if comparison.status == DIFFER else "; "
        headline = f"{subject} — {slot}: {joiner.join(shown)}"
    return Claim(comparison.status, comparison.slot, comparison.event, headline, comparison.note,
                 comparison.values, captions)


def build_dossier(articles: Sequence[Article], entities: Mapping[str, Entity], *, story: Story | None = None,
                  comparisons: Sequence[Comparison] | None = None) -> Dossier:
    """The dossier of a story (or of any set of articles taken as one story)."""
    ordered = story_order(articles)
    if comparisons is None:
        comparisons = (story.comparison if story and story.comparison else None) or compare_story(ordered, entities)
    by_id = {a.id: a for a in ordered}
    claims = [_claim(c, by_id, entities) for c in comparisons]
    event, who, where, when = _what(ordered, entities)
    title = story.title if story else (headline_of(ordered[0]) if ordered else "")
    return Dossier(
        id=story.id if story else (ordered[0].id if ordered else ""),
        title=(story.label or title) if story else title,
        event=(story.event or event) if story else event,
        who=who,
        where=where,
        when=when,
        sources=sources_of(ordered, entities),
        timeline=timeline_rows(ordered, entities),
        differences=tuple(c for c in claims if c.status == DIFFER),
        agreements=tuple(c for c in claims if c.status == AGREE and c.slot != QUOTE_SLOT),
        only_in_one=tuple(c for c in claims if c.status == ONLY_IN_ONE and c.slot != QUOTE_SLOT),
        quotes=tuple(c for c in claims if c.slot == QUOTE_SLOT),
        entities=entity_rows(ordered, entities),
        comparisons=tuple(comparisons),
    )


def dossier_from_store(store, story_id: str) -> Dossier:
    """The dossier of a stored story (by id); its stored comparison is reused when present."""
    from newsweave.errors import NotFoundError

    get_story = getattr(store, "get_story", None)
    if get_story is None:
        raise NotFoundError(f"story {story_id!r} not found", hint="this store keeps no stories")
    story = get_story(story_id)
    articles = [store.get_article(i) for i in story.articles]
    return build_dossier(articles, store.entities_of(articles), story=story)
