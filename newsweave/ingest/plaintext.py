"""Plain-text articles: the first line is the headline only when it clearly reads as one.

A headline is short, has letters, does not end like a sentence or a lead-in (``.``, ``:``, ``،``,
``-`` …), and stands apart from the body: a blank line follows it, or the body is much longer.
A question or exclamation headline (``…؟``) counts only with a blank line after it, since a body
paragraph can also end that way.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from newsweave.model import RawArticle

_MAX_HEADLINE_CHARS = 200
_MAX_HEADLINE_WORDS = 30
_MIN_HEADLINE_WORDS = 2
_MAX_TIGHT_HEADLINE_CHARS = 120
"""Without a blank line after it, a headline must be at most this long ..."""
_TIGHT_BODY_FACTOR = 3
"""... and the body at least this many times longer."""

_CLOSERS = "\"'”’»›)]}*_ \t\u00a0\u200f\u200e\u200c"
_SENTENCE_END = frozenset(".,;:…،؛۔。，；：-–—|/\\")
_QUESTION_END = frozenset("?!؟")
_BULLET_START = re.compile(r"^\s*(?:[-*•·▪●◦]|\d+[.)])\s")
_LEADING_BLANK_LINES = re.compile(r"\A(?:[^\S\n]*\n)+")


def split_headline(text: str) -> tuple[str | None, str]:
    """``(headline, body)`` when the first non-blank line is a headline, else ``(None, text)``."""
    stripped = text.lstrip("\n \t\ufeff")
    first, sep, rest = stripped.partition("\n")
    headline = first.strip()
    body = trim_blank_lines(rest)
    if not sep or not body.strip() or not _reads_as_headline(headline):
        return None, text
    blank_after = rest.startswith("\n") or rest.split("\n", 1)[0].strip() == ""
    if headline[-1] in _QUESTION_END and not blank_after:
        return None, text
    if not blank_after and (
        len(headline) > _MAX_TIGHT_HEADLINE_CHARS or len(body.strip()) < _TIGHT_BODY_FACTOR * len(headline)
    ):
        return None, text
    return headline, body


def _reads_as_headline(line: str) -> bool:
    if not line or len(line) > _MAX_HEADLINE_CHARS or _BULLET_START.match(line):
        return False
    words = line.split()
    if not _MIN_HEADLINE_WORDS <= len(words) <= _MAX_HEADLINE_WORDS:
        return False
    core = line.rstrip(_CLOSERS)
    if not core or core[-1] in _SENTENCE_END:
        return False
    letters = sum(1 for ch in line if unicodedata.category(ch).startswith("L"))
    visible = sum(1 for ch in line if not ch.isspace())
    return letters >= 0.5 * visible


def trim_blank_lines(text: str) -> str:
    """Drop blank lines before the first line of content and whitespace after the last."""
    return _LEADING_BLANK_LINES.sub("", text).rstrip()


def read_text(text: str, source: str, *, outlet: str | None, published: dt.date | None) -> RawArticle:
    title, body = split_headline(text)
    return RawArticle(source=source, text=trim_blank_lines(body), title=title, outlet=outlet, published=published)
