"""Time expressions: newsweave's extractor next to ``dateparser.search.search_dates``.

Two measurements:

1. Labelled sentences (fa, ar, en; built here from sentence frames × time expressions, each
   expression labelled by hand with its value for publication on Sunday 2025-12-07). A
   sentence counts as correct when the expected value is among the values found. Speed is
   sentences per second on the same sentences. dateparser gets the language and the
   publication date as ``RELATIVE_BASE`` (its best case); it has no durations, so it cannot
   score on those rows — the table also shows accuracy on dates alone.
2. Stage throughput: ``find_times`` on generated ~3 KB articles (bench.generate), including
   building the article's match key, which the stage is the first to need.

Run alone with ``python -m bench.bench_time [--quick]`` or through ``python -m bench``.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from dataclasses import dataclass, replace

from bench.registry import Measurement, register

PUBLISHED = dt.date(2025, 12, 7)  # a Sunday
TARGET_RATE = 600.0
"""Articles per second this stage should reach on one core (a third of the extract budget)."""

# (expression, expected value, is_duration) per language; values hand-labelled for PUBLISHED.
EXPRESSIONS: dict[str, list[tuple[str, str, bool]]] = {
    "fa": [
        ("روز سه‌شنبه", "2025-12-02", False), ("سه شنبه", "2025-12-02", False), ("پنجشنبه", "2025-12-04", False),
        ("دیروز", "2025-12-06", False), ("پریروز", "2025-12-05", False), ("امروز", "2025-12-07", False),
        ("۱۶ آذر ۱۴۰۴", "2025-12-07", False), ("۱۰ آذرماه", "2025-12-01", False), ("۷ دسامبر ۲۰۲۵", "2025-12-07", False),
        ("۱۴۰۴/۰۹/۱۰", "2025-12-01", False), ("دوشنبه گذشته", "2025-12-01", False), ("دو روز پیش", "2025-12-05", False),
        ("به مدت ۳ روز", "P3D", True), ("پنج ساعت", "PT5H", True), ("دو هفته", "P2W", True), ("یک ماه", "P1M", True),
    ],
    "ar": [
        ("يوم الثلاثاء", "2025-12-02", False), ("الخميس", "2025-12-04", False), ("أمس", "2025-12-06", False),
        ("يوم أمس السبت", "2025-12-06", False), ("أول أمس", "2025-12-05", False), ("اليوم", "2025-12-07", False),
        ("٧ ديسمبر ٢٠٢٥", "2025-12-07", False), ("3 كانون الأول 2025", "2025-12-03", False),
        ("16 جمادى الآخرة 1447 هـ", "2025-12-07", False), ("الأربعاء الماضي", "2025-12-03", False),
        ("2025-11-30", "2025-11-30", False), ("قبل ثلاثة أيام", "2025-12-04", False),
        ("ثلاثة أيام", "P3D", True), ("ساعتين", "PT2H", True), ("أسبوعين", "P2W", True), ("48 ساعة", "PT48H", True),
    ],
    "en": [
        ("on Tuesday", "2025-12-02", False), ("on Thursday", "2025-12-04", False), ("yesterday", "2025-12-06", False),
        ("today", "2025-12-07", False), ("on 3 December 2025", "2025-12-03", False), ("on December 1, 2025", "2025-12-01", False),
        ("on 2025-11-30", "2025-11-30", False), ("last Wednesday", "2025-12-03", False), ("three days ago", "2025-12-04", False),
        ("on Dec. 5", "2025-12-05", False), ("the day before yesterday", "2025-12-05", False), ("on Saturday", "2025-12-06", False),
        ("for three days", "P3D", True), ("for two hours", "PT2H", True), ("for 48 hours", "PT48H", True), ("for two weeks", "P2W", True),
    ],
}

# Past-narration frames; {t} is the expression. Written for this benchmark.
FRAMES: dict[str, list[str]] = {
    "fa": [
        "وزیر امور خارجه {t} در ژنو با همتای خود دیدار کرد.",
        "نمایندگان دو کشور {t} درباره تجارت گفت‌وگو کردند.",
        "به گزارش خبرگزاری، هیئت اقتصادی {t} وارد پایتخت شد.",
        "سخنگوی دولت {t} در نشست خبری به پرسش‌ها پاسخ داد.",
        "کارشناسان {t} گزارش تازه‌ای درباره تورم منتشر کردند.",
        "مذاکرات {t} در مسقط برگزار شد و به نتیجه نرسید.",
        "فرماندار {t} از مناطق سیل‌زده بازدید کرد.",
    ],
    "ar": [
        "التقى وزير الخارجية {t} نظيره الفرنسي في باريس.",
        "وصل الوفد الاقتصادي {t} إلى العاصمة لإجراء محادثات.",
        "أعلنت وزارة الصحة {t} عن حملة تطعيم جديدة.",
        "عقد المجلس جلسة طارئة {t} لبحث الأوضاع الأمنية.",
        "ناقش الجانبان {t} سبل تعزيز التعاون الاقتصادي.",
        "أجرى الرئيس اتصالا هاتفيا {t} مع نظيره التركي.",
        "تظاهر آلاف المواطنين {t} في وسط المدينة.",
    ],
    "en": [
        "The foreign minister met his French counterpart {t} in Paris.",
        "A trade delegation arrived in the capital {t} for talks.",
        "The health ministry announced a new vaccination drive {t}.",
        "The council held an emergency session {t} on security.",
        "Both sides discussed economic cooperation {t}, officials said.",
        "The president spoke by phone with his Turkish counterpart {t}.",
        "Thousands of people marched through the city centre {t}.",
    ],
}


@dataclass(frozen=True)
class Labelled:
    lang: str
    text: str
    expected: str
    duration: bool


def labelled_sentences(per_lang: int = 100, seed: int = 7) -> list[Labelled]:
    """``per_lang`` sentences per language: every expression in several frames."""
    rng = random.Random(seed)
    out: list[Labelled] = []
    for lang, expressions in EXPRESSIONS.items():
        pairs = [(frame, expr) for frame in FRAMES[lang] for expr in expressions]
        rng.shuffle(pairs)
        for frame, (expr, value, duration) in pairs[:per_lang]:
            out.append(Labelled(lang, frame.format(t=expr), value, duration))
    return out


def ours(item: Labelled) -> set[str]:
    from newsweave.extract.time import find_times_in_text

    return {t.value for t in find_times_in_text(item.text, item.lang, PUBLISHED) if t.value}


def dateparser_values(item: Labelled) -> set[str]:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime.combine(PUBLISHED, dt.time(12)), "PREFER_DATES_FROM": "past"}
    try:
        found = search_dates(item.text, languages=[item.lang], settings=settings) or []
    except Exception:  # dateparser raises assorted errors on odd input; a crash scores as a miss
        found = []
    return {when.date().isoformat() for _, when in found}


def _score(extract, items: list[Labelled]) -> tuple[float, int, int, int]:
    """(seconds, correct, correct on dates, number of date rows)."""
    started = time.perf_counter()
    results = [extract(item) for item in items]
    seconds = time.perf_counter() - started
    correct = sum(item.expected in got for item, got in zip(items, results))
    dates = [(item, got) for item, got in zip(items, results) if not item.duration]
    return seconds, correct, sum(item.expected in got for item, got in dates), len(dates)


def _sentence_rows(items: list[Labelled]) -> list[Measurement]:
    rows = []
    for label, extract, baseline in (
        ("dateparser.search_dates (sentences)", dateparser_values, None),
        ("newsweave find_times (sentences)", ours, "dateparser.search_dates (sentences)"),
    ):
        extract(items[0])  # imports and data loading before the clock
        seconds, correct, date_ok, n_dates = _score(extract, items)
        by_lang = []
        for lang in EXPRESSIONS:
            subset = [i for i in items if i.lang == lang]
            by_lang.append(f"{lang} {_score(extract, subset)[1]}/{len(subset)}")
        note = f"exact value {correct}/{len(items)} ({correct / len(items):.0%}); dates {date_ok}/{n_dates}; " + ", ".join(by_lang)
        rows.append(Measurement(label, len(items), seconds, unit="sentences", baseline=baseline, note=note))
    return rows


def _article_rows(n: int) -> list[Measurement]:
    from bench.generate import iter_articles
    from newsweave.extract.time import find_times
    from newsweave.model import RawArticle
    from newsweave.settings import Settings
    from newsweave.text.prepare import prepare_article

    settings = Settings()
    prepared = [
        prepare_article(RawArticle(f"bench:{i}", a.text, published=a.published, lang_hint=a.lang), settings)
        for i, a in enumerate(iter_articles(n))
    ]
    find_times(prepared[0])
    fresh = [replace(a) for a in prepared]  # new objects: the match key is built inside the clock
    size = sum(len(a.text.encode("utf-8")) for a in fresh) / len(fresh)
    started = time.perf_counter()
    found = sum(len(find_times(a)) for a in fresh)
    seconds = time.perf_counter() - started
    with_key = Measurement(
        "find_times on generated articles (incl. match key)", len(fresh), seconds,
        note=f"avg {size / 1024:.1f} KB, {found / len(fresh):.1f} expressions/article; the key is shared by all extract stages",
    )
    started = time.perf_counter()  # same articles again: the key is cached on each one now
    for article in fresh:
        find_times(article)
    seconds = time.perf_counter() - started
    own = Measurement("find_times, match key already built", len(fresh), seconds, note=f"target ≥ {TARGET_RATE:.0f}/s")
    return [with_key, own]


@register("time", "time expressions: accuracy and speed vs dateparser; stage throughput")
def bench_time(quick: bool) -> list[Measurement]:
    items = labelled_sentences(40 if quick else 100)
    return _sentence_rows(items) + _article_rows(300 if quick else 2000)


if __name__ == "__main__":
    # Run directly, not through bench.run.main: that would import this file a second time as
    # bench.bench_time and register the benchmark twice.
    from bench.run import machine, table

    print(machine())
    print(table({"time": bench_time("--quick" in sys.argv[1:])}))
