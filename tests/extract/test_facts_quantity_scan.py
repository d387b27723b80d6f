"""Quantities found near candidates (digits, number words) equal those of a full scan.

The fact stage passes the article's cue index to ``quantities_in`` so the number pattern is
searched only from near each digit or number word; these tests compare that with the plain
scan over whole texts and over spans cut anywhere.
"""

from __future__ import annotations

import random

import pytest

from newsweave.extract.quantities import quantities_in, quantity_lexicon
from newsweave.extract.textview import CueIndex, TextView, cue_scanner
from newsweave.text.normalize import normalize

TEXTS = {
    "fa": "هزینه پروژه ۱.۵ میلیارد دلار بود و در حادثه دیروز بیست و پنج نفر کشته و  سی نفر زخمی شدند؛ "
          "تورم به ۴۰ درصد رسید و قطعنامه ۲۲۵۴ در سال ۲۰۱۵ تصویب شد. سیصد و شصت خانواده جابه‌جا شدند.",
    "ar": "أسفر القصف عن مقتل 12 شخصا وإصابة ثلاثين آخرين، وارتفعت الأسعار بنسبة ١٥٪ خلال العام، "
          "وبلغت الخسائر ثلاثة آلاف دولار و ألفين من الجنود. وقال مسؤولون إن مئتي عائلة نزحت.",
    "en": "The fund pledged $ 4 billion and 30% of it arrives this year; twenty-five people were killed and "
          "two hundred were hurt. The G7 met in 2024, and US$3.5 million went to 1,200 families; "
          "€     7 million (a prefix unit far from its number) came later.",
}


def views(code: str) -> tuple[TextView, CueIndex]:
    norm = normalize(TEXTS[code], code)
    return TextView(TEXTS[code], norm.key, norm.key_origin), CueIndex(norm.key, cue_scanner(code))


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_whole_text_same_quantities(code):
    view, cues = views(code)
    assert quantity_lexicon(code).prefix_reach is not None  # the candidate path is the one tested
    plain = quantities_in(view, code, 0, len(view.key))
    assert len(plain) >= 3
    assert quantities_in(view, code, 0, len(view.key), cues) == plain


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_any_span_same_quantities(code):
    view, cues = views(code)
    rng = random.Random(11)
    for _ in range(200):
        start = rng.randrange(len(view.key))
        end = rng.randrange(start, len(view.key) + 1)
        assert quantities_in(view, code, start, end, cues) == quantities_in(view, code, start, end)


def test_a_span_without_digits_or_number_words_has_none():
    view, cues = views("en")
    start = view.key.index("this year")
    assert quantities_in(view, "en", start, start + len("this year"), cues) == []
