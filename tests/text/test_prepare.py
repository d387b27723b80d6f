"""prepare_article: clean text, language, boilerplate, sentences and a stable content id."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.model import RawArticle
from newsweave.settings import Settings
from newsweave.text.keys import ZWNJ
from newsweave.text.boilerplate import line_fingerprint
from newsweave.text.prepare import article_id, content_id, id_key, prepare_article, tidy_whitespace

SETTINGS = Settings()

FA_TEXT = (
    "وزیر امور خارجه روز شنبه در تهران با همتای ترکیه‌ای خود دیدار کرد.\n\n"
    "دو طرف درباره همکاری‌های اقتصادی و امنیت مرزها گفتگو کردند. "
    "این دیدار سه ساعت طول کشید.\n\n"
    "ما را در تلگرام دنبال کنید"
)
MIXED_TEXT = (
    "Президент провёл телефонный разговор с премьер-министром.\n"
    "The two leaders discussed energy prices and the coming winter.\n"
    "Сторони домовилися продовжити переговори наступного тижня."
)


def test_persian_article() -> None:
    article = prepare_article(RawArticle(source="a.txt", text=FA_TEXT, outlet="Example"), SETTINGS)
    assert article.lang == "fa" and article.lang_confidence > 0.8
    assert article.boilerplate == ("ما را در تلگرام دنبال کنید",)
    assert "تلگرام" not in article.text
    assert [article.text[s.start : s.end] for s in article.sentences] == [
        "وزیر امور خارجه روز شنبه در تهران با همتای ترکیه‌ای خود دیدار کرد.",
        "دو طرف درباره همکاری‌های اقتصادی و امنیت مرزها گفتگو کردند.",
        "این دیدار سه ساعت طول کشید.",
    ]
    assert all(s.lang == "fa" for s in article.sentences)
    assert article.outlet == "Example" and article.source == "a.txt"


def test_sentence_languages_in_a_mixed_article() -> None:
    article = prepare_article(RawArticle(source="m.txt", text=MIXED_TEXT), SETTINGS)
    assert [s.lang for s in article.sentences] == ["ru", "en", "uk"]
    assert all(0 < s.lang_confidence <= 1 for s in article.sentences)


def test_short_sentences_inherit_article_language() -> None:
    text = "Ja.\nThe committee approved the proposal after a long debate on Thursday evening."
    article = prepare_article(RawArticle(source="s.txt", text=text), SETTINGS)
    assert article.sentences[0].lang == article.lang == "en"


def test_lang_hint_wins() -> None:
    article = prepare_article(RawArticle(source="h.txt", text=FA_TEXT, lang_hint="fa"), SETTINGS)
    assert (article.lang, article.lang_confidence) == ("fa", 1.0)


def test_id_ignores_whitespace_zwnj_and_letter_variants() -> None:
    variant = FA_TEXT.replace(ZWNJ, "").replace("ی", "ي").replace("ک", "ك").replace("\n\n", "\n \n\n").replace(" ", "  ")
    a = prepare_article(RawArticle(source="one/path.txt", text=FA_TEXT), SETTINGS)
    b = prepare_article(RawArticle(source="other/path.txt", text=variant + "\n"), SETTINGS)
    assert a.id == b.id
    assert len(a.id) >= 16 and all(c in "0123456789abcdef" for c in a.id)
    assert article_id("another text") != a.id


def test_id_ignores_marks_however_rare_the_script() -> None:
    """Harakat, shadda and the non-spacing marks of any script (Hebrew points here) are
    dropped, whether the fold table lists them or not."""
    plain = "قال الوزير إن المحادثات ستستمر في ירושלים"
    marked = "قَالَ الوَزِيرُ إنّ المحادثات ستستمرّ في יְרוּשָׁלַיִם"
    assert any(unicodedata.category(ch) == "Mn" for ch in unicodedata.normalize("NFKC", marked))
    assert id_key(marked) == id_key(plain)
    assert article_id(marked) == article_id(plain)
    assert id_key("Café") == "café"  # a precomposed letter is a letter, not a letter and a mark


def test_tidy_keeps_paragraphs_and_characters() -> None:
    raw = "  first line\u00a0 \r\n\r\n\r\n\r\nsecond\t\tline  \n\u00a0\nthird"
    assert tidy_whitespace(raw) == "first line\n\nsecond line\n\nthird"


def test_offsets_point_into_clean_text(seed_texts: dict[str, str]) -> None:
    for lang, raw in seed_texts.items():
        article = prepare_article(RawArticle(source=lang, text=raw), SETTINGS)
        assert article.lang == lang
        assert len(article.sentences) >= 15
        assert len(article.boilerplate) == 1
        for s in article.sentences:
            piece = article.text[s.start : s.end]
            assert piece == piece.strip() and piece
            assert s.lang == lang
        assert all(a.end <= b.start for a, b in zip(article.sentences, article.sentences[1:]))


# Mixed-language articles, written for these tests: a Persian report quoting an Arabic
# statement and an English expert, and an Arabic report quoting a Persian sentence.
FA_MIXED = (
    "شورای شهر تهران روز یکشنبه طرح تازه‌ای را برای گسترش حمل و نقل عمومی تصویب کرد.\n"
    "بر اساس این طرح، شش خط اتوبوس برقی تا پایان سال آینده راه‌اندازی خواهد شد.\n"
    "شهردار در جلسه گفت که بودجه این طرح از محل فروش اوراق مشارکت تامین می‌شود.\n"
    "سفیر عراق در پیامی نوشت: «نحن نرحب بهذه الخطوة ونأمل أن تستفيد منها مدننا أيضا».\n"
    "A transport expert from the World Bank said the plan was ambitious but realistic.\n"
    "منتقدان می‌گویند اجرای طرح به دلیل کمبود قطعات ممکن است به تاخیر بیفتد.\n"
    "نمایندگان شورا قرار است ماه آینده گزارش پیشرفت کار را بررسی کنند."
)
AR_MIXED = (
    "أقر مجلس المدينة يوم الأحد خطة جديدة لتوسيع شبكة النقل العام بعد نقاش طويل.\n"
    "وبموجب الخطة ستفتتح ست خطوط للحافلات الكهربائية قبل نهاية العام المقبل.\n"
    "وقال رئيس البلدية إن التمويل سيأتي من سندات تباع للمستثمرين المحليين.\n"
    "ونقلت وكالة أنباء عن سفیر ایران قوله: «ما از این طرح استقبال می‌کنیم و آماده همکاری هستیم».\n"
    "ويرى منتقدون أن تأخر وصول قطع الغيار قد يؤجل التشغيل عدة أشهر."
)


def _count_sentence_detections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from newsweave.text import language

    seen: list[str] = []
    real = language.detect_language

    def counting(text: str) -> tuple[str, float]:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(language, "detect_language", counting)
    return seen


def test_mixed_persian_article_detects_only_the_foreign_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    detected = _count_sentence_detections(monkeypatch)
    article = prepare_article(RawArticle(source="fa-mixed.txt", text=FA_MIXED), SETTINGS)
    assert article.lang == "fa" and article.lang_confidence >= 0.8
    assert [s.lang for s in article.sentences] == ["fa", "fa", "fa", "ar", "en", "fa", "fa"]
    # The Arabic quote (script-mate markers) and the English sentence (other script) only.
    assert [article.text.index(t) for t in detected] == [article.sentences[3].start, article.sentences[4].start]
    inherited = [s for s in article.sentences if s.lang == "fa"]
    assert all(s.lang_confidence == article.lang_confidence for s in inherited)


def test_mixed_arabic_article_finds_the_persian_quote(monkeypatch: pytest.MonkeyPatch) -> None:
    detected = _count_sentence_detections(monkeypatch)
    article = prepare_article(RawArticle(source="ar-mixed.txt", text=AR_MIXED), SETTINGS)
    assert article.lang == "ar"
    assert [s.lang for s in article.sentences] == ["ar", "ar", "ar", "fa", "ar"]
    assert len(detected) == 1


def test_id_does_not_depend_on_repeated_lines() -> None:
    outlet_line = "Daily Example — independent news since 1990"
    text = "The council approved the transport plan on Sunday after a long debate.\n" + outlet_line
    from newsweave.text.boilerplate import line_fingerprint

    plain = prepare_article(RawArticle(source="a.txt", text=text), SETTINGS)
    with_corpus = prepare_article(RawArticle(source="a.txt", text=text), SETTINGS, frozenset({line_fingerprint(outlet_line)}))
    assert with_corpus.boilerplate == (outlet_line,) and plain.boilerplate == ()
    assert with_corpus.id == plain.id


def test_content_id_is_the_prepared_id_before_any_preparing(seed_texts: dict[str, str]) -> None:
    """The writer tells stored articles by ``content_id`` alone: it must be the id preparing
    gives, with or without lines the outlet repeats (here: a footer and the seed's last line)."""
    footer = "Harbour Ledger — all rights reserved"
    for name, text in seed_texts.items():
        raw = RawArticle(source=name, text=f"{text}\n{footer}")
        last_line = text.strip().rsplit("\n", 1)[-1]
        repeated = frozenset({line_fingerprint(footer), line_fingerprint(last_line)})
        prepared = prepare_article(raw, SETTINGS, repeated)
        assert footer in prepared.boilerplate, "the repeated footer is stripped"
        assert content_id(raw) == prepared.id == prepare_article(raw, SETTINGS).id, name
    raw = RawArticle(source="fa.txt", text=FA_TEXT, lang_hint="fa")
    assert prepare_article(raw, SETTINGS, known_id=content_id(raw)) == prepare_article(raw, SETTINGS)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\f\v\n\r\u00a0\u200b\u2060\ufeff\u2028\u2029ab.ی", max_size=30))
def test_tidy_matches_its_regex_definition(raw: str) -> None:
    """The fast tidy (str.strip per line) equals the plain regex statement of the rule."""
    edge = r"[ \t\f\v\u00a0\u200b\u2060\ufeff]+"
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = re.sub(edge + r"(?=\n|$)", "", text)
    text = re.sub(r"(?<=\n)" + edge, "", text)
    text = re.sub(r"[ \t\f\v]{2,}|\t", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    assert tidy_whitespace(raw) == text
