"""Shipped reference data (gazetteers), loaded once and read-only."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from newsweave.errors import LanguageDataError

GAZETTEER_KINDS = ("regions", "organisations", "agencies", "platforms")


@lru_cache(maxsize=None)
def load_gazetteer(kind: str) -> tuple[dict[str, Any], ...]:
    """Entries of ``data/gazetteer/<kind>.json``; a malformed file raises naming it."""
    path = resources.files(__name__) / "gazetteer" / f"{kind}.json"
    if not path.is_file():
        raise LanguageDataError(f"data/gazetteer/{kind}.json is missing", hint="reinstall newsweave")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise LanguageDataError(f"data/gazetteer/{kind}.json is not valid JSON: {exc}") from None
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise LanguageDataError(f"data/gazetteer/{kind}.json has no 'entries' list")
    for entry in entries:
        if not isinstance(entry, dict) or "canonical" not in entry or "names" not in entry:
            raise LanguageDataError(f"data/gazetteer/{kind}.json: bad entry {entry!r:.80}")
    return tuple(entries)
