"""What an undated article's dates still state: a month-day without a year, a weekday.

Without a publication date "Sunday 3 August" cannot become a full date, but it is not nothing:
clustering tells two events apart by it. ``value`` stays None so nothing mistakes it for one.
"""

from __future__ import annotations

import datetime as dt

from newsweave.extract.time import find_times_in_text
from newsweave.model import TimeExpr, TimeKind
from newsweave.store.codec import from_data, to_data


def _one(text: str, lang: str, published: dt.date | None = None):
    times = find_times_in_text(text, lang, published)
    assert len(times) == 1, times
    return times[0]


def _stated(text: str, lang: str) -> tuple:
    t = _one(text, lang)
    assert t.kind is TimeKind.DATE and t.value is None and t.anchor is None
    return t.text, t.partial, t.calendar, t.weekday


def test_arabic_weekday_and_day_month_without_year():
    assert _stated("أعلنت الوزارة اليوم الأحد 3 أغسطس إغلاق المعبر.", "ar") == (
        "اليوم الأحد 3 أغسطس", "--08-03", "gregorian", 7)
    assert _stated("ضربت هزة أرضية يوم الاثنين 27 مايو شمال المدينة.", "ar") == (
        "يوم الاثنين 27 مايو", "--05-27", "gregorian", 1)


def test_persian_jalali_month_day_stays_in_its_calendar():
    assert _stated("هیئت تجاری روز شنبه ۱۲ مهر به ازمیر رسید.", "fa") == ("روز شنبه ۱۲ مهر", "--07-12", "jalali", 6)
    assert _stated("قرارداد ۳۰ اسفند امضا شد.", "fa")[1:3] == ("--12-30", "jalali")  # a leap-year day exists


def test_english_weekday_with_day_month_in_either_order():
    assert _stated("The envoys met on Tuesday, 4 March in Doha.", "en") == ("Tuesday, 4 March", "--03-04", "gregorian", 2)
    assert _stated("The bridge reopened on Friday, October 17 after repairs.", "en") == (
        "Friday, October 17", "--10-17", "gregorian", 5)


def test_hijri_day_month_without_year():
    assert _stated("بدأ المؤتمر في 14 رجب بحضور الوفود.", "ar")[1:3] == ("--07-14", "hijri")


def test_a_bare_weekday_keeps_its_weekday_only():
    assert _stated("وصل الوفد إلى الدوحة يوم الخميس.", "ar") == ("يوم الخميس", None, "gregorian", 4)
    assert _stated("هیئت پنجشنبه به دوحه رسید.", "fa") == ("پنجشنبه", None, "gregorian", 4)
    assert _stated("Officials said the port would reopen next Monday.", "en")[3] == 1


def test_yesterday_with_weekday_and_date_is_one_expression_stating_the_same_day():
    told_next_day = _stated("The ministers signed the accord yesterday, Saturday 2 August, in Geneva.", "en")
    told_same_day = _stated("The ministers signed the accord on Saturday 2 August in Geneva.", "en")
    assert told_next_day == ("yesterday, Saturday 2 August", "--08-02", "gregorian", 6)
    assert told_same_day[1:] == told_next_day[1:]
    assert _stated("وقّع الوزيران الاتفاق يوم أمس السبت 2 أغسطس في جنيف.", "ar")[1:] == ("--08-02", "gregorian", 6)
    assert _stated("دو وزیر دیروز شنبه ۱۱ مرداد توافق‌نامه را امضا کردند.", "fa")[1:] == ("--05-11", "jalali", 6)


def test_two_weekdays_naming_one_day_lower_the_confidence():
    t = _one("The talks ended on Saturday 2 August (Sunday in Kabul).", "en")
    assert (t.partial, t.weekday, t.confidence) == ("--08-02", 6, 0.5)
    assert t.note == "sunday does not match saturday"


def test_impossible_month_day_states_nothing():
    t = _one("The deadline was set for 30 February.", "en")
    assert t.value is None and t.partial is None


def test_a_resolved_date_carries_no_partial_parts():
    t = _one("The envoys met on Tuesday, 4 March in Doha.", "en", dt.date(2025, 3, 5))
    assert (t.value, t.partial, t.weekday) == ("2025-03-04", None, None)
    weekday = _one("وصل الوفد إلى الدوحة يوم الخميس.", "ar", dt.date(2025, 3, 7))
    assert (weekday.value, weekday.weekday) == ("2025-03-06", None)


def test_stored_time_expressions_round_trip_and_old_records_still_load():
    t = _one("The envoys met on Tuesday, 4 March in Doha.", "en")
    assert from_data(TimeExpr, to_data(t, compact=True)) == t
    old = {"start": 0, "end": 6, "text": "Sunday", "kind": "date", "value": None}
    loaded = from_data(TimeExpr, old)
    assert loaded.partial is None and loaded.weekday is None
