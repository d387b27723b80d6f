"""Name keys: fold a name so its Persian, Arabic and careless spellings meet.

Foreign names are written by ear in Arabic script, so spellings differ in long-vowel letters,
in ح/ه, ع/ا, in a prosthetic initial alef before an s-cluster (استفانیشینا / ستيفانيشينا) and in
a final ه (آندری / أندريه). ``name_key`` drops what varies and keeps the consonant skeleton in
the name's own script; it is what ``Mention.key`` holds.

``loose_token`` goes further, for linking across Persian and Arabic: Arabic has no p, g, v, ch
or zh, so it writes پ as ب, گ as ج/غ/ق, v as ف or و, چ as ج or تش and ژ as ج; Latin "gh" is غ or
ق. The loose key folds each such family into one letter, drops the Arabic article and doubled letters. Latin names are
brought into the same space by :mod:`newsweave.link.translit`, so one key space serves every
script.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from newsweave.text.keys import key

_CONSONANT_FOLD = str.maketrans({
    "ح": "ه",
    "ع": "ا",
    "ء": None,
    "ث": "س",
    "ص": "س",
    "ذ": "ز",
    "ض": "ز",
    "ظ": "ز",
    "ط": "ت",
})
# Cross-orthography families: one letter for each sound Arabic lacks and spells in several ways.
_LOOSE_FOLD = str.maketrans({
    "ح": "ه",
    "ع": "ا",
    "ء": None,
    "ث": "س",
    "ص": "س",
    "ذ": "ز",
    "ض": "ز",
    "ظ": "ز",
    "ط": "ت",
    "پ": "ب",
    "ف": "و",  # Arabic writes v as ف; Persian as و (then dropped as a vowel letter)
    "ڤ": "و",
    "ژ": "ج",
    "چ": "ج",
    "گ": "ج",
    "غ": "ج",
    "ق": "ج",  # Persian gh and Gulf Arabic g are written ق
    "ڭ": "ج",
    "ۆ": "و",
    "ێ": "ی",
})
_LONG_VOWELS = "اوی"
_SIBILANTS = "سشز"
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_NOISE = re.compile(r"[^a-z0-9 ]+")
_NON_LETTER = re.compile(r"[^\w]+|_|\d+")
_ARTICLE = "ال"


def _has_prosthetic_alef(token: str) -> bool:
    """ا before s+consonant is the Persian way to start a cluster (Stefan → استفان), not a sound."""
    return len(token) > 3 and token[0] == "ا" and token[1] in _SIBILANTS and token[2] not in _LONG_VOWELS


def _skeleton(token: str) -> str:
    """First letter, then the consonants: long-vowel letters are spelled too freely to keep."""
    if _has_prosthetic_alef(token):
        token = token[1:]
    if len(token) > 2 and token[-1] == "ه" and token[-2] in _LONG_VOWELS:
        token = token[:-1]  # final -e written as ه
    if not token:
        return token
    return token[0] + "".join(ch for ch in token[1:] if ch not in _LONG_VOWELS)


def _arabic_token_key(token: str) -> str:
    return _skeleton(token.translate(_CONSONANT_FOLD))


def _latin_token_key(token: str) -> str:
    return token


def is_arabic_script(text: str) -> bool:
    return _ARABIC_LETTER.search(text) is not None


def name_key(text: str) -> str:
    """Consonant-skeleton key of a name, token by token, in the name's own script."""
    folded = key(text)
    if _ARABIC_LETTER.search(folded):
        return " ".join(_arabic_token_key(t) for t in _NON_LETTER.sub(" ", folded).split())
    latin = _LATIN_NOISE.sub(" ", anyascii(folded).lower())
    return " ".join(_latin_token_key(t) for t in latin.split())


def _collapse_doubles(token: str) -> str:
    out = []
    for ch in token:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=65536)
def loose_token(token: str) -> str:
    """Cross-orthography skeleton of one Arabic-script token already folded by ``key``."""
    token = token.replace("تش", "ج")  # Arabic spelling of ch (تشاد / چاد)
    if len(token) >= 5 and token.startswith(_ARTICLE):
        token = token[2:]  # البرهان / برهان
    token = _collapse_doubles(token.translate(_LOOSE_FOLD))
    if len(token) > 2 and token[-1] == "ه":
        token = token[:-1]  # final -e / -a / ta marbuta: فاطمه / فاطمة
    return _skeleton(token)


def arabic_loose_tokens(text: str) -> tuple[str, ...]:
    """Loose keys of the tokens of an Arabic-script name."""
    folded = _NON_LETTER.sub(" ", key(text))
    return tuple(t for t in (loose_token(tok) for tok in folded.split()) if t)


def arabic_joined_variant(text: str) -> tuple[str, ...]:
    """The name with its first two words written as one (عبد الفتاح → عبدالفتاح, محمد باقر →
    محمدباقر): Persian writes compound given names joined, Arabic apart; () when not applicable."""
    folded = _NON_LETTER.sub(" ", key(text)).split()
    if len(folded) < 3:
        return ()
    joined = (loose_token(folded[0] + folded[1]), *(loose_token(tok) for tok in folded[2:]))
    return tuple(t for t in joined if t)

