"""Sentence splitting over the clean text, by offsets.

Newlines are hard breaks. Inside a line a sentence ends at ``. ! ? ؟ ۔ …`` (with any closing
quotes or brackets after it) followed by space, unless the word before the period is a known
abbreviation (``lang/<code>/segment.json``), a single-letter initial, or the next word starts in
lower case (Latin/Cyrillic). A period glued to a following Arabic-script letter
(``مستمرة.وأضاف``) ends a sentence; one before a digit (``۲.۵``, ``٢.٥``) does not. The Arabic
comma ``،`` never ends a sentence. No split falls inside a quotation or parentheses unless that
quotation is long (``_LONG_QUOTE_CHARS``, about two short sentences): a long quoted passage is a
run of sentences, a short one is part of the sentence that quotes it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsweave import lang as langdata

_LONG_QUOTE_CHARS = 120
"""A quotation longer than this may be split at its own sentence ends."""

_LINE = re.compile(r"[^\n]+")
_CLOSERS = "\"'»”’)]}›"
# A sentence end: terminal punctuation, optional closers, then whitespace (or a glued Arabic-script
# letter after a period, as scraped Arabic often has) — the boundary is after the closers.
_ARABIC_LETTER = r"[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]"
"""A letter (not a digit: ``۲.۵`` is a decimal) that a glued period may precede."""
# The pattern starts with a character class so the regex engine skips fast to candidate marks.
_END = re.compile(
    r"[.!?؟۔…](?:[.!?؟۔…]*[" + re.escape(_CLOSERS) + r"]*(?=\s|$)"
    r"|(?<=[.!?؟۔])[.!?؟۔]*[" + re.escape(_CLOSERS) + r"]*(?=" + _ARABIC_LETTER + "))"
)
_WORD_BEFORE = re.compile(r"([^\s(\[«“\"']+)$")
_WORD_WINDOW = 48
"""The word before a period is looked for in this many characters first (a longer one is rare)."""
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_NEXT_WORD = re.compile(r"\s*[\"'«“(\[]*(\S)")
_OPENERS = {"«": "»", "“": "”", "(": ")", "[": "]", "‹": "›", "„": "“"}
_QUOTE_CHARS = re.compile(r"[«»“”()\[\]‹›„\"]")

_DEFAULT_ABBREVIATIONS = frozenset()


@lru_cache(maxsize=None)
def _abbreviations(lang: str) -> frozenset[str]:
    data = langdata.load(lang, "segment.json") or {}
    return frozenset(a.lower().rstrip(".") for a in data.get("abbreviations", ())) or _DEFAULT_ABBREVIATIONS


def _quote_regions(line: str) -> list[tuple[int, int]]:
    """Spans of balanced quotations/brackets in a line; unbalanced marks are ignored."""
    regions: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    straight_open: int | None = None
    for m in _QUOTE_CHARS.finditer(line):
        ch, pos = m.group(), m.start()
        if ch == '"':
            if straight_open is None:
                straight_open = pos
            else:
                regions.append((straight_open, pos + 1))
                straight_open = None
        elif ch in _OPENERS and not (ch == "“" and stack and stack[-1][0] == "„"):
            stack.append((ch, pos))
        else:
            for depth in range(len(stack) - 1, -1, -1):
                if _OPENERS[stack[depth][0]] == ch:
                    regions.append((stack[depth][1], pos + 1))
                    del stack[depth:]
                    break
    return regions


def _inside_short_quote(pos: int, regions: list[tuple[int, int]]) -> bool:
    """``regions`` holds only the short quotations (see :func:`_split_line`)."""
    for start, end in regions:
        if start < pos < end:
            return True
    return False


def _word_before(line: str, end: int) -> str:
    """The run of non-space, non-opening characters that ends at ``end``."""
    low = max(0, end - _WORD_WINDOW)
    match = _WORD_BEFORE.search(line, low, end)
    if match and match.start() == low and low > 0:
        match = _WORD_BEFORE.search(line, 0, end)  # the word is longer than the window
    return match.group(1) if match else ""


def _is_false_end(line: str, punct_start: int, punct: str, after: int, abbreviations: frozenset[str]) -> bool:
    if punct.startswith(".") and not punct.startswith("..."):
        word = _word_before(line, punct_start)
        core = word.rstrip(".").lower()
        if core in abbreviations:
            return True
        if len(core) == 1 and core.isalpha():
            return True  # an initial: "J. Smith", "د. محمد"
        if _DOTTED.fullmatch(core):
            return True  # U.S., e.g
    next_match = _NEXT_WORD.match(line, after)
    if next_match:
        ch = next_match.group(1)
        if ch.islower() and ch.isalpha():
            return True  # "… approx. five" / "… Inc. and": cased scripts continue in lower case
    return False


def _split_line(line: str, offset: int, abbreviations: frozenset[str], out: list[tuple[int, int]]) -> None:
    """Append the sentence spans of one line (offsets into the text) to ``out``."""
    short_quotes = (
        [(s, e) for s, e in _quote_regions(line) if e - s <= _LONG_QUOTE_CHARS] if _QUOTE_CHARS.search(line) else []
    )
    start = 0
    for m in _END.finditer(line):
        end = m.end()
        if short_quotes and _inside_short_quote(m.start(), short_quotes) and _inside_short_quote(end - 1, short_quotes):
            continue
        if _is_false_end(line, m.start(), m.group(), end, abbreviations):
            continue
        _append_trimmed(line, start, end, offset, out)
        start = end
    _append_trimmed(line, start, len(line), offset, out)


def _append_trimmed(line: str, start: int, end: int, offset: int, out: list[tuple[int, int]]) -> None:
    piece = line[start:end]
    stripped = piece.strip()
    if stripped:
        lead = start + len(piece) - len(piece.lstrip())
        out.append((offset + lead, offset + lead + len(stripped)))


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans (offsets into ``text``), trimmed of surrounding whitespace."""
    abbreviations = _abbreviations(lang)
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        _split_line(line.group(), line.start(), abbreviations, spans)
    return spans
