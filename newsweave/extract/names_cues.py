"""Per-language cue data for entity mentions, compiled once into key-token tables.

The data lives in ``newsweave/lang/<code>/entities.json``; a language without the file gets
empty tables (and Latin-script tokens fall back to the English cues), so detection degrades to
gazetteers, rarity and capitalisation instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsweave import lang as lang_data
from newsweave.errors import LanguageDataError
from newsweave.extract.names_gazetteer import is_arabic_script, name_tokens

Phrase = tuple[str, ...]

# The language whose cues are used for Latin-script names inside texts of a language without them.
LATIN_FALLBACK = "en"


@dataclass(frozen=True)
class Cues:
    lang: str
    roles: dict[Phrase, str]
    honorifics: frozenset[Phrase]
    speech_verbs: frozenset[Phrase]
    speech_window_before: int
    speech_window_after: int
    place_cues: frozenset[Phrase]
    org_cues: frozenset[Phrase]
    prefixes: tuple[str, ...]
    """Clitic prefixes in key form, longest first."""
    suffixes: tuple[str, ...]
    coordinators: frozenset[str]
    particles: frozenset[str]
    stop_words: frozenset[str]
    given_names: frozenset[str]
    cue_words: frozenset[str]
    """Every token of every cue phrase: never part of a name."""
    max_phrase: int
    analysis_prefixes: tuple[str, ...] = ()
    """Surface prefixes (verb, article, preposition) peeled off when judging if a word is common."""
    analysis_suffixes: tuple[str, ...] = ()
    compound_split: bool = False
    title_breaks: frozenset[str] = frozenset()
    """Words (prepositions, 'and') that end the search for a title before or after a name."""
    org_heads: frozenset[str] = frozenset()
    """Words that make a capitalised run an organisation (Federal Reserve, Bank of England)."""
    place_heads: frozenset[str] = frozenset()
    """Words that make a capitalised run a place (Wall Street, Gaza Strip)."""
    abbreviations: frozenset[str] = frozenset()
    """Words written with a dot that does not end a sentence (Mr., Gen.)."""
    verb_prefixes: tuple[str, ...] = ()
    """Key-form prefixes of finite verbs (سي-, می-): a word with one and a common rest is a verb."""
    demonym_endings: tuple[str, ...] = ()
    """Key-form endings that make a nationality adjective of a place name (ایرانی, الإيراني)."""
    firsts: frozenset[str] = frozenset()
    """First words of every cue phrase: a quick 'no cue starts here' test."""
    title_after_name: bool = False
    home_countries: frozenset[str] = frozenset()
    """ISO codes of countries whose towns this language writes about daily (looser word check)."""
    place_roles: frozenset[Phrase] = frozenset()
    """Titles whose complement is a place, not a person (استاندار تهران, محافظ بغداد)."""
    org_inner_words: frozenset[str] = frozenset()
    """Common words (ملی, عالی, العامة) that may stand inside an organisation name after its head."""
    org_head_words: frozenset[Phrase] = frozenset()
    """Head words that open an organisation name with what follows (وزارت نیرو, محكمة النقض)."""
    """Titles follow names without a comma (Persian: پوتین رئیس جمهور روسیه)."""
    """Judge a word as common when it is two common words written together (Persian ZWNJ loss)."""

    def phrase_at(self, keys: list[str], i: int, table: frozenset[Phrase] | dict[Phrase, str]) -> int:
        """Length of the longest phrase of ``table`` starting at token ``i`` (0 if none)."""
        for length in range(min(self.max_phrase, len(keys) - i), 0, -1):
            if tuple(keys[i : i + length]) in table:
                return length
        return 0

    def phrase_ending_at(self, keys: list[str], end: int, table: frozenset[Phrase] | dict[Phrase, str]) -> int:
        """Length of the longest phrase of ``table`` ending just before token ``end``."""
        for length in range(min(self.max_phrase, end), 0, -1):
            if tuple(keys[end - length : end]) in table:
                return length
        return 0


def _phrases(surfaces: list[str]) -> set[Phrase]:
    out: set[Phrase] = set()
    for surface in surfaces:
        tokens = name_tokens(surface)
        if not tokens:
            continue
        out.add(tokens)
        if len(tokens) > 1 and is_arabic_script(surface):
            out.add(("".join(tokens),))  # written without space or ZWNJ
    return out


def _words(surfaces: list[str]) -> frozenset[str]:
    return frozenset(token for surface in surfaces for token in name_tokens(surface))


def _get(data: dict, name: str, kind: type, code: str):
    value = data.get(name, kind())
    if not isinstance(value, kind):
        raise LanguageDataError(f"lang/{code}/entities.json: '{name}' must be a {kind.__name__}")
    return value


@lru_cache(maxsize=None)
def cues_for(code: str) -> Cues:
    """The compiled cue tables of a language (empty tables when it has no entities.json)."""
    data = lang_data.load(code, "entities.json") or {}
    roles: dict[Phrase, str] = {}
    for role, surfaces in _get(data, "roles", dict, code).items():
        for phrase in _phrases(surfaces):
            roles.setdefault(phrase, role)
    honorifics = frozenset(_phrases(_get(data, "honorifics", list, code)))
    speech = frozenset(_phrases(_get(data, "speech_verbs", list, code)))
    places = frozenset(_phrases(_get(data, "place_cues", list, code)))
    orgs = frozenset(_phrases(_get(data, "org_cues", list, code)))
    org_heads = frozenset(_phrases(_get(data, "org_head_words", list, code)))
    all_phrases = [*roles, *honorifics, *speech, *places, *orgs, *org_heads]
    cue_words = frozenset(token for phrase in all_phrases for token in phrase)
    return Cues(
        lang=code,
        roles=roles,
        honorifics=honorifics,
        speech_verbs=speech,
        speech_window_before=int(data.get("speech_window_before", 1)),
        speech_window_after=int(data.get("speech_window_after", 1)),
        place_cues=places,
        org_cues=orgs,
        prefixes=tuple(sorted({t for p in _get(data, "prefixes", list, code) for t in name_tokens(p)}, key=len, reverse=True)),
        suffixes=tuple(sorted({t for p in _get(data, "suffixes", list, code) for t in name_tokens(p)}, key=len, reverse=True)),
        coordinators=_words(_get(data, "coordinators", list, code)),
        particles=_words(_get(data, "name_particles", list, code)),
        stop_words=_words(_get(data, "stop_words", list, code)),
        given_names=frozenset(" ".join(name_tokens(g)) for g in _get(data, "given_names", list, code)),
        cue_words=cue_words,
        max_phrase=max((len(p) for p in all_phrases), default=1),
        analysis_prefixes=tuple(sorted(_get(data, "analysis_prefixes", list, code), key=len, reverse=True)),
        analysis_suffixes=tuple(sorted(_get(data, "analysis_suffixes", list, code), key=len, reverse=True)),
        compound_split=bool(data.get("compound_split", False)),
        title_breaks=_words(_get(data, "title_breaks", list, code)),
        title_after_name=bool(data.get("title_after_name", False)),
        home_countries=frozenset(_get(data, "home_countries", list, code)),
        org_head_words=org_heads,
        place_roles=frozenset(_phrases(_get(data, "place_roles", list, code))),
        org_inner_words=_words(_get(data, "org_inner_words", list, code)),
        firsts=frozenset(phrase[0] for phrase in all_phrases),
        abbreviations=_words(_get(data, "abbreviations", list, code)),
        org_heads=_words(_get(data, "org_heads", list, code)),
        place_heads=_words(_get(data, "place_heads", list, code)),
        verb_prefixes=tuple(sorted({t for p in _get(data, "verb_prefixes", list, code) for t in name_tokens(p)}, key=len, reverse=True)),
        demonym_endings=tuple(sorted({t for p in _get(data, "demonym_endings", list, code) for t in name_tokens(p)}, key=len, reverse=True)),
    )
