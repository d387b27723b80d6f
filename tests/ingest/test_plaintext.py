"""Headline detection on plain text: the first line is a title only when it reads as one."""

from __future__ import annotations

import pytest

from newsweave.ingest.plaintext import split_headline, trim_blank_lines

BODY = (
    "Officials confirmed on Monday that the new water treatment plant would open next spring, "
    "serving about forty thousand households in the eastern districts."
)


@pytest.mark.parametrize(
    "headline",
    [
        "Water plant to open next spring",
        "بازگشایی تصفیه‌خانه جدید آب در بهار آینده",
        "افتتاح محطة جديدة لمعالجة المياه في الربيع المقبل",
        "Will the new plant open on time?",
        "مذاکرات به کجا رسید؟",
        "Mayor: \"The plant will open in spring\"",
    ],
)
def test_short_line_before_blank_line_is_headline(headline: str) -> None:
    title, body = split_headline(f"{headline}\n\n{BODY}\n")
    assert title == headline
    assert body.startswith("Officials confirmed")
    assert headline not in body


@pytest.mark.parametrize(
    "first_line",
    [
        "Officials confirmed the plan on Monday.",
        "أكد المسؤولون الخطة يوم الاثنين.",
        "The ministry said the following:",
        "وقال الوزير في بيان،",
        "LONDON, Dec 6 (Wire) -",
        "- a bullet point about the plant",
        "12,500",
        "Single",
    ],
)
def test_sentence_or_lead_in_is_not_headline(first_line: str) -> None:
    text = f"{first_line}\n\n{BODY}"
    assert split_headline(text) == (None, text)


def test_long_first_sentence_without_blank_line_is_body() -> None:
    long_first = (
        "أعلنت وزارة النقل يوم الأحد عن خطة لتوسيع شبكة الحافلات في العاصمة تشمل عشرين خطا جديدا "
        "وأكثر من مئتي حافلة تعمل بالكهرباء خلال العامين المقبلين"
    )
    text = f"{long_first}\n{BODY}\n{BODY}"
    assert split_headline(text)[0] is None


def test_tight_headline_needs_a_much_longer_body() -> None:
    assert split_headline(f"Water plant to open next spring\n{BODY}")[0] == "Water plant to open next spring"
    assert split_headline("Water plant to open next spring\nIt opens in May")[0] is None


def test_question_without_blank_line_is_body() -> None:
    text = f"Will the plant open on time?\n{BODY}"
    assert split_headline(text)[0] is None


def test_single_line_text_has_no_headline() -> None:
    assert split_headline("Water plant to open next spring") == (None, "Water plant to open next spring")


def test_leading_blank_lines_are_skipped() -> None:
    title, body = split_headline(f"\n\n  \nWater plant to open next spring\n \n{BODY}")
    assert title == "Water plant to open next spring"
    assert body == BODY


@pytest.mark.parametrize("text, expected", [("", ""), ("  \n\n", ""), ("\n \nLine\n\n", "Line"), ("a\n\nb  \n", "a\n\nb")])
def test_trim_blank_lines(text: str, expected: str) -> None:
    assert trim_blank_lines(text) == expected
