"""Per-language normalisation with a map back to the original offsets.

``normalize(text, lang)`` returns a :class:`Normalized` view:
- ``text``: the language's normalised text (Persian letters, ZWNJ repaired, no tatweel …);
- ``key``: the match key of the whole text (see :mod:`newsweave.text.keys`): what extractors
  match lexicons against (lexicon entries are key-folded the same way);
- ``text_origin`` / ``key_origin``: for each character of ``text`` / ``key``, the index of the
  original character it came from, so any span maps back to ``Article.text``.

One small engine runs the rules of ``lang/<code>/normalize.json`` in a fixed order:
1. ``remove``: a character class dropped from the text (tatweel, harakat, stray marks);
2. Unicode NFC (only where the text is not already NFC);
3. ``char_map``: one-to-one letter replacements (Persian ي → ی, ك → ک), by ``str.translate``;
4. ``zwnj``: zero-width non-joiner repair after verb prefixes (می/نمی) and before plural and
   comparative suffixes (ها/های/تر/ترین), only in words of the language's script, only when the
   word list (wordfreq) prefers the split spelling or knows the parts and not the whole.
Digits are kept as written in ``text`` (they display as the outlet wrote them); the key always
has ASCII digits. Each step maps back to the previous one, so offsets compose.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsweave import lang as langdata
from newsweave.errors import LanguageDataError
from newsweave.text.keys import ZWNJ, key_with_map

_NFC_SAFE = re.compile(r"[\u0000-\u02ff\u0370-\u0482\u048a-\u0590\u0600-\u064a\u0656-\u065e\u0660-\u06ff\s]*")
"""Texts made only of these characters are NFC already (no combining marks that compose)."""
_COMBINING_RUN = re.compile(r".[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u064b-\u065f\u0670\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+", re.S)

_DEFAULT_RULES: dict[str, Any] = {"remove": "[\u0640\u00ad\ufeff]"}
"""Language-neutral rules for languages without a data file: tatweel, soft hyphen, BOM."""


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


@dataclass(frozen=True, slots=True)
class Normalized:
    original: str
    text: str
    text_origin: tuple[int, ...]
    key: str
    key_origin: tuple[int, ...]

    def _to_original(self, origin: tuple[int, ...], start: int, end: int) -> tuple[int, int]:
        if start >= end:
            pos = origin[start] if start < len(origin) else len(self.original)
            return pos, pos
        last = origin[end - 1] + 1
        # Marks dropped or composed after the last character still belong to it ("e" + "◌́").
        while last < len(self.original) and _is_mark(self.original[last]):
            last += 1
        return origin[start], last

    def text_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``text`` to the original text."""
        return self._to_original(self.text_origin, start, end)

    def key_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``key`` to the original text."""
        return self._to_original(self.key_origin, start, end)


@dataclass(frozen=True)
class _Rules:
    remove: re.Pattern[str] | None
    char_map: dict[int, str]
    zwnj_word: re.Pattern[str] | None
    zwnj_prefixes: tuple[str, ...]
    zwnj_suffixes: tuple[str, ...]
    zwnj_keep: frozenset[str]
    wordfreq_lang: str | None
    min_part_zipf: float
    zwnj_points: dict[tuple[str, bool, bool], tuple[int, ...]] = field(default_factory=dict, repr=False, compare=False)
    """Where ZWNJs go in a word, by (word, glued after, glued before): a text repeats its words,
    and deciding costs a lookup per suffix and prefix."""


def _compile_rules(code: str, data: dict[str, Any]) -> _Rules:
    try:
        remove = re.compile(data["remove"]) if data.get("remove") else None
        char_map = {ord(src): dst for src, dst in data.get("char_map", {}).items()}
        if any(len(dst) != 1 for dst in char_map.values()):
            raise ValueError("char_map values must be single characters")
        zwnj = data.get("zwnj") or {}
        zwnj_word = re.compile(zwnj["word"]) if zwnj.get("word") else None
    except (re.error, ValueError, KeyError, TypeError) as exc:
        raise LanguageDataError(f"lang/{code}/normalize.json: {exc}") from None
    return _Rules(
        remove=remove,
        char_map=char_map,
        zwnj_word=zwnj_word,
        zwnj_prefixes=tuple(sorted(zwnj.get("prefixes", ()), key=len, reverse=True)),
        zwnj_suffixes=tuple(sorted(zwnj.get("suffixes", ()), key=len, reverse=True)),
        zwnj_keep=frozenset(zwnj.get("keep", ())),
        wordfreq_lang=zwnj.get("wordfreq"),
        min_part_zipf=float(zwnj.get("min_part_zipf", 3.0)),
    )


@lru_cache(maxsize=None)
def _rules(lang: str) -> _Rules:
    data = langdata.load(lang, "normalize.json") if lang else None
    return _compile_rules(lang or "-", data if data is not None else _DEFAULT_RULES)


# --- steps: each returns (new text, origin into its input) or None when nothing changes ---------


def _remove(text: str, pattern: re.Pattern[str]) -> tuple[str, list[int]] | None:
    pieces: list[str] = []
    origin: list[int] = []
    last = 0
    for m in pattern.finditer(text):
        if m.start() == m.end():
            continue
        pieces.append(text[last : m.start()])
        origin.extend(range(last, m.start()))
        last = m.end()
    if not pieces and last == 0:
        return None
    pieces.append(text[last:])
    origin.extend(range(last, len(text)))
    return "".join(pieces), origin


def _nfc(text: str) -> tuple[str, list[int]] | None:
    if _NFC_SAFE.fullmatch(text) or unicodedata.is_normalized("NFC", text):
        return None
    pieces: list[str] = []
    origin: list[int] = []
    last = 0
    for m in _COMBINING_RUN.finditer(text):
        plain = unicodedata.normalize("NFC", text[last : m.start()])
        pieces.append(plain)
        origin.extend(range(last, last + len(plain)) if len(plain) == m.start() - last else [last] * len(plain))
        composed = unicodedata.normalize("NFC", m.group())
        pieces.append(composed)
        origin.extend([m.start()] * len(composed))
        last = m.end()
    tail = unicodedata.normalize("NFC", text[last:])
    pieces.append(tail)
    origin.extend(range(last, last + len(tail)) if len(tail) == len(text) - last else [last] * len(tail))
    return "".join(pieces), origin


@lru_cache(maxsize=65536)
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang)


def _prefers_split(whole: str, left: str, right: str, rules: _Rules) -> bool:
    """Whether ``left + ZWNJ + right`` is the right spelling of ``whole``, by word frequency."""
    if whole in rules.zwnj_keep or not rules.wordfreq_lang:
        return False
    lang = rules.wordfreq_lang
    joined = _zipf(whole, lang)
    split = _zipf(left + ZWNJ + right, lang)
    if split > 0 or joined > 0:
        return split > joined
    # Neither spelling is known: split when the parts are (a known stem plus a known affix).
    part = right if left in rules.zwnj_prefixes else left
    return len(part) >= 2 and _zipf(part, lang) >= rules.min_part_zipf


def _zwnj_points(word: str, rules: _Rules, after_zwnj: bool, before_zwnj: bool) -> list[int]:
    """Positions inside ``word`` where a ZWNJ belongs.

    The suffix is decided on the whole word and the prefix on what is left, which is exactly
    what a second pass sees: that keeps the repair idempotent. A word already glued to a ZWNJ
    on one side is a part of a longer word on that side and gets no repair there.
    """
    points: list[int] = []
    stem = word
    if not before_zwnj:
        for suffix in rules.zwnj_suffixes:
            cut = len(word) - len(suffix)
            if word.endswith(suffix) and cut >= 2:
                if _prefers_split(word, word[:cut], suffix, rules):
                    points.append(cut)
                    stem = word[:cut]
                break
    if not after_zwnj:
        for prefix in rules.zwnj_prefixes:
            if stem.startswith(prefix) and len(stem) > len(prefix) + 1:
                if _prefers_split(stem, prefix, stem[len(prefix) :], rules):
                    points.insert(0, len(prefix))
                break
    return points


_ZWNJ_POINTS_KEPT = 200_000


def _repair_zwnj(text: str, rules: _Rules) -> tuple[str, list[int]] | None:
    assert rules.zwnj_word is not None
    inserts: list[int] = []
    known = rules.zwnj_points
    for m in rules.zwnj_word.finditer(text):
        after_zwnj = m.start() > 0 and text[m.start() - 1] == ZWNJ
        before_zwnj = m.end() < len(text) and text[m.end()] == ZWNJ
        word = (m.group(), after_zwnj, before_zwnj)
        points = known.get(word)
        if points is None:
            points = tuple(_zwnj_points(word[0], rules, after_zwnj, before_zwnj))
            if len(known) >= _ZWNJ_POINTS_KEPT:
                known.clear()
            known[word] = points
        if points:
            inserts.extend(m.start() + p for p in points)
    if not inserts:
        return None
    pieces: list[str] = []
    origin: list[int] = []
    last = 0
    for pos in inserts:
        pieces.append(text[last:pos])
        origin.extend(range(last, pos))
        pieces.append(ZWNJ)
        origin.append(pos)  # an inserted ZWNJ belongs to the letter after it
        last = pos
    pieces.append(text[last:])
    origin.extend(range(last, len(text)))
    return "".join(pieces), origin


def _apply(
    text: str, origin: list[int] | range, changed: tuple[str, list[int]] | None
) -> tuple[str, list[int] | range]:
    if changed is None:
        return text, origin
    new_text, step_origin = changed
    return new_text, [origin[i] for i in step_origin]


def normalize_text(text: str, lang: str) -> tuple[str, list[int] | range]:
    """The normalised text and, per character, the index of the original character."""
    rules = _rules(lang)
    origin: list[int] | range = range(len(text))
    if rules.remove is not None:
        text, origin = _apply(text, origin, _remove(text, rules.remove))
    text, origin = _apply(text, origin, _nfc(text))
    if rules.char_map:
        text = text.translate(rules.char_map)  # one-to-one: offsets unchanged
    if rules.zwnj_word is not None:
        text, origin = _apply(text, origin, _repair_zwnj(text, rules))
    return text, origin


@lru_cache(maxsize=256)
def normalize(text: str, lang: str) -> Normalized:
    norm_text, norm_origin = normalize_text(text, lang)
    key, key_to_norm = key_with_map(norm_text)
    key_origin = tuple(norm_origin[i] for i in key_to_norm)
    return Normalized(text, norm_text, tuple(norm_origin), key, key_origin)
