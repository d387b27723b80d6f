"""Numbers with units: casualty counts, money, percentages, in digits or number words.

Number words, scales (هزار، مليون، billion), Arabic dual scales (ألفين = 2000) and units come
from the ``quantities`` section of ``lang/<code>/events.json``. A bare number (a year, a
resolution number, "G7") is never a quantity: a unit, a counted measure (killed, قتيلا) or a
currency sign must go with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsweave import lang as langdata
from newsweave.extract.textview import CueIndex, TextView, fold, lookup_table, term_alternation
from newsweave.model import Quantity
from newsweave.text.keys import key

_DIGITS = r"\d+(?:[.,٫٬]\d+)*"
_MEASURE_WINDOW = 30


@dataclass(frozen=True)
class QuantityLexicon:
    number: re.Pattern
    after: re.Pattern
    measure_before: re.Pattern
    ones: dict
    scales: dict
    dual_scales: dict
    units: dict
    measures: dict
    prefix_units: dict
    suffix_symbols: dict
    joiners: frozenset[str]
    prefix_reach: int | None
    """Longest prefix unit ("$", "US$") in key characters; None when one has a space inside
    (its match length is then unbounded and a scan cannot start near the number)."""


@lru_cache(maxsize=None)
def quantity_lexicon(code: str) -> QuantityLexicon | None:
    data = langdata.load(code, "events.json")
    if data is None or "quantities" not in data:
        return None
    q = data["quantities"]
    words = term_alternation(list(q["ones"]) + list(q["scales"]) + list(q.get("dual_scales", {})))
    scales = term_alternation(list(q["scales"]))
    joiners = term_alternation([j for j in q["joiners"] if j != "-"])
    sep = rf"(?:\s*-\s*|\s+(?:{joiners})\s*|\s+)"
    digits = rf"(?<![A-Za-z0-9.,]){_DIGITS}(?:\s*(?:{scales})(?!\w))*"
    spelled = rf"(?<!\w)(?:{words})(?!\w)(?:{sep}(?:{words})(?!\w))*"
    prefix = term_alternation(q["prefix_units"])
    number = re.compile(rf"(?P<pre>(?:{prefix})\s*)?(?P<num>{digits}|{spelled})")
    units = term_alternation(list(q["units"]) + list(q["measures"]))
    suffix = "|".join(re.escape(s) for s in q["suffix_symbols"]) or r"(?!x)x"
    after = re.compile(rf"\s*(?:(?P<sym>{suffix})|(?P<unit>{units})(?!\w))")
    before = {**q["measures"], **q.get("measure_before", {})}
    measure_before = re.compile(rf"(?<!\w)(?:{term_alternation(before)})(?!\w)")
    return QuantityLexicon(
        number=number,
        after=after,
        measure_before=measure_before,
        ones=lookup_table(q["ones"]),
        scales=lookup_table(q["scales"]),
        dual_scales=lookup_table(q.get("dual_scales", {})),
        units=lookup_table(q["units"]),
        measures=lookup_table({**before, **q["measures"]}),
        prefix_units={key(k): v for k, v in q["prefix_units"].items()},
        suffix_symbols=dict(q["suffix_symbols"]),
        joiners=frozenset(fold(j) for j in q["joiners"] if len(fold(j)) == 1),
        prefix_reach=_prefix_reach(q["prefix_units"]),
    )


def _prefix_reach(prefix_units: dict) -> int | None:
    folded = [key(p).strip() for p in prefix_units]
    if any(len(p.split()) > 1 for p in folded):
        return None
    return max((len(p) for p in folded), default=0)


def _digit_value(token: str) -> float:
    token = token.replace("٬", ",").replace("٫", ".")
    if token.count(",") and (token.count(".") or all(len(g) == 3 for g in token.split(",")[1:])):
        token = token.replace(",", "")
    token = token.replace(",", ".")
    if token.count(".") > 1:
        token = token.replace(".", "")
    return float(token)


def parse_number(phrase: str, code: str) -> float | None:
    """The value of a number phrase: "بیست و پنج" → 25, "1.5 مليار" → 1.5e9, "two hundred" → 200."""
    lex = quantity_lexicon(code)
    if lex is None:
        return None
    match = lex.number.fullmatch(key(phrase).strip())
    return _phrase_value(lex, match.group("num")) if match else None


def _phrase_value(lex: QuantityLexicon, phrase: str) -> float | None:
    total, current, seen = 0.0, 0.0, False
    for token in re.findall(rf"{_DIGITS}|\w+", phrase):
        folded = fold(token)
        if folded[1:] and folded[:1] in lex.joiners and folded not in lex.ones and folded not in lex.scales:
            folded = folded[1:]  # Arabic "وعشرون": the joiner is written on the word
        if token[0].isdigit():
            current += _digit_value(token)
        elif folded in lex.ones:
            value = float(lex.ones[folded])
            current = current * value if value == 100 and 0 < current < 100 else current + value
        elif folded in lex.scales:
            total += (current or 1.0) * float(lex.scales[folded])
            current = 0.0
        elif folded in lex.dual_scales:
            total += float(lex.dual_scales[folded])
        else:
            continue
        seen = True
    return total + current if seen else None


_DIGIT = re.compile(r"\d")
NUMBER_WORDS = "events.number_words"
"""The cue-index lexicon of number words (built by the fact stage from this file's data)."""


def quantities_in(view: TextView, code: str, kstart: int, kend: int, cues: CueIndex | None = None) -> list[Quantity]:
    """Quantities in a key span of an article (offsets in the article text).

    With the article's cue index the number pattern is only searched near digits and number
    words (the pattern is tried at every character, so a scan of a whole sentence is costly).
    """
    lex = quantity_lexicon(code)
    if lex is None:
        return []
    out: list[Quantity] = []
    text = view.key
    for match in _number_matches(lex, text, kstart, kend, cues):
        value = _phrase_value(lex, match.group("num"))
        if value is None:
            continue
        unit, measure, end = None, None, match.end()
        pre = match.group("pre")
        if pre:
            unit = lex.prefix_units.get(pre.strip())
        tail = lex.after.match(text, match.end(), kend)
        if tail:
            end = tail.end()
            if tail.group("sym"):
                unit = lex.suffix_symbols.get(tail.group("sym"))
            else:
                word = fold(tail.group("unit"))
                unit = unit or lex.units.get(word)
                if word in lex.measures:
                    unit, measure = unit if unit and unit != "person" else "person", lex.measures[word]
        if unit is None:
            continue
        if unit == "person" and measure is None:
            measure, end = _nearby_measure(lex, text, match.start(), end, kend)
        start, stop = view.to_text(match.start(), end)
        out.append(Quantity(value, unit, view.text[start:stop], start, stop, measure))
    return out


def _number_matches(lex: QuantityLexicon, text: str, kstart: int, kend: int,
                    cues: CueIndex | None) -> list[re.Match]:
    """``lex.number.finditer(text, kstart, kend)``, searching only from near each candidate.

    A number starts with a digit or a number word (a word start the cue index tags), perhaps
    after a prefix unit and spaces; no match can start before that reach, so each search
    starts there and finds the same next match a full scan would.
    """
    if cues is None or lex.prefix_reach is None or cues.key != text:
        return list(lex.number.finditer(text, kstart, kend))
    out: list[re.Match] = []
    pos = kstart
    while pos < kend:
        digit = _DIGIT.search(text, pos, kend)
        word = cues.first_start(NUMBER_WORDS, pos, kend)
        candidates = [c for c in (digit.start() if digit else None, word) if c is not None]
        if not candidates:
            break
        reach = min(candidates)
        while reach > pos and text[reach - 1].isspace():
            reach -= 1
        match = lex.number.search(text, max(pos, reach - lex.prefix_reach), kend)
        if match is None:
            break
        out.append(match)
        pos = match.end()
    return out


def _nearby_measure(lex: QuantityLexicon, text: str, start: int, end: int, limit: int) -> tuple[str | None, int]:
    """What a head count counts: a measure word just after ("were killed") or just before ("مقتل")."""
    after = lex.measure_before.search(text, end, min(limit, end + _MEASURE_WINDOW))
    if after:
        return str(lex.measures.get(fold(after.group(0)))), end
    window_start = max(0, start - _MEASURE_WINDOW)
    befores = list(lex.measure_before.finditer(text, window_start, start))
    if befores:
        return str(lex.measures.get(fold(befores[-1].group(0)))), end
    return None, end


def find_quantities_in_text(text: str, code: str) -> tuple[Quantity, ...]:
    """Quantities in a free text (for tests and tools)."""
    from newsweave.text.normalize import normalize

    norm = normalize(text, code)
    view = TextView(text, norm.key, norm.key_origin)
    return tuple(quantities_in(view, code, 0, len(norm.key)))
