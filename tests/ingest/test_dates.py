"""Publication dates keep the day the outlet wrote, whatever the input's date format."""

from __future__ import annotations

import datetime as dt

import pytest

from newsweave.ingest.dates import parse_date


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-12-06", dt.date(2025, 12, 6)),
        ("2025-12-06T01:30:00+03:30", dt.date(2025, 12, 6)),
        ("2025-12-06T01:30:00+0330", dt.date(2025, 12, 6)),
        ("2025-12-06 23:10:00", dt.date(2025, 12, 6)),
        ("2025-12-06T23:59:00Z", dt.date(2025, 12, 6)),
        ("Sat, 06 Dec 2025 01:30:00 +0330", dt.date(2025, 12, 6)),
        (dt.datetime(2025, 12, 6, 22, 0), dt.date(2025, 12, 6)),
        (dt.date(2025, 12, 6), dt.date(2025, 12, 6)),
        ("2025-02-30", None),
        ("yesterday", None),
        ("", None),
        (20251206, None),
        (None, None),
    ],
)
def test_parse_date(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected
