"""Time expressions: find dates, intervals, durations and vague times, resolved against the
publication date.

Matching runs on the article's match key (see :mod:`newsweave.text.keys`) with each language's
vocabulary from ``lang/<code>/time.json`` (:mod:`newsweave.extract.timeparts_lexicon`), and spans
are mapped back to ``Article.text``. Jalali and Hijri dates are converted with jdatetime and
hijridate (:mod:`newsweave.extract.timeparts_calendar`); they never reach dateparser, which reads
"۱۶ آذر ۱۴۰۴" as the Gregorian year 1404. Languages without a ``time.json`` fall back to
dateparser's search (Latin and Cyrillic scripts only) plus the language-neutral numeric dates.

Resolution rules, chosen for news narration:

- A weekday in past narration ("met on Tuesday") is the most recent such day *on or before*
  publication, so "on Saturday" in a Saturday article is that day. A weekday under an
  expectation cue ("expected to report on Monday", "قرار است", "سوف", "خواهد") is the next such
  day *strictly after* publication. Cues count only inside the weekday's clause (a sentence end,
  colon, quote mark or complementizer such as "that"/"أن"/"که" closes it); the nearest cue wins
  and without one the weekday is read as past. An explicit modifier ("last", "الماضي", "آینده")
  decides alone; "last Monday" in a Monday article is a week back.
- "yesterday, Saturday" (a relative day next to a weekday) takes the relative day; when the
  weekday disagrees, confidence drops to 0.5 with a note.
- A day and month without a year take the year that puts the date nearest the publication date
  (in the month's own calendar).
- "later this week" is the rest of the publication's week, or the next week when publication
  falls on the week's last day. Vague phrases carry an approximate window from the data file.
- Without a publication date relative expressions keep their kind, calendar and tense, but
  ``value`` and ``anchor`` are None; absolute dates still resolve. What an unresolved date does
  state is kept beside it: a day and month without a year as ``partial`` (``--08-03``, in its
  calendar) and a named weekday as ``weekday``, so "Sunday 3 August" and "Monday 27 May" in two
  undated articles still tell two days apart. "yesterday, Saturday 2 August" is one expression.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from newsweave import lang as lang_data
from newsweave.extract import timeparts_calendar as cal
from newsweave.extract.timeparts_lexicon import NUMERIC_DATE, TimeLexicon, fold, lexicon
from newsweave.model import Article, TimeExpr, TimeKind
from newsweave.text.normalize import Normalized, normalize

_MERGE_GAP = re.compile(r"[\s,\u060c()\-\u2013]{0,4}")
_GREGORIAN_YEARS = range(1900, 2101)
_DATEPARSER_SCRIPTS = frozenset({"Latn", "Cyrl"})

_RULE_PRIORITY = {
    "cue": 0, "break": 0, "block": 0,
    "date": 6, "range": 6, "numeric": 6, "month": 5, "year": 3, "ago": 5,
    "weekday": 4, "relday": 4, "phrase": 4, "duration": 3, "dual": 3, "unit": 2,
}


@dataclass(frozen=True, slots=True)
class _Match:
    """A candidate in key offsets, before resolution; ``info`` depends on ``rule``."""

    start: int
    end: int
    rule: str
    info: tuple


@dataclass(frozen=True, slots=True)
class _Resolved:
    start: int
    end: int
    kind: TimeKind
    value: str | None
    anchor: str | None
    calendar: str
    tense: str | None
    confidence: float = 1.0
    note: str | None = None
    weekday: int | None = None
    """The weekday the expression names (0 = Monday): a bare weekday, or one joined to a day."""
    role: str = ""
    """``weekday`` or ``day`` (a relative day or single date): the two halves of "yesterday, Saturday"."""
    month_day: tuple[int, int] | None = None
    """(month, day) in ``calendar`` of a date written without a year."""


# --- public -----------------------------------------------------------------------------------


def find_times(article: Article) -> tuple[TimeExpr, ...]:
    """Time expressions of an article, in text order, with offsets into ``article.text``."""
    return _find(article.normalized, article.lang, article.published)


def find_times_in_text(text: str, lang: str, published: dt.date | None) -> tuple[TimeExpr, ...]:
    """The same for a bare text (tests, benchmarks, one sentence)."""
    return _find(normalize(text, lang), lang, published)


# --- orchestration ----------------------------------------------------------------------------


def _find(norm: Normalized, lang: str, published: dt.date | None) -> tuple[TimeExpr, ...]:
    lex = lexicon(lang)
    if lex is None:
        return _find_without_lexicon(norm, lang, published)
    found = _lexicon_matches(norm.key, lex)
    signals = [m for m in found if m.rule in _SIGNALS]
    matches = _select(_drop_blocked([m for m in found if m.rule not in _SIGNALS], signals))
    if not matches:
        return ()
    context = _Clauses.of(norm.key, signals) if any(m.rule == "weekday" for m in matches) else None
    resolved = [_resolve(m, lex, published, context) for m in matches]
    merged = _merge_weekdays([r for r in resolved if r is not None], norm.key)
    return tuple(_to_expr(r, norm) for r in merged)


def _to_expr(r: _Resolved, norm: Normalized) -> TimeExpr:
    start, end = norm.key_span(r.start, r.end)
    end = _past_trailing_marks(norm.original, end)
    return TimeExpr(
        start=start,
        end=end,
        text=norm.original[start:end],
        kind=r.kind,
        value=r.value,
        anchor=r.anchor,
        calendar=r.calendar,
        tense=r.tense,
        confidence=r.confidence,
        note=r.note,
        partial=_partial(r),
        weekday=r.weekday + 1 if r.value is None and r.weekday is not None else None,
    )


def _partial(r: _Resolved) -> str | None:
    """ISO 8601 truncated month-day (``--08-03``) of a date that could not be resolved."""
    if r.value is not None or r.month_day is None:
        return None
    month, day = r.month_day
    return f"--{month:02d}-{day:02d}"


_TRAILING_MARKS = re.compile(r"[\u0640\u064b-\u065f\u0670\u200d]*")


def _past_trailing_marks(text: str, end: int) -> int:
    """Extend a span over the tatweel and harakat the key dropped ("هـ", "غداً")."""
    return _TRAILING_MARKS.match(text, end).end()


_WORD = re.compile(r"\w+")
_HEAD = 8


def _lexicon_matches(key: str, lex: TimeLexicon) -> list[_Match]:
    """Try each pattern only at words that can start it (see ``TimeLexicon.patterns_at``)."""
    out: list[_Match] = []
    for word in lex.starter_scan.finditer(key):
        pos = word.start()
        for name in lex.patterns_at(_WORD.match(key, pos).group()[:_HEAD]):
            m = getattr(lex, name).match(key, pos)
            if m is not None:
                out.extend(_CONVERTERS[name](m, key, lex))
    return out


def _weekday(m: re.Match, key: str, lex: TimeLexicon) -> list[_Match]:
    day = m["day"] or m["day2"]
    modifier = m["modb"] or m["moda"]
    tense = lex.modifier_tense.get(fold(modifier)) if modifier else None
    return [_Match(m.start("body"), m.end("body"), "weekday", (lex.weekday_of[fold(day)], tense))]


def _relative_day(m: re.Match, key: str, lex: TimeLexicon) -> list[_Match]:
    return [_Match(m.start("body"), m.end("body"), "relday", (lex.relative_day_of[fold(m["rel"])],))]


def _phrase(m: re.Match, key: str, lex: TimeLexicon) -> list[_Match]:
    return [_Match(m.start("body"), m.end("body"), "phrase", lex.phrase_of[fold(m["body"])])]


def _duration(m: re.Match, key: str, lex: TimeLexicon) -> list[_Match]:
    amount = _number_value(m["num"], lex)
    if not amount:
        return []
    return [_ago_or_duration(key, lex, m.start("body"), m.end("body"), amount, lex.unit_of[fold(m["unit"])], "duration")]


def _dual(m: re.Match, key: str, lex: TimeLexicon) -> list[_Match]:
    unit, amount = lex.dual_of[fold(m["body"])]
    return [_ago_or_duration(key, lex, m.start("body"), m.end("body"), amount, unit, "dual")]


def _cued_unit(m: re.Match, key: str, lex: TimeLexicon) -> list[_Match]:
    if m["single"] and m["cue"]:
        unit = lex.unit_of.get(fold(m["single"]))
    elif m["indef"] and (m["cue"] or m["suf"]):
        unit = lex.unit_of.get(fold(m["unit"]))
    else:
        return []
    return [_ago_or_duration(key, lex, m.start("body"), m.end("body"), 1.0, unit, "unit")] if unit else []


def _day_and_month(m: re.Match, key: str, lex: TimeLexicon) -> list[_Match]:
    calendar, month = _month_of(m, lex)
    return [_Match(m.start("body"), m.end("body"), "date", (calendar, _year_of(m), month, int(m["day"])))]


def _day_range(m: re.Match, key: str, lex: TimeLexicon) -> list[_Match]:
    calendar, month = _month_of(m, lex)
    info = (calendar, _year_of(m), month, int(m["day1"]), int(m["day"]))
    return [_Match(m.start("body"), m.end("body"), "range", info)]


def _month_and_year(m: re.Match, key: str, lex: TimeLexicon) -> list[_Match]:
    calendar, month = _month_of(m, lex)
    return [_Match(m.start("body"), m.end("body"), "month", (calendar, int(m["year"]), month))]


def _year(m: re.Match, key: str, lex: TimeLexicon) -> list[_Match]:
    calendar = _calendar_of_year(int(m["year"]), m["marker"], lex)
    return [_Match(m.start("body"), m.end("body"), "year", (calendar, int(m["year"])))] if calendar else []


def _numeric(m: re.Match, key: str, lex: TimeLexicon) -> list[_Match]:
    found = _numeric_match(m, key, lex)
    return [found] if found else []


def _signal(rule: str, info: tuple = ()):
    """Converter for the words that steer resolution: tense cues, clause breaks, non-times."""
    return lambda m, key, lex: [_Match(m.start(), m.end(), rule, info)]


_SIGNALS = frozenset({"cue", "break", "block"})
_PUNCTUATION_BREAK = re.compile(r"[.!?\u061f\u061b;:\n«»\"“”]")

_CONVERTERS = {
    "future_cue": _signal("cue", ("future",)),
    "past_cue": _signal("cue", ("past",)),
    "clause_break": _signal("break"),
    "not_time": _signal("block"),
    "weekday": _weekday,
    "relative_day": _relative_day,
    "phrase": _phrase,
    "duration": _duration,
    "dual": _dual,
    "cued_unit": _cued_unit,
    "day_month": _day_and_month,
    "month_day": _day_and_month,
    "day_range": _day_range,
    "month_year": _month_and_year,
    "year": _year,
    "numeric": _numeric,
}


def _drop_blocked(matches: list[_Match], signals: list[_Match]) -> list[_Match]:
    """Remove candidates inside a known non-time phrase ("Black Friday", "امام جمعه")."""
    blocked = [(m.start, m.end) for m in signals if m.rule == "block"]
    if not blocked:
        return matches
    return [m for m in matches if not any(s < m.end and m.start < e and m.rule in {"weekday", "relday", "unit", "phrase"} for s, e in blocked)]


def _select(matches: list[_Match]) -> list[_Match]:
    """Non-overlapping candidates, longest first, then by rule priority; in text order."""
    ranked = sorted(matches, key=lambda m: (-(m.end - m.start), -_RULE_PRIORITY[m.rule], m.start))
    taken: list[_Match] = []
    for m in ranked:
        if all(m.end <= t.start or t.end <= m.start for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)


# --- matching ---------------------------------------------------------------------------------


def _number_value(text: str, lex: TimeLexicon) -> float | None:
    """Digits or number words (joined: "بیست و پنج", "خمسة وعشرين", "twenty-five") as a number."""
    total = 0.0
    found = False
    for part in lex.number_word.findall(text):
        if part[:1].isdigit():
            try:
                total += float(part.replace(",", ".").replace("\u066b", "."))
            except ValueError:
                return None
        else:
            total += lex.number_of.get(fold(part), 0.0)
        found = True
    return total if found else None


def _ago_or_duration(key: str, lex: TimeLexicon, start: int, end: int, amount: float, unit: str, rule: str) -> _Match:
    """"three days ago" / "سه روز پیش" / "قبل ثلاثة أيام" is a date, otherwise a duration."""
    after = lex.ago_after.match(key, end)
    if after:
        return _Match(start, after.end(), "ago", (amount, unit))
    before = lex.ago_before.search(key, max(0, start - 24), start)
    if before:
        return _Match(before.start(), end, "ago", (amount, unit))
    return _Match(start, end, rule, (amount, unit))


def _month_of(m: re.Match, lex: TimeLexicon) -> tuple[str, int]:
    return lex.month_of[fold(m["month"])]


def _year_of(m: re.Match) -> int | None:
    return int(m["year"]) if m["year"] else None


def _calendar_of_year(year: int, marker: str | None, lex: TimeLexicon | None) -> str | None:
    """Which calendar a bare year number is in: its marker, the language's ranges, or Gregorian."""
    if lex is not None:
        if marker:
            return lex.marker_calendar.get(fold(marker))
        for spec in lex.numeric_calendars:
            if spec["min_year"] <= year <= spec["max_year"] and not spec.get("needs_marker"):
                return spec["calendar"]
    return "gregorian" if year in _GREGORIAN_YEARS else None


def _numeric_matches(key: str, lex: TimeLexicon | None) -> list[_Match]:
    """2025-12-07, 07/12/2025, ۱۴۰۴/۹/۱۶ (a Jalali year in Persian), 1447/6/16 هـ."""
    return [found for m in NUMERIC_DATE.finditer(key) if (found := _numeric_match(m, key, lex))]


def _numeric_match(m: re.Match, key: str, lex: TimeLexicon | None) -> _Match | None:
    a, b, c = m["a"], m["b"], m["c"]
    end = m.end()
    marker = None
    if lex is not None and (after := lex.marker_after.match(key, end)):
        marker, end = after["marker"], after.end()
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    elif len(c) == 4:
        year = int(c)
        month, day = (int(a), int(b)) if lex is not None and lex.numeric_order == "mdy" else (int(b), int(a))
    else:
        return None
    calendar = _calendar_of_year(year, marker, lex)
    if calendar and 1 <= month <= 12 and 1 <= day <= 31:
        return _Match(m.start(), end, "numeric", (calendar, year, month, day))
    return None


# --- tense ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Clauses:
    """Clause breaks and tense cues of one text, for reading a weekday forward or back."""

    break_starts: tuple[int, ...]
    break_ends: tuple[int, ...]
    cues: tuple[tuple[int, int, str], ...]

    @classmethod
    def of(cls, key: str, signals: list[_Match]) -> _Clauses:
        breaks = [(m.start(), m.end()) for m in _PUNCTUATION_BREAK.finditer(key)]
        breaks += [(m.start, m.end) for m in signals if m.rule == "break"]
        breaks.sort()
        cues = [(m.start, m.end, m.info[0]) for m in signals if m.rule == "cue"]
        return cls(tuple(s for s, _ in breaks), tuple(sorted(e for _, e in breaks)), tuple(sorted(cues)))

    def tense(self, start: int, end: int) -> str:
        """The nearest tense cue inside the clause around ``start..end``; past by default."""
        i = bisect_right(self.break_ends, start)
        lo = self.break_ends[i - 1] if i else 0
        j = bisect_left(self.break_starts, end)
        hi = self.break_starts[j] if j < len(self.break_starts) else 1 << 60
        best: tuple[int, str] | None = None
        for cue_start, cue_end, tense in self.cues:
            if cue_end < lo or cue_start >= hi or (cue_start < end and start < cue_end):
                continue
            distance = start - cue_end if cue_end <= start else cue_start - end
            if best is None or distance < best[0] or (distance == best[0] and tense == "future"):
                best = (distance, tense)
        return best[1] if best else "past"


# --- resolution -------------------------------------------------------------------------------


def _resolve(m: _Match, lex: TimeLexicon, published: dt.date | None, clauses: _Clauses | None) -> _Resolved | None:
    anchor = published.isoformat() if published else None
    if m.rule == "weekday":
        return _resolve_weekday(m, lex, published, clauses)
    if m.rule == "relday":
        (offset,) = m.info
        tense = "past" if offset < 0 else "future" if offset > 0 else None
        value = cal.shift_days(published, offset).isoformat() if published else None
        return _Resolved(m.start, m.end, TimeKind.DATE, value, anchor, "gregorian", tense, role="day")
    if m.rule == "phrase":
        return _resolve_phrase(m, lex, published)
    if m.rule in {"duration", "dual", "unit"}:
        amount, unit = m.info
        return _Resolved(m.start, m.end, TimeKind.DURATION, cal.iso_duration(amount, unit), None, "gregorian", None)
    if m.rule == "ago":
        return _resolve_ago(m, published)
    return _resolve_absolute(m, published)


def _resolve_weekday(m: _Match, lex: TimeLexicon, published: dt.date | None, clauses: _Clauses | None) -> _Resolved:
    weekday, modifier = m.info
    tense = modifier if modifier in {"past", "future"} else clauses.tense(m.start, m.end) if clauses else "past"
    value = None
    if published is not None:
        if modifier == "this":
            start, _ = cal.week_bounds(published, lex.week_start)
            day = start + dt.timedelta(days=(weekday - lex.week_start) % 7)
            tense = "past" if day <= published else "future"
        elif modifier == "past":
            day = cal.weekday_on_or_before(published - dt.timedelta(days=1), weekday)
        elif tense == "future":
            day = cal.weekday_after(published, weekday)
        else:
            day = cal.weekday_on_or_before(published, weekday)
        value = day.isoformat()
    anchor = published.isoformat() if published else None
    return _Resolved(m.start, m.end, TimeKind.DATE, value, anchor, "gregorian", tense, weekday=weekday, role="" if modifier else "weekday")


def _interval(first: dt.date, last: dt.date) -> str:
    return f"{first.isoformat()}/{last.isoformat()}"


def _resolve_phrase(m: _Match, lex: TimeLexicon, published: dt.date | None) -> _Resolved:
    category, payload = m.info
    anchor = published.isoformat() if published else None
    if category == "period":
        unit, offset = payload
        tense = "past" if offset < 0 else "future" if offset > 0 else None
        value = _interval(*cal.period_interval(published, unit, offset, lex.week_start)) if published else None
        return _Resolved(m.start, m.end, TimeKind.INTERVAL, value, anchor, "gregorian", tense)
    if category == "rest":
        value = _interval(*cal.rest_of_period(published, payload, lex.week_start)) if published else None
        return _Resolved(m.start, m.end, TimeKind.VAGUE, value, anchor, "gregorian", "future")
    window = payload
    tense = None if window is None else "past" if window[1] <= 0 else "future"
    value = None
    if published is not None and window is not None:
        value = _interval(cal.shift_days(published, window[0]), cal.shift_days(published, window[1]))
    return _Resolved(m.start, m.end, TimeKind.VAGUE, value, anchor if value else None, "gregorian", tense)


def _resolve_ago(m: _Match, published: dt.date | None) -> _Resolved:
    amount, unit = m.info
    anchor = published.isoformat() if published else None
    kind, value = TimeKind.DATE, None
    if published is not None:
        if unit in {"S", "MIN", "H"}:
            value = published.isoformat()
        elif unit in {"D", "W", "2W"}:
            days = amount * {"D": 1, "W": 7, "2W": 14}[unit]
            value = cal.shift_days(published, -round(days)).isoformat()
        elif unit == "M":
            kind = TimeKind.INTERVAL
            value = _interval(*cal.month_bounds(*cal.add_months(published.year, published.month, -round(amount))))
        elif unit == "Y":
            kind = TimeKind.INTERVAL
            year = published.year - round(amount)
            value = _interval(dt.date(year, 1, 1), dt.date(year, 12, 31))
        else:
            kind = TimeKind.VAGUE
    return _Resolved(m.start, m.end, kind, value, anchor if value else None, "gregorian", "past")


def _resolve_absolute(m: _Match, published: dt.date | None) -> _Resolved | None:
    calendar = m.info[0]
    if m.rule == "year":
        bounds = cal.year_interval(calendar, m.info[1])
        return _absolute(m, TimeKind.INTERVAL, _interval(*bounds) if bounds else None, calendar, None)
    if m.rule == "month":
        _, year, month = m.info
        bounds = cal.month_interval(calendar, year, month)
        return _absolute(m, TimeKind.INTERVAL, _interval(*bounds) if bounds else None, calendar, None)
    if m.rule == "range":
        _, year, month, first, last = m.info
        if first >= last:
            return None
        start, used = _day_in(calendar, year, month, first, published)
        end, _ = _day_in(calendar, year if year else _year_of_date(calendar, start), month, last, published)
        value = _interval(start, end) if start and end else None
        return _absolute(m, TimeKind.INTERVAL, value, calendar, used)
    _, year, month, day = m.info
    date, used = _day_in(calendar, year, month, day, published)
    if date is None and year is not None and calendar == "gregorian":
        return None  # "31/02/2025" is no date; a Hijri year outside hijridate's table stays, unresolved
    resolved = _absolute(m, TimeKind.DATE, date.isoformat() if date else None, calendar, used)
    stated = date is None and year is None and cal.month_day_exists(calendar, month, day)
    return replace(resolved, role="day", month_day=(month, day) if stated else None)


def _absolute(m: _Match, kind: TimeKind, value: str | None, calendar: str, anchor: str | None) -> _Resolved:
    return _Resolved(m.start, m.end, kind, value, anchor, calendar, None)


def _year_of_date(calendar: str, day: dt.date | None) -> int | None:
    if day is None:
        return None
    if calendar == "gregorian":
        return day.year
    return cal.year_in(calendar, day)


def _day_in(calendar: str, year: int | None, month: int, day: int, published: dt.date | None) -> tuple[dt.date | None, str | None]:
    """The Gregorian date of a day written in ``calendar``; a missing year comes from ``published``."""
    if year is not None:
        return cal.to_gregorian(calendar, year, month, day), None
    if published is None:
        return None, None
    base = cal.year_in(calendar, published)
    options = {y: cal.to_gregorian(calendar, y, month, day) for y in (base - 1, base, base + 1)}
    return cal.nearest_year(options, published), published.isoformat()


def _merge_weekdays(items: list[_Resolved], key: str) -> list[_Resolved]:
    """Join a weekday with an adjacent relative day or date ("يوم أمس السبت", "Saturday, 6
    December"), and a relative day with an adjacent date naming the same day ("اليوم الأربعاء
    10 ديسمبر" becomes one expression)."""
    out: list[_Resolved] = []
    for item in items:
        previous = out[-1] if out else None
        if previous is not None and _MERGE_GAP.fullmatch(key, previous.end, item.start):
            roles = {previous.role, item.role}
            if roles == {"weekday", "day"}:
                out[-1] = _merged(previous, item)
                continue
            if roles == {"day"} and previous.value is not None and previous.value == item.value:
                absolute = item if item.anchor is None or previous.calendar == "gregorian" else previous
                out[-1] = replace(absolute, start=previous.start, end=item.end,
                                  confidence=min(previous.confidence, item.confidence), note=previous.note or item.note)
                continue
            if roles == {"day"} and previous.value is None and item.value is None and _may_be_one_day(previous, item):
                out[-1] = _joined_unresolved(previous, item)
                continue
        out.append(item)
    return out


def _may_be_one_day(left: _Resolved, right: _Resolved) -> bool:
    """Whether two adjacent unresolved days ("yesterday", "2 August") can name one day: they
    state no different month-day and no different weekday."""
    if left.month_day and right.month_day and (left.month_day, left.calendar) != (right.month_day, right.calendar):
        return False
    return left.weekday is None or right.weekday is None or left.weekday == right.weekday


def _joined_unresolved(left: _Resolved, right: _Resolved) -> _Resolved:
    """One expression from "yesterday, Saturday" and "2 August" without a publication date: the
    written date with the weekday and the span of both."""
    written, other = (right, left) if right.month_day is not None or left.month_day is None else (left, right)
    return replace(written, start=left.start, end=right.end,
                   weekday=written.weekday if written.weekday is not None else other.weekday,
                   confidence=min(left.confidence, right.confidence), note=left.note or right.note)


def _merged(left: _Resolved, right: _Resolved) -> _Resolved:
    weekday_part, day_part = (left, right) if left.role == "weekday" else (right, left)
    span = {"start": left.start, "end": right.end, "role": "day"}
    if day_part.value is None:
        if day_part.weekday is None or day_part.weekday == weekday_part.weekday:
            return replace(day_part, **span, weekday=weekday_part.weekday)
        note = f"{cal.WEEKDAY_NAMES[weekday_part.weekday]} does not match {cal.WEEKDAY_NAMES[day_part.weekday]}"
        return replace(day_part, **span, confidence=0.5, note=note)
    day = dt.date.fromisoformat(day_part.value)
    if day.weekday() == weekday_part.weekday:
        return replace(day_part, **span)
    note = f"{cal.WEEKDAY_NAMES[weekday_part.weekday]} does not match {day.isoformat()}"
    return replace(day_part, **span, confidence=0.5, note=note)


# --- languages without a time.json ------------------------------------------------------------


def _find_without_lexicon(norm: Normalized, lang: str, published: dt.date | None) -> tuple[TimeExpr, ...]:
    """Numeric dates everywhere; dateparser's search for Latin/Cyrillic-script languages."""
    found = [_resolve_absolute(m, published) for m in _numeric_matches(norm.key, None)]
    exprs = [_to_expr(r, norm) for r in found if r is not None]
    if lang_data.info(lang).script in _DATEPARSER_SCRIPTS:
        taken = [(e.start, e.end) for e in exprs]
        for expr in _dateparser_exprs(norm.original, lang, published):
            if all(expr.end <= s or e <= expr.start for s, e in taken):
                exprs.append(expr)
    return tuple(sorted(exprs, key=lambda e: e.start))


_ABSOLUTE_HINT = re.compile(r"\d{4}")


def _dateparser_exprs(text: str, lang: str, published: dt.date | None) -> list[TimeExpr]:
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12))
    found = _search_dates(text, lang, tuple(sorted(settings.items(), key=lambda kv: kv[0])))
    out: list[TimeExpr] = []
    cursor = 0
    for surface, when in found:
        start = text.find(surface, cursor)
        if start < 0 or (len(surface.strip()) < 4 and not any(ch.isdigit() for ch in surface)):
            continue
        cursor = end = start + len(surface)
        absolute = _ABSOLUTE_HINT.search(surface) is not None
        value = when.date().isoformat() if (published is not None or absolute) else None
        tense = None
        if published is not None and not absolute:
            tense = "past" if when.date() < published else "future" if when.date() > published else None
        anchor = published.isoformat() if published is not None and not absolute else None
        out.append(TimeExpr(start, end, surface, TimeKind.DATE, value, anchor, "gregorian", tense, 0.7))
    return out


@lru_cache(maxsize=1024)
def _search_dates(text: str, lang: str, settings: tuple) -> tuple:
    from dateparser.search import search_dates  # slow import; only languages without data need it

    try:
        return tuple(search_dates(text, languages=[lang], settings=dict(settings)) or ())
    except (ValueError, KeyError, OverflowError):
        return ()
