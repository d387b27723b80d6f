"""Claims: what one article says about one event, with every value resolved to comparable form.

A claim is built from a fact (event key, participants, place, time, duration, quantities), or,
for a number no fact carries ("45 people were injured" where no event word was found), from the
number alone with an empty event. Values point back to their spans so a reader can see them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from newsweave.compare.values import DateSpan, date_span, duration_seconds
from newsweave.model import Article, Entity, EntityType, Quantity, TimeExpr, TimeKind

_CURRENCIES = frozenset({"usd", "eur", "gbp", "irr", "iqd", "sar", "aed", "rub", "uah", "cny", "jpy", "try"})
_UNNAMED_COUNTS = frozenset({"count"})
"""Units that say nothing about what is counted: never compared across sources."""


@dataclass(frozen=True)
class Located:
    """A value with the span it was read from."""

    value: str
    start: int
    end: int
    kind: str = ""
    confidence: float = 1.0
    note: str | None = None


@dataclass(frozen=True)
class Count:
    slot: str
    """What is counted, in English: ``injured``, ``killed``, ``people``, ``amount``, ``percent`` …"""
    quantity: Quantity


@dataclass(frozen=True)
class Claim:
    """One event as one article states it in one sentence."""

    article: Article
    fact: int | None
    event: str
    """English event key; empty for a number that no fact carries."""
    future: bool
    sentence: tuple[int, int]
    participants: frozenset[str]
    place: Located | None
    date: Located | None
    duration: Located | None
    counts: tuple[Count, ...]
    attribution: int | None
    sentence_dates: tuple[DateSpan, ...]
    sentence_places: frozenset[str]
    sentence_durations: tuple[float, ...]

    @property
    def date_span(self) -> DateSpan | None:
        return date_span(self.date.value) if self.date else None

    @property
    def text(self) -> str:
        return self.article.text[self.sentence[0] : self.sentence[1]]


def count_slot(quantity: Quantity) -> str | None:
    """The English slot a number fills, or None when what it counts is unknown."""
    unit = quantity.unit
    if unit in _UNNAMED_COUNTS:
        return None
    if unit == "person":
        return quantity.measure or "people"
    if unit in _CURRENCIES:
        return "amount"
    return unit


def _time(article: Article, index: int | None) -> TimeExpr | None:
    if index is None or not 0 <= index < len(article.times):
        return None
    return article.times[index]


def _date_of(time: TimeExpr | None) -> Located | None:
    if time is None or not time.value or time.kind == TimeKind.DURATION or date_span(time.value) is None:
        return None
    return Located(time.value, time.start, time.end, time.kind.value, time.confidence, time.note)


def _duration_of(time: TimeExpr | None) -> Located | None:
    if time is None or not time.value or duration_seconds(time.value) is None:
        return None
    return Located(time.value, time.start, time.end, time.kind.value, time.confidence, time.note)


def _place_of(article: Article, index: int | None) -> Located | None:
    if index is None or not 0 <= index < len(article.mentions):
        return None
    mention = article.mentions[index]
    return Located(mention.entity, mention.start, mention.end) if mention.entity else None


def channel_entities(article: Article) -> frozenset[str]:
    """Entities that carry statements (outlets, agencies, platforms), not take part in events."""
    ids = {
        article.mentions[via.mention].entity
        for attribution in article.attributions
        for via in attribution.via
        if via.mention is not None and 0 <= via.mention < len(article.mentions)
    }
    if article.outlet:
        ids.update(m.entity for m in article.mentions if m.text == article.outlet)
    return frozenset(i for i in ids if i)


def _participants(article: Article, indices: tuple[int, ...], entities: Mapping[str, Entity],
                  channels: frozenset[str]) -> frozenset[str]:
    out = set()
    for index in indices:
        if not 0 <= index < len(article.mentions):
            continue
        mention = article.mentions[index]
        entity = entities.get(mention.entity) if mention.entity else None
        if entity is None or entity.id in channels or entity.type == EntityType.PLACE:
            continue
        out.add(entity.id)
    return frozenset(out)


def _sentence_of(article: Article, start: int, end: int) -> tuple[int, int]:
    sentence = article.sentence_at(start)
    return (sentence.start, sentence.end) if sentence else (start, end)


def _in_sentence(article: Article, span: tuple[int, int]) -> tuple[tuple[DateSpan, ...], frozenset[str], tuple[float, ...]]:
    """Every date, place and duration the sentence mentions, attached to an event or not."""
    start, end = span
    dates, durations = [], []
    for time in article.times:
        if start <= time.start < end and time.value:
            if time.kind == TimeKind.DURATION:
                if (seconds := duration_seconds(time.value)) is not None:
                    durations.append(seconds)
            elif (d := date_span(time.value)) is not None:
                dates.append(d)
    places = frozenset(
        m.entity for m in article.mentions if start <= m.start < end and m.entity and m.type == EntityType.PLACE
    )
    return tuple(dates), places, tuple(durations)


def _is_future(article: Article, modality: str, date: Located | None) -> bool:
    """Expected events, and events dated after publication whatever the verb said."""
    if modality == "expected":
        return True
    span = date_span(date.value) if date else None
    return bool(span and article.published and span.start > article.published)


def _orphan_quantities(article: Article) -> tuple[Quantity, ...]:
    """Numbers with units that no fact carries: kept by extraction, found again for articles
    stored before that."""
    if article.loose_quantities is not None:
        return article.loose_quantities
    from newsweave.extract.facts import loose_quantities

    return loose_quantities(article)


def claims_of(article: Article, entities: Mapping[str, Entity]) -> list[Claim]:
    """Every claim of an article, in text order: one per fact, one per number without a fact."""
    channels = channel_entities(article)
    claims: list[Claim] = []
    mentioned: dict[tuple[int, int], tuple] = {}  # one sentence often states several facts

    def in_sentence(span: tuple[int, int]) -> tuple[tuple[DateSpan, ...], frozenset[str], tuple[float, ...]]:
        if span not in mentioned:
            mentioned[span] = _in_sentence(article, span)
        return mentioned[span]

    for index, fact in enumerate(article.facts):
        sentence = (fact.start, fact.end)
        date = _date_of(_time(article, fact.time))
        dates, places, durations = in_sentence(sentence)
        counts = tuple(Count(slot, q) for q in fact.quantities if (slot := count_slot(q)))
        claims.append(Claim(
            article=article, fact=index, event=fact.event, future=_is_future(article, fact.modality, date),
            sentence=sentence, participants=_participants(article, fact.participants, entities, channels),
            place=_place_of(article, fact.place), date=date, duration=_duration_of(_time(article, fact.duration)),
            counts=counts, attribution=fact.attribution, sentence_dates=dates, sentence_places=places,
            sentence_durations=durations,
        ))
    for quantity in _orphan_quantities(article):
        slot = count_slot(quantity)
        if slot is None:
            continue
        sentence = _sentence_of(article, quantity.start, quantity.end)
        dates, places, durations = in_sentence(sentence)
        claims.append(Claim(
            article=article, fact=None, event="", future=False, sentence=sentence, participants=frozenset(),
            place=None, date=None, duration=None, counts=(Count(slot, quantity),),
            attribution=_carrier(article, quantity.start), sentence_dates=dates, sentence_places=places,
            sentence_durations=durations,
        ))
    return claims


def _carrier(article: Article, offset: int) -> int | None:
    """The attributed statement a number sits in, if any."""
    for index, attribution in enumerate(article.attributions):
        if attribution.start <= offset < attribution.end:
            return index
    return None
