"""Match keys: a folded form of text for comparing, never for display.

The key unifies letters that the Arabic script writes differently in Persian, Arabic, Urdu
and in careless typing (ي/ی/ى, ك/ک, ة/ه, hamza carriers), turns every digit into ASCII, drops
ZWNJ, tatweel and diacritics, and case-folds Latin and Cyrillic. ``key_with_map`` also
returns, for each key character, the index of the source character it came from.
"""

from __future__ import annotations

import unicodedata

ZWNJ = "\u200c"
ZWJ = "\u200d"
TATWEEL = "\u0640"

# Letter folding across Arabic-script orthographies. Target letters are the Persian forms.
_LETTER_FOLD = {
    "\u064a": "\u06cc",  # ي Arabic yeh → ی
    "\u0649": "\u06cc",  # ى alef maksura → ی
    "\u0626": "\u06cc",  # ئ yeh with hamza → ی
    "\u06d2": "\u06cc",  # ے Urdu barree yeh → ی
    "\u0643": "\u06a9",  # ك Arabic kaf → ک
    "\u06aa": "\u06a9",  # ڪ swash kaf → ک
    "\u0629": "\u0647",  # ة teh marbuta → ه
    "\u06c0": "\u0647",  # ۀ heh with yeh → ه
    "\u06c1": "\u0647",  # ہ Urdu heh goal → ه
    "\u06d5": "\u0647",  # ە Kurdish ae → ه
    "\u0623": "\u0627",  # أ → ا
    "\u0625": "\u0627",  # إ → ا
    "\u0622": "\u0627",  # آ → ا
    "\u0671": "\u0627",  # ٱ alef wasla → ا
    "\u0624": "\u0648",  # ؤ → و
}

_DIGITS = {chr(base + i): str(i) for base in (0x0660, 0x06F0, 0x07C0, 0x0966) for i in range(10)}

_DROP = {ZWNJ, ZWJ, TATWEEL, "\u200e", "\u200f", "\u00ad", "\ufeff"}


def _fold_char(ch: str) -> str:
    """The key of one character: NFKD (so composed and decomposed text agree), marks dropped."""
    out = []
    for c in unicodedata.normalize("NFKD", ch):
        if c in _DROP or unicodedata.category(c) == "Mn":
            continue  # harakat, shadda, superscript alef, Latin accents, ZWNJ, tatweel
        c = _LETTER_FOLD.get(c, c)
        c = _DIGITS.get(c, c)
        out.append(c.casefold())
    return "".join(out)


class _FoldTable(dict):
    """``str.translate`` table filled on first sight of each code point."""

    def __missing__(self, codepoint: int) -> str:
        folded = _fold_char(chr(codepoint))
        self[codepoint] = folded
        return folded


_TABLE = _FoldTable()


def key(text: str) -> str:
    """The match key of ``text``. Idempotent: ``key(key(t)) == key(t)``."""
    return text.translate(_TABLE)


def key_with_map(text: str) -> tuple[str, list[int]]:
    """The key of ``text`` and, for each key character, the index of its source character."""
    pieces = list(map(_TABLE.__getitem__, map(ord, text)))
    folded = "".join(pieces)
    if len(folded) == len(text) and "" not in pieces:
        return folded, list(range(len(text)))
    origin = [i for i, piece in enumerate(pieces) for _ in piece]
    return folded, origin
