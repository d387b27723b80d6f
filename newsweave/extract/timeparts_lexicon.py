"""A language's time vocabulary (``lang/<code>/time.json``) compiled into regexes on match keys.

Every entry is folded with :func:`newsweave.text.keys.key`, so one spelling covers Persian and
Arabic letter variants, Eastern digits and stripped ZWNJ; a space inside an entry also matches
no space ("سه شنبه" = "سه‌شنبه" = "سهشنبه"). Alternations are longest first, so "سه شنبه" wins
over its suffix "شنبه". Lexicons are compiled once per language and cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Mapping

from newsweave import lang as lang_data
from newsweave.errors import LanguageDataError
from newsweave.extract.timeparts_calendar import WEEKDAY_NAMES
from newsweave.text.keys import key

_SPACES = re.compile(r"\s+")
NEVER = r"(?!x)x"
WORD_START = r"(?<!\w)"
WORD_END = r"(?!\w)"
DIGITS = r"\d+(?:[.,\u066b]\d+)?"


def fold(term: str) -> str:
    """Lookup form of an entry or a matched span: key-folded with spaces removed."""
    return _SPACES.sub("", key(term))


def alternation(terms: Iterable[str]) -> str:
    """Regex alternation of key-folded terms, built as a trie; a space matches any or no space.

    A trie regex tests each character once instead of trying every term at every position,
    which keeps a few hundred month, weekday and number names cheap to scan for. Greedy
    optional branches prefer the longest term ("سه شنبه" over "شنبه").
    """
    trie: dict = {}
    for term in terms:
        if not term or not term.strip():
            continue
        node = trie
        for token in _tokens(_SPACES.sub(" ", key(term)).strip()):
            node = node.setdefault(token, {})
        node[""] = {}
    return "(?:" + _trie_regex(trie) + ")" if trie else NEVER


def _tokens(term: str) -> list[str]:
    return [r"\s*" if ch == " " else re.escape(ch) for ch in term]


def _trie_regex(node: dict) -> str:
    ends_here = "" in node
    branches = [token + _trie_regex(child) for token, child in sorted(node.items()) if token]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
    return body


def table(mapping: Mapping[str, Any]) -> dict[str, Any]:
    return {fold(k): v for k, v in mapping.items()}


@dataclass(frozen=True)
class TimeLexicon:
    """Compiled patterns and lookup tables for one language."""

    lang: str
    week_start: int
    weekday_of: dict[str, int]
    modifier_tense: dict[str, str]
    relative_day_of: dict[str, int]
    phrase_of: dict[str, tuple[str, Any]]
    number_of: dict[str, float]
    unit_of: dict[str, str]
    dual_of: dict[str, tuple[str, float]]
    month_of: dict[str, tuple[str, int]]
    marker_calendar: dict[str, str]
    numeric_calendars: tuple[dict, ...]
    numeric_order: str
    default_calendar: str
    weekday: re.Pattern
    relative_day: re.Pattern
    phrase: re.Pattern
    duration: re.Pattern
    dual: re.Pattern
    cued_unit: re.Pattern
    ago_after: re.Pattern
    ago_before: re.Pattern
    marker_after: re.Pattern
    day_month: re.Pattern
    month_day: re.Pattern | None
    month_year: re.Pattern
    day_range: re.Pattern
    year: re.Pattern
    future_cue: re.Pattern
    past_cue: re.Pattern
    clause_break: re.Pattern
    """Words that close a clause (complementizers); punctuation is matched separately."""
    not_time: re.Pattern
    number_word: re.Pattern = field(repr=False)
    starters: dict[str, frozenset[str]] = field(repr=False, default_factory=dict)
    """First one or two key letters of any entry a pattern can begin with → pattern names."""
    proclitics: tuple[str, ...] = ()
    starter_scan: re.Pattern | None = field(repr=False, default=None)
    """Finds the word starts where some pattern may begin: one pass instead of one per pattern."""
    _starter_cache: dict[str, frozenset[str]] = field(repr=False, default_factory=dict)

    @property
    def numeric(self) -> re.Pattern:
        return NUMERIC_DATE

    def patterns_at(self, head: str) -> frozenset[str]:
        """Names of the patterns worth trying where the text continues with ``head``.

        ``head`` is the word at that position (its first ``STARTER_LENGTH`` letters plus room for
        a proclitic); entries are indexed by the first letters of their first word, so a pattern
        is only tried where one of its entries could begin. Scanning every position with every
        pattern would cost ~60 ns a character per pattern in ``re``.
        """
        cached = self._starter_cache.get(head)
        if cached is not None:
            return cached
        found: set[str] = set()
        for rest in (head, *(head[len(p) :] for p in self.proclitics if head.startswith(p) and len(head) > len(p))):
            if rest[0].isdigit():
                found.update(DIGIT_PATTERNS)
            for length in range(1, STARTER_LENGTH + 1):
                found.update(self.starters.get(rest[:length], ()))
        result = frozenset(found)
        if len(self._starter_cache) < 200_000:
            self._starter_cache[head] = result
        return result


NUMERIC_DATE = re.compile(
    r"(?<![\w/.\-\u066b])(?P<a>\d{1,4})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})(?![\w/\u066b]|[.\-]\d)"
)
"""2025-12-07, 07/12/2025, ۱۴۰۴/۰۹/۱۶: numeric dates, the same in every language."""
STARTER_LENGTH = 4
DIGIT_PATTERNS = ("day_month", "day_range", "duration", "numeric")


def _starter_index(first_entries: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for pattern_name, entries in first_entries.items():
        for entry in entries:
            words = key(entry).split()
            if words:
                index.setdefault(words[0][:STARTER_LENGTH], set()).add(pattern_name)
    return {k: frozenset(v) for k, v in index.items()}


def _strings(data: Mapping[str, Any], name: str) -> list[str]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LanguageDataError(f"time.json: {name!r} must be a list of strings")
    return value


def _weekday_table(data: Mapping[str, Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for index, forms in (data.get("weekdays") or {}).items():
        if not index.isdigit() or int(index) > 6:
            raise LanguageDataError(f"time.json: weekday index {index!r} must be 0 (Monday) … 6 (Sunday)")
        for form in forms:
            out[fold(form)] = int(index)
    return out


def _modifiers(data: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """(before-weekday, after-weekday) modifier → tense ("past", "future", "this"), unfolded."""
    main = {w: tense for tense, words in (data.get("weekday_modifiers") or {}).items() for w in words}
    after_extra = {w: t for t, words in (data.get("weekday_modifiers_after") or {}).items() for w in words}
    if data.get("modifier_position", "after") == "before":
        return main, after_extra
    return {}, {**main, **after_extra}


def _phrases(data: Mapping[str, Any]) -> dict[str, tuple[str, Any]]:
    out: dict[str, tuple[str, Any]] = {}
    for phrase, (unit, offset) in (data.get("relative_periods") or {}).items():
        out[fold(phrase)] = ("period", (unit, int(offset)))
    for phrase, unit in (data.get("rest_of_period") or {}).items():
        out[fold(phrase)] = ("rest", unit)
    for phrase, window in (data.get("vague") or {}).items():
        out[fold(phrase)] = ("vague", tuple(window) if window else None)
    return out


def _months(data: Mapping[str, Any]) -> dict[str, tuple[str, int]]:
    out: dict[str, tuple[str, int]] = {}
    for calendar, names in (data.get("months") or {}).items():
        if calendar not in {"gregorian", "jalali", "hijri"}:
            raise LanguageDataError(f"time.json: unknown calendar {calendar!r} in months")
        for name, number in names.items():
            out.setdefault(fold(name), (calendar, int(number)))
    return out


def compile_lexicon(code: str, data: Mapping[str, Any]) -> TimeLexicon:
    """Build every pattern of a language from its data (see ``lang/fa/time.json``)."""
    week_start = WEEKDAY_NAMES.index(data.get("week_start", "monday"))
    weekday_of = _weekday_table(data)
    needs_cue = {fold(w) for w in _strings(data, "weekday_needs_cue")}
    mods_before, mods_after = _modifiers(data)
    proclitic = f"(?:{alternation(_strings(data, 'proclitics'))})??"
    cue = alternation(_strings(data, "day_cues"))
    day_forms = [w for forms in (data.get("weekdays") or {}).values() for w in forms]
    free_days = alternation([w for w in day_forms if fold(w) not in needs_cue])
    cued_days = alternation([w for w in day_forms if fold(w) in needs_cue])
    weekday = re.compile(
        rf"{WORD_START}{proclitic}(?P<body>(?:(?P<modb>{alternation(mods_before)})\s+)?"
        rf"(?:(?:(?P<cue>{cue})\s*)?(?P<day>{free_days})|(?P<cue2>{cue})\s*(?P<day2>{cued_days}))"
        rf"(?:\s+(?P<moda>{alternation(mods_after)}))?){WORD_END}"
    )
    relative_days = data.get("relative_days") or {}
    relative_day = re.compile(
        rf"{WORD_START}{proclitic}(?P<body>(?:(?:{cue})\s*)?(?P<rel>{alternation(relative_days)})){WORD_END}"
    )
    phrase_of = _phrases(data)
    phrases = [p for name in ("relative_periods", "rest_of_period", "vague") for p in (data.get(name) or {})]
    phrase = re.compile(rf"{WORD_START}{proclitic}(?P<body>{alternation(phrases)}){WORD_END}")

    numbers = data.get("numbers") or {}
    number_of = {k: float(v) for k, v in table(numbers).items()}
    word = alternation(numbers)
    joiner = alternation(_strings(data, "number_joiners"))
    number = rf"(?:{DIGITS}|{word}(?:\s*{joiner}\s*{word})*)"
    unit_of = table(data.get("units") or {})
    units = alternation(data.get("units") or {})
    suffix = alternation(_strings(data, "unit_suffixes"))
    duration = re.compile(
        rf"(?<![\w.,\u066b]){proclitic}(?P<body>(?P<num>{number})\s*-?\s*(?P<unit>{units})(?:{suffix})?){WORD_END}"
    )
    dual_of = {k: (u, float(n)) for k, (u, n) in table(data.get("duals") or {}).items()}
    dual = re.compile(rf"{WORD_START}{proclitic}(?P<body>{alternation(data.get('duals') or {})}){WORD_END}")
    indefinite = alternation(_strings(data, "indefinite"))
    singular = alternation(_strings(data, "singular_units"))
    duration_cue = alternation(_strings(data, "duration_cues"))
    cued_unit = re.compile(
        rf"{WORD_START}(?:(?P<cue>{duration_cue})\s+)?(?P<body>(?:(?P<indef>{indefinite})\s+(?P<unit>{units})"
        rf"(?P<suf>{suffix})?|(?P<single>{singular}))){WORD_END}"
    )
    ago_after = re.compile(rf"\s*(?:{alternation(_strings(data, 'ago_after'))}){WORD_END}")
    ago_before = re.compile(rf"{WORD_START}(?:{alternation(_strings(data, 'ago_before'))})\s+$")

    month_of = _months(data)
    months = alternation([name for names in (data.get("months") or {}).values() for name in names])
    month_suffix = alternation(_strings(data, "month_suffixes"))
    month = rf"(?P<month>{months})(?:\s*{month_suffix})?(?:\s*[/(]\s*{months}(?:\s*{month_suffix})?\s*\)?)?"
    day_suffix = alternation(_strings(data, "day_suffixes"))
    marker_calendar = {fold(m): cal for cal, marks in (data.get("year_markers") or {}).items() for m in marks}
    markers = alternation([m for marks in (data.get("year_markers") or {}).values() for m in marks])
    year = rf"(?P<year>\d{{4}})(?:\s*(?P<marker>{markers}))?"
    year_cue = alternation(_strings(data, "year_cues"))
    day_month = re.compile(
        rf"(?<![\w.,/\u066b]){proclitic}(?P<body>(?P<day>[0-3]?\d)(?:{day_suffix})?\s*-?\s*{month}"
        rf"(?:[\s,\u060c]*(?:{year_cue}\s*)?{year})?){WORD_END}"
    )
    month_day = None
    if data.get("month_day_order"):
        month_day = re.compile(
            rf"{WORD_START}(?P<body>{month}\s*(?P<day>[0-3]?\d)(?:{day_suffix})?(?:\s*,?\s*{year})?){WORD_END}"
        )
    month_year = re.compile(rf"{WORD_START}{proclitic}(?P<body>{month}[\s,\u060c]*(?:{year_cue}\s*)?{year}){WORD_END}")
    joiners = alternation(_strings(data, "range_joiners"))
    day_range = re.compile(
        rf"(?<![\w.,/\u066b]){proclitic}(?P<body>(?P<day1>[0-3]?\d)(?:{day_suffix})?\s*(?:{joiners})\s*(?P<day>[0-3]?\d)"
        rf"(?:{day_suffix})?\s*{month}(?:[\s,\u060c]*{year})?){WORD_END}"
    )
    year_only = re.compile(rf"{WORD_START}{proclitic}(?P<body>(?P<cue>{year_cue})\s*{year}){WORD_END}")

    complement = alternation(_strings(data, "complementizers"))
    future_cue = re.compile(
        rf"{WORD_START}{proclitic}(?:{alternation(_strings(data, 'future_cues'))})(?:\s+{complement})?{WORD_END}"
    )
    past_cue = re.compile(rf"{WORD_START}{proclitic}(?:{alternation(_strings(data, 'past_cues'))}){WORD_END}")
    break_words = alternation(_strings(data, "clause_breaks"))
    clause_break = re.compile(rf"{WORD_START}{proclitic}{break_words}{WORD_END}")
    not_time = re.compile(rf"{WORD_START}{proclitic}(?:{alternation(_strings(data, 'not_time'))}){WORD_END}")

    day_cues = _strings(data, "day_cues")
    months_list = [name for names in (data.get("months") or {}).values() for name in names]
    starters = _starter_index(
        {
            "weekday": [*mods_before, *day_cues, *day_forms],
            "relative_day": [*day_cues, *relative_days],
            "phrase": phrases,
            "duration": list(numbers),
            "dual": list(data.get("duals") or {}),
            "cued_unit": [*_strings(data, "duration_cues"), *_strings(data, "indefinite"), *_strings(data, "singular_units")],
            "month_day": months_list if data.get("month_day_order") else [],
            "month_year": months_list,
            "year": _strings(data, "year_cues"),
            "future_cue": _strings(data, "future_cues"),
            "past_cue": _strings(data, "past_cues"),
            "clause_break": _strings(data, "clause_breaks"),
            "not_time": _strings(data, "not_time"),
        }
    )
    starter_scan = re.compile(rf"{WORD_START}{proclitic}(?:\d|{alternation(starters)})")
    return TimeLexicon(
        lang=code,
        starters=starters,
        starter_scan=starter_scan,
        proclitics=tuple(sorted({key(p) for p in _strings(data, "proclitics")}, key=len, reverse=True)),
        week_start=week_start,
        weekday_of=weekday_of,
        modifier_tense=table({**mods_before, **mods_after}),
        relative_day_of=table(relative_days),
        phrase_of=phrase_of,
        number_of=number_of,
        unit_of=unit_of,
        dual_of=dual_of,
        month_of=month_of,
        marker_calendar=marker_calendar,
        numeric_calendars=tuple(data.get("numeric_calendars") or ()),
        numeric_order=data.get("numeric_order", "dmy"),
        default_calendar=data.get("default_calendar", "gregorian"),
        weekday=weekday,
        relative_day=relative_day,
        phrase=phrase,
        duration=duration,
        dual=dual,
        cued_unit=cued_unit,
        ago_after=ago_after,
        ago_before=ago_before,
        marker_after=re.compile(rf"\s*(?P<marker>{markers}){WORD_END}"),
        day_month=day_month,
        month_day=month_day,
        month_year=month_year,
        day_range=day_range,
        year=year_only,
        future_cue=future_cue,
        past_cue=past_cue,
        clause_break=clause_break,
        not_time=not_time,
        number_word=re.compile(rf"{DIGITS}|{word}"),
    )


@lru_cache(maxsize=None)
def lexicon(code: str) -> TimeLexicon | None:
    """The compiled lexicon of a language, or None when it has no ``time.json``."""
    data = lang_data.load(code, "time.json")
    return compile_lexicon(code, data) if data is not None else None
