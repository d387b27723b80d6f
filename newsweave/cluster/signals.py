"""Pairwise evidence that two articles report the same real-world event.

The score is a sum of weighted signals (weights in :class:`newsweave.settings.Settings`):
shared entities weighted by specificity and centrality, shared numbers, shared quoted
speakers, same-language shingle overlap, agreement of the lead event (kind, day, place) and
publication-day proximity; optional embeddings add to it but never reach the threshold alone.
A *veto* says two articles cannot be one story whatever they share: lead events of different
families (a call is not a meeting; unless one lead names the other's event too) or on
different days, or publication far apart. Same actors on another day is another story.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from newsweave.cluster.features import ArticleFeatures, event_family
from newsweave.extract import timeparts_calendar as cal
from newsweave.settings import Settings

Specificity = Callable[[str, "int | None", "int | None"], float]
"""``(key, day_a, day_b) -> weight``: how telling it is that both articles have ``key``."""

NUMBER_PREFIX = "#"
SKETCH_PREFIX = "~"
KEEP = 0.4
"""Pairs scoring below this fraction of the threshold are not kept (nor are their vetoes)."""
SKETCH_KEYS = 4
"""The smallest shingle hashes used as retrieval keys (near-duplicates share some of them)."""


@dataclass(frozen=True, slots=True)
class Evidence:
    score: float
    veto: str | None = None
    entities: float = 0.0
    numbers: float = 0.0
    speakers: float = 0.0
    text: float = 0.0
    event: float = 0.0
    dates: float = 0.0
    embedding: float = 0.0


def retrieval_keys(f: ArticleFeatures) -> list[str]:
    """Index keys of an article: its entities (not the outlets that carry it), numbers and a
    few shingle hashes."""
    keys = [e.id for e in f.entities if not e.media]
    keys.extend(NUMBER_PREFIX + n for n in f.numbers if _telling_number(n))
    keys.extend(f"{SKETCH_PREFIX}{f.lang}:{h}" for h in f.sketch[:SKETCH_KEYS])
    return keys


def _telling_number(token: str) -> bool:
    """Numbers worth retrieving by: decimals (5.4), counted quantities (45 with a unit) and long
    figures. Plain two- and three-digit integers recur by chance every day; they still count
    between articles retrieved by something else."""
    if token.startswith("P"):
        return False
    return not token.isdigit() or len(token) >= 4


def _lead_families(f: ArticleFeatures) -> set[str]:
    return {family for e in f.events if e.lead and e.modality != "expected" and (family := event_family(e.kind))}


def _leads_overlap(a: ArticleFeatures, b: ArticleFeatures) -> bool:
    """Whether one article's lead event is also among the other's lead events.

    A lead often names two events, the news and what it relates to ("shelling kills four, the
    first breach of Sunday's truce"); which one comes first varies with the writer and with what
    the event vocabulary of a language knows. Different lead events only separate two articles
    when neither article's lead mentions the other's."""
    return a.main_kind in _lead_families(b) or b.main_kind in _lead_families(a)


_Stated = tuple[int | None, str | None, str | None, int | None]
"""What a lead states of its event's day: ``(main_day, main_partial, main_calendar, main_weekday)``."""


def _stated_month_day(stated: _Stated, calendar: str) -> tuple[int, int] | None:
    """Month and day in ``calendar`` of a lead event: from its full date, or as stated when the
    lead wrote it in that calendar."""
    day, partial, partial_calendar, _ = stated
    if day is not None:
        return cal.month_day_of(calendar, day)
    if partial is None or partial_calendar != calendar:
        return None
    try:
        return int(partial[2:4]), int(partial[5:7])
    except ValueError:
        return None


def _stated_weekday(stated: _Stated) -> int | None:
    day, _, _, weekday = stated
    return dt.date.fromordinal(day).isoweekday() if day is not None else weekday


_SHORTEST_MONTH = 28
"""Two month-days with a whole month between them are more than this many days apart."""


def _month_days_apart(calendar: str, first: tuple[int, int], second: tuple[int, int], tolerance: int) -> bool:
    months = abs(first[0] - second[0])
    if min(months, 12 - months) >= 2 and tolerance <= _SHORTEST_MONTH:
        # A whole month lies between them in any years: no need to try years (most pairs).
        return cal.month_day_exists(calendar, *first) and cal.month_day_exists(calendar, *second)
    gap = cal.month_day_gap(calendar, first, second)
    return gap is not None and gap > tolerance


@lru_cache(maxsize=1 << 16)
def _stated_apart(a: _Stated, b: _Stated, tolerance: int) -> bool:
    for calendar in {s[2] for s in (a, b) if s[1] and s[2]}:
        first, second = _stated_month_day(a, calendar), _stated_month_day(b, calendar)
        if first and second and _month_days_apart(calendar, first, second, tolerance):
            return True
    first_day, second_day = _stated_weekday(a), _stated_weekday(b)
    return first_day is not None and second_day is not None and cal.weekday_gap(first_day, second_day) > tolerance


def _stated_days_apart(a: ArticleFeatures, b: ArticleFeatures, tolerance: int) -> bool:
    """Whether what two leads state of their event's day, when one has no full date (no
    publication date), rules out one day within ``tolerance``. Month-days compare only in one
    calendar (a Jalali month-day says nothing of a Gregorian one without a year; a full date is
    converted to the other's calendar), weekdays in any; a gap counts at its least over years.
    Undated articles state few distinct days, so the answers are cached."""
    if a.main_partial is None and b.main_partial is None and a.main_weekday is None and b.main_weekday is None:
        return False
    return _stated_apart((a.main_day, a.main_partial, a.main_calendar, a.main_weekday),
                         (b.main_day, b.main_partial, b.main_calendar, b.main_weekday), tolerance)


def veto(a: ArticleFeatures, b: ArticleFeatures, settings: Settings) -> str | None:
    """Why ``a`` and ``b`` cannot be one story, or None.

    Lead days too far apart veto "day": full dates, or what an undated lead states without a
    year ("Sunday 3 August" is not "Monday 27 May"; a call on Saturday is not a meeting on
    Tuesday), always with the tolerance of a guessed day."""
    if a.main_kind and b.main_kind and a.main_kind != b.main_kind and not _leads_overlap(a, b):
        return "event"
    if a.main_day is not None and b.main_day is not None:
        tolerance = settings.story_day_tolerance + (0 if a.main_day_from_fact and b.main_day_from_fact else 1)
        if abs(a.main_day - b.main_day) > tolerance:
            return "day"
    elif _stated_days_apart(a, b, settings.story_day_tolerance + 1):
        return "day"
    if a.published is not None and b.published is not None and abs(a.published - b.published) > settings.story_max_days:
        return "published"
    return None


def sketch_jaccard(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Bottom-k estimate of the Jaccard similarity of two shingle sets."""
    if not a or not b:
        return 0.0
    return _bottom_k_jaccard(a, b, set(a), set(b))


def _bottom_k_jaccard(a: tuple[int, ...], b: tuple[int, ...], set_a: frozenset | set, set_b: frozenset | set) -> float:
    """Of the ``k`` smallest hashes of the union, the share found in both (``a``, ``b``: hashes
    without repeats, best sorted: their concatenation then sorts as one merge)."""
    if set_a.isdisjoint(set_b):  # most pairs: no need to build the union
        return 0.0
    shared = sorted(set_a & set_b)
    k = min(len(a), len(b))
    merged = sorted(a + b)  # each shared hash twice, side by side
    # The k-th smallest distinct hash is first met at k - 1 plus the number of shared hashes
    # below it: iterate that count up from 0 to its least fixed point (the count only grows).
    below = 0
    while True:
        at = k - 1 + below
        kth = merged[at]
        now = bisect_left(shared, kth)
        if now == below:
            if at and merged[at - 1] == kth:  # the second copy of the (k-1)-th: the k-th is next
                kth = merged[at + 1]
            return bisect_right(shared, kth) / k
        below = now


_VIEWS_KEPT = 4096
_views: dict[int, tuple[ArticleFeatures, dict[str, float], frozenset[int]]] = {}


def _view(f: ArticleFeatures) -> tuple[ArticleFeatures, dict[str, float], frozenset[int]]:
    """An article's entity weights by id and its shingle set, kept for the articles of the
    active window: one article meets hundreds of others, and rebuilding these per pair was a
    large part of the writer's time. Entries hold their record, so an ``id`` cannot be reused
    while cached."""
    entry = _views.get(id(f))
    if entry is not None and entry[0] is f:
        return entry
    if len(_views) >= _VIEWS_KEPT:
        _views.clear()
    entry = (f, {e.id: e.weight for e in f.entities}, frozenset(f.sketch))
    _views[id(f)] = entry
    return entry


def _entity_mass(a: ArticleFeatures, b: ArticleFeatures, spec: Specificity) -> float:
    weights_b = _view(b)[1]
    mass = 0.0
    day_a, day_b, sqrt = a.day, b.day, math.sqrt
    for e in a.entities:
        wb = weights_b.get(e.id)
        if wb is not None:
            mass += spec(e.id, day_a, day_b) * sqrt(e.weight * wb)
    return mass


def _number_mass(a: ArticleFeatures, b: ArticleFeatures, spec: Specificity) -> float:
    if not a.numbers or not b.numbers:
        return 0.0
    shared = set(a.numbers).intersection(b.numbers)
    mass = 0.0
    for token in shared:
        mass += _number_weight(token) * spec(NUMBER_PREFIX + token, a.day, b.day)
    return mass


def _number_weight(token: str) -> float:
    """A decimal (5.4) or a large count (86 000) is telling; durations (two hours) are common."""
    if token.startswith("P"):
        return 0.7
    if "." in token:
        return 1.5
    return 1.2 if len(token) >= 3 else 1.0


def _event_agreement(a: ArticleFeatures, b: ArticleFeatures) -> float:
    """0..3: same event family, same lead day (±1 counts half), same lead place."""
    agree = 0.0
    if a.main_kind and a.main_kind == b.main_kind:
        agree += 1.0
    if a.main_day is not None and b.main_day is not None:
        gap = abs(a.main_day - b.main_day)
        agree += 1.0 if gap == 0 else (0.5 if gap == 1 else 0.0)
    if a.main_place and a.main_place == b.main_place:
        agree += 1.0
    return agree


def _date_proximity(a: ArticleFeatures, b: ArticleFeatures, settings: Settings) -> float:
    if a.day is None or b.day is None:
        return 0.0
    return max(0.0, 1.0 - abs(a.day - b.day) / max(1, settings.story_max_days))


def evidence(
    a: ArticleFeatures,
    b: ArticleFeatures,
    spec: Specificity,
    settings: Settings,
    cosine: float | None = None,
) -> Evidence:
    """All signals for one pair; ``cosine`` is the embedding similarity when embeddings are on.

    A vetoed pair still gets its score (what it shares), so callers can tell a veto that
    matters (same actors, other day) from one between unrelated articles."""
    return Evidence(*_signals(a, b, spec, settings, cosine))


def _signals(
    a: ArticleFeatures, b: ArticleFeatures, spec: Specificity, settings: Settings, cosine: float | None
) -> tuple[float, str | None, float, float, float, float, float, float, float]:
    """The fields of :class:`Evidence`, in order: ``pair_score`` runs for every candidate pair
    and needs no record of each."""
    reason = veto(a, b, settings)
    entities = settings.story_w_entities * _entity_mass(a, b, spec)
    numbers = settings.story_w_numbers * _number_mass(a, b, spec)
    shared_speakers = len(set(a.speakers).intersection(b.speakers)) if a.speakers and b.speakers else 0
    speakers = settings.story_w_speakers * shared_speakers
    text = 0.0
    if a.lang == b.lang:
        similar = _bottom_k_jaccard(a.sketch, b.sketch, _view(a)[2], _view(b)[2]) if a.sketch and b.sketch else 0.0
        text = settings.story_w_text * similar
    content = entities + numbers + speakers + text
    # Same kind of event on the same day is common: it confirms shared content, never replaces it.
    event = settings.story_w_event * _event_agreement(a, b)
    dates = settings.story_w_dates * _date_proximity(a, b, settings)
    context = event + dates
    scale = min(1.0, 2 * content / context) if context else 0.0
    event *= scale
    dates *= scale
    score = content + event + dates
    embedding = 0.0
    if cosine is not None and score > 0 and not reason:
        lift = (cosine - settings.story_embedding_floor) / max(1e-6, 1.0 - settings.story_embedding_floor)
        embedding = settings.story_w_embedding * min(1.0, max(0.0, lift))
        # It must not decide alone: it can lift a pair only up to what the other signals show.
        embedding = min(embedding, score)
    return score + embedding, reason, entities, numbers, speakers, text, event, dates, embedding


def pair_score(a: ArticleFeatures, b: ArticleFeatures, spec: Specificity, settings: Settings,
               cosine: float | None = None) -> float:
    """What the clusterer keeps of a pair: -1 for a veto between articles that share enough to
    be mistaken for one story, the score when it counts, else 0 (the pair is forgotten)."""
    score, reason = _signals(a, b, spec, settings, cosine)[:2]
    floor = settings.story_threshold * KEEP
    if reason:
        return -1.0 if score >= floor else 0.0
    return score if score >= floor else 0.0
