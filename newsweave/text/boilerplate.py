"""Boilerplate lines: site footers and headers that are not article content.

Two signals, both limited to short lines at the edges of the text (the head and tail zones),
walking inward from each edge and stopping at the first line that is content:
- per-language patterns (``lang/<code>/boilerplate.json``: follow/subscribe/share/rights/
  disclaimer/"read more" lines). Patterns are matched on the line's match key, so spelling
  variants (ي/ی, ZWNJ or none, case) need no extra entries. Every language's patterns apply,
  because footers are often in another language than the body ("Follow us on Google News");
- lines whose fingerprint recurs across many articles of the same outlet (``repeated``).
A body sentence that merely mentions "follow" or "news" is long, or sits away from the edges,
or does not match a pattern, and stays.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from newsweave import lang as langdata
from newsweave.errors import LanguageDataError
from newsweave.text.keys import key

_MAX_LINE_CHARS = 220
"""Only lines this short can be boilerplate: footers are short, body paragraphs are not."""
_HEAD_ZONE_LINES = 4
_TAIL_ZONE_LINES = 8
"""At most this many non-blank lines from each edge are examined."""

_SPACES = re.compile(r"\s+")
_ESCAPE_OR_LITERAL = re.compile(r"\\.|\[\^?|[^\\\[]+")
_BLANK = re.compile(r"[\s\u200b-\u200f\u2060\ufeff]*")
_SYMBOL_ONLY = re.compile(r"[\W_]+")


def _match_line(line: str) -> str:
    return _SPACES.sub(" ", key(line)).strip()


def line_fingerprint(line: str) -> str:
    """Stable hash of a line's match key: the same footer with other spacing or ي/ی matches."""
    return hashlib.blake2b(_match_line(line).encode("utf-8"), digest_size=8).hexdigest()


def _key_pattern(pattern: str) -> str:
    """Fold the literal parts of a regex like the text is folded, leaving escapes alone."""
    return "".join(
        part if part.startswith("\\") or part.startswith("[") and len(part) <= 2 else key(part)
        for part in _ESCAPE_OR_LITERAL.findall(pattern)
    )


_META = set("\\.^$*+?{}[]|()")


def _required_literal(pattern: str) -> str:
    """Plain text every match of ``pattern`` contains (its leading literal), or "" if unsure.

    Testing ``literal in line`` first lets most patterns skip a line without running the regex;
    a pattern that starts with ``\\b`` or a group gets no help from the regex engine's own
    prefix scan, so this is where the time went.
    """
    depth = 0
    escaped = in_class = False
    for ch in pattern:  # a top-level alternative would make the prefix optional
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return ""
    body = pattern.removeprefix("^").removeprefix("\\b")
    literal = []
    for i, ch in enumerate(body):
        if ch in _META:
            if ch in "?*{" and literal:
                literal.pop()  # the character before an optional quantifier may be absent
            break
        literal.append(ch)
    text = "".join(literal)
    return text if len(text) >= 3 else ""


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(required literal, pattern) for every language's patterns, folded like the lines."""
    compiled: list[tuple[str, re.Pattern[str]]] = []
    for code, data in sorted(langdata.load_all("boilerplate.json").items()):
        for pattern in data.get("patterns", ()):
            folded = _key_pattern(pattern)
            try:
                compiled.append((_required_literal(folded), re.compile(folded)))
            except re.error as exc:
                raise LanguageDataError(f"lang/{code}/boilerplate.json: bad pattern {pattern!r}: {exc}") from None
    return tuple(compiled)


def _matches_a_pattern(line_key: str) -> bool:
    return any((not literal or literal in line_key) and pattern.search(line_key) for literal, pattern in _patterns())


def is_boilerplate_line(line: str, repeated: frozenset[str] = frozenset()) -> bool:
    """A short line that a pattern or the outlet's repeated-line list marks as not content."""
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_LINE_CHARS:
        return False
    if _SYMBOL_ONLY.fullmatch(stripped):
        return True  # separators: "* * *", "----", "|"
    if repeated and line_fingerprint(stripped) in repeated:
        return True
    return _matches_a_pattern(_match_line(stripped))


def _edge_run(lines: list[str], indices: range, limit: int, repeated: frozenset[str]) -> list[int]:
    """Indices of boilerplate lines from one edge inward, stopping at the first content line."""
    found: list[int] = []
    seen = 0
    for i in indices:
        if _BLANK.fullmatch(lines[i]):
            continue
        seen += 1
        if seen > limit or not is_boilerplate_line(lines[i], repeated):
            break
        found.append(i)
    return found


def strip_boilerplate(text: str, lang: str, repeated: frozenset[str] = frozenset()) -> tuple[str, tuple[str, ...]]:
    """The text without its edge boilerplate lines, and the removed lines (in text order).

    ``lang`` is accepted for symmetry with the other text stages; the patterns of every language
    apply because a footer's language often differs from the body's.
    """
    lines = text.split("\n")
    tail = _edge_run(lines, range(len(lines) - 1, -1, -1), _TAIL_ZONE_LINES, repeated)
    head = _edge_run(lines, range(len(lines)), _HEAD_ZONE_LINES, repeated)
    drop = set(head) | set(tail)
    if not drop:
        return text, ()
    removed = tuple(lines[i].strip() for i in sorted(drop))
    kept = [line for i, line in enumerate(lines) if i not in drop]
    return "\n".join(kept).strip(), removed
