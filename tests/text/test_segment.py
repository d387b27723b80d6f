"""Sentence splitting: punctuation of each script, quotes, abbreviations, decimals, paragraphs."""

from __future__ import annotations

import pytest

from newsweave.text.segment import split_sentences


def pieces(text: str, lang: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, lang)]


def test_english_abbreviations_initials_and_decimals() -> None:
    text = "Mr. Lane met Dr. K. Osei in the U.S. capital on Monday. Growth was 2.5 percent. Was it enough?"
    assert pieces(text, "en") == [
        "Mr. Lane met Dr. K. Osei in the U.S. capital on Monday.",
        "Growth was 2.5 percent.",
        "Was it enough?",
    ]


def test_persian_question_mark_and_guillemets() -> None:
    text = "او پرسید: «آیا جلسه فردا برگزار می‌شود؟» سپس رفت. پاسخی داده نشد؟ نه."
    assert pieces(text, "fa") == [
        "او پرسید: «آیا جلسه فردا برگزار می‌شود؟» سپس رفت.",
        "پاسخی داده نشد؟",
        "نه.",
    ]


def test_arabic_comma_is_not_an_end_and_glued_period_is() -> None:
    text = "قال الوزير، في مؤتمر صحفي، إن المحادثات مستمرة.وأضاف أن الوضع صعب؟ نعم"
    assert pieces(text, "ar") == [
        "قال الوزير، في مؤتمر صحفي، إن المحادثات مستمرة.",
        "وأضاف أن الوضع صعب؟",
        "نعم",
    ]


def test_urdu_full_stop() -> None:
    text = "وزیر اعظم نے خطاب کیا۔ اجلاس کل ہوگا۔"
    assert pieces(text, "ur") == ["وزیر اعظم نے خطاب کیا۔", "اجلاس کل ہوگا۔"]


def test_short_quotation_is_not_split_but_a_long_one_is() -> None:
    short = 'She said "We agree. Now we wait." and left the room.'
    assert pieces(short, "en") == [short]
    long_quote = (
        'He added: "The negotiators worked through the night on the first draft of the text. '
        'The second draft will be shared with every delegation before the next round begins."'
    )
    assert len(pieces(long_quote, "en")) == 2


def test_parentheses_hold_their_periods() -> None:
    text = "The plan (approved in Jan. after a vote. Really.) stands. Next item."
    assert pieces(text, "en") == ["The plan (approved in Jan. after a vote. Really.) stands.", "Next item."]


def test_newlines_are_hard_breaks_and_offsets_trimmed() -> None:
    text = "  First line without a stop\n\nSecond paragraph here.  \nThird"
    spans = split_sentences(text, "en")
    assert [text[s:e] for s, e in spans] == ["First line without a stop", "Second paragraph here.", "Third"]
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty(text: str) -> None:
    assert split_sentences(text, "en") == []


def test_seeds_give_enough_sentences(seed_texts: dict[str, str]) -> None:
    from newsweave.text.boilerplate import strip_boilerplate

    for lang, raw in seed_texts.items():
        clean, _ = strip_boilerplate(raw, lang)
        assert len(split_sentences(clean, lang)) >= 15, lang
