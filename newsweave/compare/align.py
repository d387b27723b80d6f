"""Align the claims of different articles that speak of the same event and slot.

Two claims are taken to be about one real-world event only on evidence: the same or a related
event kind, the same tense (a planned round of talks is not the talks just held), and anchors
they share — participants, place, date, or being the only value of that kind each article gives
for the story's main event. Matching values need little evidence (they support each other);
rival values need more, because a difference reported must be real. Values that cannot be
rivals are never paired: durations or counts an order of magnitude apart, or dates more than a
week apart, measure different things.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, combinations, product, repeat
from typing import Callable, Hashable, Iterable, Iterator, Mapping, Sequence

from newsweave.compare.claims import Claim, Located
from newsweave.compare.values import (
    DateSpan,
    comparable_sizes,
    date_span,
    duration_seconds,
    near_range,
    places_nest,
    same_duration,
    same_number,
)
from newsweave.model import Entity, Quantity

PLACE, DATE, DURATION = "place", "date", "duration"
EVENT_SLOTS = (PLACE, DATE, DURATION)

RELATED_EVENTS = frozenset({frozenset({"talks", "meeting"}), frozenset({"talks", "call"})})
"""Event kinds one report may name for another's event: the talks held at a meeting or by phone.
A meeting is never a call, so relatedness is not transitive."""

RIVAL_DATE_DAYS = 7
"""Dates further apart than this are different occasions, not a disagreement about one."""
ALIGN_RIVALS = 1.0
"""Evidence needed to pair two different values as a disagreement."""
ALIGN_MATCHES = -0.5
"""Evidence needed to pair two matching values as an agreement."""
MAIN_EVENT_BONUS = 0.5
"""Evidence from both claims naming the story's own event: it helps, but is no anchor by itself."""


@dataclass(frozen=True)
class Item:
    """One value one claim gives for one slot."""

    claim: Claim
    slot: str
    value: str
    located: Located
    quantity: Quantity | None = None

    @property
    def article_id(self) -> str:
        return self.claim.article.id

    @property
    def magnitude(self) -> float | None:
        if self.quantity is not None:
            return self.quantity.value
        if self.slot == DURATION:
            return duration_seconds(self.value)
        return None


@dataclass(frozen=True)
class Group:
    """Items of one slot aligned across articles (or the items of one article alone)."""

    slot: str
    items: tuple[Item, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i.article_id for i in self.items))


# --- events --------------------------------------------------------------------------------


def event_relation(a: str, b: str) -> str | None:
    """``same``, ``related``, ``unknown`` (a number with no event) or None (different events)."""
    if not a or not b:
        return "unknown"
    if a == b:
        return "same"
    return "related" if frozenset({a, b}) in RELATED_EVENTS else None


@lru_cache(maxsize=1024)
def event_family(event: str) -> frozenset[str]:
    """The event and every kind reachable through related pairs (for counting an article's values)."""
    family = {event}
    grew = True
    while grew:
        grew = False
        for pair in RELATED_EVENTS:
            if pair & family and not pair <= family:
                family |= pair
                grew = True
    return frozenset(family)


def main_events(claims_by_article: Sequence[Sequence[Claim]]) -> frozenset[str]:
    """Event kinds the lead sentence of at least half the articles states (the story's event),
    with the kinds related to them (the same talks may be called a meeting)."""
    counts: Counter[str] = Counter()
    for claims in claims_by_article:
        with_event = [c for c in claims if c.event]
        if with_event:
            lead = with_event[0].sentence
            counts.update({c.event for c in with_event if c.sentence == lead})
    if not counts:
        return frozenset()
    needed = max(1, (len(claims_by_article) + 1) // 2)
    top = max(counts.values())
    lead = [e for e, n in counts.items() if n >= needed or n == top]
    return frozenset().union(*(event_family(e) for e in lead))


# --- items ---------------------------------------------------------------------------------


def items_of(claims: Iterable[Claim]) -> dict[str, list[Item]]:
    """Every slot value of every claim, by slot."""
    out: dict[str, list[Item]] = defaultdict(list)
    for claim in claims:
        if claim.place:
            out[PLACE].append(Item(claim, PLACE, claim.place.value, claim.place))
        if claim.date:
            out[DATE].append(Item(claim, DATE, claim.date.value, claim.date))
        if claim.duration:
            out[DURATION].append(Item(claim, DURATION, claim.duration.value, claim.duration))
        for count in claim.counts:
            q = count.quantity
            located = Located(f"{q.value:g} {q.unit}", q.start, q.end)
            out[count.slot].append(Item(claim, count.slot, located.value, located, q))
    return out


def is_count_slot(slot: str) -> bool:
    return slot not in EVENT_SLOTS


def _uniqueness_key(item: Item) -> tuple:
    claim = item.claim
    if is_count_slot(item.slot):
        return (claim.article.id, claim.future, item.slot)
    return (claim.article.id, event_family(claim.event), claim.future, item.slot)


def unique_values(items: Sequence[Item]) -> dict[tuple, bool]:
    """Whether each article gives one value only for a slot of an event family and tense."""
    values: dict[tuple, list[Item]] = defaultdict(list)
    for item in items:
        values[_uniqueness_key(item)].append(item)
    return {k: _one_value(v) for k, v in values.items()}


def unique_items(items: Sequence[Item]) -> dict[int, bool]:
    """``unique_values`` by item (its ``id``), as ``identity_evidence`` reads it."""
    by_key = unique_values(items)
    return {id(item): by_key[_uniqueness_key(item)] for item in items}


def _one_value(items: list[Item]) -> bool:
    first = items[0]
    return all(value_relation(first, other, entities={}) == "equal" for other in items[1:])


# --- values --------------------------------------------------------------------------------


def value_relation(a: Item, b: Item, entities: dict[str, Entity] | None = None) -> str:
    """``equal``, ``compatible`` (nested, or stated beside each other), ``rival`` or ``unrelated``."""
    if a.slot == PLACE:
        return _place_relation(a, b, entities or {})
    if a.slot == DATE:
        return _date_relation(a, b)
    if a.slot == DURATION:
        if same_duration(a.value, b.value):
            return "equal"
        sa, sb = a.magnitude, b.magnitude
        if sa is None or sb is None or not comparable_sizes(sa, sb):
            return "unrelated"
        if _co_mentioned_duration(a.claim, sb) or _co_mentioned_duration(b.claim, sa):
            return "compatible"
        return "rival"
    qa, qb = a.quantity, b.quantity
    if qa is None or qb is None or qa.unit != qb.unit:
        return "unrelated"
    if same_number(qa.value, qb.value):
        return "equal"
    return "rival" if comparable_sizes(abs(qa.value), abs(qb.value)) else "unrelated"


def _co_mentioned_duration(claim: Claim, seconds: float) -> bool:
    return any(abs(s - seconds) <= 0.005 * max(s, seconds) for s in claim.sentence_durations)


def _place_relation(a: Item, b: Item, entities: dict[str, Entity]) -> str:
    named = named_place_relation(a.value, b.value, entities)
    if named:
        return named
    if b.value in a.claim.sentence_places or a.value in b.claim.sentence_places:
        return "compatible"
    return "rival"


def named_place_relation(a: str, b: str, entities: dict[str, Entity]) -> str | None:
    """``equal`` or ``compatible`` when the place entities or their English labels say so (one
    place, or one inside the other); None when only their sentences could relate them."""
    if a == b:
        return "equal"
    la, lb = _label(a, entities), _label(b, entities)
    if la and lb and la.casefold() == lb.casefold():
        return "equal"
    if la and lb and places_nest(la, lb):
        return "compatible"
    return None


def _label(entity_id: str, entities: dict[str, Entity]) -> str | None:
    entity = entities.get(entity_id)
    return entity.label if entity else None


def _date_relation(a: Item, b: Item) -> str:
    da, db = date_span(a.value), date_span(b.value)
    if da is None or db is None:
        return "unrelated"
    if da == db:
        return "equal"
    if da.overlaps(db):
        return "compatible"
    if a.located.kind == "vague" or b.located.kind == "vague":
        return "unrelated"
    if _co_mentioned_date(a.claim, db) or _co_mentioned_date(b.claim, da):
        return "compatible"
    if da.gap_days(db) > RIVAL_DATE_DAYS or not (da.is_day and db.is_day):
        return "unrelated"
    return "rival"


def _co_mentioned_date(claim: Claim, span: DateSpan) -> bool:
    return any(d == span or (d.is_day and span.is_day and d.start == span.start) for d in claim.sentence_dates)


# --- evidence ------------------------------------------------------------------------------


def identity_evidence(a: Item, b: Item, *, unique: Mapping[int, bool], main: frozenset[str],
                      entities: dict[str, Entity]) -> float | None:
    """How strongly two claims of different articles speak of one event; None when they cannot."""
    ca, cb = a.claim, b.claim
    if ca.future != cb.future:
        return None
    relation = event_relation(ca.event, cb.event)
    if relation is None:
        return None
    counting = is_count_slot(a.slot)
    if relation == "unknown" and not counting:
        return None
    score = 0.0 if relation == "same" or (relation == "unknown" and counting) else -0.5
    if a.slot == "people" and relation != "same":
        return None  # a number of people with nothing said of them: only within one event kind
    score += min(len(ca.participants & cb.participants), 2)
    if a.slot != PLACE and ca.place and cb.place:
        score += _anchor_place(ca, cb, entities)
    if a.slot != DATE:
        score += _anchor_date(ca, cb)
    if a.slot != DURATION and ca.duration and cb.duration and same_duration(ca.duration.value, cb.duration.value):
        score += 1.0
    if unique.get(id(a)) and unique.get(id(b)):
        score += 1.0
    if relation != "unknown" and ca.event in main and cb.event in main:
        score += MAIN_EVENT_BONUS
    return score


def _anchor_place(ca: Claim, cb: Claim, entities: dict[str, Entity]) -> float:
    pa = Item(ca, PLACE, ca.place.value, ca.place)
    pb = Item(cb, PLACE, cb.place.value, cb.place)
    return 1.5 if value_relation(pa, pb, entities) in ("equal", "compatible") else -0.5


def _anchor_date(ca: Claim, cb: Claim) -> float:
    da, db = ca.date_span, cb.date_span
    if da is None or db is None:
        return 0.0
    if da.overlaps(db):
        return 1.5
    return -0.5 if da.gap_days(db) <= 2 else -3.0


# --- grouping ------------------------------------------------------------------------------


def linked(a: Item, b: Item, *, unique: Mapping[int, bool], main: frozenset[str],
           entities: dict[str, Entity]) -> bool:
    """Whether two items of different articles (``a`` first in the text) report one slot of one
    event: their values are related and the evidence reaches what the relation needs."""
    relation = value_relation(a, b, entities)
    if relation == "unrelated":
        return False
    evidence = identity_evidence(a, b, unique=unique, main=main, entities=entities)
    if evidence is None:
        return False
    return evidence >= (ALIGN_RIVALS if relation == "rival" else ALIGN_MATCHES)


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def align_slot(items: Sequence[Item], *, main: frozenset[str], entities: dict[str, Entity]) -> list[Group]:
    """Groups of items that report one slot of one event, across articles; text order kept.

    Two items of different articles are linked when their values are related and the evidence
    that they speak of one event reaches what the relation needs; the groups are the connected
    items, so the order pairs are judged in does not matter. Only the pairs ``link_candidates``
    finds are judged, which keeps a story of hundreds of articles from costing every pair.
    """
    unique = unique_items(items)
    article = [item.article_id for item in items]
    links = _UnionFind(len(items))
    find = links.find
    for i, j in link_candidates(items, unique=unique, entities=entities):
        if article[i] == article[j] or find(i) == find(j):
            continue
        lo, hi = (i, j) if i < j else (j, i)  # each pair is judged as the text orders it
        if linked(items[lo], items[hi], unique=unique, main=main, entities=entities):
            links.union(lo, hi)
    members: dict[int, list[Item]] = defaultdict(list)
    for i, item in enumerate(items):
        members[links.find(i)].append(item)
    return [Group(items[0].slot if items else "", tuple(group)) for _, group in sorted(members.items())]


def _blocks(items: Sequence[Item]) -> list[tuple[list[int], list[int]]]:
    """Pairs of index lists whose items may be linked: the same tense, event kinds that
    ``identity_evidence`` accepts together, and for counts the same unit (``value_relation``
    finds counts of different units unrelated). Every two items that may link are in exactly
    one pair of lists; a list paired with itself is the same object twice."""
    if not items:
        return []
    counting = is_count_slot(items[0].slot)
    people = items[0].slot == "people"
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        if counting and item.quantity is None:
            continue  # a count without a quantity relates to nothing
        unit = item.quantity.unit if counting else None
        blocks[(item.claim.future, item.claim.event, unit)].append(index)
    keys = list(blocks)
    out: list[tuple[list[int], list[int]]] = []
    for n, ka in enumerate(keys):
        for kb in keys[n:]:
            if ka[0] != kb[0] or ka[2] != kb[2]:
                continue
            relation = event_relation(ka[1], kb[1])
            if relation is None or (relation == "unknown" and not counting) or (people and relation != "same"):
                continue
            out.append((blocks[ka], blocks[kb]))
    return out


# --- candidate pairs -----------------------------------------------------------------------


def link_candidates(items: Sequence[Item], *, unique: Mapping[int, bool],
                    entities: dict[str, Entity]) -> Iterator[tuple[int, int]]:
    """Index pairs among which are all the pairs ``align_slot`` can link: two different indices,
    in either order, some pairs more than once (judging a pair twice gives the same answer).

    Related values (equal or compatible) need little evidence, so every pair whose values may be
    related is a candidate. Rival values need ``ALIGN_RIVALS``, and without an anchor (a shared
    participant, related places, overlapping dates, one duration, both articles' only value) the
    evidence of two claims is at most ``MAIN_EVENT_BONUS``; so a rival pair is a candidate only
    when its claims share an anchor. Both kinds are found through indexes within each block
    (``_blocks``), not by trying every pair: most pairs of a large story are rivals with no anchor.
    """
    for left, right in _blocks(items):
        if ALIGN_RIVALS <= MAIN_EVENT_BONUS:
            found: Iterable[Iterable[tuple[int, int]]] = [product(left, right)]
        else:
            found = _related_or_anchored(items, left, right, unique, entities)
        for i, j in chain.from_iterable(found):
            if i != j:
                yield i, j


_Pairs = Iterator[Iterable[tuple[int, int]]]
"""Batches of index pairs (one of the left list, one of the right)."""


def _related_or_anchored(items: Sequence[Item], left: list[int], right: list[int], unique: Mapping[int, bool],
                         entities: dict[str, Entity]) -> _Pairs:
    """Pairs whose values may be related or whose claims share an anchor ``identity_evidence``
    rewards. ``left is right`` means pairs within one list."""
    slot = items[left[0]].slot
    claims = [item.claim for item in items]
    named: dict[tuple[str, str], str | None] = {}

    def related_names(a: str, b: str) -> bool:
        if (a, b) not in named:
            named[a, b] = named_place_relation(a, b, entities)
        return named[a, b] is not None

    if slot == PLACE:
        yield from _related_places(left, right, lambda i: items[i].value, lambda i: claims[i].sentence_places,
                                   related_names)
    elif slot == DATE:
        def value_span(i: int) -> DateSpan | None:
            return date_span(items[i].value)

        yield from _overlapping(left, right, value_span)
        yield from _mentioning(left, right, lambda i: claims[i].sentence_dates, value_span)
    elif slot == DURATION:
        def seconds(i: int) -> float | None:
            return items[i].magnitude

        yield from _close(left, right, seconds)
        yield from _close_to_mentioned(left, right, lambda i: claims[i].sentence_durations, seconds)
    else:
        def number(i: int) -> float | None:
            quantity = items[i].quantity
            return quantity.value if quantity else None

        yield from _close(left, right, number)
    yield from _sharing(left, right, lambda i: claims[i].participants)
    yield from _sharing(left, right, lambda i: (True,) if unique.get(id(items[i])) else ())
    if slot != PLACE:
        def claim_place(i: int) -> str | None:
            place = claims[i].place
            return place.value if place else None

        yield from _related_places(left, right, claim_place, lambda i: claims[i].sentence_places, related_names)
    if slot != DATE:
        yield from _overlapping(left, right, lambda i: claims[i].date_span)
    if slot != DURATION:
        def claim_seconds(i: int) -> float | None:
            duration = claims[i].duration
            return duration_seconds(duration.value) if duration else None

        yield from _close(left, right, claim_seconds)


def _swapped(batches: _Pairs) -> _Pairs:
    return (((j, i) for i, j in batch) for batch in batches)


def _grouped(indices: list[int], keys: Callable[[int], Iterable[Hashable]]) -> dict[Hashable, list[int]]:
    out: dict[Hashable, list[int]] = defaultdict(list)
    for i in indices:
        for key in keys(i):
            out[key].append(i)
    return out


def _sharing(left: list[int], right: list[int], keys: Callable[[int], Iterable[Hashable]]) -> _Pairs:
    """Pairs that have a key in common."""
    rights = _grouped(right, keys)
    if left is right:
        yield from (combinations(members, 2) for members in rights.values())
        return
    for key, lefts in _grouped(left, keys).items():
        if key in rights:
            yield product(lefts, rights[key])


def _mentioning(left: list[int], right: list[int], mentioned: Callable[[int], Iterable[Hashable]],
                value: Callable[[int], Hashable | None]) -> _Pairs:
    """Pairs where one item's sentence mentions the other's value. A sentence mentions its own
    value too; pairs of one value are left to the caller's test of equal values."""
    def probe(probes: list[int], targets: list[int]) -> _Pairs:
        index = _grouped(targets, lambda j: () if (key := value(j)) is None else (key,))
        for i in probes:
            own = value(i)
            for key in mentioned(i):
                if key != own and key in index:
                    yield zip(repeat(i), index[key])

    yield from probe(left, right)
    if left is not right:  # within one list the first search finds every pair, in one order or the other
        yield from _swapped(probe(right, left))


def _related_places(left: list[int], right: list[int], place: Callable[[int], str | None],
                    mentioned: Callable[[int], Iterable[str]],
                    related_names: Callable[[str, str], bool]) -> _Pairs:
    """Pairs whose places ``_place_relation`` may find equal or compatible."""
    def by_place(indices: list[int]) -> dict[Hashable, list[int]]:
        return _grouped(indices, lambda i: () if (value := place(i)) is None else (value,))

    rights = by_place(right)
    lefts = rights if left is right else by_place(left)
    for a, these in lefts.items():
        for b, those in rights.items():
            if left is right and a >= b:
                if a == b:
                    yield combinations(these, 2)
                continue  # within one list, b with a is tried as a with b
            if related_names(a, b):
                yield product(these, those)
    yield from _mentioning(left, right, mentioned, place)


def _overlapping(left: list[int], right: list[int], span: Callable[[int], DateSpan | None]) -> _Pairs:
    """Pairs whose date spans overlap: one of the two starts within the other."""
    def starting_within(probes: list[int], targets: list[int]) -> _Pairs:
        spans = sorted((s.start, j) for j in targets if (s := span(j)) is not None)
        starts = [start for start, _ in spans]
        found = [j for _, j in spans]
        for i in probes:
            if (s := span(i)) is not None:
                yield zip(repeat(i), found[bisect_left(starts, s.start) : bisect_right(starts, s.end)])

    yield from starting_within(left, right)
    if left is not right:  # within one list the first search finds every pair, in one order or the other
        yield from _swapped(starting_within(right, left))


def _finite_sorted(indices: list[int], value: Callable[[int], float | None]) -> tuple[list[float], list[int]]:
    """The finite values in increasing order, and the index of each (numbers that are not finite
    equal nothing)."""
    pairs = sorted((v, i) for i in indices if (v := value(i)) is not None and math.isfinite(v))
    return [v for v, _ in pairs], [i for _, i in pairs]


def _close(left: list[int], right: list[int], value: Callable[[int], float | None]) -> _Pairs:
    """Pairs whose values are within ``near_range`` of each other (so every pair of equal numbers)."""
    keys, found = _finite_sorted(right, value)
    if left is right:  # one sweep: each value with the larger ones in its range
        for k, (x, i) in enumerate(zip(keys, found)):
            yield zip(repeat(i), found[k + 1 : bisect_right(keys, near_range(x)[1])])
        return
    for i in left:
        if (x := value(i)) is not None and math.isfinite(x):
            low, high = near_range(x)
            yield zip(repeat(i), found[bisect_left(keys, low) : bisect_right(keys, high)])


def _close_to_mentioned(left: list[int], right: list[int], mentioned: Callable[[int], Iterable[float]],
                        value: Callable[[int], float | None]) -> _Pairs:
    """Pairs where one item's sentence mentions a number within ``near_range`` of the other's
    value. A sentence mentions its own value too; those pairs are ``_close``'s."""
    def probe(probes: list[int], targets: list[int]) -> _Pairs:
        keys, found = _finite_sorted(targets, value)
        for i in probes:
            own = value(i)
            for x in mentioned(i):
                if x != own and math.isfinite(x):
                    low, high = near_range(x)
                    yield zip(repeat(i), found[bisect_left(keys, low) : bisect_right(keys, high)])

    yield from probe(left, right)
    if left is not right:
        yield from _swapped(probe(right, left))
