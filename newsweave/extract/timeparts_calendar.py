"""Calendar arithmetic for time expressions: pure functions of dates, no text.

Jalali dates go through jdatetime and Hijri (Umm al-Qura) dates through hijridate; both are
converted to Gregorian ISO strings, the one calendar values are stored in. A date a calendar
cannot represent (Hijri outside 1343–1500, 30 Esfand in a common year) yields None instead of
an exception, because one odd number in one article must not stop the batch.
"""

from __future__ import annotations

import calendar as _gregorian
import datetime as dt
from functools import lru_cache

import jdatetime
from hijridate import Gregorian, Hijri

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_DURATION_UNITS = {
    "S": ("T", "S", 1),
    "MIN": ("T", "M", 1),
    "H": ("T", "H", 1),
    "D": ("", "D", 1),
    "W": ("", "W", 1),
    "2W": ("", "W", 2),
    "M": ("", "M", 1),
    "Y": ("", "Y", 1),
    "DECADE": ("", "Y", 10),
    "CENTURY": ("", "Y", 100),
}


def iso_duration(amount: float, unit: str) -> str | None:
    """ISO 8601 duration for ``amount`` of a unit code (``D``, ``H``, ``MIN``, ``W`` …).

    Half units become the next smaller unit where one exists (half an hour → PT30M, half a day →
    PT12H); other fractions keep a decimal (P1.5Y), which ISO 8601 allows on the last field.
    """
    if unit not in _DURATION_UNITS or amount <= 0:
        return None
    time_part, designator, factor = _DURATION_UNITS[unit]
    value = amount * factor
    if value == int(value):
        return f"P{time_part}{int(value)}{designator}"
    smaller = _SMALLER_UNIT.get(unit)
    if smaller and (value * smaller[0]) == int(value * smaller[0]):
        return f"P{smaller[1]}{int(value * smaller[0])}{smaller[2]}"
    return f"P{time_part}{value:g}{designator}"


_SMALLER_UNIT = {"H": (60, "T", "M"), "D": (24, "T", "H"), "MIN": (60, "T", "S")}


def shift_days(anchor: dt.date, days: int) -> dt.date:
    return anchor + dt.timedelta(days=days)


def weekday_on_or_before(anchor: dt.date, weekday: int) -> dt.date:
    """The most recent ``weekday`` (0 = Monday) on or before ``anchor``: past narration."""
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_after(anchor: dt.date, weekday: int) -> dt.date:
    """The next ``weekday`` strictly after ``anchor``: expectation ("will meet on Monday")."""
    return anchor + dt.timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)


def week_bounds(anchor: dt.date, week_start: int) -> tuple[dt.date, dt.date]:
    """First and last day of the week containing ``anchor`` (weeks start on ``week_start``)."""
    start = anchor - dt.timedelta(days=(anchor.weekday() - week_start) % 7)
    return start, start + dt.timedelta(days=6)


def add_months(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, _gregorian.monthrange(year, month)[1])


def period_interval(anchor: dt.date, unit: str, offset: int, week_start: int) -> tuple[dt.date, dt.date]:
    """The week, month or year ``offset`` periods away from the one containing ``anchor``."""
    if unit == "week":
        start, end = week_bounds(anchor, week_start)
        return start + dt.timedelta(weeks=offset), end + dt.timedelta(weeks=offset)
    if unit == "month":
        return month_bounds(*add_months(anchor.year, anchor.month, offset))
    year = anchor.year + offset
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def rest_of_period(anchor: dt.date, unit: str, week_start: int) -> tuple[dt.date, dt.date]:
    """From the day after ``anchor`` to the end of its period ("later this week").

    When ``anchor`` is the period's last day, "later this week" can only mean the coming one,
    so the whole next period is returned (published Sunday 2025-12-07, weeks from Monday →
    2025-12-08/2025-12-14).
    """
    _, end = period_interval(anchor, unit, 0, week_start)
    if anchor >= end:
        return period_interval(anchor, unit, 1, week_start)
    return anchor + dt.timedelta(days=1), end


def nearest_year(candidates: dict[int, dt.date | None], anchor: dt.date) -> dt.date | None:
    """Of the same day-and-month in neighbouring years, the one closest to ``anchor``.

    A date written without a year ("28 December") in an article of 3 January is last year's.
    """
    valid = [d for d in candidates.values() if d is not None]
    return min(valid, key=lambda d: abs((d - anchor).days)) if valid else None


# --- calendars --------------------------------------------------------------------------------


def gregorian_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def jalali_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return jdatetime.date(year, month, day).togregorian()
    except (ValueError, OverflowError):
        return None


def hijri_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        converted = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(converted.year, converted.month, converted.day)


def to_gregorian(calendar: str, year: int, month: int, day: int) -> dt.date | None:
    """A day in ``calendar`` (gregorian, jalali, hijri) as a Gregorian date, or None."""
    return _CONVERTERS[calendar](year, month, day)


def year_in(calendar: str, anchor: dt.date) -> int:
    """The year ``anchor`` falls in, counted in ``calendar``."""
    if calendar == "jalali":
        return jdatetime.date.fromgregorian(date=anchor).year
    if calendar == "hijri":
        try:
            return Gregorian(anchor.year, anchor.month, anchor.day).to_hijri().year
        except (ValueError, OverflowError):
            return 0
    return anchor.year


def month_interval(calendar: str, year: int, month: int) -> tuple[dt.date, dt.date] | None:
    """First and last Gregorian day of a month written in ``calendar``."""
    first = to_gregorian(calendar, year, month, 1)
    if first is None:
        return None
    if calendar == "gregorian":
        return month_bounds(year, month)
    next_year, next_month = add_months(year, month, 1)
    following = to_gregorian(calendar, next_year, next_month, 1)
    if following is None:
        return None
    return first, following - dt.timedelta(days=1)


def year_interval(calendar: str, year: int) -> tuple[dt.date, dt.date] | None:
    first = to_gregorian(calendar, year, 1, 1)
    following = to_gregorian(calendar, year + 1, 1, 1)
    if first is None or following is None:
        return None
    return first, following - dt.timedelta(days=1)


_CONVERTERS = {"gregorian": gregorian_date, "jalali": jalali_date, "hijri": hijri_date}


# --- month-days without a year ------------------------------------------------------------

_LONGEST_MONTH = {
    "gregorian": (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31),
    "jalali": (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 30),
    "hijri": (30,) * 12,
}
_REFERENCE_DAY = dt.date(2024, 1, 1)
_REFERENCE_YEARS = 8
"""Consecutive years over which month lengths show every variant: Gregorian and Jalali leap
years, Umm al-Qura months of 29 and 30 days."""


def month_day_exists(calendar: str, month: int, day: int) -> bool:
    """Whether ``day`` of ``month`` occurs in some year of ``calendar`` (29 February and 30
    Esfand do, 30 February never)."""
    lengths = _LONGEST_MONTH.get(calendar)
    return lengths is not None and 1 <= month <= 12 and 1 <= day <= lengths[month - 1]


@lru_cache(maxsize=4096)
def month_day_of(calendar: str, day: int) -> tuple[int, int] | None:
    """Month and day in ``calendar`` of the Gregorian day with ordinal ``day``; None when the
    calendar's table does not reach it."""
    date = dt.date.fromordinal(day)
    if calendar == "gregorian":
        return date.month, date.day
    if calendar == "jalali":
        converted = jdatetime.date.fromgregorian(date=date)
        return converted.month, converted.day
    if calendar == "hijri":
        try:
            converted = Gregorian(date.year, date.month, date.day).to_hijri()
        except (ValueError, OverflowError):
            return None
        return converted.month, converted.day
    return None


@lru_cache(maxsize=65536)
def month_day_gap(calendar: str, first: tuple[int, int], second: tuple[int, int]) -> int | None:
    """Fewest days between two month-days of ``calendar`` in any years, across a year's end
    too (31 December and 1 January are one day apart); None when either never occurs.

    Without years the gap is a lower bound: the least it can be is what separates two events.
    """
    base = year_in(calendar, _REFERENCE_DAY)
    best: int | None = None
    for year in range(base, base + _REFERENCE_YEARS):
        one = to_gregorian(calendar, year, *first)
        if one is None:
            continue
        for other_year in (year - 1, year, year + 1):
            other = to_gregorian(calendar, other_year, *second)
            if other is not None and (best is None or abs((one - other).days) < best):
                best = abs((one - other).days)
    return best


def weekday_gap(first: int, second: int) -> int:
    """Fewest days between two weekdays (any numbering of 7 consecutive days)."""
    return min((first - second) % 7, (second - first) % 7)
