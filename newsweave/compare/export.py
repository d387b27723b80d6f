"""The ``comparison`` key of a story in the JSON export.

Values that several articles give alike are one entry with every article beside it, so a
reader sees at once who agrees with whom: ``{"value": "P3D", "articles": [a, b], ...}``;
``text`` and ``via`` are lists in the order of ``articles``.
"""

from __future__ import annotations

from typing import Iterable

from newsweave.model import Comparison, ReportedValue


def _value_entries(values: Iterable[ReportedValue]) -> list[dict]:
    entries: dict[str, dict] = {}
    for value in values:
        entry = entries.setdefault(value.value, {
            "value": value.value,
            "display": value.display,
            "articles": [],
            "outlets": [],
            "langs": [],
            "text": [],
            "via": [],
            "spans": [],
        })
        entry["articles"].append(value.article)
        entry["outlets"].append(value.outlet)
        entry["langs"].append(value.lang)
        entry["text"].append(value.text)
        entry["via"].append(list(value.via))
        entry["spans"].append([value.value_start, value.value_end] if value.value_start is not None else None)
    return list(entries.values())


def comparison_to_export(comparison: Comparison) -> dict:
    """``{"slot", "event", "status", "values": [{"value", "articles", "text", "via", ...}], "note"}``."""
    return {
        "slot": comparison.slot,
        "event": comparison.event,
        "status": comparison.status,
        "values": _value_entries(comparison.values),
        "note": comparison.note,
    }
