"""Entity mentions (people, organisations, places) in one article.

No NER model exists offline for Persian or Arabic, so mentions come from evidence that does:

1. gazetteers (curated regions/organisations/outlets/platforms, CLDR countries, geonames
   cities), matched token by token on match keys, longest name first, with clitics peeled off;
2. names no list knows, from word rarity (wordfreq), role and title cues (``سفیر``, ``الرئيس``,
   ``President``), honorifics, speech verbs, coordination with another name (``A و B``),
   given-name lists, and capitalisation in cased scripts;
3. within-article coreference: every later occurrence of a found name (or its last token, the
   surname) is a mention too, and points at the fuller name through ``head``.

A rare word alone is not enough: precision matters more than recall for a token that has no
cue, so such tokens need a second piece of evidence (repetition, a neighbouring name).
Adjectives of nationality (``اوکراینی``, ``الأوكراني``, ``Ukrainian``) are not mentions: they
describe someone else and are used only as modifiers between a title and a name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from newsweave import lang as lang_info
from newsweave.extract.names_cues import LATIN_FALLBACK, Cues, cues_for
from newsweave.extract.names_gazetteer import (
    TOKEN_RE,
    GazetteerEntry,
    city_is_plausible,
    gazetteer_index,
    word_zipf,
)
from newsweave.link.keys import name_key
from newsweave.model import Article, EntityType, Mention
from newsweave.settings import Settings

_BREAK = re.compile(r"[^\s\-\u2010\u2011'’]")
"""Any punctuation between two tokens ends a name (a hyphen or apostrophe does not: al-Sisi, Kyiv's)."""
_SENTENCE_END = re.compile(r"[.!?؟\n…]")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
_DIGIT = re.compile(r"\d")
_NEWLINE = re.compile(r"\n")

MID_ZIPF = 4.5
"""A word at least this frequent is never a name, even next to a title."""
EXTEND_ZIPF = 3.0
"""A neighbour of a rare name token joins the name when rarer than this."""
INFLECTED_ZIPF = 5.0
"""A later name word whose stem (affixes peeled) is this common is an ordinary word (جمعا)."""
HONORIFIC_ZIPF = 6.0
"""Right after an honorific (Mr, آقای, السيد) even a common word is taken as a name."""
COMPOUND_PART_ZIPF = 3.5
MAX_NAME_TOKENS = 4
MAX_MODIFIERS = 3
"""Words skipped between a title and the name (nationality, 'national security', a place)."""
PLACE_NAME_ZIPF = 4.0
"""After a place word (شهر, مدينة) a word this rare is the place's name."""
CONTEXT_WINDOW = 3
RARE_NEIGHBOUR_ZIPF = 1.5
"""A town name followed by a word this rare is someone's given name (کایا کالاس)."""
NAME_BEFORE_TOWN_ZIPF = 3.0
BIG_CITY = 500_000
"""Cities at least this big are 'known names' when deciding to peel a clitic off a word."""


@dataclass(slots=True)
class _Tokens:
    keys: list[str]
    kstart: list[int]
    kend: list[int]
    surface: list[str]
    brk: list[bool]
    """Punctuation (or the text start) between the previous token and this one."""
    breaks_before: list[int]
    """Running count of breaks: ``breaks_before[k]`` = breaks at tokens < k (for ``_joined``)."""
    comma: list[bool]
    """Only a comma between the previous token and this one (apposition: 'Umerov, the envoy')."""
    sent_start: list[bool]
    arabic: list[bool]
    capital: list[bool]
    cased: list[bool]
    cased_given: bool = False
    counts: Counter = field(default_factory=Counter)
    """How often each key token occurs in the article."""
    title_case: list[bool] = field(default_factory=list)
    """Token on a Title Case line (a headline): capitalisation is no evidence there."""
    cue_starts: dict[str, list[bool]] = field(default_factory=dict)
    """Per cue language: may a cue phrase start at token i (filled on first use)."""
    """The language of cased words has a given-name list (see ``_leading_adjective``)."""


@dataclass(slots=True)
class _Span:
    i: int
    j: int
    type: EntityType
    source: str
    score: float
    canonical: str | None = None
    role: str | None = None
    pre: int = 0
    """Key characters of a clitic prefix to drop from the first token."""
    suf: int = 0
    """Key characters of a clitic suffix to drop from the last token."""
    of: _Span | None = None
    """For a repeated name: the span it repeats (gives ``Mention.head``)."""


# ---------------------------------------------------------------- tokens


def _tokenize(article: Article) -> _Tokens:
    """Tokens of the match key, with what the matchers need to know about each (built in bulk)."""
    norm = article.normalized
    text, nkey, origin = article.text, norm.key, norm.key_origin
    matches = list(TOKEN_RE.finditer(nkey))
    kstart = [m.start() for m in matches]
    kend = [m.end() for m in matches]
    keys = [m.group() for m in matches]
    gaps = [nkey[e:s] for e, s in zip([0, *kend[:-1]], kstart)]
    brk = [g != " " and bool(_BREAK.search(g)) for g in gaps]
    comma = [g != " " and g.strip() in (",", "،") for g in gaps]
    sent_start = [g != " " and bool(_SENTENCE_END.search(g)) for g in gaps]
    for k in range(1, len(keys)):
        if sent_start[k] and gaps[k].strip() == "." and len(keys[k - 1]) == 1:
            sent_start[k] = False  # U.S. is not two sentences
    if keys:
        brk[0] = sent_start[0] = True
    firsts = [text[origin[s]] for s in kstart]
    surface = [text[origin[s] : origin[e - 1] + 1] for s, e in zip(kstart, kend)]
    arabic = ["\u0600" <= k[0] <= "\u06ff" for k in keys]
    capital = [c.isupper() for c in firsts]
    cased = [not a and c.lower() != c.upper() for a, c in zip(arabic, firsts)]
    running = [0]
    for flag in brk:
        running.append(running[-1] + flag)
    return _Tokens(keys, kstart, kend, surface, brk, running, comma, sent_start, arabic, capital, cased,
                   counts=Counter(keys), title_case=[False] * len(keys))


def _join_abbreviations(toks: _Tokens, cues: Cues) -> None:
    """'Mr. Smith', 'Gen. Dagalo': the dot after an abbreviation neither ends a sentence nor a name."""
    if not cues.abbreviations:
        return
    changed = False
    for k in range(1, len(toks.keys)):
        if toks.brk[k] and toks.keys[k - 1] in cues.abbreviations and toks.cased[k - 1]:
            if toks.capital[k - 1]:  # 'Mr.' with its capital
                toks.brk[k] = toks.sent_start[k] = False
                changed = True
    if changed:
        running = [0]
        for flag in toks.brk:
            running.append(running[-1] + flag)
        toks.breaks_before = running


_TITLE_MIN_WORDS = 4
_TITLE_CAPITAL_SHARE = 0.7


def _mark_title_case_lines(article: Article, toks: _Tokens) -> None:
    """Headlines In Title Case capitalise every word: there capitals say nothing about names."""
    if sum(toks.capital) < _TITLE_MIN_WORDS:
        return
    origin = article.normalized.key_origin
    newlines = [m.start() for m in _NEWLINE.finditer(article.text)]
    line_of: dict[int, list[int]] = {}
    for k, start in enumerate(toks.kstart):
        line_of.setdefault(bisect_right(newlines, origin[start]), []).append(k)
    for members in line_of.values():
        capitals = sum(toks.capital[k] and toks.cased[k] for k in members)
        if capitals >= _TITLE_MIN_WORDS and capitals / len(members) >= _TITLE_CAPITAL_SHARE:
            for k in members:
                toks.title_case[k] = True


def _joined(toks: _Tokens, i: int, j: int) -> bool:
    """True when tokens i..j-1 are written together with no punctuation between them."""
    return j - i <= 1 or toks.breaks_before[j] == toks.breaks_before[i + 1]


# ---------------------------------------------------------------- word commonness


@lru_cache(maxsize=200_000)
def _commonness(surface: str, code: str) -> float:
    """How common a word is once affixes are peeled off: max Zipf over its analyses."""
    cues = cues_for(code)
    best = word_zipf(surface, code)
    stems = [surface]
    for prefix in cues.analysis_prefixes:
        if surface.startswith(prefix) and len(surface) - len(prefix) >= 3:
            stems.append(surface[len(prefix) :])
    for stem in list(stems):
        for suffix in cues.analysis_suffixes:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                stems.append(stem[: -len(suffix)])
                if stem[: -len(suffix)].endswith("ت"):
                    stems.append(stem[: -len(suffix) - 1] + "ة")
    for stem in stems[1:]:
        best = max(best, word_zipf(stem, code))
    if cues.compound_split and best < COMPOUND_PART_ZIPF:
        best = max(best, _compound_zipf(surface.replace("\u200c", ""), code))
    return best


def _compound_zipf(word: str, code: str) -> float:
    """Zipf of the rarer half when a word is two common words written together (else 0)."""
    best = 0.0
    for cut in range(2, len(word) - 1):
        left, right = word[:cut], word[cut:]
        zl, zr = word_zipf(left, code), word_zipf(right, code)
        if min(zl, zr) < COMPOUND_PART_ZIPF:
            continue
        short_ok = all(len(part) >= 3 or z >= MID_ZIPF for part, z in ((left, zl), (right, zr)))
        if short_ok:
            best = max(best, min(zl, zr))
    return best


_name_key = lru_cache(maxsize=100_000)(name_key)


# ---------------------------------------------------------------- gazetteer pass


@lru_cache(maxsize=100_000)
def _key_prefix_variants(tok: str, prefixes: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """The word itself, then the word without each clitic prefix it starts with."""
    if not prefixes:
        return ((tok, 0),)
    out = [(tok, 0)]
    for prefix in prefixes:
        if tok.startswith(prefix) and len(tok) - len(prefix) >= 2:
            out.append((tok[len(prefix) :], len(prefix)))
    return tuple(sorted(out, key=lambda variant: variant[1]))  # بالعراق: ب + العراق before بال + عراق


def _context_ok(entry: GazetteerEntry, toks: _Tokens, i: int) -> bool:
    if not entry.context:
        return True
    for end in range(i, max(i - CONTEXT_WINDOW, 0) - 1, -1):
        for length in range(1, 4):
            if end - length >= 0 and tuple(toks.keys[end - length : end]) in entry.context:
                return True
        if end < i and toks.sent_start[end]:
            break
    return False


def _case_ok(entry: GazetteerEntry, toks: _Tokens, i: int, j: int) -> bool:
    if entry.exact_case is not None:
        written = "".join(toks.surface[i:j])
        return written == "".join(TOKEN_RE.findall(entry.exact_case))
    if entry.needs_capital:
        return toks.capital[i]
    return True


def _inside_person_name(toks: _Tokens, cues: Cues, code: str, i: int, j: int) -> bool:
    """A small town's name that is a given name, follows one or a particle, or precedes a rare word."""
    if j - i == 1 and toks.keys[i] in cues.given_names:
        return True
    if i > 0 and not toks.brk[i] and (toks.keys[i - 1] in cues.particles or toks.keys[i - 1] in cues.given_names):
        return True
    if i > 0 and not toks.brk[i] and toks.cased[i] and toks.cased[i - 1] and toks.capital[i - 1] and not toks.title_case[i]:
        if word_zipf(toks.keys[i - 1], code) < NAME_BEFORE_TOWN_ZIPF:
            return True  # Mansour Bijar: a rare capitalised word before a small town is a given name
    if j < len(toks.keys) and not toks.brk[j] and toks.arabic[j] == toks.arabic[i]:
        following = toks.surface[j] if toks.arabic[j] else toks.keys[j]
        return (toks.arabic[j] or toks.capital[j]) and word_zipf(following, code) < RARE_NEIGHBOUR_ZIPF
    return False


def _gazetteer_spans(toks: _Tokens, script_cues: Cues, cased_cues: Cues, script_code: str, cased_code: str) -> list[_Span]:
    index = gazetteer_index()
    spans: list[_Span] = []
    script_affixes = (script_cues.prefixes, script_cues.suffixes)
    starts = [
        _may_start_name(tok, *script_affixes) if arabic else _may_start_name(tok, (), ())
        for tok, arabic in zip(toks.keys, toks.arabic)
    ]
    n = len(toks.keys)
    i = 0
    while i < n:
        if not starts[i]:
            i += 1
            continue
        found = None
        cues, code = (script_cues, script_code) if toks.arabic[i] else (cased_cues, cased_code)
        prefixes = cues.prefixes if toks.arabic[i] else ()
        for variant, pre in _key_prefix_variants(toks.keys[i], prefixes):
            found = _match_at(toks, cues, code, index, variant, i, pre)
            if found:
                break
        if found:
            spans.append(found)
            i = found.j
        else:
            i += 1
    return spans


@lru_cache(maxsize=300_000)
def _may_start_name(tok: str, prefixes: tuple[str, ...], suffixes: tuple[str, ...]) -> bool:
    """Does any gazetteer name start with this word (clitics peeled)? Most words: no."""
    index = gazetteer_index()
    for variant, _pre in _key_prefix_variants(tok, prefixes):
        if variant in index.longest:
            return True
        if any(variant.endswith(s) and variant[: -len(s)] in index.single for s in suffixes):
            return True
    return False


def _candidates(toks: _Tokens, cues: Cues, index, variant: str, i: int):
    """(length, entry, suffix length) of names starting at token i, longest first."""
    suffixes = cues.suffixes if toks.arabic[i] else ()
    longest = index.longest.get(variant, 0)
    if longest > 1 and (i + 1 >= len(toks.keys) or (variant, toks.keys[i + 1]) not in index.pairs):
        longest = 1  # no longer name starts with these two words
    for length in range(min(longest, len(toks.keys) - i), 0, -1):
        if not _joined(toks, i, i + length):
            continue
        tokens = (variant, *toks.keys[i + 1 : i + length])
        entry = index.names.get(tokens)
        if entry is not None:
            yield length, entry, 0
        for suffix in suffixes:
            last = tokens[-1]
            if last.endswith(suffix) and len(last) - len(suffix) >= 3:
                entry = index.names.get((*tokens[:-1], last[: -len(suffix)]))
                if entry is not None:
                    yield length, entry, len(suffix)
    if not longest:
        for suffix in suffixes:
            if variant.endswith(suffix) and len(variant) - len(suffix) >= 3:
                entry = index.single.get(variant[: -len(suffix)])
                if entry is not None:
                    yield 1, entry, len(suffix)


def _match_at(toks: _Tokens, cues: Cues, code: str, index, variant: str, i: int, pre: int) -> _Span | None:
    for length, entry, suf in _candidates(toks, cues, index, variant, i):
        j = i + length
        if not (_case_ok(entry, toks, i, j) and _context_ok(entry, toks, i)):
            continue
        if entry.kind in ("cities", "countries") and j - i == 1 and _is_cue_or_stop(toks.keys[i], cues):
            continue  # a country or town named like a word of this language (fa مالی 'financial')
        if entry.kind == "cities" and entry.population < BIG_CITY and _inside_person_name(toks, cues, code, i, j):
            continue  # أبو سلمية, کایا کالاس: a name, not a town
        if entry.kind == "cities" and not city_is_plausible(entry, " ".join(toks.surface[i:j]), code, cues.home_countries):
            cued = i > 0 and not toks.brk[i] and _phrase_ending_at(toks, cues, i, cues.place_cues)[0] > 0
            if not (cued and city_is_plausible(entry, " ".join(toks.surface[i:j]), code, cues.home_countries, cued)):
                continue
        if entry.kind == "cities" and not toks.arabic[i] and toks.sent_start[i] and word_zipf(toks.keys[i], code) >= EXTEND_ZIPF:
            continue  # "Reading …" at a sentence start is the verb
        return _Span(i, j, entry.type, "gazetteer", 0.95 if entry.kind != "cities" else 0.85, entry.canonical, pre=pre, suf=suf)
    return None


# ---------------------------------------------------------------- organisations by head word

MAX_ORG_TAIL = 5
"""Words after an organisation head word (وزارت امور خارجه, هيئة عمليات التجارة البحرية)."""


def _org_head_spans(toks: _Tokens, cues: Cues, code: str, covered: list[bool], lists: bool) -> list[_Span]:
    """``وزارت نیرو``, ``دانشگاه یاسوج``, ``محكمة جنايات القاهرة``, ``الجيش السوداني``: a head word
    and the words that complete it make one organisation, head included.

    Arabic marks the end by definiteness: after the first word only definite words (ال…), known
    places and nationality adjectives continue the name; Persian (ezafe unwritten) ends at a
    function word, verb, title, time word or right after a known place."""
    if not cues.org_head_words:
        return []
    spans: list[_Span] = []
    starts = _cue_starts(toks, cues)
    n, i = len(toks.keys), 0
    while i < n:
        if not (starts[i] and toks.arabic[i]) or covered[i] or not _starts_org_head(toks.keys[i], cues.lang):
            i += 1
            continue
        length, _ = _phrase_at(toks, cues, i, cues.org_head_words)
        if not length:
            i += 1
            continue
        pre = _clitic_length(toks.keys[i], cues)
        head_definite = toks.keys[i][pre:].startswith("ال")
        end = _org_tail_end(toks, cues, code, covered, i + length, head_definite, lists)
        if end > i + length:
            spans.append(_Span(i, end, EntityType.ORG, "org-head", 0.8, pre=pre))
            i = end
        else:
            i += length
    return spans


@lru_cache(maxsize=100_000)
def _starts_org_head(tok: str, code: str) -> bool:
    cues = cues_for(code)
    firsts = _org_head_firsts(code)
    return any(variant in firsts for variant, _pre in _key_prefix_variants(tok, cues.prefixes))


@lru_cache(maxsize=None)
def _org_head_firsts(code: str) -> frozenset[str]:
    return frozenset(phrase[0] for phrase in cues_for(code).org_head_words)


def _clitic_length(tok: str, cues: Cues) -> int:
    """Length of a conjunction/preposition clitic before a head word (والجيش → و, بوزارة → ب), not of ال."""
    firsts = _org_head_firsts(cues.lang)
    for variant, pre in _key_prefix_variants(tok, cues.prefixes):
        if variant in firsts:
            return pre - 2 if tok[:pre].endswith("ال") else pre
    return 0


def _org_tail_end(toks: _Tokens, cues: Cues, code: str, covered: list[bool], k: int, head_definite: bool,
                  lists: bool) -> int:
    """End (exclusive) of the words that complete an organisation name starting before ``k``."""
    n, start, end = len(toks.keys), k, k
    definite_marking = bool(cues.prefixes)  # Arabic: clitics and the article are written on the word
    while k < n and k - start < MAX_ORG_TAIL and not toks.brk[k] and toks.arabic[k]:
        tok = toks.keys[k]
        if covered[k]:
            end = k = _covered_end(covered, toks, k)
            if not definite_marking:
                break  # Persian: a known place ends the name (دادگاه انقلاب تهران)
            continue
        if _DIGIT.search(tok) or tok in cues.title_breaks or tok in cues.coordinators:
            if tok in cues.coordinators and k > start and k + 1 < n and not toks.brk[k + 1]:
                last = _org_word(toks, cues, code, k + 1, lists)
                if last and (k + 2 >= n or toks.brk[k + 2] or not _org_word(toks, cues, code, k + 2, lists)):
                    end = k + 2  # کمیسیون برنامه و بودجه: 'and' + one last word
            break
        word = _org_word(toks, cues, code, k, lists)
        if not word:
            break
        if definite_marking:
            definite = tok.startswith("ال") or _is_demonym(tok, (), cues.demonym_endings)
            joined = tok.startswith(("وال", "ولل")) and k > start
            if joined:
                end = k + 1
                break  # نصرة الإسلام والمسلمين: a conjoined definite word closes the name
            if not definite and (head_definite or k > start):
                break
            if not definite and not (k + 1 < n and not toks.brk[k + 1] and (toks.keys[k + 1].startswith("ال") or covered[k + 1])):
                end = k + 1 if word == "rare" else end
                break  # شركة مصدر اتفاقية: an indefinite word alone ends the name unless rare
        k += 1
        end = k
    return end


def _covered_end(covered: list[bool], toks: _Tokens, k: int) -> int:
    """End of the run of known names from k (الإمارات دبي): adjacent ones, no punctuation."""
    k += 1
    while k < len(covered) and covered[k] and not toks.brk[k]:
        k += 1
    return k


def _org_word(toks: _Tokens, cues: Cues, code: str, k: int, lists: bool) -> str:
    """'rare', 'word' or '' (cannot continue an organisation name)."""
    tok = toks.keys[k]
    if tok in cues.org_inner_words:
        return "word"
    particle, verb, clitic_article, stop, zipf, common, _given = _word_facts(tok, toks.surface[k], code, True, False, lists)
    if verb or (clitic_article and not tok.startswith(("وال", "ولل"))):
        return ""
    if stop and not _is_demonym(tok, cues.prefixes, cues.demonym_endings):
        return ""
    if tok in cues.cue_words and (tok,) not in cues.org_head_words:
        return ""
    return "rare" if common < 2.5 else "word"


# ---------------------------------------------------------------- per-token evidence


@dataclass(slots=True)
class _Words:
    """What discovery knows about each token (parallel lists, indexed like the tokens)."""

    base: list[str]
    pre: list[int]
    suf: list[int]
    zipf: list[float]
    common: list[float]
    """Zipf after peeling affixes (جمعا → جمع): what decides if a word can be a name."""
    stop: list[bool]
    rare: list[bool]
    mid: list[bool]
    given: list[bool]
    particle: list[bool]
    verb: list[bool]
    """A finite verb by its prefix (سيصل, می‌رود): ends a name run."""
    clitic_article: list[bool]
    """Arabic-script word with a preposition/conjunction + ال (بالمباحثات): never inside a name."""


def _is_cue_or_stop(tok: str, cues: Cues) -> bool:
    if tok in cues.stop_words or tok in cues.cue_words:
        return True
    return any(
        tok.startswith(p) and (tok[len(p) :] in cues.stop_words or tok[len(p) :] in cues.cue_words)
        for p in cues.prefixes
        if len(tok) - len(p) >= 2
    )


def _is_verb(tok: str, surface: str, cues: Cues, code: str) -> bool:
    for prefix in cues.verb_prefixes:
        if tok.startswith(prefix) and len(tok) - len(prefix) >= 2:
            rest = surface[len(prefix) :].lstrip("\u200c")
            if _commonness(rest, code) >= COMPOUND_PART_ZIPF or _commonness("ي" + rest, code) >= MID_ZIPF:
                return True
    return False


@lru_cache(maxsize=100_000)
def _is_demonym(tok: str, prefixes: tuple[str, ...], endings: tuple[str, ...]) -> bool:
    """``الأوكرانية``, ``آمریکایی``: a place name plus a nationality ending (never itself a mention)."""
    if not endings:
        return False
    single = gazetteer_index().single
    for stem, _pre in _key_prefix_variants(tok, prefixes):
        for ending in endings:
            root = stem[: -len(ending)]
            if not stem.endswith(ending) or len(root) < 2:
                continue
            for candidate in (root, root + "ا", root + "یا", root + "یه", root + "ه", "ال" + root):
                entry = single.get(candidate)
                if entry is not None and entry.type is EntityType.PLACE and entry.kind != "cities":
                    return True
    return False


def _well_known(word: str, places: dict) -> bool:
    """A gazetteer name that is not just a small town (كلوني is not ك + a town called لوني)."""
    entry = places.get(word)
    return entry is not None and (entry.kind != "cities" or entry.population >= BIG_CITY)


def _strip_clitics(tok: str, cues: Cues, given: frozenset[str], places: dict, counts: Counter) -> tuple[str, int, int]:
    """Peel a clitic only when what remains is a known or article-attested name (بوتين ≠ ب+وتين)."""
    for prefix in cues.prefixes:
        if "ال" in prefix or prefix == "لل" or not tok.startswith(prefix):
            continue  # the article ال belongs to a name (البرهان)
        rest = tok[len(prefix) :]
        if len(rest) >= 3 and (rest in given or _well_known(rest, places) or counts.get(rest, 0) > 0):
            return rest, len(prefix), 0
    for suffix in cues.suffixes:
        stem = tok[: -len(suffix)]
        if tok.endswith(suffix) and len(stem) >= 3 and (stem in given or _well_known(stem, places) or counts.get(stem, 0) > 0):
            return stem, 0, len(suffix)
    return tok, 0, 0


@lru_cache(maxsize=300_000)
def _word_facts(tok: str, surface: str, code: str, arabic: bool, capital: bool, person_lists: bool) -> tuple:
    """What a word is, whatever article it is in: (particle, verb, clitic+ال, stop, zipf, common, given)."""
    cues = cues_for(code)
    particle = tok in cues.particles
    if arabic:
        verb = _is_verb(tok, surface, cues, code)
        clitic_article = any(tok.startswith(p) and (len(p) > 2 and p.endswith("ال") or p == "لل") for p in cues.prefixes)
        stop = _is_cue_or_stop(tok, cues) or len(tok) < 2 or _is_demonym(tok, cues.prefixes, cues.demonym_endings)
        common = _commonness(surface, code)
    else:
        verb = clitic_article = False
        stop = tok in cues.stop_words or tok in cues.cue_words or (len(tok) < 2 and not capital)
        common = 0.0
    zipf = word_zipf(surface, code)
    given = person_lists and tok in cues.given_names
    return particle, verb, clitic_article, stop, zipf, max(common, zipf), given


def _analyse(toks: _Tokens, code: str, script_cues: Cues, cased_cues: Cues, cased_code: str,
             settings: Settings, covered: list[bool]) -> _Words:
    n = len(toks.keys)
    lists = settings.person_lists
    rarity = settings.name_rarity_zipf
    blank = (False, False, False, True, 9.0, 9.0, False)
    facts = [
        blank if covered[i] or _DIGIT.search(tok) else
        _word_facts(tok, toks.surface[i] if toks.arabic[i] else tok, code if toks.arabic[i] else cased_code,
                    toks.arabic[i], toks.capital[i], lists)
        for i, tok in enumerate(toks.keys)
    ]
    words = _Words(
        base=list(toks.keys), pre=[0] * n, suf=[0] * n,
        zipf=[f[4] for f in facts], common=[f[5] for f in facts], stop=[f[3] for f in facts],
        rare=[not f[3] and f[5] < rarity for f in facts], mid=[not f[3] and f[4] < MID_ZIPF for f in facts],
        given=[f[6] and not f[3] for f in facts], particle=[f[0] for f in facts], verb=[f[1] for f in facts],
        clitic_article=[f[2] for f in facts],
    )
    for i in range(n):
        if len(toks.keys[i]) < 3:
            words.rare[i] = False
    counts = toks.counts
    single = gazetteer_index().single
    given_names = script_cues.given_names if lists else frozenset()
    for i in range(n):
        if not toks.arabic[i] or words.stop[i] or words.given[i] or words.zipf[i] >= MID_ZIPF:
            continue
        tok = toks.keys[i]
        base, pre, suf = _strip_clitics(tok, script_cues, given_names, single, counts)
        if pre or suf:
            rest = toks.surface[i][pre : len(toks.surface[i]) - suf]
            _p, _v, _c, stop, zipf, common, given = _word_facts(base, rest, code, True, False, lists)
            words.base[i], words.pre[i], words.suf[i] = base, pre, suf
            words.zipf[i], words.common[i], words.stop[i] = zipf, common, stop
            words.given[i] = given and not stop
            words.rare[i] = not stop and len(base) >= 3 and common < rarity
            words.mid[i] = not stop and zipf < MID_ZIPF
    return words


def _split_coordination(toks: _Tokens, words: _Words, cues: Cues, code: str, settings: Settings) -> None:
    """``عمروف وهناتوف``: a rare one-off word starting with 'and' right after a name is 'and' + name."""
    counts = toks.counts
    for i in range(1, len(toks.keys)):
        tok = toks.keys[i]
        plain_rare = words.zipf[i] < settings.name_rarity_zipf and not words.stop[i]
        if not (toks.arabic[i] and plain_rare and words.pre[i] == 0 and counts[tok] == 1) or toks.brk[i]:
            continue
        if not (words.rare[i - 1] or words.given[i - 1]):
            continue
        for conj in cues.coordinators:
            rest = tok[len(conj) :]
            if tok.startswith(conj) and len(rest) >= 3 and conj in cues.prefixes:
                surface = toks.surface[i][len(conj) :]
                words.base[i], words.pre[i] = rest, len(conj)
                words.zipf[i] = word_zipf(surface, code)
                words.common[i] = _commonness(surface, code)
                words.rare[i] = words.common[i] < settings.name_rarity_zipf
                words.mid[i] = words.zipf[i] < MID_ZIPF
                break


# ---------------------------------------------------------------- cues around a span


@lru_cache(maxsize=200_000)
def _may_start_cue(tok: str, code: str, arabic: bool) -> bool:
    cues = cues_for(code)
    return any(first in cues.firsts for first, _pre in _key_prefix_variants(tok, cues.prefixes if arabic else ()))


def _cue_starts(toks: _Tokens, cues: Cues) -> list[bool]:
    """For each token: may a cue phrase of ``cues`` start there (computed once per article)."""
    starts = toks.cue_starts.get(cues.lang)
    if starts is None:
        starts = toks.cue_starts[cues.lang] = [_may_start_cue(k, cues.lang, a) for k, a in zip(toks.keys, toks.arabic)]
    return starts


def _phrase_at(toks: _Tokens, cues: Cues, i: int, table) -> tuple[int, str | None]:
    """Longest phrase of ``table`` starting at token i (its first word may carry a clitic)."""
    keys = toks.keys
    if not _cue_starts(toks, cues)[i]:
        return 0, None
    variants = _key_prefix_variants(keys[i], cues.prefixes if toks.arabic[i] else ())
    for length in range(min(cues.max_phrase, len(keys) - i), 0, -1):
        if not _joined(toks, i, i + length):
            continue
        rest = tuple(keys[i + 1 : i + length])
        for first, _pre in variants:
            phrase = (first, *rest)
            if phrase in table:
                return length, (table[phrase] if isinstance(table, dict) else "")
    return 0, None


def _phrase_ending_at(toks: _Tokens, cues: Cues, end: int, table) -> tuple[int, str | None]:
    starts = _cue_starts(toks, cues)
    for length in range(min(cues.max_phrase, end), 0, -1):
        if not starts[end - length]:
            continue
        found, value = _phrase_at(toks, cues, end - length, table)
        if found == length:
            return length, value
    return 0, None


def _is_modifier(toks: _Tokens, words: _Words, cues: Cues, covered: list[bool], k: int) -> bool:
    """A word that may stand between a title and a name: nationality, place, 'national security'."""
    if toks.keys[k] in cues.title_breaks or words.base[k] in cues.title_breaks:
        return False
    return covered[k] or words.stop[k] or words.clitic_article[k]


def _role_before(toks: _Tokens, words: _Words, cues: Cues, covered: list[bool], a: int) -> str | None:
    """The nearest title before a name, across a few modifiers and at most one comma."""
    pos, commas = a, 0
    for _ in range(MAX_MODIFIERS + 1):
        if pos == 0 or toks.sent_start[pos]:
            return None
        if toks.brk[pos]:
            commas += 1
            if commas > 1 or not toks.comma[pos]:
                return None
        length, role = _phrase_ending_at(toks, cues, pos, cues.roles)
        if length:
            return role
        if not _is_modifier(toks, words, cues, covered, pos - 1):
            return None
        pos -= 1
    return None


def _role_after(toks: _Tokens, words: _Words, cues: Cues, covered: list[bool], b: int) -> str | None:
    """A title right after a name (``پوتین رئیس جمهور روسیه``, ``Umerov, Ukraine's negotiator``)."""
    pos = b
    for step in range(MAX_MODIFIERS + 1):
        if pos >= len(toks.keys) or toks.sent_start[pos] or (step > 0 and toks.brk[pos]):
            return None
        if step == 0 and not (toks.comma[pos] or (cues.title_after_name and not toks.brk[pos])):
            return None
        length, role = _phrase_at(toks, cues, pos, cues.roles)
        if length:
            return role
        if not _is_modifier(toks, words, cues, covered, pos):
            return None
        pos += 1
    return None


def _honorific_before(toks: _Tokens, cues: Cues, a: int) -> bool:
    return a > 0 and not toks.brk[a] and _phrase_ending_at(toks, cues, a, cues.honorifics)[0] > 0


def _speech_near(toks: _Tokens, cues: Cues, a: int, b: int) -> bool:
    """A speech verb within the language's window before or after the name, same sentence."""
    for k in range(b, min(b + cues.speech_window_after, len(toks.keys))):
        if toks.sent_start[k]:
            break
        if _phrase_at(toks, cues, k, cues.speech_verbs)[0]:
            return True
    for k in range(a, max(a - cues.speech_window_before, -1), -1):
        if toks.sent_start[k]:
            break
        if _phrase_ending_at(toks, cues, k, cues.speech_verbs)[0]:
            return True
    return False


def _type_cue(toks: _Tokens, cues: Cues, a: int) -> EntityType | None:
    """``شهر X``, ``مدينة X`` make a place; ``حزب X``, ``وزارة X`` an organisation."""
    if a == 0 or toks.brk[a]:
        return None
    if _phrase_ending_at(toks, cues, a, cues.place_cues)[0]:
        return EntityType.PLACE
    if _phrase_ending_at(toks, cues, a, cues.org_cues)[0]:
        return EntityType.ORG
    return None


# ---------------------------------------------------------------- names no list knows


def _free(toks: _Tokens, covered: list[bool], k: int, arabic: bool) -> bool:
    return 0 <= k < len(toks.keys) and not covered[k] and toks.arabic[k] == arabic


def _given_core(toks: _Tokens, words: _Words, i: int) -> bool:
    """A given name starts a name; one that is also a common word (امید, أمل) only before a rare word."""
    if not words.given[i]:
        return False
    if words.zipf[i] < MID_ZIPF:
        return True
    nxt = i + 1
    if nxt >= len(toks.keys) or toks.brk[nxt] or not toks.arabic[nxt]:
        return False
    return words.rare[nxt] or words.particle[nxt] or _surname_after_given(words, nxt)


def _surname_after_given(words: _Words, k: int) -> bool:
    """After a given name a surname may be a fairly common word (محمد صلاح)."""
    return not (words.stop[k] or words.clitic_article[k] or words.verb[k]) and words.zipf[k] < INFLECTED_ZIPF


def _script_runs(toks: _Tokens, words: _Words, covered: list[bool]) -> list[tuple[int, int]]:
    """Maximal runs of name-like Arabic-script tokens around each rare word or given name."""
    runs: list[tuple[int, int]] = []
    n, last_end = len(toks.keys), 0
    for i in range(n):
        if i < last_end or not _free(toks, covered, i, True) or not (words.rare[i] or _given_core(toks, words, i)):
            continue
        a, b = i, i + 1
        while b < n and b - a < MAX_NAME_TOKENS and _free(toks, covered, b, True) and not toks.brk[b] and words.pre[b] == 0:
            if words.clitic_article[b] or words.verb[b]:
                break
            if words.rare[b] or words.given[b] or (not words.stop[b] and words.zipf[b] < EXTEND_ZIPF):
                b += 1
            elif words.given[b - 1] and _surname_after_given(words, b):
                b += 1  # given name + surname that is also a word
            elif words.particle[b] and b + 1 < n and (words.rare[b + 1] or words.mid[b + 1]) and not toks.brk[b + 1]:
                b += 2
            else:
                break
        while a > last_end and b - a < MAX_NAME_TOKENS and _free(toks, covered, a - 1, True) and not toks.brk[a] and words.pre[a] == 0:
            k = a - 1
            if words.clitic_article[k] or words.verb[k]:
                break
            if words.rare[k] or words.given[k] or words.particle[k] or (not words.stop[k] and words.zipf[k] < EXTEND_ZIPF):
                a -= 1
            else:
                break
        while b - a > 1 and words.particle[b - 1]:
            b -= 1
        runs.append((a, b))
        last_end = b
    return runs


def _name_like(toks: _Tokens, words: _Words, k: int, limit: float, first: bool = False) -> bool:
    """Can word k be (part of) a name next to a cue? Later words must not be inflected common words
    (``جمعا`` = جمع + dual) nor definite nouns, unless a given name or particle precedes them."""
    if words.stop[k] or words.clitic_article[k] or words.verb[k]:
        return False
    if words.given[k] or words.particle[k] or (k > 0 and words.particle[k - 1]):
        return True  # عبد الله, أبو بكر: after a particle any word is part of the name
    if first:
        return words.zipf[k] < limit
    after_name_start = words.given[k - 1] or words.particle[k - 1] or (k >= 2 and words.particle[k - 2])
    if toks.arabic[k] and toks.keys[k].startswith("ال") and not (after_name_start or words.rare[k] or _nisba(toks, words, k)):
        return False
    return words.zipf[k] < limit and words.common[k] < INFLECTED_ZIPF


def _nisba(toks: _Tokens, words: _Words, k: int) -> bool:
    """``الكعبي``, ``العليمي``: a definite word in -ي after a name word is a family name (nisba)."""
    return toks.keys[k].endswith(("ي", "ی")) and len(toks.keys[k]) >= 5 and words.common[k] < INFLECTED_ZIPF


def _mid_run_after(toks: _Tokens, words: _Words, covered: list[bool], start: int, arabic: bool, limit: float = MID_ZIPF) -> tuple[int, int] | None:
    """Up to three name-like words from ``start`` (a name of ordinary-looking words after a cue)."""
    b = start
    while b < len(toks.keys) and b - start < 3 and _free(toks, covered, b, arabic) and (b == start or not toks.brk[b]):
        if not _name_like(toks, words, b, limit, b == start) or (b > start and words.pre[b]):
            break
        b += 1
    return (start, b) if b > start else None


def _mid_run_before(toks: _Tokens, words: _Words, covered: list[bool], end: int, arabic: bool) -> tuple[int, int] | None:
    a = end
    while a > 0 and end - a < 3 and _free(toks, covered, a - 1, arabic) and (a == end or not toks.brk[a]):
        if not _name_like(toks, words, a - 1, MID_ZIPF, a == end) or (a < end and words.pre[a]):
            break
        a -= 1
    return (a, end) if a < end else None


def _skip_modifiers_forward(toks: _Tokens, words: _Words, cues: Cues, covered: list[bool], pos: int) -> int:
    """From just after a title, skip nationality/place/common words (and one comma) to the name."""
    commas = 0
    for _ in range(MAX_MODIFIERS + 1):
        if pos >= len(toks.keys) or toks.sent_start[pos]:
            return -1
        if toks.brk[pos]:
            commas += 1
            if commas > 1 or not toks.comma[pos]:
                return -1
        if not _is_modifier(toks, words, cues, covered, pos) or words.given[pos] or words.particle[pos]:
            return pos
        pos += 1
    return -1


_PLACE_COMPLEMENT = "\x00place"
"""Marks a cue run that is the place a governor or mayor governs, not a person."""


def _cue_runs(toks: _Tokens, words: _Words, cues: Cues, covered: list[bool], arabic: bool) -> list[tuple[int, int, str | None]]:
    """Names made of ordinary-looking words, found only because a title or verb stands next to them."""
    out: list[tuple[int, int, str | None]] = []
    n = len(toks.keys)
    starts = _cue_starts(toks, cues)
    for i in range(n):
        if not starts[i] or covered[i] or toks.arabic[i] != arabic:
            continue
        length, _ = _phrase_at(toks, cues, i, cues.place_cues) if arabic else (0, None)
        if length and toks.arabic[i] and i + length < n and not toks.brk[i + length]:
            run = _mid_run_after(toks, words, covered, i + length, arabic, PLACE_NAME_ZIPF)
            if run:
                out.append((run[0], run[0] + 1, _PLACE_COMPLEMENT))  # مدينة جرمانا, ولایت پکتیا
            continue
        length, role = _phrase_at(toks, cues, i, cues.roles)
        if length and cues.place_roles and _phrase_at(toks, cues, i, cues.place_roles)[0] == length:
            if i + length < n and not toks.brk[i + length]:
                run = _mid_run_after(toks, words, covered, i + length, arabic, EXTEND_ZIPF)
                if run:
                    out.append((*run, _PLACE_COMPLEMENT))  # استاندار X, والی X: the place governed
            continue
        if length:
            start = _skip_modifiers_forward(toks, words, cues, covered, i + length)
            run = _mid_run_after(toks, words, covered, start, arabic) if start >= 0 else None
            if run:
                out.append((*run, _role_before(toks, words, cues, covered, run[0]) or role))
            title_follows = toks.comma[i] or (cues.title_after_name and not toks.brk[i])
            before = _mid_run_before(toks, words, covered, i, arabic) if i > 0 and not toks.sent_start[i] and title_follows else None
            if before:
                out.append((*before, role))
            continue
        length, _ = _phrase_at(toks, cues, i, cues.honorifics)
        if length and i + length < n and not toks.brk[i + length]:
            run = _mid_run_after(toks, words, covered, i + length, arabic, HONORIFIC_ZIPF)
            if run:
                out.append((*run, None))
            continue
        length, _ = _phrase_at(toks, cues, i, cues.speech_verbs)
        if length:
            if i + length < n and not toks.brk[i + length] and cues.speech_window_before > 1:
                run = _mid_run_after(toks, words, covered, i + length, arabic)
                if run:
                    out.append((*run, None))
            if i > 0 and not toks.brk[i] and cues.speech_window_after > 1:
                run = _mid_run_before(toks, words, covered, i, arabic)
                if run and _opens_clause(toks, cues, run[0]):
                    out.append((*run, None))
    return out


def _opens_clause(toks: _Tokens, cues: Cues, k: int) -> bool:
    """A speaker before a sentence-final verb opens its clause ('پوتین گفت'), unlike the object
    of a preposition ('در جمع خبرنگاران گفت')."""
    return k == 0 or toks.brk[k] or toks.keys[k - 1] in cues.coordinators


def _script_spans(toks: _Tokens, words: _Words, cues: Cues, covered: list[bool]) -> list[_Span]:
    """Arabic-script names: rare-word runs that have evidence, plus title/verb-cued runs."""
    spans: list[_Span] = []
    counts = Counter(words.base[i] for i in range(len(toks.keys)) if toks.arabic[i])
    for a, b in _script_runs(toks, words, covered):
        role = _role_before(toks, words, cues, covered, a) or _role_after(toks, words, cues, covered, b)
        typed = _type_cue(toks, cues, a)
        has_rare = any(words.rare[a:b])
        strong = bool(role) or _honorific_before(toks, cues, a) or (b - a > 1 and (has_rare or any(words.given[a:b])))
        evidence = strong or _speech_near(toks, cues, a, b) or (has_rare and counts[words.base[b - 1]] > 1)
        if typed and has_rare:
            spans.append(_Span(a, b, typed, "cue", 0.8, pre=words.pre[a], suf=words.suf[b - 1]))
        elif evidence and has_rare or strong:
            spans.append(_Span(a, b, EntityType.PERSON, "cue" if role else "rare", 0.9 if strong else 0.75,
                               role=role, pre=words.pre[a], suf=words.suf[b - 1]))
    for a, b, role in _cue_runs(toks, words, cues, covered, arabic=True):
        if role == _PLACE_COMPLEMENT:
            spans.append(_Span(a, b, EntityType.PLACE, "cue", 0.75, pre=words.pre[a], suf=words.suf[b - 1]))
            continue
        spans.append(_Span(a, b, EntityType.PERSON, "cue", 0.8, role=role, pre=words.pre[a], suf=words.suf[b - 1]))
    return spans


def _with_known_place(toks: _Tokens, known: dict[int, _Span], span: _Span) -> _Span:
    """'Qatar Central Bank', 'Bank of Italy': a known place joined to an organisation's words."""
    i, j = span.i, span.j
    before = known.get(("end", i))
    if before is not None and before.type is EntityType.PLACE and not toks.brk[i]:
        i = before.i
    if j + 1 < len(toks.keys) and toks.keys[j] == "of" and not toks.brk[j] and not toks.brk[j + 1]:
        after = known.get(("start", j + 1))
        if after is not None and after.type is EntityType.PLACE:
            j = after.j
    return _Span(i, j, span.type, span.source, span.score)


def _cased_spans(toks: _Tokens, words: _Words, cues: Cues, covered: list[bool], code: str,
                 gazetteer: list[_Span] = ()) -> list[_Span]:
    """Latin/Cyrillic names by capitalisation, typed by cues (any article language)."""
    known = {key: span for span in gazetteer if not toks.arabic[span.i] for key in (("end", span.j), ("start", span.i))}
    spans: list[_Span] = []
    n, i = len(toks.keys), 0
    counts = toks.counts
    while i < n:
        if not (toks.cased[i] and toks.capital[i] and not covered[i]) or toks.title_case[i]:
            i += 1
            continue
        a, b = i, _cased_run_end(toks, words, covered, i)
        i = b
        lead_role = None
        while a < b and ((words.stop[a] and toks.keys[a] not in cues.org_heads) or _leading_title(toks, cues, a)):
            length, role = _phrase_at(toks, cues, a, cues.roles)
            lead_role = role or lead_role
            a += max(length, 1)
        headed_end = b
        while b > a and (words.stop[b - 1] or words.particle[b - 1]):
            b -= 1
        if a >= b:
            continue
        headed = _headed_type(toks, cues, a, headed_end)
        if headed is EntityType.ORG or (headed is not None and b - a > 1):
            span = _with_known_place(toks, known, _Span(a, headed_end if headed is EntityType.ORG else b, headed, "caps", 0.8))
            if span.j - span.i > 1:
                spans.append(span)
                continue
        while b - a > 1 and _leading_adjective(toks, words, a):
            a += 1
        span = _cased_span(toks, words, cues, covered, counts, a, b, lead_role, code)
        if span:
            spans.append(span)
    return spans


ACRONYM_MIN_LETTERS = 3


def _rare_acronym(toks: _Tokens, words: _Words, a: int) -> bool:
    """UNIFIL, JNIM: a rare all-capitals word of three letters or more names an organisation."""
    return len(toks.surface[a]) >= ACRONYM_MIN_LETTERS and words.zipf[a] < EXTEND_ZIPF and not toks.title_case[a]


def _leading_title(toks: _Tokens, cues: Cues, a: int) -> bool:
    """A title or honorific opening a capitalised run (President …, Mr …), not an org word (Bank …)."""
    key = toks.keys[a]
    return key in cues.cue_words and key not in cues.org_heads and key not in cues.place_heads


def _headed_type(toks: _Tokens, cues: Cues, a: int, b: int) -> EntityType | None:
    """'Federal Reserve', 'Bank of England', 'Wall Street': the run's head word gives its type."""
    keys = toks.keys[a:b]
    if any(k in cues.org_heads for k in keys):
        return EntityType.ORG
    if keys[-1] in cues.place_heads:
        return EntityType.PLACE
    return None


def _cased_run_end(toks: _Tokens, words: _Words, covered: list[bool], i: int) -> int:
    """End of a run of capitalised words, through lower-case particles (Ursula von der Leyen)."""
    n, b = len(toks.keys), i + 1
    while b < n and toks.cased[b] and not covered[b] and not toks.brk[b]:
        if toks.capital[b]:
            b += 1
            continue
        k = b
        while k < n and k - b < 3 and words.particle[k] and not toks.capital[k] and not toks.brk[k]:
            k += 1
        if k == b or k >= n or not toks.capital[k] or toks.brk[k] or covered[k] or not toks.cased[k]:
            break
        b = k + 1
    return b


_ADJECTIVE_ENDINGS = ("ian", "ean", "ese", "ish", "ic", "an", "i")


def _leading_adjective(toks: _Tokens, words: _Words, a: int) -> bool:
    """'Hungarian Prime Minister …', 'Conservative historian …': a common capitalised word first."""
    if words.given[a] or not toks.cased_given:
        return False  # without a given-name list (no data file) a common first word may be a name
    zipf = words.zipf[a]
    return zipf >= 4.0 or (zipf >= 3.0 and toks.keys[a].endswith(_ADJECTIVE_ENDINGS))


def _cased_span(toks, words, cues, covered, counts, a: int, b: int, lead_role: str | None, code: str) -> _Span | None:
    role = lead_role or _role_before(toks, words, cues, covered, a) or _role_after(toks, words, cues, covered, b)
    org = any(toks.keys[k] in cues.cue_words and _phrase_at(toks, cues, k, cues.org_cues)[0] for k in range(a, b))
    typed = _type_cue(toks, cues, a)
    person = bool(role) or _honorific_before(toks, cues, a) or words.given[a] or _speech_near(toks, cues, a, b)
    initial_common = toks.sent_start[a] and word_zipf(toks.keys[a], code) >= EXTEND_ZIPF
    if org:
        return _Span(a, b, EntityType.ORG, "caps", 0.8)
    if b - a == 1:
        acronym = toks.surface[a].isupper() and len(toks.surface[a]) >= 2
        if typed is EntityType.PLACE and not initial_common and words.zipf[a] < MID_ZIPF and not _honorific_before(toks, cues, a):
            return _Span(a, b, EntityType.PLACE, "caps", 0.6)  # governor of Nangarhar, port of Ceyhan
        if not (role or _honorific_before(toks, cues, a)) and _leading_adjective(toks, words, a):
            return None  # 'said Asian demand': a common capitalised adjective, not a name
        if person and not (initial_common and not role):
            return _Span(a, b, EntityType.PERSON, "caps", 0.8, role=role)
        if typed is EntityType.PLACE or (a > 0 and toks.keys[a - 1] in ("in", "near") and not toks.brk[a]):
            if not initial_common and words.zipf[a] < MID_ZIPF:
                return _Span(a, b, EntityType.PLACE, "caps", 0.6)
            return None
        if acronym and not toks.sent_start[a] and (counts[toks.keys[a]] > 1 or _rare_acronym(toks, words, a)):
            return _Span(a, b, EntityType.ORG, "caps", 0.6)
        if not toks.sent_start[a] and words.zipf[a] < EXTEND_ZIPF and counts[toks.keys[a]] > 1:
            return _Span(a, b, EntityType.PERSON, "caps", 0.6)
        return None
    if initial_common and b - a == 2 and not person:
        a += 1
        return _cased_span(toks, words, cues, covered, counts, a, b, None, code)
    if typed is EntityType.PLACE and not person:
        return _Span(a, b, EntityType.PLACE, "caps", 0.7)
    return _Span(a, b, EntityType.PERSON, "caps", 0.85 if person else 0.7, role=role)


# ---------------------------------------------------------------- coordination and coreference


def _partner(words: _Words, run: tuple[int, int] | None, forward: bool) -> tuple[int, int] | None:
    if run is None:
        return None
    a, b = run
    if forward:
        two = b - a >= 2 and (words.given[a] or words.rare[a + 1] or words.zipf[a + 1] < EXTEND_ZIPF)
        return (a, a + 2) if two else (a, a + 1)
    return (b - 2, b) if b - a >= 2 and words.given[b - 2] else (b - 1, b)


def _coordinated(toks: _Tokens, words: _Words, cues: Cues, covered: list[bool], spans: list[_Span]) -> list[_Span]:
    """``A و B`` / ``A and B``: a word next to a found person through 'and' is a person too.

    The partner is one word (a surname), or two when it starts with a given name: a longer run
    would swallow the verb that follows two subjects (``ويتكوف وكوشنر جمعا``)."""
    taken = [False] * len(toks.keys)
    for span in spans:
        for k in range(span.i, span.j):
            taken[k] = True
    blocked = [c or t for c, t in zip(covered, taken)]
    added: list[_Span] = []
    for span in spans:
        if span.type is not EntityType.PERSON:
            continue
        arabic = toks.arabic[span.i]
        j = span.j
        if j < len(toks.keys) and not toks.brk[j] and toks.keys[j] in cues.coordinators:
            run = _mid_run_after(toks, words, blocked, j + 1, arabic) if j + 1 < len(toks.keys) and not toks.brk[j + 1] else None
            run = _partner(words, run, forward=True)
            if run:
                added.append(_Span(*run, EntityType.PERSON, "coord", 0.7, pre=words.pre[run[0]], suf=words.suf[run[1] - 1]))
        elif j < len(toks.keys) and not toks.brk[j] and words.pre[j] and toks.keys[j][: words.pre[j]] in cues.coordinators:
            run = _partner(words, _mid_run_after(toks, words, blocked, j, arabic), forward=True)
            if run:
                added.append(_Span(*run, EntityType.PERSON, "coord", 0.7, pre=words.pre[run[0]], suf=words.suf[run[1] - 1]))
        if span.pre and toks.keys[span.i][: span.pre] in cues.coordinators and not toks.brk[span.i]:
            run = _partner(words, _mid_run_before(toks, words, blocked, span.i, arabic), forward=False)
            if run:
                added.append(_Span(*run, EntityType.PERSON, "coord", 0.7, pre=words.pre[run[0]], suf=words.suf[run[1] - 1]))
        i = span.i
        if i >= 2 and not toks.brk[i] and toks.keys[i - 1] in cues.coordinators and not toks.brk[i - 1]:
            run = _partner(words, _mid_run_before(toks, words, blocked, i - 1, arabic), forward=False)
            if run:
                added.append(_Span(*run, EntityType.PERSON, "coord", 0.7, pre=words.pre[run[0]], suf=words.suf[run[1] - 1]))
    return added


_MIN_STEM = 4


def _stems(word: str) -> list[str]:
    """Cased languages inflect names (Путин, Путина, Уиткоффом): they meet on a shared stem."""
    return [word[: len(word) - cut] for cut in (0, 1, 2) if len(word) - cut >= _MIN_STEM]





def _propagate(toks: _Tokens, words: _Words, cues: Cues, spans: list[_Span], covered: list[bool]) -> list[_Span]:
    """Every other occurrence of a found name, or of its last token (the surname), is a mention."""
    full: dict[tuple[str, ...], int] = {}
    last: dict[str, int] = {}
    keys_of: dict[str, int] = {}
    for index, span in enumerate(spans):
        if span.source == "gazetteer":
            continue
        bases = tuple(words.base[k] for k in range(span.i, span.j))
        full.setdefault(bases, index)
        if span.type is EntityType.PERSON or span.j - span.i == 1:
            last.setdefault(bases[-1], index)
            keys_of.setdefault(_name_key(bases[-1]), index)
    if not full:
        return []
    by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for bases, index in full.items():
        if len(bases) > 1:
            by_first.setdefault(bases[0], []).append((bases, index))
    stems = {stem: index for name, index in last.items() for stem in _stems(name)}
    taken = list(covered)
    for span in spans:
        for k in range(span.i, span.j):
            taken[k] = True
    out: list[_Span] = []
    n = len(toks.keys)
    for i in range(n):
        if taken[i] or words.stop[i]:
            continue
        match = None
        for bases, index in by_first.get(words.base[i], ()):
            j = i + len(bases)
            if j <= n and not any(taken[i:j]) and tuple(words.base[i:j]) == bases and _joined(toks, i, j):
                match = (j, index)
                break
        if match is None:
            base = words.base[i]
            index = last.get(base)
            if index is None and toks.arabic[i]:
                for variant, pre in _key_prefix_variants(toks.keys[i], cues.prefixes):
                    if pre and "ال" not in toks.keys[i][:pre] and variant in last:
                        words.base[i], words.pre[i], index = variant, pre, last[variant]
                        break
                if index is None and len(base) >= 4 and words.zipf[i] < MID_ZIPF:
                    index = keys_of.get(_name_key(base))
            elif index is None and toks.cased[i] and toks.capital[i]:
                index = next((stems[stem] for stem in _stems(base) if stem in stems), None)
            if index is not None:
                match = (i + 1, index)
        if match:
            j, index = match
            source = spans[index]
            out.append(_Span(i, j, source.type, "coref", min(source.score, 0.8), source.canonical,
                             pre=words.pre[i], suf=words.suf[j - 1], of=source))
            for k in range(i, j):
                taken[k] = True
    return out


# ---------------------------------------------------------------- assembly


def _non_overlapping(spans: list[_Span]) -> list[_Span]:
    """Keep the longest, then best-scored, span where spans overlap; in text order."""
    chosen: list[_Span] = []
    used: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s.j - s.i), -s.score, s.i)):
        if used.isdisjoint(range(span.i, span.j)):
            chosen.append(span)
            used.update(range(span.i, span.j))
    return sorted(chosen, key=lambda s: s.i)


def _heads(mentions: list[Mention], spans: list[_Span]) -> list[Mention]:
    """A shorter name points at the earlier fuller name whose last tokens it repeats."""
    out: list[Mention] = []
    index_of = {id(span): index for index, span in enumerate(spans)}
    fuller: dict[tuple[str, ...], int] = {}
    """Tail of a multi-token person name (its last 1..n-1 key tokens) → first such mention."""
    for index, (mention, span) in enumerate(zip(mentions, spans)):
        head = None
        tokens = tuple(mention.key.split())
        source = index_of.get(id(span.of)) if span.of is not None else None
        if source is not None and source < index and span.of.j - span.of.i > span.j - span.i:
            head = source
        elif mention.type is EntityType.PERSON and tokens in fuller:
            head = fuller[tokens]
        if head is not None and out[head].head is not None:
            head = out[head].head
        if mention.type is EntityType.PERSON and head is None:
            for cut in range(1, len(tokens)):
                fuller.setdefault(tokens[cut:], index)
        out.append(Mention(mention.start, mention.end, mention.text, mention.type, mention.key, mention.score,
                           mention.source, head, mention.canonical, mention.role))
    return out


def _cues_for_article(code: str) -> tuple[Cues, Cues, str, str]:
    """Cues for Arabic-script tokens and for cased tokens, each with the Zipf language to use."""
    script = lang_info.info(code).script
    script_code = code if script == "Arab" else "ar"
    cased_code = code if script in ("Latn", "Cyrl") else LATIN_FALLBACK
    return cues_for(script_code), cues_for(cased_code), script_code, cased_code


def find_mentions(article: Article, settings: Settings) -> tuple[Mention, ...]:
    """Mentions of people, organisations and places in ``article.text``, sorted, non-overlapping."""
    if not article.text.strip():
        return ()
    toks = _tokenize(article)
    if not toks.keys:
        return ()
    script_cues, cased_cues, script_code, cased_code = _cues_for_article(article.lang)
    toks.cased_given = bool(cased_cues.given_names)
    _join_abbreviations(toks, cased_cues)
    _mark_title_case_lines(article, toks)
    n = len(toks.keys)
    gazetteer = _gazetteer_spans(toks, script_cues, cased_cues, script_code, cased_code)
    covered = [False] * n
    for span in gazetteer:
        for k in range(span.i, span.j):
            covered[k] = True
    organisations = _org_head_spans(toks, script_cues, script_code, covered, settings.person_lists)
    if organisations:
        gazetteer = _non_overlapping(gazetteer + organisations)
        for span in organisations:
            for k in range(span.i, span.j):
                covered[k] = True
    words = _analyse(toks, script_code, script_cues, cased_cues, cased_code, settings, covered)
    _split_coordination(toks, words, script_cues, script_code, settings)
    found = _non_overlapping(
        _script_spans(toks, words, script_cues, covered) + _cased_spans(toks, words, cased_cues, covered, cased_code, gazetteer)
    )
    found = _non_overlapping(found + _coordinated(toks, words, script_cues, covered, found)
                             + _coordinated(toks, words, cased_cues, covered, found))
    spans = _non_overlapping(gazetteer + found)
    spans = _non_overlapping(spans + _propagate(toks, words, script_cues, spans, covered))
    return tuple(_heads([_to_mention(article, toks, span) for span in spans], spans))


def _to_mention(article: Article, toks: _Tokens, span: _Span) -> Mention:
    kstart = toks.kstart[span.i] + span.pre
    kend = toks.kend[span.j - 1] - span.suf
    start, end = article.normalized.key_span(kstart, kend)
    text = article.text[start:end]
    return Mention(start, end, text, span.type, _name_key(text), span.score, span.source,
                   canonical=span.canonical, role=span.role if span.type is EntityType.PERSON else None)
