"""What clustering needs from one article, boiled down to a small language-neutral record.

Clustering never looks at the text again: entity ids, numbers, dates, the lead event and a
bottom-k sketch of word shingles are enough to compare articles across languages, and the
record is small enough to keep the whole active window in memory and to persist for restarts.
Everything here is a pure function of one linked article.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from newsweave.data import load_gazetteer
from newsweave.errors import LanguageDataError
from newsweave.model import Article, EntityType, Fact, TimeExpr, TimeKind
from newsweave.text.keys import key

LEAD_SENTENCES = 2
"""Sentences at the top of an article that state its news (the lead)."""
SKETCH_SIZE = 32
"""Bottom-k sketch size: Jaccard estimates good to about ±0.1, 32 ints per article."""
_MAX_SHINGLE_WORDS = 400
_MAX_EVENTS = 12

CENTRAL_TITLE = 2.0
CENTRAL_LEAD = 1.5
MEDIA_FACTOR = 0.3
PLACE_FACTOR = 0.7

_DIGIT_FOLD = str.maketrans({chr(b + i): str(i) for b in (0x0660, 0x06F0) for i in range(10)} | {"٫": ".", "٬": ","})
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.,])\d+(?:\.\d+)?(?![\w])")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class EntityFeature:
    id: str
    weight: float
    """Type and centrality in this article: 2.0 in the title, 1.5 in the lead, ×0.7 for a
    place, ×0.3 for a news outlet or platform (they carry reports, they are not the news)."""
    type: str = "PER"
    media: bool = False


@dataclass(frozen=True, slots=True)
class EventFeature:
    """One fact of the article, reduced to what stories and timelines compare."""

    fact: int
    kind: str
    day: int | None = None
    """Proleptic ordinal of the resolved date (``date.toordinal()``); None when undated."""
    end_day: int | None = None
    place: str | None = None
    participants: tuple[str, ...] = ()
    modality: str = "asserted"
    lead: bool = False


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    id: str
    lang: str
    outlet: str | None = None
    title: str = ""
    """The headline, or the first line of the text (shortened) when the input had none."""
    titled: bool = False
    published: int | None = None
    """Publication day as an ordinal; None when the input carried no date."""
    day: int | None = None
    """The article's day: published, else the latest absolute date it states (estimated)."""
    main_day: int | None = None
    """Day of the lead event: its dated lead fact, else the first date in the lead."""
    main_day_from_fact: bool = False
    main_partial: str | None = None
    """When ``main_day`` is unknown (an undated article): month and day of the lead event as the
    lead states them without a year (``--08-03``), in ``main_calendar``."""
    main_calendar: str | None = None
    """Calendar of ``main_partial`` (``gregorian``, ``jalali`` or ``hijri``)."""
    main_weekday: int | None = None
    """When ``main_day`` is unknown: the weekday the lead names for its event (ISO, 1 = Monday)."""
    main_kind: str | None = None
    """Event family of the lead (see events.json); None when the lead names only generic events."""
    main_place: str | None = None
    entities: tuple[EntityFeature, ...] = ()
    numbers: tuple[str, ...] = ()
    """Language-neutral number tokens: digits as written (ASCII), durations, quantities."""
    speakers: tuple[str, ...] = ()
    """Entity ids of quoted speakers."""
    events: tuple[EventFeature, ...] = ()
    sketch: tuple[int, ...] = ()
    """Bottom-k hashes of word 3-shingles: near-duplicate detection within one language."""
    embedding: tuple[int, ...] = ()
    """Optional multilingual sentence embedding, unit length scaled to int8 (see embeddings.py)."""


# --- event families ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _event_data() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    path = resources.files("newsweave.cluster") / "events.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        family_of = {kind: family for family, kinds in data["families"].items() for kind in kinds}
        generic = frozenset(data["generic"])
        skip = frozenset(data.get("timeline_skip", ()))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise LanguageDataError(f"newsweave/cluster/events.json is unusable: {exc}", hint="reinstall newsweave") from None
    return family_of, generic, skip


def event_family(kind: str) -> str | None:
    """The family an event key belongs to; None for generic events that separate nothing."""
    family_of, generic, _ = _event_data()
    if kind in generic:
        return None
    return family_of.get(kind, kind)


def on_timeline(kind: str) -> bool:
    """Whether an event kind is something that happened (not a statement about it)."""
    return kind not in _event_data()[2]


@lru_cache(maxsize=1)
def _media_labels() -> frozenset[str]:
    return frozenset(entry["canonical"] for kind in ("agencies", "platforms") for entry in load_gazetteer(kind))


# --- features ------------------------------------------------------------------------------


def day_of(value: dt.date | None) -> int | None:
    return value.toordinal() if value else None


def date_of(day: int | None) -> dt.date | None:
    return dt.date.fromordinal(day) if day is not None else None


def _iso_days(value: str | None) -> tuple[int, int] | None:
    """First and last day of an ISO date or interval value; None for durations and junk."""
    if not value or value.startswith("P"):
        return None
    first, _, last = value.partition("/")
    try:
        start = dt.date.fromisoformat(first).toordinal()
        end = dt.date.fromisoformat(last).toordinal() if last else start
    except ValueError:
        return None
    return start, end


def _lead_end(article: Article) -> int:
    if len(article.sentences) > LEAD_SENTENCES:
        return article.sentences[LEAD_SENTENCES - 1].end
    return len(article.text)


def _media_entities(article: Article) -> set[str]:
    """Outlets, agencies and platforms: organisations that carry reports (people never are)."""
    media = _media_labels()
    mentions = article.mentions
    out = {m.entity for m in mentions if m.entity and m.canonical in media}
    for attribution in article.attributions:
        for via in attribution.via:
            if via.mention is not None and 0 <= via.mention < len(mentions):
                mention = mentions[via.mention]
                if mention.entity and mention.type == EntityType.ORG:
                    out.add(mention.entity)
    return out


@lru_cache(maxsize=4096)
def _name_key(text: str) -> str:
    return key(text)


def _in_title(name: str, title_key: str) -> bool:
    name_key = _name_key(name)
    return len(name_key) >= 2 and name_key in title_key


def entity_features(article: Article, lead_end: int) -> tuple[EntityFeature, ...]:
    """Linked entities with how central they are to this article, strongest first."""
    title_key = key(article.title) if article.title else ""
    media = _media_entities(article)
    best: dict[str, float] = {}
    types: dict[str, str] = {}
    for mention in article.mentions:
        if not mention.entity:
            continue
        central = 1.0
        if title_key and _in_title(mention.text, title_key):
            central = CENTRAL_TITLE
        elif mention.start < lead_end:
            central = CENTRAL_LEAD
        if central > best.get(mention.entity, 0.0):
            best[mention.entity] = central
        types.setdefault(mention.entity, mention.type.value)
    out = []
    for entity, central in best.items():
        factor = MEDIA_FACTOR if entity in media else (PLACE_FACTOR if types[entity] == EntityType.PLACE.value else 1.0)
        out.append(EntityFeature(entity, round(central * factor, 3), types[entity], entity in media))
    out.sort(key=lambda e: (-e.weight, e.id))
    return tuple(out)


def _fact_event(article: Article, index: int, fact: Fact, lead_end: int) -> EventFeature:
    mentions, times = article.mentions, article.times
    days = None
    if fact.time is not None and 0 <= fact.time < len(times):
        days = _iso_days(times[fact.time].value)
    place = None
    if fact.place is not None and 0 <= fact.place < len(mentions):
        place = mentions[fact.place].entity
    participants = tuple(dict.fromkeys(
        mentions[i].entity for i in fact.participants if 0 <= i < len(mentions) and mentions[i].entity
    ))
    return EventFeature(
        fact=index, kind=fact.event,
        day=days[0] if days else None, end_day=days[1] if days else None,
        place=place, participants=participants, modality=fact.modality, lead=fact.start < lead_end,
    )


def _main_event(events: tuple[EventFeature, ...]) -> tuple[str | None, int | None, str | None]:
    """Family, day and place of the lead event: the news the article opens with.

    Expected events (plans) are not the news; a precise date (one day) beats an interval.
    """
    family = day = place = None
    for event in events:
        if not event.lead or event.modality == "expected":
            continue
        if family is None:
            family = event_family(event.kind)
        if day is None and event.day is not None and event.end_day == event.day:
            day = event.day
        if place is None and event.place:
            place = event.place
    return family, day, place


def _lead_date(article: Article, lead_end: int) -> int | None:
    for time in article.times:
        if time.start >= lead_end:
            break
        if time.kind == TimeKind.DATE and time.confidence >= 0.5:
            days = _iso_days(time.value)
            if days and days[0] == days[1]:
                return days[0]
    return None


def _lead_partial_date(article: Article, lead_end: int) -> TimeExpr | None:
    """What the lead states of its event's day when no date in it resolves (no publication
    date): the first expression stating a month-day or a weekday, by the rule of ``_lead_date``."""
    for time in article.times:
        if time.start >= lead_end:
            break
        if time.kind == TimeKind.DATE and time.confidence >= 0.5 and (time.partial or time.weekday):
            return time
    return None


def _estimated_day(article: Article) -> int | None:
    """For an undated article: the latest absolute single-day date it states."""
    days = [d[0] for t in article.times if t.kind == TimeKind.DATE and (d := _iso_days(t.value)) and d[0] == d[1]]
    return max(days) if days else None


def number_tokens(article: Article) -> tuple[str, ...]:
    """Numbers every language writes alike (5.4, 86, 1.2), durations and counted quantities.

    Digits inside time expressions (dates, years) and integers below ten say nothing.
    """
    text = article.text
    spans = sorted((t.start, t.end) for t in article.times)
    pieces, last = [], 0
    for start, end in spans:
        if start >= last:
            pieces.append(text[last:start])
            last = end
    pieces.append(text[last:])
    out: set[str] = set()
    for piece in pieces:
        for match in _NUMBER.finditer(piece.translate(_DIGIT_FOLD)):
            token = match.group().replace(",", "")
            if "." in token:
                token = token.rstrip("0").rstrip(".")
            if "." not in token and int(token) < 10:
                continue
            out.add(token)
    for time in article.times:
        if time.kind == TimeKind.DURATION and time.value:
            out.add(time.value)
    for fact in article.facts:
        for quantity in fact.quantities:
            out.add(f"{quantity.value:g}{quantity.unit}")
    return tuple(sorted(out))


def shingle_sketch(text: str, size: int = SKETCH_SIZE) -> tuple[int, ...]:
    """Bottom-k of crc32 hashes of word 3-shingles (deterministic across processes)."""
    words = _WORD.findall(key(text))[:_MAX_SHINGLE_WORDS]
    if len(words) < 3:
        return ()
    hashes = {zlib.crc32(" ".join(words[i : i + 3]).encode()) for i in range(len(words) - 2)}
    return tuple(sorted(hashes)[:size])


def _first_line(text: str, limit: int = 160) -> str:
    line = text.strip().split("\n", 1)[0].strip()
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


class TextFeatures(NamedTuple):
    """The part of an article's clustering record that entity linking does not change (it
    changes only mentions' entity ids): a parallel engine's workers compute it beside the
    extraction, so the single writer does not (about 0.4 ms an article)."""

    numbers: tuple[str, ...]
    sketch: tuple[int, ...]


def text_features(article: Article) -> TextFeatures:
    return TextFeatures(numbers=number_tokens(article), sketch=shingle_sketch(article.text))


def extract_features(article: Article, unlinked: TextFeatures | None = None) -> ArticleFeatures:
    """The clustering record of one linked article; ``unlinked``: its ``text_features`` when
    already computed (before linking, which does not change them)."""
    text = unlinked if unlinked is not None else text_features(article)
    lead_end = _lead_end(article)
    events = tuple(_fact_event(article, i, f, lead_end) for i, f in enumerate(article.facts))[:_MAX_EVENTS]
    family, main_day, place = _main_event(events)
    from_fact = main_day is not None
    if main_day is None:
        main_day = _lead_date(article, lead_end)
    partial = _lead_partial_date(article, lead_end) if main_day is None else None
    published = day_of(article.published)
    speakers = tuple(sorted({
        article.mentions[a.speaker].entity
        for a in article.attributions
        if a.speaker is not None and 0 <= a.speaker < len(article.mentions) and article.mentions[a.speaker].entity
    }))
    return ArticleFeatures(
        id=article.id,
        lang=article.lang,
        outlet=article.outlet,
        title=(article.title or "")[:300] or _first_line(article.text),
        titled=bool(article.title),
        published=published,
        day=published if published is not None else _estimated_day(article),
        main_day=main_day,
        main_day_from_fact=from_fact,
        main_partial=partial.partial if partial else None,
        main_calendar=partial.calendar if partial and partial.partial else None,
        main_weekday=partial.weekday if partial else None,
        main_kind=family,
        main_place=place,
        entities=entity_features(article, lead_end),
        numbers=text.numbers,
        speakers=speakers,
        events=events,
        sketch=text.sketch,
    )
