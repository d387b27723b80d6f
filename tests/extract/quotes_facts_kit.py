"""Test support for the quote and fact stages: articles with hand-placed mentions and times.

The quote and fact stages read mentions and times that other stages produce. To test them on
their own, these helpers place mentions at given names (as a mention detector would) and
build time expressions by hand; end-to-end tests use the real stages when they exist.
"""

from __future__ import annotations

import datetime as dt
import re

from newsweave.link.keys import name_key
from newsweave.model import Article, EntityType, Mention, TimeExpr, TimeKind

# Types of the entities named in seeds.gold.json (facts about the world, not text).
GOLD_TYPES = {
    "Reuters": EntityType.ORG,
    "Axios": EntityType.ORG,
    "X (social network)": EntityType.ORG,
    "Miami": EntityType.PLACE,
    "Florida": EntityType.PLACE,
    "Moscow": EntityType.PLACE,
    "Kyiv": EntityType.PLACE,
    "Donbas": EntityType.PLACE,
    "Washington, D.C.": EntityType.PLACE,
    "Ukraine": EntityType.PLACE,
    "Russia": EntityType.PLACE,
    "United States": EntityType.PLACE,
    "London": EntityType.PLACE,
    "Europe": EntityType.PLACE,
}
_CLITICS = "وبلف"


def surface_forms(gold_entities: dict[str, list[str]]) -> dict[str, str]:
    """``{surface form: gold name}``; notes in parentheses after a form are dropped."""
    return {form.split(" (")[0].strip(): name for name, forms in gold_entities.items() for form in forms}


def place_mentions(text: str, names: dict[str, tuple[EntityType, str | None]]) -> tuple[Mention, ...]:
    """Mentions at every whole-word occurrence of the given names (longest first, no overlaps).

    ``names`` maps a surface form to (type, canonical). An Arabic one-letter clitic before a
    name is allowed and left outside the mention, as the mention detector does.
    """
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []
    for form in sorted(names, key=len, reverse=True):
        for match in re.finditer(re.escape(form), text):
            start, end = match.span()
            before = text[start - 1] if start else " "
            if before.isalpha() and not (before in _CLITICS and (start < 2 or not text[start - 2].isalpha())):
                continue
            if end < len(text) and text[end].isalpha():
                continue
            if any(a < end and start < b for a, b in taken):
                continue
            taken.append((start, end))
            kind, canonical = names[form]
            found.append(Mention(start, end, form, kind, name_key(form), source="test", canonical=canonical))
    return tuple(sorted(found, key=lambda m: m.start))


def gold_mentions(text: str, gold_entities: dict[str, list[str]]) -> tuple[Mention, ...]:
    forms = surface_forms(gold_entities)
    return place_mentions(text, {f: (GOLD_TYPES.get(n, EntityType.PERSON), n) for f, n in forms.items()})


def article(text: str, lang: str, mentions: tuple[Mention, ...] = (), times: tuple[TimeExpr, ...] = (),
            published: dt.date | None = None) -> Article:
    return Article(id="t", source="test", text=text, lang=lang, lang_confidence=1.0, published=published,
                   mentions=mentions, times=times)


def time_at(text: str, phrase: str, kind: TimeKind, value: str | None, occurrence: int = 0) -> TimeExpr:
    """A hand-made time expression over the ``occurrence``-th appearance of ``phrase``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return TimeExpr(start, start + len(phrase), phrase, kind, value)


def body(raw: str) -> str:
    """A seed text without its site footer (the last non-empty line)."""
    lines = raw.rstrip().split("\n")
    return "\n".join(lines[:-1]).rstrip()
