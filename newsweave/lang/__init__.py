"""Language knowledge as data: one folder per language code under ``newsweave/lang/``.

Each stage keeps its own data file in each language folder (``normalize.json``,
``boilerplate.json``, ``entities.json``, ``time.json``, ``speech.json``, ``events.json`` …).
Adding a language means adding a folder with the files it needs; a stage that finds no file
for a language falls back to its language-neutral behaviour.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from newsweave.errors import LanguageDataError


@dataclass(frozen=True)
class LanguageInfo:
    code: str
    name: str
    script: str
    direction: str
    has_case: bool


_INFO = {
    "fa": LanguageInfo("fa", "Persian", "Arab", "rtl", False),
    "ar": LanguageInfo("ar", "Arabic", "Arab", "rtl", False),
    "ur": LanguageInfo("ur", "Urdu", "Arab", "rtl", False),
    "ps": LanguageInfo("ps", "Pashto", "Arab", "rtl", False),
    "ckb": LanguageInfo("ckb", "Central Kurdish", "Arab", "rtl", False),
    "he": LanguageInfo("he", "Hebrew", "Hebr", "rtl", False),
    "yi": LanguageInfo("yi", "Yiddish", "Hebr", "rtl", False),
    "en": LanguageInfo("en", "English", "Latn", "ltr", True),
    "ru": LanguageInfo("ru", "Russian", "Cyrl", "ltr", True),
    "uk": LanguageInfo("uk", "Ukrainian", "Cyrl", "ltr", True),
}


def info(code: str) -> LanguageInfo:
    """Script and direction of a language; unknown codes are taken as left-to-right with case."""
    return _INFO.get(code) or LanguageInfo(code, code, "Latn", "ltr", True)


def direction(code: str | None) -> str:
    return info(code).direction if code else "ltr"


def available() -> tuple[str, ...]:
    """Language codes that have a data folder."""
    root = resources.files(__name__)
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_")))


@lru_cache(maxsize=None)
def load(code: str, name: str) -> Any | None:
    """Load ``newsweave/lang/<code>/<name>`` (JSON, or a text file of one item a line).

    Returns None when the language has no such file. Text files skip blank lines and ``#``
    comments. A malformed file raises :class:`LanguageDataError` naming it.
    """
    path = resources.files(__name__) / code / name
    if not path.is_file():
        return None
    raw = path.read_text(encoding="utf-8")
    if name.endswith(".json"):
        try:
            return json.loads(raw)
        except json.JSONDecodeError as exc:
            raise LanguageDataError(f"lang/{code}/{name} is not valid JSON: {exc}") from None
    return tuple(
        line.strip() for line in raw.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


def load_all(name: str) -> dict[str, Any]:
    """The same data file for every language that has it: ``{code: data}``."""
    out = {}
    for code in available():
        data = load(code, name)
        if data is not None:
            out[code] = data
    return out
