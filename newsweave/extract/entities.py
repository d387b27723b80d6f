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
from collections import Counter
from dataclasses import dataclass
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

MID_ZIPF = 4.5
"""A word at least this frequent is never a name, even next to a title."""
EXTEND_ZIPF = 3.0
"""A neighbour of a rare name token joins the name when rarer than this."""
HONORIFIC_ZIPF = 6.0
"""Right after an honorific (Mr, آقای, السيد) even a common word is taken as a name."""
COMPOUND_PART_ZIPF = 3.5
MAX_NAME_TOKENS = 4
MAX_MODIFIERS = 3
"""Words skipped between a title and the name (nationality, 'national security', a place)."""
CONTEXT_WINDOW = 3


@dataclass(slots=True)
class _Tokens:
    keys: list[str]
    kstart: list[int]
    kend: list[int]
    surface: list[str]
    brk: list[bool]
    """Punctuation (or the text start) between the previous token and this one."""
    comma: list[bool]
    """Only a comma between the previous token and this one (apposition: 'Umerov, the envoy')."""
    sent_start: list[bool]
    arabic: list[bool]
    capital: list[bool]
    cased: list[bool]


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


# ---------------------------------------------------------------- tokens


def _tokenize(article: Article) -> _Tokens:
    norm = article.normalized
    text, nkey, origin = article.text, norm.key, norm.key_origin
    keys: list[str] = []
    kstart: list[int] = []
    kend: list[int] = []
    surface: list[str] = []
    brk: list[bool] = []
    comma: list[bool] = []
    sent_start: list[bool] = []
    arabic: list[bool] = []
    capital: list[bool] = []
    cased: list[bool] = []
    prev_end = 0
    prev_key = ""
    for match in TOKEN_RE.finditer(nkey):
        start, end = match.span()
        tok = match.group()
        gap = nkey[prev_end:start]
        ostart, oend = origin[start], origin[end - 1] + 1
        first = text[ostart]
        keys.append(tok)
        kstart.append(start)
        kend.append(end)
        surface.append(text[ostart:oend])
        brk.append(not keys[:-1] or bool(_BREAK.search(gap)))
        comma.append(gap.strip() in (",", "،"))
        ends_sentence = bool(_SENTENCE_END.search(gap)) and not (gap.strip() == "." and len(prev_key) == 1)
        sent_start.append(len(keys) == 1 or ends_sentence)
        is_arabic = bool(_ARABIC_LETTER.match(tok))
        arabic.append(is_arabic)
        capital.append(first.isupper())
        cased.append(not is_arabic and first.lower() != first.upper())
        prev_end, prev_key = end, tok
    return _Tokens(keys, kstart, kend, surface, brk, comma, sent_start, arabic, capital, cased)


def _joined(toks: _Tokens, i: int, j: int) -> bool:
    """True when tokens i..j-1 are written together with no punctuation between them."""
    return not any(toks.brk[k] for k in range(i + 1, j))


# ---------------------------------------------------------------- word commonness


@lru_cache(maxsize=200_000)
def _commonness(surface: str, code: str) -> float:
    """How common a word is once affixes are peeled off: max Zipf over its analyses."""
    cues = cues_for(code)
    best = word_zipf(surface, code)
    stems = [surface]
    for prefix in cues.analysis_prefixes:
        if surface.startswith(prefix) and len(surface) - len(prefix) >= 4:
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


def _key_prefix_variants(tok: str, prefixes: tuple[str, ...]) -> list[tuple[str, int]]:
    out = [(tok, 0)]
    for prefix in prefixes:
        if tok.startswith(prefix) and len(tok) - len(prefix) >= 2:
            out.append((tok[len(prefix) :], len(prefix)))
    return out


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


def _gazetteer_spans(toks: _Tokens, script_cues: Cues, cased_cues: Cues, script_code: str, cased_code: str) -> list[_Span]:
    index = gazetteer_index()
    spans: list[_Span] = []
    n = len(toks.keys)
    i = 0
    while i < n:
        found = None
        cues, code = (script_cues, script_code) if toks.arabic[i] else (cased_cues, cased_code)
        prefixes = cues.prefixes if toks.arabic[i] else ()
        for variant, pre in _key_prefix_variants(toks.keys[i], prefixes):
            found = _match_at(toks, cues, code, index.by_first, variant, i, pre)
            if found:
                break
        if found:
            spans.append(found)
            i = found.j
        else:
            i += 1
    return spans


def _match_at(toks, cues: Cues, code: str, by_first, variant: str, i: int, pre: int) -> _Span | None:
    n = len(toks.keys)
    candidates = list(by_first.get(variant, ()))
    suffixes = cues.suffixes if toks.arabic[i] else ()
    for suffix in suffixes:
        if variant.endswith(suffix) and len(variant) - len(suffix) >= 3:
            stem = variant[: -len(suffix)]
            candidates += [(t, e, len(suffix)) for t, e in by_first.get(stem, ()) if len(t) == 1]
    for cand in candidates:
        tokens, entry = cand[0], cand[1]
        suf = cand[2] if len(cand) == 3 else 0
        j = i + len(tokens)
        if j > n or not _joined(toks, i, j):
            continue
        if len(tokens) > 1 and not suf:
            tail = toks.keys[i + 1 : j]
            if tail[:-1] != list(tokens[1:-1]):
                continue
            last, want = tail[-1], tokens[-1]
            if last != want:
                suf = next((len(s) for s in suffixes if last == want + s), 0)
                if not suf:
                    continue
        if not (_case_ok(entry, toks, i, j) and _context_ok(entry, toks, i)):
            continue
        if entry.kind == "cities" and any(_is_cue_or_stop(k, cues) for k in toks.keys[i:j]):
            continue
        if not city_is_plausible(entry, " ".join(toks.surface[i:j]), code):
            continue
        if entry.kind == "cities" and not toks.arabic[i] and toks.sent_start[i] and word_zipf(toks.keys[i], code) >= EXTEND_ZIPF:
            continue  # "Reading …" at a sentence start is the verb
        return _Span(i, j, entry.type, "gazetteer", 0.95 if entry.kind != "cities" else 0.85, entry.canonical, pre=pre, suf=suf)
    return None


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


def _strip_clitics(tok: str, cues: Cues, known, counts: Counter) -> tuple[str, int, int]:
    """Peel a clitic only when what remains is a known or article-attested name (بوتين ≠ ب+وتين)."""
    for prefix in cues.prefixes:
        if "ال" in prefix or prefix == "لل" or not tok.startswith(prefix):
            continue  # the article ال belongs to a name (البرهان)
        rest = tok[len(prefix) :]
        if len(rest) >= 3 and (rest in known or counts.get(rest, 0) > 0):
            return rest, len(prefix), 0
    for suffix in cues.suffixes:
        stem = tok[: -len(suffix)]
        if tok.endswith(suffix) and len(stem) >= 3 and (stem in known or counts.get(stem, 0) > 0):
            return stem, 0, len(suffix)
    return tok, 0, 0


def _analyse(toks: _Tokens, code: str, script_cues: Cues, cased_cues: Cues, cased_code: str,
             settings: Settings, covered: list[bool]) -> _Words:
    n = len(toks.keys)
    counts = Counter(toks.keys)
    single = gazetteer_index().single
    words = _Words(list(toks.keys), [0] * n, [0] * n, [9.0] * n, [9.0] * n, [True] * n, [False] * n, [False] * n, [False] * n, [False] * n, [False] * n)
    for i in range(n):
        tok = toks.keys[i]
        if covered[i] or _DIGIT.search(tok):
            continue
        cues, zcode = (script_cues, code) if toks.arabic[i] else (cased_cues, cased_code)
        given = cues.given_names if settings.person_lists else frozenset()
        words.particle[i] = tok in cues.particles
        words.clitic_article[i] = toks.arabic[i] and any(
            tok.startswith(p) and len(p) > 2 and p.endswith("ال") or p == "لل" and tok.startswith(p) for p in cues.prefixes
        )
        if toks.arabic[i]:
            base, pre, suf = _strip_clitics(tok, cues, given | single.keys(), counts) if tok not in given else (tok, 0, 0)
            surface = toks.surface[i][pre : len(toks.surface[i]) - suf]
            stop = _is_cue_or_stop(tok, cues) or _is_cue_or_stop(base, cues) or len(base) < 2
            common = _commonness(surface, zcode)
        else:
            base, pre, suf, surface = tok, 0, 0, tok
            stop = tok in cues.stop_words or tok in cues.cue_words or len(tok) < 2 and not toks.capital[i]
            common = word_zipf(tok, zcode)
        words.base[i], words.pre[i], words.suf[i] = base, pre, suf
        words.zipf[i] = word_zipf(surface, zcode)
        words.common[i] = max(common, words.zipf[i])
        words.stop[i] = stop
        words.given[i] = not stop and base in given
        words.rare[i] = not stop and len(base) >= 3 and common < settings.name_rarity_zipf
        words.mid[i] = not stop and words.zipf[i] < MID_ZIPF
    return words


def _split_coordination(toks: _Tokens, words: _Words, cues: Cues, code: str, settings: Settings) -> None:
    """``عمروف وهناتوف``: a rare one-off word starting with 'and' right after a name is 'and' + name."""
    counts = Counter(toks.keys)
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


def _phrase_at(toks: _Tokens, cues: Cues, i: int, table) -> tuple[int, str | None]:
    """Longest phrase of ``table`` starting at token i (its first word may carry a clitic)."""
    keys = toks.keys
    for length in range(min(cues.max_phrase, len(keys) - i), 0, -1):
        if not _joined(toks, i, i + length):
            continue
        rest = tuple(keys[i + 1 : i + length])
        for first, _pre in _key_prefix_variants(keys[i], cues.prefixes if toks.arabic[i] else ()):
            phrase = (first, *rest)
            if phrase in table:
                return length, (table[phrase] if isinstance(table, dict) else "")
    return 0, None


def _phrase_ending_at(toks: _Tokens, cues: Cues, end: int, table) -> tuple[int, str | None]:
    for length in range(min(cues.max_phrase, end), 0, -1):
        found, value = _phrase_at(toks, cues, end - length, table)
        if found == length:
            return length, value
    return 0, None


def _is_modifier(toks: _Tokens, words: _Words, cues: Cues, covered: list[bool], k: int) -> bool:
    """A word that may stand between a title and a name: nationality, place, 'national security'."""
    if toks.keys[k] in cues.title_breaks or words.base[k] in cues.title_breaks:
        return False
    return covered[k] or words.stop[k] or words.zipf[k] >= MID_ZIPF


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


def _script_runs(toks: _Tokens, words: _Words, covered: list[bool]) -> list[tuple[int, int]]:
    """Maximal runs of name-like Arabic-script tokens around each rare word or given name."""
    runs: list[tuple[int, int]] = []
    n, last_end = len(toks.keys), 0
    for i in range(n):
        if i < last_end or not _free(toks, covered, i, True) or not (words.rare[i] or words.given[i]):
            continue
        a, b = i, i + 1
        while b < n and b - a < MAX_NAME_TOKENS and _free(toks, covered, b, True) and not toks.brk[b] and words.pre[b] == 0:
            if words.clitic_article[b]:
                break
            if words.rare[b] or words.given[b] or (not words.stop[b] and words.zipf[b] < EXTEND_ZIPF):
                b += 1
            elif words.given[b - 1] and words.mid[b]:
                b += 1  # given name + surname that is also a word
            elif words.particle[b] and b + 1 < n and (words.rare[b + 1] or words.mid[b + 1]) and not toks.brk[b + 1]:
                b += 2
            else:
                break
        while a > last_end and b - a < MAX_NAME_TOKENS and _free(toks, covered, a - 1, True) and not toks.brk[a] and words.pre[a] == 0:
            k = a - 1
            if words.clitic_article[k]:
                break
            if words.rare[k] or words.given[k] or words.particle[k] or (not words.stop[k] and words.zipf[k] < EXTEND_ZIPF):
                a -= 1
            else:
                break
        while b - a > 1 and words.particle[b - 1]:
            b -= 1
        while b - a > 1 and words.particle[a] and not words.given[a]:
            a += 1
        runs.append((a, b))
        last_end = b
    return runs


def _name_like(words: _Words, k: int, limit: float, first: bool = False) -> bool:
    """First word after a cue: its own frequency decides; later words: also without affixes."""
    zipf = words.zipf[k] if first else words.common[k]
    return not words.stop[k] and not words.clitic_article[k] and (words.given[k] or zipf < limit)


def _mid_run_after(toks: _Tokens, words: _Words, covered: list[bool], start: int, arabic: bool, limit: float = MID_ZIPF) -> tuple[int, int] | None:
    """Up to three name-like words from ``start`` (a name of ordinary-looking words after a cue)."""
    b = start
    while b < len(toks.keys) and b - start < 3 and _free(toks, covered, b, arabic) and (b == start or not toks.brk[b]):
        if not _name_like(words, b, limit if b == start else MID_ZIPF, b == start) or (b > start and words.pre[b]):
            break
        b += 1
    return (start, b) if b > start else None


def _mid_run_before(toks: _Tokens, words: _Words, covered: list[bool], end: int, arabic: bool) -> tuple[int, int] | None:
    a = end
    while a > 0 and end - a < 3 and _free(toks, covered, a - 1, arabic) and (a == end or not toks.brk[a]):
        if not _name_like(words, a - 1, MID_ZIPF, a == end) or (a < end and words.pre[a]):
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
        if not _is_modifier(toks, words, cues, covered, pos) or words.given[pos]:
            return pos
        pos += 1
    return -1


def _cue_runs(toks: _Tokens, words: _Words, cues: Cues, covered: list[bool], arabic: bool) -> list[tuple[int, int, str | None]]:
    """Names made of ordinary-looking words, found only because a title or verb stands next to them."""
    out: list[tuple[int, int, str | None]] = []
    n = len(toks.keys)
    for i in range(n):
        if covered[i] or toks.arabic[i] != arabic:
            continue
        length, role = _phrase_at(toks, cues, i, cues.roles)
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
                if run:
                    out.append((*run, None))
    return out


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
        spans.append(_Span(a, b, EntityType.PERSON, "cue", 0.8, role=role, pre=words.pre[a], suf=words.suf[b - 1]))
    return spans


def _cased_spans(toks: _Tokens, words: _Words, cues: Cues, covered: list[bool], code: str) -> list[_Span]:
    """Latin/Cyrillic names by capitalisation, typed by cues (any article language)."""
    spans: list[_Span] = []
    n, i = len(toks.keys), 0
    counts = Counter(toks.keys)
    while i < n:
        if not (toks.cased[i] and toks.capital[i] and not covered[i]):
            i += 1
            continue
        a, b = i, i + 1
        while b < n and toks.cased[b] and not covered[b] and not toks.brk[b]:
            if toks.capital[b]:
                b += 1
            elif words.particle[b] and b + 1 < n and toks.capital[b + 1] and not toks.brk[b + 1] and not covered[b + 1]:
                b += 2
            else:
                break
        i = b
        lead_role = None
        while a < b and (words.stop[a] or toks.keys[a] in cues.cue_words):
            length, role = _phrase_at(toks, cues, a, cues.roles)
            lead_role = role or lead_role
            a += max(length, 1)
        while b > a and (words.stop[b - 1] or words.particle[b - 1]):
            b -= 1
        if a >= b:
            continue
        span = _cased_span(toks, words, cues, covered, counts, a, b, lead_role, code)
        if span:
            spans.append(span)
    return spans


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
        if person and not (initial_common and not role):
            return _Span(a, b, EntityType.PERSON, "caps", 0.8, role=role)
        if typed is EntityType.PLACE or (a > 0 and toks.keys[a - 1] in ("in", "near") and not toks.brk[a]):
            if not initial_common and words.zipf[a] < MID_ZIPF:
                return _Span(a, b, EntityType.PLACE, "caps", 0.6)
            return None
        if acronym and not toks.sent_start[a] and counts[toks.keys[a]] > 1:
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


def _coordinated(toks: _Tokens, words: _Words, cues: Cues, covered: list[bool], spans: list[_Span]) -> list[_Span]:
    """``A و B`` / ``A and B``: a word next to a found person through 'and' is a person too."""
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
            if run:
                added.append(_Span(*run, EntityType.PERSON, "coord", 0.7, pre=words.pre[run[0]], suf=words.suf[run[1] - 1]))
        elif j < len(toks.keys) and not toks.brk[j] and words.pre[j] and toks.keys[j][: words.pre[j]] in cues.coordinators:
            run = _mid_run_after(toks, words, blocked, j, arabic)
            if run:
                added.append(_Span(*run, EntityType.PERSON, "coord", 0.7, pre=words.pre[run[0]], suf=words.suf[run[1] - 1]))
        if span.pre and toks.keys[span.i][: span.pre] in cues.coordinators and not toks.brk[span.i]:
            run = _mid_run_before(toks, words, blocked, span.i, arabic)
            if run:
                added.append(_Span(*run, EntityType.PERSON, "coord", 0.7, pre=words.pre[run[0]], suf=words.suf[run[1] - 1]))
        i = span.i
        if i >= 2 and not toks.brk[i] and toks.keys[i - 1] in cues.coordinators and not toks.brk[i - 1]:
            run = _mid_run_before(toks, words, blocked, i - 1, arabic)
            if run:
                added.append(_Span(*run, EntityType.PERSON, "coord", 0.7, pre=words.pre[run[0]], suf=words.suf[run[1] - 1]))
    return added


def _inflected_match(tok: str, names: dict[str, int]) -> int | None:
    """Cased languages inflect names (Путина, Путину): allow up to two extra final letters."""
    for cut in (1, 2):
        if len(tok) - cut >= 4 and tok[:-cut] in names:
            return names[tok[:-cut]]
    return None


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
        for bases, index in full.items():
            j = i + len(bases)
            if len(bases) > 1 and j <= n and not any(taken[i:j]) and tuple(words.base[i:j]) == bases and _joined(toks, i, j):
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
                index = _inflected_match(base, last)
            if index is not None:
                match = (i + 1, index)
        if match:
            j, index = match
            source = spans[index]
            out.append(_Span(i, j, source.type, "coref", min(source.score, 0.8), source.canonical,
                             pre=words.pre[i], suf=words.suf[j - 1]))
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


def _heads(mentions: list[Mention]) -> list[Mention]:
    """A shorter name points at the earlier fuller name whose last token it repeats."""
    out: list[Mention] = []
    for mention in mentions:
        head = None
        tokens = mention.key.split()
        if mention.type is EntityType.PERSON and tokens:
            for index, earlier in enumerate(out):
                longer = earlier.key.split()
                if earlier.type is EntityType.PERSON and len(longer) > len(tokens) and longer[-len(tokens):] == tokens:
                    head = earlier.head if earlier.head is not None else index
                    break
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
    n = len(toks.keys)
    gazetteer = _gazetteer_spans(toks, script_cues, cased_cues, script_code, cased_code)
    covered = [False] * n
    for span in gazetteer:
        for k in range(span.i, span.j):
            covered[k] = True
    words = _analyse(toks, script_code, script_cues, cased_cues, cased_code, settings, covered)
    _split_coordination(toks, words, script_cues, script_code, settings)
    found = _non_overlapping(
        _script_spans(toks, words, script_cues, covered) + _cased_spans(toks, words, cased_cues, covered, cased_code)
    )
    found = _non_overlapping(found + _coordinated(toks, words, script_cues, covered, found)
                             + _coordinated(toks, words, cased_cues, covered, found))
    spans = _non_overlapping(gazetteer + found)
    spans = _non_overlapping(spans + _propagate(toks, words, script_cues, spans, covered))
    return tuple(_heads([_to_mention(article, toks, span) for span in spans]))


def _to_mention(article: Article, toks: _Tokens, span: _Span) -> Mention:
    kstart = toks.kstart[span.i] + span.pre
    kend = toks.kend[span.j - 1] - span.suf
    start, end = article.normalized.key_span(kstart, kend)
    text = article.text[start:end]
    return Mention(start, end, text, span.type, name_key(text), span.score, span.source,
                   canonical=span.canonical, role=span.role if span.type is EntityType.PERSON else None)
