"""The lead's day of an undated article, as clustering sees it: full date, or what the lead states."""

from __future__ import annotations

import datetime as dt

from newsweave.cluster.features import ArticleFeatures, extract_features, text_features
from newsweave.cluster.signals import veto
from newsweave.model import RawArticle
from newsweave.pipeline import process
from newsweave.settings import Settings
from newsweave.store.codec import from_data, to_data

SETTINGS = Settings()


def features(text: str, lang: str, published: dt.date | None = None):
    raw = RawArticle(source="test.txt", text=text, lang_hint=lang, published=published)
    return extract_features(process(raw, SETTINGS))


SUNDAY_CALL = features(
    "Iraq's foreign minister called his Kuwaiti counterpart on Sunday, 3 August about the border crossings. "
    "The two men agreed to set up a joint committee.\n\nOfficials gave no further details.", "en")
MONDAY_CALL = features(
    "بحث وزير الخارجية العراقي مع نظيره الكويتي في اتصال هاتفي اليوم الاثنين 27 مايو ملف المنافذ الحدودية. "
    "واتفق الجانبان على تشكيل لجنة مشتركة.\n\nولم يقدم المسؤولون تفاصيل أخرى.", "ar")


def test_an_undated_lead_keeps_its_stated_month_day_and_weekday():
    assert SUNDAY_CALL.main_day is None and SUNDAY_CALL.day is None
    assert (SUNDAY_CALL.main_partial, SUNDAY_CALL.main_calendar, SUNDAY_CALL.main_weekday) == ("--08-03", "gregorian", 7)
    assert (MONDAY_CALL.main_partial, MONDAY_CALL.main_weekday) == ("--05-27", 1)


def test_a_jalali_lead_date_keeps_its_calendar():
    f = features("وزیر نیرو روز دوشنبه ۲۰ مرداد از سد کرج بازدید کرد. او گفت ذخایر آب کاهش یافته است.\n\n"
                 "این بازدید دو ساعت طول کشید.", "fa")
    assert (f.main_partial, f.main_calendar, f.main_weekday) == ("--05-20", "jalali", 1)


def test_a_dated_article_needs_no_partial_date():
    f = features("Iraq's foreign minister called his Kuwaiti counterpart on Sunday, 3 August about the border. "
                 "The two men agreed to set up a joint committee.", "en", dt.date(2025, 8, 4))
    assert f.main_day == dt.date(2025, 8, 3).toordinal()
    assert (f.main_partial, f.main_calendar, f.main_weekday) == (None, None, None)


def test_a_date_after_the_lead_is_not_the_lead_date():
    f = features("The two ministers spoke by phone about the border crossings. They agreed on a committee. "
                 "A first meeting was set for Thursday, 7 August.", "en")
    assert (f.main_partial, f.main_weekday) == (None, None)


def test_undated_call_on_sunday_3_august_is_not_one_on_monday_27_may():
    assert SUNDAY_CALL.main_kind in {MONDAY_CALL.main_kind, None}  # not told apart by the kind of event
    assert veto(SUNDAY_CALL, MONDAY_CALL, SETTINGS) == "day"


def test_one_event_told_the_day_after_and_the_same_day_is_not_vetoed():
    next_day = features("The ministers signed the water accord yesterday, Saturday 2 August, in Geneva. "
                        "The deal runs for ten years.\n\nBoth sides called it a first step.", "en")
    same_day = features("وقّع الوزيران اتفاق المياه اليوم السبت 2 أغسطس في جنيف. ويمتد الاتفاق عشر سنوات.", "ar")
    assert (next_day.main_partial, next_day.main_weekday) == (same_day.main_partial, same_day.main_weekday) == ("--08-02", 6)
    assert veto(next_day, same_day, SETTINGS) is None


def test_stored_features_round_trip_and_older_rows_still_load():
    assert from_data(ArticleFeatures, to_data(SUNDAY_CALL, compact=True)) == SUNDAY_CALL
    older = {"id": "x", "lang": "en", "main_day": None, "events": []}
    loaded = from_data(ArticleFeatures, older)
    assert (loaded.main_partial, loaded.main_calendar, loaded.main_weekday) == (None, None, None)


def test_features_computed_before_linking_are_the_ones_computed_after(corpus):
    """A worker computes an article's number tokens and sketch before the writer links it."""
    computed = {a.id: text_features(corpus.extracted[a.id]) for a in corpus.articles}
    assert all(text.sketch for text in computed.values())
    assert sum(bool(text.numbers) for text in computed.values()) > len(computed) / 2
    for article in corpus.articles:
        assert extract_features(article, computed[article.id]) == extract_features(article) == corpus.features[article.id]
