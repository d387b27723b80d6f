"""Fact rules per language on our own sentences: events, places, durations, modality, quantities."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsweave.extract.facts import find_facts
from newsweave.extract.quantities import find_quantities_in_text, parse_number
from newsweave.extract.quotes import find_attributions
from newsweave.model import Article, EntityType, TimeKind
from quotes_facts_kit import article, place_mentions, time_at

P, O, L = EntityType.PERSON, EntityType.ORG, EntityType.PLACE


def run(text: str, code: str, names: dict, times: list[tuple[str, TimeKind, str]] = ()) -> Article:
    art = article(text, code, place_mentions(text, names),
                  tuple(sorted((time_at(text, *t) for t in times), key=lambda t: t.start)))
    art = replace(art, attributions=find_attributions(art))
    return replace(art, facts=find_facts(art))


def only(art: Article, event: str):
    found = [f for f in art.facts if f.event == event]
    assert len(found) == 1, [f.event for f in art.facts]
    return found[0]


def test_persian_duration_and_place_of_talks():
    text = "هیئت‌های دو کشور به مدت سه روز در مسقط مذاکره کردند."
    art = run(text, "fa", {"مسقط": (L, "Muscat")}, [("سه روز", TimeKind.DURATION, "P3D")])
    talks = only(art, "talks")
    assert art.mentions[talks.place].canonical == "Muscat" and art.times[talks.duration].value == "P3D"


def test_persian_expected_meeting_and_missing_zwnj():
    text = "قرار است وزیران خارجه هفته آینده در وین دیدار کنند و گفتوگو درباره تحریمها ادامه یابد."
    art = run(text, "fa", {"وین": (L, "Vienna")})
    meeting = only(art, "meeting")
    assert meeting.modality == "expected" and art.mentions[meeting.place].canonical == "Vienna"
    assert {f.event for f in art.facts} >= {"talks", "sanction"}


def test_persian_post_is_not_the_event_place():
    text = "سفیر ایران در لندن از برگزاری نشست بعدی خبر داد."
    art = run(text, "fa", {"لندن": (L, "London")})
    assert only(art, "meeting").place is None


def test_arabic_duration_of_talks_binds_to_the_talks():
    text = "وجاء الاتصال بعد يومين من المفاوضات الشاقة في الدوحة."
    art = run(text, "ar", {"الدوحة": (L, "Doha")}, [("يومين", TimeKind.DURATION, "P2D")])
    assert art.times[only(art, "talks").duration].value == "P2D"
    assert only(art, "call").duration is None
    assert art.mentions[only(art, "talks").place].canonical == "Doha"


def test_arabic_origin_and_destination_are_not_places():
    text = "ومن المتوقع أن يعود الوفد من القاهرة إلى عمان ويقدم تقريرا إلى الملك في العقبة."
    art = run(text, "ar", {"القاهرة": (L, "Cairo"), "عمان": (L, "Amman"), "العقبة": (L, "Aqaba")})
    report = only(art, "report")
    assert art.mentions[report.place].canonical == "Aqaba" and report.modality == "expected"


def test_arabic_ambassador_post_is_not_the_place():
    text = "التقى سفير مصر لدى واشنطن بمسؤولين في الخارجية الأمريكية."
    art = run(text, "ar", {"مصر": (L, "Egypt"), "واشنطن": (L, "Washington")})
    assert all(f.place is None for f in art.facts)


def test_english_facts_with_participants_and_casualties():
    text = "Israeli strikes on Rafah killed at least 25 people on Tuesday, Gaza health officials said."
    art = run(text, "en", {"Rafah": (L, "Rafah"), "Gaza": (L, "Gaza")}, [("Tuesday", TimeKind.DATE, "2025-03-18")])
    attack = only(art, "attack")
    assert [(q.value, q.unit, q.measure) for q in attack.quantities] == [(25.0, "person", "killed")]
    assert art.times[attack.time].value == "2025-03-18"
    assert attack.attribution is not None


def test_english_number_that_is_not_a_quantity():
    text = "The council adopted resolution 2254 at a meeting in New York in 2015."
    art = run(text, "en", {"New York": (L, "New York")})
    assert only(art, "meeting").quantities == ()


def test_fact_without_event_words_is_not_made():
    art = run("The weather in Kabul was cold and dry.", "en", {"Kabul": (L, "Kabul")})
    assert art.facts == ()


def test_language_without_event_data_yields_nothing():
    assert find_facts(article("Les négociations ont repris à Genève.", "fr")) == ()


@pytest.mark.parametrize("phrase,code,value", [
    ("بیست و پنج", "fa", 25), ("۱.۵ میلیارد", "fa", 1.5e9), ("سیصد و شصت", "fa", 360),
    ("خمسة وعشرون", "ar", 25), ("ثلاثة آلاف", "ar", 3000), ("ألفين", "ar", 2000), ("٢٥٠", "ar", 250),
    ("twenty-five", "en", 25), ("two hundred", "en", 200), ("1,200", "en", 1200), ("3.5 million", "en", 3.5e6),
])
def test_number_words(phrase, code, value):
    assert parse_number(phrase, code) == value


@pytest.mark.parametrize("text,code,expected", [
    ("این پروژه ۱.۵ میلیارد دلار هزینه داشت.", "fa", [(1.5e9, "usd", None)]),
    ("در این حادثه بیست و پنج نفر کشته شدند.", "fa", [(25, "person", "killed")]),
    ("تورم به ۴۰ درصد رسید.", "fa", [(40, "percent", None)]),
    ("أسفر القصف عن مقتل 12 شخصا وإصابة العشرات.", "ar", [(12, "person", "killed")]),
    ("سقط ثلاثون قتيلا في الهجوم.", "ar", [(30, "person", "killed")]),
    ("ارتفعت الأسعار بنسبة ١٥٪ خلال العام.", "ar", [(15, "percent", None)]),
    ("The fund pledged $4 billion and 30% of it arrives this year.", "en", [(4e9, "usd", None), (30, "percent", None)]),
    ("قطعنامه ۲۲۵۴ شورای امنیت در سال ۲۰۱۵ تصویب شد.", "fa", []),
    ("The G7 met in 2024.", "en", []),
])
def test_quantities(text, code, expected):
    assert [(q.value, q.unit, q.measure) for q in find_quantities_in_text(text, code)] == expected
