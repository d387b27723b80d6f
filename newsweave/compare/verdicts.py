"""Verdicts: ``agree``, ``differ`` or ``only_in_one``, each value with its provenance and a note.

A difference is reported only between articles that share no compatible value for the slot;
values that nest (Miami in Florida), overlap (a day inside "this week") or are stated beside
each other in one sentence are not a conflict. Where two different values may both hold (a
report in person in one city, a meeting in another on a later day), the verdict stays
``differ`` and the note says why it may not be a conflict, rather than staying silent.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Mapping, Sequence

from newsweave.compare.align import DATE, DURATION, PLACE, Group, Item, event_family, value_relation
from newsweave.compare.claims import Claim
from newsweave.compare.provenance import language_name, via_chain
from newsweave.compare.values import date_text, duration_text, quantity_text
from newsweave.model import Comparison, Entity, ReportedValue

AGREE, DIFFER, ONLY_IN_ONE = "agree", "differ", "only_in_one"
STATUS_ORDER = {DIFFER: 0, AGREE: 1, ONLY_IN_ONE: 2}
TOLL_SLOTS = frozenset({"killed", "injured", "missing", "displaced", "arrested"})
"""Counts that grow as reports come in: a difference between reports of different times is
expected, and the note says so."""


# --- values for a reader -------------------------------------------------------------------


def display(item: Item, entities: Mapping[str, Entity]) -> str:
    """The value in English for a reader who knows no Persian or Arabic."""
    if item.slot == PLACE:
        entity = entities.get(item.value)
        if entity:
            return entity.label
        return item.claim.article.text[item.located.start : item.located.end]
    if item.slot == DATE:
        return date_text(item.value)
    if item.slot == DURATION:
        return duration_text(item.value)
    q = item.quantity
    return quantity_text(q.value, q.unit, q.measure) if q else item.value


def reported(item: Item, entities: Mapping[str, Entity]) -> ReportedValue:
    claim = item.claim
    article = claim.article
    return ReportedValue(
        value=item.value,
        display=display(item, entities),
        article=article.id,
        outlet=article.outlet,
        lang=article.lang,
        text=claim.text,
        start=claim.sentence[0],
        end=claim.sentence[1],
        via=via_chain(article, claim.attribution, entities),
        value_start=item.located.start,
        value_end=item.located.end,
    )


def _distinct(items: Sequence[Item], entities: Mapping[str, Entity]) -> list[Item]:
    """One item per article and value (the first stated)."""
    out: list[Item] = []
    kept: dict[str, list[Item]] = defaultdict(list)
    entity_map = dict(entities)
    for item in items:
        same_article = kept[item.article_id]
        if not any(value_relation(o, item, entity_map) == "equal" for o in same_article):
            out.append(item)
            same_article.append(item)
    return out


# --- status --------------------------------------------------------------------------------


def _pair_relations(items: Sequence[Item], entities: Mapping[str, Entity]) -> tuple[bool, list[tuple[Item, Item, str]]]:
    """Whether every two articles share a compatible value; and the relations seen across them
    (all of them when consistent: only an agreement reads them, so the first two articles that
    share nothing end the search)."""
    by_article: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_article[item.article_id].append(item)
    ids = list(by_article)
    entity_map = dict(entities)
    seen: list[tuple[Item, Item, str]] = []
    for i, a_id in enumerate(ids):
        for b_id in ids[i + 1 :]:
            relations = [(a, b, value_relation(a, b, entity_map)) for a in by_article[a_id] for b in by_article[b_id]]
            seen.extend(relations)
            if not any(r in ("equal", "compatible") for _, _, r in relations):
                return False, seen
    return True, seen


def _event_of(claims: Sequence[Claim], fallback: str) -> str:
    """The event most claims name; the story's when most are bare numbers."""
    events = [c.event for c in claims if c.event]
    if len(events) * 2 < len(claims) or not events:
        return fallback
    return max(dict.fromkeys(events), key=events.count)


def _lang_phrase(items: Sequence[Item]) -> str:
    langs = list(dict.fromkeys(language_name(i.claim.article.lang) for i in items))
    return " and ".join(langs)


def _supported(items: Sequence[Item], relations: list[tuple[Item, Item, str]]) -> list[Item]:
    """In an agreement, the values another article backs (an article's stray extra value is not
    part of what the sources agree on)."""
    backed = {id(x) for a, b, r in relations if r in ("equal", "compatible") for x in (a, b)}
    return [i for i in items if id(i) in backed]


# --- notes ---------------------------------------------------------------------------------


def _agree_note(relations: list[tuple[Item, Item, str]], entities: Mapping[str, Entity]) -> str | None:
    for a, b, relation in relations:
        if relation == "compatible":
            da, db = display(a, entities), display(b, entities)
            if a.slot == PLACE:
                return f"{da} and {db} are given; one lies within the other or both are named in one sentence"
            if a.slot == DATE:
                return f"{da} and {db} overlap or are both named in one sentence"
            return f"{da} and {db} are both named in one sentence"
    for a, b, relation in relations:
        if relation == "equal" and a.value != b.value and a.slot == DURATION:
            return f"normalised: {duration_text(a.value)} = {duration_text(b.value)}"
    return None


def _dated(claims: Sequence[Claim]) -> list[Claim]:
    return [c for c in claims if c.date_span is not None]


def _differ_note(slot: str, items: Sequence[Item], entities: Mapping[str, Entity]) -> str:
    claims = [i.claim for i in items]
    values = " vs ".join(dict.fromkeys(display(i, entities) for i in items))
    if slot == PLACE:
        dated = _dated(claims)
        spans = {c.date_span for c in dated}
        if len(dated) == len(claims) and len(spans) == 1:
            return f"a conflict: the same event on {date_text(dated[0].date.value)} cannot be in both {values}"
        days = "; ".join(
            f"{language_name(c.article.lang)}: {date_text(c.date.value) if c.date else 'no date'}" for c in claims
        )
        return f"may both hold: {values} may be different occasions of the {_event_of(claims, 'event')} ({days})"
    if slot == DURATION:
        both = " and ".join(dict.fromkeys(display(i, entities) for i in items))
        return f"a conflict: the same {_event_of(claims, 'event')} cannot last both {both}"
    if slot == DATE:
        doubtful = [i.located.note for i in items if i.located.confidence < 1 and i.located.note]
        note = f"a conflict: {values}"
        return note + (f" (note: {doubtful[0]})" if doubtful else "")
    if slot in TOLL_SLOTS:
        days = sorted({str(c.article.published) for c in claims if c.article.published})
        when = f"; published {' and '.join(days)}" if len(days) > 1 else ""
        return f"counts of {slot} often change between reports{when}: {values}"
    return f"a conflict: {values}"


def _only_note(item: Item, claims: Sequence[Claim], compared: Sequence[Sequence[Item]],
               entities: Mapping[str, Entity]) -> str:
    """Whether the other sources mention the event at all, and whether this value is out of line."""
    claim = item.claim
    family = event_family(claim.event) if claim.event else frozenset()
    for items in compared:
        same_event = [i for i in items if i.claim.event == claim.event and i.claim.future == claim.future]
        if items[0].slot == item.slot and same_event:
            shown = " / ".join(dict.fromkeys(display(i, entities) for i in items))
            return f"the other sources give {shown} for the {claim.event or item.slot}; this may measure something else"
    others = [
        c for c in claims
        if c.article.id != claim.article.id and c.future == claim.future and c.event and c.event in family
    ]
    noun = claim.event or "story"
    if others:
        langs = " and ".join(dict.fromkeys(language_name(c.article.lang) for c in others))
        several = len({c.article.id for c in others}) > 1
        return f"the {langs} report{'s mention' if several else ' mentions'} the {noun} but give{'' if several else 's'} no {item.slot}"
    return f"no other source reports this {noun}"


# --- comparisons ---------------------------------------------------------------------------


def comparisons_for(groups: Sequence[Group], claims: Sequence[Claim], entities: Mapping[str, Entity],
                    *, fallback_event: str) -> list[Comparison]:
    """The verdict of every aligned group, then the values only one article gives."""
    out: list[Comparison] = []
    aligned = [g for g in groups if len(g.articles) > 1]
    compared: list[list[Item]] = []
    for group in aligned:
        items = _distinct(group.items, entities)
        consistent, relations = _pair_relations(items, entities)
        if consistent:
            items = _supported(items, relations)
        event = _event_of([i.claim for i in items], fallback_event)
        if consistent:
            note = _agree_note(relations, entities)
            status = AGREE
        else:
            note = _differ_note(group.slot, items, entities)
            status = DIFFER
        compared.append(items)
        out.append(Comparison(group.slot, event, status, tuple(reported(i, entities) for i in items), note))
    covered = {_event_key(i) for g in aligned for i in g.items}
    for group in groups:
        if len(group.articles) > 1:
            continue
        for item in _distinct(group.items, entities):
            if _event_key(item) in covered:
                continue  # the article already gives this event's value in a comparison
            event = item.claim.event or fallback_event
            note = _only_note(item, claims, compared, entities)
            out.append(Comparison(item.slot, event, ONLY_IN_ONE, (reported(item, entities),), note))
    return out


def _event_key(item: Item) -> tuple:
    claim = item.claim
    return (item.article_id, item.slot, claim.event, claim.future)


