"""Numbers with units that no fact carries: found at extraction and kept on the article, so
comparing a story never has to normalise its articles' text again."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from newsweave.compare.claims import claims_of
from newsweave.extract.facts import loose_quantities
from newsweave.model import RawArticle
from newsweave.pipeline import process
from newsweave.settings import Settings

SETTINGS = Settings()
TEXTS = {
    "en": "Ministers met in Geneva on Tuesday to discuss the border.\n\n"
          "The river carries about 45 million cubic metres of water a day, and the old dam cost 2.5 billion dollars.",
    "fa": "وزیران خارجه روز سه‌شنبه در ژنو دیدار کردند.\n\n"
          "طول مرز مشترک ۴۵۰ کیلومتر است و هزینه این طرح ۲.۵ میلیارد دلار بود.",
}


def _article(lang: str):
    raw = RawArticle(f"{lang}.txt", TEXTS[lang], published=dt.date(2025, 3, 4), lang_hint=lang)
    return process(raw, SETTINGS)


def test_extraction_keeps_the_numbers_no_fact_carries() -> None:
    fa = _article("fa")
    assert [(q.value, q.unit) for q in fa.loose_quantities] == [(450.0, "km"), (2_500_000_000.0, "usd")]
    assert fa.text[fa.loose_quantities[0].start : fa.loose_quantities[0].end] == "۴۵۰ کیلومتر"
    en = _article("en")
    assert (2_500_000_000.0, "usd") in [(q.value, q.unit) for q in en.loose_quantities]
    carried = {(q.start, q.end) for fact in en.facts for q in fact.quantities}
    assert not carried & {(q.start, q.end) for q in en.loose_quantities}


def test_an_article_stored_before_they_were_kept_compares_the_same(seed_texts) -> None:
    articles = [_article("fa"), _article("en")]
    articles += [process(RawArticle(name, text), SETTINGS) for name, text in seed_texts.items()]
    for article in articles:
        older = replace(article, loose_quantities=None)
        assert loose_quantities(older) == article.loose_quantities
        recomputed = [replace(claim, article=article) for claim in claims_of(older, {})]
        assert recomputed == claims_of(article, {}), article.source


def test_arabic_units_in_their_case_forms_and_abbreviations() -> None:
    text = ("يبلغ طول الطريق الجديد 450 كيلومترا، ويمتد جزء منه 30 كلم داخل الصحراء. "
            "وتنقل الشاحنات عليه نحو 12 ألف طن شهريا.")
    article = process(RawArticle("ar.txt", text, published=dt.date(2025, 3, 4), lang_hint="ar"), SETTINGS)
    assert [(q.value, q.unit) for q in article.loose_quantities] == [(450.0, "km"), (30.0, "km"), (12_000.0, "tonne")]
