"""prepare_article: clean text, language, boilerplate, sentences and a stable content id."""

from __future__ import annotations

from newsweave.model import RawArticle
from newsweave.settings import Settings
from newsweave.text.keys import ZWNJ
from newsweave.text.prepare import article_id, prepare_article, tidy_whitespace

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
