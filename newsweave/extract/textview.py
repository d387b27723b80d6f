"""Shared plumbing for the quote and fact stages: lexicons matched on the match key.

Lexicon entries are folded with :func:`newsweave.text.keys.key`, so one entry matches the
Persian, Arabic and careless spellings alike; a space inside an entry also matches a ZWNJ
(dropped by the key) or no space at all, because scraped Persian often loses both
("گفت‌وگو", "گفتوگو"). Matches are found on ``Article.normalized.key`` and mapped back to
``Article.text`` offsets.

Speed: the stages match a dozen lexicons over every article and over many small regions of it.
:class:`CueIndex` finds, in one scan per article, the word starts where any lexicon can match
and tries each lexicon only there (results identical to ``re``); :class:`SpanIndex` and
:func:`positions_between` replace per-sentence scans of every mention, time or cue by bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache, partial
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


_GAP = " "
"""Trie token for the space inside a multi-word entry: it matches any or no whitespace."""


def term_alternation(terms: Iterable[str]) -> str:
    """A regex alternation of key-folded terms; spaces match any or no space.

    The alternation is written as a character trie ("قال(?:ت|وا)?" rather than
    "قالوا|قالت|قال"): Python's ``re`` tries alternatives one by one, so a flat list of a few
    hundred words costs a few hundred tries at every word start, a trie one branch per
    character. Optional tails are greedy, so the longest entry that fits still wins.
    """
    folded = {key(t).strip() for t in terms if t and t.strip()}
    if not folded:
        return r"(?!x)x"
    trie: dict = {}
    for term in folded:
        node = trie
        for token in _GAP.join(term.split()):
            node = node.setdefault(token, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    """The regex of a trie node; the key ``""`` marks the end of an entry."""
    branches = []
    for token in sorted((t for t in node if t), key=lambda t: (-_depth(node[t]), t)):
        head = r"\s*" if token == _GAP else re.escape(token)
        branches.append(head + _trie_pattern(node[token]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _depth(node: dict) -> int:
    """Length of the longest entry below a trie node (so longer entries are tried first)."""
    return max((1 + _depth(child) for token, child in node.items() if token), default=0)


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

    def to_key_spans(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """Text spans → key spans (``to_key`` on both ends), for many spans at once."""
        flat = [offset for span in spans for offset in span]
        keyed = list(map(partial(bisect_left, self.origin), flat))
        return list(zip(keyed[0::2], keyed[1::2]))


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


# --- one pass over the key for every cue lexicon ------------------------------------------
#
# A scan with ``pattern.finditer(key)`` pays Python's ``re`` entry cost at every character of
# a ~3 KB text, once per lexicon and again for every region a stage searches. Every cue
# pattern starts at a word start (``(?<!\w)``) and its match begins with one of a known set of
# strings (clitic prefix + first word of an entry): its *leads*. One scan per article finds the
# word starts that begin with a lead of any lexicon, each tagged with the lexicons it can begin;
# a lexicon is then tried (``pattern.match``) only at its own tagged word starts, and each try
# is remembered, so the many overlapping regions the quote stage searches cost a lookup each.
# The results are exactly those of ``pattern.finditer`` on the region's slice.

_LEAD_CHARS = 3
_WORD_HEAD = re.compile(r"\w*")
_WORD_CHAR = re.compile(r"\w")


@dataclass(frozen=True)
class CueShape:
    """What the cue index must know of a lexicon pattern."""

    leads: frozenset[str]
    """Key-folded starts of a possible match, up to the first non-word character and cut to a
    few characters; ``""`` means the pattern cannot be indexed (it may start anywhere)."""
    word_final: bool
    """Every entry ends in a word character, so a match never ends on a space or a mark."""

    def __or__(self, other: CueShape) -> CueShape:
        return CueShape(self.leads | other.leads, self.word_final and other.word_final)


def cue_shape(*parts: tuple[Iterable[str], bool]) -> CueShape:
    """The shape of a pattern made of consecutive parts ``(alternatives, optional)``.

    Only the first word of a match is certain (a space inside an entry may match no space), so
    a lead stops at the first non-word character of the parts it walks through.
    """
    leads: set[str] = set()
    folded_parts = [([key(a).strip() for a in alternatives if a and a.strip()], optional)
                    for alternatives, optional in parts]

    def walk(index: int, head: str) -> None:
        if len(head) >= _LEAD_CHARS or index == len(folded_parts):
            leads.add(head[:_LEAD_CHARS])
            return
        alternatives, optional = folded_parts[index]
        if optional:
            walk(index + 1, head)
        for alt in alternatives:
            word = _WORD_HEAD.match(alt).group()
            if len(word) < len(alt):
                leads.add((head + word)[:_LEAD_CHARS])  # the lead ends inside this part
            else:
                walk(index + 1, head + word)

    walk(0, "")
    word_final = all(_WORD_CHAR.match(alt[-1]) for alternatives, _ in folded_parts for alt in alternatives)
    return CueShape(frozenset(leads), word_final)


@dataclass(frozen=True)
class CueScanner:
    """The one-pass finder of the word starts where a language's cue lexicons may match."""

    finder: re.Pattern
    masks: dict[str, int]
    """Matched lead → bit mask of the lexicons that have an entry starting with it."""
    bits: dict[str, int]
    shapes: dict[str, CueShape]
    lead_at: re.Pattern
    """The leads anywhere (not only at word starts): for a region that starts mid-word."""
    lexicons_of: dict[str, tuple[str, ...]]
    """Matched lead → the lexicons (names) that have an entry starting with it."""
    indexed: tuple[str, ...]
    """Lexicons with leads (the others are matched everywhere)."""

    @classmethod
    def build(cls, shapes: Mapping[str, CueShape]) -> CueScanner:
        bits = {name: 1 << i for i, name in enumerate(shapes)}
        by_lead: dict[str, int] = {}
        for name, shape in shapes.items():
            for lead in shape.leads:
                if lead:
                    by_lead[lead] = by_lead.get(lead, 0) | bits[name]
        # The finder matches the longest lead at a word start; a shorter lead that begins it
        # also begins the word, so its lexicons go into the longer lead's mask too.
        masks = {lead: _mask_of_heads(lead, by_lead) for lead in by_lead}
        leads = term_alternation(by_lead)
        lexicons_of = {lead: tuple(name for name in shapes if mask & bits[name]) for lead, mask in masks.items()}
        indexed = tuple(name for name, shape in shapes.items() if "" not in shape.leads)
        return cls(re.compile(rf"(?<!\w)(?:{leads})"), masks, bits, dict(shapes), re.compile(leads), lexicons_of, indexed)


def _mask_of_heads(lead: str, by_lead: dict[str, int]) -> int:
    mask = 0
    for n in range(1, len(lead) + 1):
        mask |= by_lead.get(lead[:n], 0)
    return mask


_UNTRIED = object()


class CueIndex:
    """The tagged word starts of one key; matches each lexicon at its own starts only."""

    __slots__ = ("key", "size", "scanner", "_positions", "_tried")

    def __init__(self, text_key: str, scanner: CueScanner) -> None:
        self.key = text_key
        self.size = len(text_key)
        self.scanner = scanner
        positions: dict[str, list[int]] = {name: [] for name in scanner.indexed}
        by_lead = scanner.lexicons_of
        for match in scanner.finder.finditer(text_key):
            at = match.start()
            for name in by_lead[match.group()]:
                positions[name].append(at)
        self._positions = positions
        self._tried: dict[str, dict[int, re.Match | None]] = {name: {} for name in scanner.indexed}

    def find_all(self, name: str, pattern: re.Pattern, start: int = 0, end: int | None = None,
                 pos: int = 0, first_only: bool = False) -> list[tuple[int, re.Match]]:
        """``(offset, match)`` for each match of ``pattern.finditer(key[start:end], pos)``.

        ``offset + match.start()`` is the key offset; ``offset`` is 0 except for a match at a
        region start that cuts a word (matched on the slice, as ``finditer`` would).
        """
        key, size = self.key, self.size
        if end is None or end > size:
            end = size
        starts = self._positions.get(name)
        if starts is None:  # a lexicon that cannot be indexed
            found = [(start, m) for m in pattern.finditer(key[start:end], pos)]
            return found[:1] if first_only else found
        out: list[tuple[int, re.Match]] = []
        resume = start + pos
        if pos == 0 and 0 < start < end and (key[start - 1].isalnum() or key[start - 1] == "_") and (
            key[start].isalnum() or key[start] == "_"
        ):
            # Mid-word here, yet a word start of the slice: try it there when a lead begins it.
            lead = self.scanner.lead_at.match(key, start)
            if lead and self.scanner.masks[lead.group()] & self.scanner.bits[name]:
                match = pattern.match(key[start:end])
                if match:
                    out.append((start, match))
                    if first_only:
                        return out
                    resume = start + match.end()
        i = bisect_left(starts, resume)
        if i == len(starts) or starts[i] >= end:
            return out
        # A remembered full-key try stands for the region's when nothing at or past ``end`` can
        # change it: the region ends after a non-word character and no match may end on one.
        reuse = end == size or (self.scanner.shapes[name].word_final and not _is_word(key[end - 1]))
        tried = self._tried[name]
        for at in starts[i:]:
            if at >= end:
                break
            if at < resume:
                continue
            if reuse:
                match = tried.get(at, _UNTRIED)
                if match is _UNTRIED:
                    match = tried[at] = pattern.match(key, at)
                if match is not None and match.end() > end:
                    match = pattern.match(key, at, end)
            else:
                match = pattern.match(key, at, end)
            if match is not None:
                out.append((0, match))
                if first_only:
                    break
                resume = match.end()
        return out

    def first_start(self, name: str, start: int, end: int) -> int | None:
        """The first word start in ``start..end`` that begins with a lead of the lexicon."""
        starts = self._positions.get(name)
        if starts is None:
            return start if start < end else None
        i = bisect_left(starts, start)
        return starts[i] if i < len(starts) and starts[i] < end else None

    def has_start(self, name: str, start: int, end: int) -> bool:
        """Whether a word start in ``start..end`` begins with a lead of the lexicon.

        (A lexicon that cannot be indexed may start anywhere: True.)
        """
        starts = self._positions.get(name)
        if starts is None:
            return True
        i = bisect_left(starts, start)
        return i < len(starts) and starts[i] < end

    def find_first(self, name: str, pattern: re.Pattern, start: int = 0, end: int | None = None,
                   pos: int = 0) -> tuple[int, re.Match] | None:
        """``(offset, match)`` of ``pattern.search(key[start:end], pos)``, or None."""
        found = self.find_all(name, pattern, start, end, pos, first_only=True)
        return found[0] if found else None


def _is_word(ch: str) -> bool:
    """What ``\\w`` matches in a str pattern, for one character."""
    return ch.isalnum() or ch == "_"


@lru_cache(maxsize=None)
def cue_scanner(code: str) -> CueScanner:
    """The scanner over every cue lexicon of a language (speech and event cues together)."""
    from newsweave.extract.facts import event_lexicon
    from newsweave.extract.quotes import speech_lexicon

    shapes: dict[str, CueShape] = {}
    for lex in (speech_lexicon(code), event_lexicon(code)):
        if lex is not None:
            shapes.update(lex.cue_shapes)
    return CueScanner.build(shapes)


@lru_cache(maxsize=8)
def cue_index(code: str, text_key: str) -> CueIndex:
    """The cue index of an article's key, shared by the quote and fact stages of one article."""
    return CueIndex(text_key, cue_scanner(code))


class SpanIndex:
    """Spans (mentions, times) in key offsets, for "which lie inside / overlap" questions.

    Spans come sorted by start from the stages that make them; bisecting on the starts turns a
    scan of every span per sentence or per cue into a scan of the few nearby ones. Unsorted
    input is still answered (by a full scan), so a caller never gets a wrong answer.
    """

    __slots__ = ("spans", "starts", "longest", "ordered")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [a for a, _ in spans]
        self.longest = max((b - a for a, b in spans), default=0)
        self.ordered = all(x <= y for x, y in zip(self.starts, self.starts[1:]))

    def inside(self, start: int, end: int) -> list[int]:
        """Indices of spans within ``start..end``, in index order."""
        spans = self.spans
        if not self.ordered:
            return [i for i, (a, b) in enumerate(spans) if a >= start and b <= end]
        first, last = bisect_left(self.starts, start), bisect_right(self.starts, end)
        return [i for i in range(first, last) if spans[i][1] <= end]

    def starting_in(self, low: int, high: int) -> list[int]:
        """Indices of spans that start in ``low..high`` (both ends included), in index order."""
        if not self.ordered:
            return [i for i, (a, _) in enumerate(self.spans) if low <= a <= high]
        return list(range(bisect_left(self.starts, low), bisect_right(self.starts, high)))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span overlaps ``start..end``."""
        spans = self.spans
        if not self.ordered:
            return any(a < end and start < b for a, b in spans)
        first, last = bisect_left(self.starts, start - self.longest), bisect_left(self.starts, end)
        return any(start < spans[i][1] for i in range(first, last))


def positions_between(positions: list[int], start: int, end: int) -> range:
    """Indices of the sorted ``positions`` that lie in ``start..end``."""
    return range(bisect_left(positions, start), bisect_left(positions, end))
