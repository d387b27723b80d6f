"""Shared plumbing for the quote and fact stages: lexicons matched on the match key.

Lexicon entries are folded with :func:`newsweave.text.keys.key`, so one entry matches the
Persian, Arabic and careless spellings alike; a space inside an entry also matches a ZWNJ
(dropped by the key) or no space at all, because scraped Persian often loses both
("گفت‌وگو", "گفتوگو"). Matches are found on ``Article.normalized.key`` and mapped back to
``Article.text`` offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping

from newsweave.model import Article, Mention
from newsweave.text.keys import key

_SPACE_RUN = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?؟۔])\s+|\n+")
_QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“", '"': '"', "‹": "›", "”": "”"}
QUOTE_OPENERS = frozenset(_QUOTE_PAIRS)


@lru_cache(maxsize=65536)
def fold(term: str) -> str:
    """The lookup form of a lexicon entry or a matched span: key-folded, spaces removed."""
    return _SPACE_RUN.sub("", key(term))


def term_alternation(terms: Iterable[str]) -> str:
    """A regex alternation of key-folded terms, longest first; spaces match any or no space."""
    folded = {key(t).strip() for t in terms if t and t.strip()}
    parts = [r"\s*".join(re.escape(w) for w in t.split()) for t in sorted(folded, key=len, reverse=True)]
    return "|".join(parts) if parts else r"(?!x)x"


def compile_lexicon(terms: Iterable[str], prefixes: Iterable[str] = (), suffixes: Iterable[str] = ()) -> re.Pattern:
    """Whole-word matcher for ``terms`` with optional clitic prefixes and suffixes; group ``term``."""
    pre = term_alternation(prefixes)
    suf = term_alternation(suffixes)
    return re.compile(rf"(?<!\w)(?:{pre})??(?P<term>{term_alternation(terms)})(?:{suf})?(?!\w)")


def lookup_table(mapping: Mapping[str, object]) -> dict[str, object]:
    """``{fold(entry): value}`` for resolving a matched ``term`` group back to its value."""
    return {fold(k): v for k, v in mapping.items()}


@dataclass(frozen=True)
class TextView:
    """The article text with its match key and the maps between their offsets."""

    text: str
    key: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, article: Article) -> TextView:
        norm = article.normalized
        return cls(article.text, norm.key, norm.key_origin)

    def to_text(self, kstart: int, kend: int) -> tuple[int, int]:
        """Key span → text span."""
        if kstart >= kend:
            pos = self.origin[kstart] if kstart < len(self.origin) else len(self.text)
            return pos, pos
        return self.origin[kstart], self.origin[kend - 1] + 1

    def to_key(self, offset: int) -> int:
        """Text offset → the first key index at or after it."""
        return bisect_left(self.origin, offset)


def sentence_spans(article: Article) -> list[tuple[int, int]]:
    """The article's sentences, or a plain punctuation split when the text stage gave none."""
    if article.sentences:
        return [(s.start, s.end) for s in article.sentences]
    spans = []
    pos = 0
    for match in _SENTENCE_END.finditer(article.text):
        _append_trimmed(spans, article.text, pos, match.start())
        pos = match.end()
    _append_trimmed(spans, article.text, pos, len(article.text))
    return spans


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Non-empty lines: a paragraph in scraped news text is one line."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        _append_trimmed(spans, text, pos, pos + len(line))
        pos += len(line) + 1
    return spans


def _append_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def closing_quote(text: str, open_at: int, limit: int = 2000) -> int | None:
    """Offset of the mark closing the quotation opened at ``open_at``, or None."""
    opener = text[open_at]
    closers = _QUOTE_PAIRS.get(opener, opener) + ("”" if opener in "“„" else "")
    end = min(len(text), open_at + limit)
    found = [i for i in (text.find(c, open_at + 1, end) for c in closers) if i >= 0]
    if not found:
        return None
    close = min(found)
    if opener == '"' and "\n" in text[open_at:close]:
        return None  # straight quotes do not run across paragraphs
    return close


_OPENER = re.compile("[" + re.escape("".join(_QUOTE_PAIRS)) + "]")


def quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotations (including their marks) that open inside ``start..end``."""
    spans = []
    pos = start
    while True:
        match = _OPENER.search(text, pos, end)
        if not match:
            return spans
        close = closing_quote(text, match.start())
        if close is None:
            pos = match.end()
        else:
            spans.append((match.start(), close + 1))
            pos = close + 1


def mentions_between(mentions: tuple[Mention, ...], start: int, end: int) -> list[int]:
    """Indices of mentions that lie inside ``start..end``."""
    return [i for i, m in enumerate(mentions) if m.start >= start and m.end <= end]
