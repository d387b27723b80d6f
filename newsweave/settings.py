"""All tunable settings in one table: name, default, help.

A setting can be given in the environment as ``NEWSWEAVE_<NAME>`` (upper case) or passed
explicitly; an unknown name fails at start-up with the list of known ones.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any, Mapping

from newsweave.errors import SettingsError


@dataclass(frozen=True)
class Settings:
    db: str = "newsweave.db"
    """Store location: a SQLite file path (the default store)."""
    max_input_bytes: int = 50 * 1024 * 1024
    """Inputs larger than this are refused with a clear error instead of being read."""
    min_article_chars: int = 20
    """Texts shorter than this (after extraction) are not articles."""
    boilerplate_repeat_min: int = 3
    """A line repeated in at least this many articles of one outlet is treated as boilerplate."""
    sentence_lang_min_chars: int = 12
    """Sentences shorter than this inherit the article language instead of being detected alone."""
    person_lists: bool = True
    """Use given-name lists and known-person data; off tests that discovery works without them."""
    name_rarity_zipf: float = 2.5
    """Tokens rarer than this Zipf frequency in their language are name candidates."""
    link_fuzzy_min: float = 88.0
    """Minimum rapidfuzz ratio (0-100) for two name keys to be one entity."""
    batch_size: int = 200
    """Articles per store transaction."""


HELP: dict[str, str] = {
    "db": "Store location: a SQLite file path (the default store).",
    "max_input_bytes": "Inputs larger than this are refused with a clear error.",
    "min_article_chars": "Texts shorter than this after extraction are not articles.",
    "boilerplate_repeat_min": "A line repeated in this many articles of one outlet is boilerplate.",
    "sentence_lang_min_chars": "Shorter sentences inherit the article language.",
    "person_lists": "Use given-name lists and known-person data (off: discovery only).",
    "name_rarity_zipf": "Tokens rarer than this Zipf frequency are name candidates.",
    "link_fuzzy_min": "Minimum fuzzy ratio (0-100) for two name keys to be one entity.",
    "batch_size": "Articles per store transaction.",
}


def _coerce(name: str, raw: Any, default: Any) -> Any:
    if not isinstance(raw, str):
        return raw
    try:
        if isinstance(default, bool):
            if raw.lower() in {"1", "true", "yes", "on"}:
                return True
            if raw.lower() in {"0", "false", "no", "off"}:
                return False
            raise ValueError(raw)
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError:
        raise SettingsError(
            f"setting {name!r} cannot take the value {raw!r}",
            hint=f"expected a {type(default).__name__}",
        ) from None
    return raw


def load_settings(overrides: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then ``NEWSWEAVE_*`` environment variables, then explicit overrides."""
    env = os.environ if env is None else env
    defaults = Settings()
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    for name in known:
        value = env.get(f"NEWSWEAVE_{name.upper()}")
        if value is not None:
            values[name] = _coerce(name, value, getattr(defaults, name))
    for name, value in (overrides or {}).items():
        if name not in known:
            raise SettingsError(f"unknown setting {name!r}", hint="known: " + ", ".join(sorted(known)))
        if value is not None:
            values[name] = _coerce(name, value, getattr(defaults, name))
    return replace(defaults, **values)
