"""Publication dates from the many shapes inputs carry them in, reduced to a ``date``.

The date is taken in the timezone the input wrote it in (``2025-12-06T01:00+03:30`` is the 6th),
because that is the day the outlet published on.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_ISO_OFFSET_NO_COLON = re.compile(r"([+-]\d{2})(\d{2})$")


def parse_date(value: object) -> dt.date | None:
    """A ``date`` from a date, datetime, ISO 8601 or RFC 822 string; None when it is none of them."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    return _parse_iso(text) or _parse_rfc822(text)


def _parse_iso(text: str) -> dt.date | None:
    candidate = _ISO_OFFSET_NO_COLON.sub(r"\1:\2", text.replace(" ", "T", 1)) if "T" not in text else text
    candidate = _ISO_OFFSET_NO_COLON.sub(r"\1:\2", candidate)
    try:
        return dt.datetime.fromisoformat(candidate).date()
    except ValueError:
        pass
    match = _ISO_DATE.match(text)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    return None


def _parse_rfc822(text: str) -> dt.date | None:
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def struct_time_date(value: object) -> dt.date | None:
    """A ``date`` from a ``time.struct_time`` as feedparser gives it (already in UTC)."""
    try:
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)  # type: ignore[attr-defined]
    except (AttributeError, TypeError, ValueError):
        return None
