"""Resolution rules, calendars, fallbacks and offsets of the time stage."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.extract import timeparts_calendar as cal
from newsweave.extract.time import find_times, find_times_in_text
from newsweave.model import Article, TimeKind

SUNDAY = dt.date(2025, 12, 7)


def _one(text: str, lang: str, published: dt.date | None = SUNDAY):
    times = find_times_in_text(text, lang, published)
    assert len(times) == 1, times
    return times[0]


def test_past_weekday_includes_the_publication_day_future_excludes_it():
    assert _one("The cabinet met on Sunday.", "en").value == "2025-12-07"
    assert _one("The cabinet will meet on Sunday.", "en").value == "2025-12-14"


def test_without_publication_date_relative_expressions_keep_kind_and_tense():
    monday = _one("قرار است هیئت دوشنبه به ژنو برود.", "fa", None)
    assert (monday.kind, monday.value, monday.anchor, monday.tense) == (TimeKind.DATE, None, None, "future")
    later = _one("More talks are expected later this week.", "en", None)
    assert later.kind is TimeKind.VAGUE and later.value is None


def test_without_publication_date_absolute_dates_still_resolve():
    assert _one("وقع الاتفاق في 16 جمادى الآخرة 1447 هـ.", "ar", None).value == "2025-12-07"
    assert _one("قرارداد در ۱۶ آذر ۱۴۰۴ امضا شد.", "fa", None).value == "2025-12-07"
    assert _one("وقع الاتفاق في 16 جمادى الآخرة 1447 هـ.", "ar", None).calendar == "hijri"


def test_jalali_day_without_year_takes_the_publication_jalali_year():
    # published 2026-03-25 = 5 Farvardin 1405, so "10 Farvardin" is 1405 and "25 Esfand" 1404
    published = dt.date(2026, 3, 25)
    assert _one("جلسه ۱۰ فروردین برگزار می‌شود.", "fa", published).value == "2026-03-30"
    assert _one("جلسه ۲۵ اسفند برگزار شد.", "fa", published).value == "2026-03-16"


def test_impossible_dates_are_dropped_not_raised():
    assert find_times_in_text("Deadline: 31/02/2025.", "en", SUNDAY) == ()
    assert find_times_in_text("في 5 رجب 1200 هـ", "ar", SUNDAY)[0].value is None


def test_persian_and_arabic_spellings_of_one_date_agree():
    values = {
        _one("در ۱۶ آذر ۱۴۰۴", "fa").value,
        _one("در 16 آذر 1404", "fa").value,
        _one("في ٧ ديسمبر ٢٠٢٥", "ar").value,
        _one("في 7 كانون الأول 2025", "ar").value,
        _one("در ۷ دسامبر ۲۰۲۵", "fa").value,
        _one("on December 7, 2025", "en").value,
    }
    assert values == {"2025-12-07"}


def test_russian_and_turkish_dates_go_through_dateparser():
    ru = find_times_in_text("Переговоры прошли 7 декабря 2025 года в Майами.", "ru", SUNDAY)
    assert [t.value for t in ru] == ["2025-12-07"]
    assert ru[0].text.startswith("7 декабря 2025")
    tr = find_times_in_text("Görüşmeler 7 Aralık 2025 tarihinde yapıldı.", "tr", SUNDAY)
    assert [t.value for t in tr] == ["2025-12-07"]


def test_language_without_data_and_non_latin_script_gets_numeric_dates_only():
    times = find_times_in_text("اجلاس 2025-12-07 کو ہوا", "ur", SUNDAY)
    assert [(t.text, t.value) for t in times] == [("2025-12-07", "2025-12-07")]


def test_find_times_on_an_article_uses_its_language_and_date():
    text = "Le sommet a eu lieu hier.\nالتقى الوفد يوم السبت."
    article = Article(id="x", source="t", text=text, lang="ar", lang_confidence=1.0, published=SUNDAY)
    (saturday,) = find_times(article)
    assert saturday.text == "يوم السبت" and saturday.value == "2025-12-06"


def test_calendar_helpers():
    assert cal.rest_of_period(dt.date(2025, 12, 3), "week", 0) == (dt.date(2025, 12, 4), dt.date(2025, 12, 7))
    assert cal.month_interval("jalali", 1404, 12) == (dt.date(2026, 2, 20), dt.date(2026, 3, 20))
    assert cal.iso_duration(1.5, "Y") == "P1.5Y" and cal.iso_duration(0.5, "D") == "PT12H"
    assert cal.to_gregorian("jalali", 1404, 12, 30) is None  # 1404 is not a leap year


_FILLER = st.sampled_from(["خبر", "گفت", "\u200c", " ", "، ", "وزیر", "قال", "news", "\n", "ـ", "ي", "ك"])
_TIMES = st.sampled_from(["سه‌شنبه", "سه شنبه", "۲ روز", "يوم أمس السبت", "ساعتين", "۱۶ آذر ۱۴۰۴", "دیروز"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_FILLER, _TIMES), max_size=14))
def test_offsets_always_slice_the_original_text(parts):
    text = " ".join(parts)
    for lang in ("fa", "ar"):
        for t in find_times_in_text(text, lang, SUNDAY):
            assert 0 <= t.start < t.end <= len(text)
            assert text[t.start : t.end] == t.text
            assert t.text == t.text.strip()
