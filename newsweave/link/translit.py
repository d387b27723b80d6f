"""Between Latin and Arabic script, for names only.

Two directions, both rule-based and driven by ``lang/<code>/translit.json``:

* ``latin_to_arabic_keys``: how fa/ar would write a Latin name, as loose name keys
  (:func:`newsweave.link.keys.loose_token`), so "Zelensky" meets زلنسکی and زيلينسكي.
* ``romanize``: a readable English label for an Arabic-script name when no English name is
  known. Short vowels are unwritten, so they are guessed: a default vowel goes where English
  could not pronounce the consonant run; endings (-ov, -sky, -ian) use their usual spellings.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice, product
from typing import Any

from anyascii import anyascii

from newsweave import lang as lang_data
from newsweave.link.keys import is_arabic_script, loose_token
from newsweave.text.keys import key

_MAX_VARIANTS_PER_TOKEN = 8
_MAX_VARIANTS = 16
_LATIN_TOKEN = re.compile(r"[a-z]+")
_ARABIC_TOKEN = re.compile(r"[^\W\d_]+")
# Latin particles that Arabic script attaches or drops: al-Burhan = البرهان, el-Sisi = السيسي.
_LATIN_ARTICLES = frozenset({"al", "el", "ul", "as", "ash", "ad", "ar", "at", "an", "az"})
_FRONT_VOWELS = "eiy"


# ----------------------------------------------------------------------------- Latin → keys


@lru_cache(maxsize=1)
def _latin_rules() -> dict[str, Any]:
    data = lang_data.load("en", "translit.json") or {}
    graphemes = data.get("graphemes", {})
    return {
        "graphemes": sorted(graphemes.items(), key=lambda kv: -len(kv[0])),
        "before_front": data.get("before_front", {}),
        "vowels": data.get("vowels", {}),
        "initial_vowel": data.get("initial_vowel", "ا"),
        "final": data.get("final", {}),
    }


def _token_options(token: str) -> list[list[str]]:
    """For each grapheme of a Latin token, the Arabic-script spellings it may take."""
    rules = _latin_rules()
    vowels: dict[str, str] = rules["vowels"]
    options: list[list[str]] = []
    i = 0
    while i < len(token):
        ch = token[i]
        if ch in vowels and not (ch == "y" and i + 1 < len(token) and token[i + 1] in "aeiou"):
            letter = vowels[ch]
            options.append([rules["initial_vowel"] + letter] if i == 0 else [letter])
            i += 1
            continue
        for grapheme, spellings in rules["graphemes"]:
            if token.startswith(grapheme, i):
                end = i + len(grapheme)
                if grapheme in rules["before_front"] and end < len(token) and token[end] in _FRONT_VOWELS:
                    spellings = rules["before_front"][grapheme]
                elif end == len(token) and grapheme in rules["final"]:
                    spellings = rules["final"][grapheme]
                options.append(list(spellings))
                i = end
                break
        else:
            options.append(["ی"] if ch == "y" else [])  # consonantal y, or a letter with no rule
            i += 1
    return [o for o in options if o]


@lru_cache(maxsize=65536)
def _latin_token_keys(token: str) -> tuple[str, ...]:
    """Loose keys of one Latin token, the usual spelling first."""
    spellings = product(*_token_options(token))
    keys: dict[str, None] = {}
    for parts in islice(spellings, _MAX_VARIANTS_PER_TOKEN):
        k = loose_token(key("".join(parts)))
        if k:
            keys[k] = None
    return tuple(keys)


def _latin_tokens(name: str) -> list[str]:
    tokens = _LATIN_TOKEN.findall(anyascii(name).lower())
    if len(tokens) > 1:
        tokens = [t for t in tokens if t not in _LATIN_ARTICLES] or tokens
    return tokens


@lru_cache(maxsize=65536)
def latin_loose_tokens(name: str) -> tuple[str, ...]:
    """The usual Arabic-script loose key of each token of a Latin (or Cyrillic, Greek…) name."""
    out = []
    for token in _latin_tokens(name):
        keys = _latin_token_keys(token)
        if keys:
            out.append(keys[0])
    return tuple(out)


@lru_cache(maxsize=65536)
def latin_variant_tokens(name: str) -> tuple[tuple[str, ...], ...]:
    """Every plausible Arabic-script loose key tuple of a Latin name (the usual one first)."""
    per_token = [keys for keys in (_latin_token_keys(t) for t in _latin_tokens(name)) if keys]
    if not per_token:
        return ()
    return tuple(islice(product(*per_token), _MAX_VARIANTS))


def latin_to_arabic_keys(name: str) -> set[str]:
    """Candidate loose name keys of a Latin name as Persian or Arabic would write it."""
    return {" ".join(tokens) for tokens in latin_variant_tokens(name)}


# ----------------------------------------------------------------------------- Arabic → Latin

_LONG = "اوی"


class _Rules:
    """A language's romanisation table, with its keys folded like the text they meet."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.letters = {key(k): v for k, v in data.get("letters", {}).items()}
        self.default_vowel: str = data.get("default_vowel", "a")
        self.waw_vowel: str = data.get("waw_vowel", "u")
        self.yeh_vowel: str = data.get("yeh_vowel", "i")
        self.initial_ain: str = data.get("initial_ain", "a")
        self.final_heh: str = data.get("final_heh", "a")
        self.article: str = data.get("article", "")
        self.onsets = frozenset(data.get("onsets", ()))
        self.codas = frozenset(data.get("codas", ()))
        endings = {key(k): v for k, v in data.get("endings", ())}
        self.endings = sorted(endings.items(), key=lambda kv: -len(kv[0]))
        self.words = {key(k): v for k, v in data.get("words", {}).items()}


@lru_cache(maxsize=None)
def _romanize_rules(code: str) -> _Rules | None:
    data = lang_data.load(code, "translit.json")
    return _Rules(data) if isinstance(data, dict) and "letters" in data else None


def _romanize_stem(stem: str, rules: _Rules, *, word_end: bool) -> str:
    """Romanise letters, guessing short vowels where English could not say the consonants.

    ``word_end``: what follows is the end of the word or a consonant, so two final consonants
    that are no common coda get a vowel between them.
    """
    out: list[str] = []
    run = 0  # consonants since the last vowel
    at_start = True
    n = len(stem)

    def consonant(latin: str) -> None:
        nonlocal run, at_start
        if not latin:
            return
        onset_ok = bool(out) and (out[-1] + latin) in rules.onsets and (out[-1] == "s" or (bool(nxt) and nxt in _LONG))
        if run >= 2 or (run == 1 and at_start and not onset_ok):
            out.append(rules.default_vowel)
            run = 0
            at_start = False
        out.append(latin)
        run += 1

    def vowel(latin: str) -> None:
        nonlocal run, at_start
        if latin:
            out.append(latin)
        run = 0
        at_start = False

    i = 0
    nxt = ""
    if n > 3 and stem[0] == "ا" and stem[1] == "س" and stem[2] not in _LONG:
        i = 1  # prosthetic alef: استفان is Stefan
    while i < n:
        ch = stem[i]
        nxt = stem[i + 1] if i + 1 < n else ""
        if ch == "ا":
            if i == 0 and nxt == "و":
                vowel(rules.waw_vowel)
                i += 1
            elif i == 0 and nxt == "ی":
                vowel("i")
                i += 1
            else:
                vowel("a")
        elif ch == "و":
            if i == 0 or (nxt in _LONG and nxt) or (run == 0 and (not nxt or stem[i - 1] == "ا")):
                consonant(rules.letters.get(ch, "v"))
            else:
                vowel(rules.waw_vowel)
        elif ch == "ی":
            if i == 0 or (run == 0 and nxt in _LONG and nxt):
                consonant("y")
            else:
                vowel(rules.yeh_vowel)
        elif ch == "ع":
            if i == 0 and nxt not in _LONG:
                vowel(rules.initial_ain)
        elif ch == "ه" and i == n - 1 and i > 0:
            if run:
                vowel(rules.final_heh)
        else:
            consonant(rules.letters.get(ch, anyascii(ch).lower()))
        i += 1
    if word_end and run == 2 and len(out) >= 2 and (out[-2] + out[-1]) not in rules.codas:
        out.insert(len(out) - 1, rules.default_vowel)
    return "".join(out)


def _romanize_token(token: str, rules: _Rules) -> str:
    if token in rules.words:
        return rules.words[token]
    if rules.article and len(token) > 4 and token.startswith("ال"):
        rest = _romanize_token(token[2:], rules)
        return rules.article + rest
    for ending, latin in rules.endings:
        if len(token) > len(ending) + 1 and token.endswith(ending):
            stem = _romanize_stem(token[: -len(ending)], rules, word_end=latin[:1] not in "aeiouy")
            return (stem + latin).capitalize()
    return _romanize_stem(token, rules, word_end=True).capitalize()


def _join_compound_names(tokens: list[str], rules: _Rules) -> list[str]:
    """عبد الفتاح is one name (Abdel Fattah) however it is spaced."""
    out: list[str] = []
    for token in tokens:
        if out and out[-1] + token in rules.words:
            out[-1] += token
        else:
            out.append(token)
    return out


def _fallback_rules() -> _Rules | None:
    """Languages with no table of their own borrow the first Arabic-script one available."""
    for code in ("fa", "ar"):
        rules = _romanize_rules(code)
        if rules:
            return rules
    return None


@lru_cache(maxsize=65536)
def romanize(name: str, lang: str) -> str:
    """A readable English-ish label for a name; Latin names come back tidied, not changed."""
    if not is_arabic_script(name):
        latin = " ".join(anyascii(name).split())
        return latin if any(c.isupper() for c in latin) else latin.title()
    rules = _romanize_rules(lang) or _fallback_rules()
    tokens = _ARABIC_TOKEN.findall(key(name))
    if rules is None:
        return " ".join(anyascii(t).capitalize() for t in tokens)
    tokens = _join_compound_names(tokens, rules)
    words = [_romanize_token(t, rules) for t in tokens]
    return " ".join(w[:3] + w[3:].capitalize() if w.startswith("al-") else w for w in words if w)
