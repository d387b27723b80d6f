"""Boilerplate: footers and headers go, body sentences stay, repeated lines only at the edges."""

from __future__ import annotations

import pytest

from newsweave.text.boilerplate import line_fingerprint, strip_boilerplate
from newsweave.text.keys import ZWNJ

EN_BODY = [
    "The city council voted on Tuesday to follow the new transport plan proposed last spring.",
    "Officials said they would follow up with residents who sent news of flooding in the east.",
    "The mayor told reporters the budget would be published in full next month.",
]
FA_BODY = [
    "وزیر کشور گفت دولت اخبار مربوط به سیل را با دقت دنبال می‌کند و گزارش کامل منتشر خواهد شد.",
    "نمایندگان مجلس روز دوشنبه درباره بودجه سال آینده بحث کردند و رای گیری به هفته بعد موکول شد.",
    "شهردار تهران گفت که طرح جدید حمل و نقل عمومی از ماه آینده اجرا می‌شود.",
]
AR_BODY = [
    "قال وزير الداخلية إن الحكومة تتابع آخر الأخبار عن الفيضانات في شرق البلاد بشكل مستمر.",
    "ناقش أعضاء البرلمان يوم الاثنين مشروع الميزانية الجديدة وأجلوا التصويت إلى الأسبوع المقبل.",
    "وأضاف المتحدث أن الخطة الجديدة للنقل العام ستبدأ الشهر المقبل في العاصمة.",
]


@pytest.mark.parametrize(
    ("lang", "body", "head", "tail"),
    [
        ("en", EN_BODY, ["Advertisement"], ["Read more: Storms hit the coast", "Follow us on Google News", "© 2024 Daily Example. All rights reserved."]),
        ("fa", FA_BODY, ["بیشتر بخوانید: قیمت طلا امروز"], ["ما را در تلگرام دنبال کنید", "این مطلب صرفا بازتاب" + ZWNJ + "دهنده دیدگاه منابع خبری است."]),
        ("ar", AR_BODY, ["اقرأ أيضا: ارتفاع أسعار الذهب"], ["تابعونا على فيسبوك وتويتر", "جميع الحقوق محفوظة لموقع المثال 2024"]),
    ],
)
def test_footers_and_headers_removed_body_kept(lang: str, body: list[str], head: list[str], tail: list[str]) -> None:
    text = "\n".join(head + body + tail)
    clean, removed = strip_boilerplate(text, lang)
    assert clean == "\n".join(body)
    assert removed == tuple(head + tail)


def test_body_with_follow_and_news_words_stays_even_at_the_edge() -> None:
    text = "\n".join(EN_BODY + ["Police said they will follow every lead and share news with the families."])
    clean, removed = strip_boilerplate(text, "en")
    assert removed == () and clean == text


def test_pattern_matches_spelling_variants() -> None:
    # Arabic yeh and kaf, no ZWNJ: still the same footer.
    text = "\n".join(FA_BODY + ["اين مطلب صرفا بازتابدهنده ديدگاه منابع خبري است."])
    clean, removed = strip_boilerplate(text, "fa")
    assert clean == "\n".join(FA_BODY) and len(removed) == 1


def test_long_line_is_never_boilerplate() -> None:
    long_line = "Follow us on Telegram " + "and read the full report on the budget " * 8
    text = "\n".join(EN_BODY + [long_line])
    assert strip_boilerplate(text, "en")[1] == ()


def test_repeated_lines_removed_only_in_edge_zones() -> None:
    outlet_line = "Daily Example — independent news since 1990"
    middle = EN_BODY[:1] + [outlet_line] + EN_BODY[1:]
    repeated = frozenset({line_fingerprint(outlet_line)})
    text = "\n".join([outlet_line] + middle)
    clean, removed = strip_boilerplate(text, "en", repeated)
    assert removed == (outlet_line,)
    assert clean == "\n".join(middle)  # the copy in the middle of the body stays


def test_fingerprint_ignores_spacing_and_letter_variants() -> None:
    assert line_fingerprint("  كتاب   يك ") == line_fingerprint("کتاب یک")
    assert line_fingerprint("Follow Us") == line_fingerprint("follow us")
    assert line_fingerprint("one line") != line_fingerprint("another line")


def test_separators_at_the_edges_go() -> None:
    text = "\n".join(EN_BODY + ["* * *"])
    assert strip_boilerplate(text, "en") == ("\n".join(EN_BODY), ("* * *",))


def test_seed_footers_removed_and_no_body_sentence(seed_texts: dict[str, str]) -> None:
    for lang, raw in seed_texts.items():
        clean, removed = strip_boilerplate(raw, lang)
        assert len(removed) == 1, lang
        last_line = [line for line in raw.splitlines() if line.strip()][-1]
        assert removed[0] == last_line.strip()
        body_lines = [line.strip() for line in raw.splitlines() if line.strip()][:-1]
        assert all(line in clean for line in body_lines)


def test_required_literal_never_rejects_a_matching_line() -> None:
    """The literal pre-check may only skip lines the pattern cannot match."""
    from newsweave.text.boilerplate import _required_literal

    assert _required_literal(r"\bfollow (us|our \w+)\b") == "follow "
    assert _required_literal(r"^disclaimer\s*:") == "disclaimer"
    assert _required_literal("بازتاب ?دهنده") == "بازتاب"  # the optional space is not required
    assert _required_literal(r"colou?r") == "colo"
    assert _required_literal(r"all rights|reserved") == ""  # a top-level alternative
    assert _required_literal(r"(follow|join) us") == ""
    assert _required_literal(r"[ab]cdef") == ""
