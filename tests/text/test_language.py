"""Language identification: fa/ar never confused, script-mates and other languages right."""

from __future__ import annotations

import pytest

from newsweave.text.language import detect_language, detect_languages

# Short fragments (3-6 words), written for these tests.
PERSIAN = [
    "او به خانه رفت",
    "این کتاب خوب است",
    "وزیر خارجه ایران گفت",
    "نتیجه مذاکرات هنوز روشن نیست",
    "دولت جدید تشکیل شد",
    "قیمت نفت امروز بالا رفت",
    "مردم در خیابان جمع شدند",
    "رئیس جمهور به پکن سفر کرد",
    "گفتگوها فردا ادامه دارد",
    "جلسه شورای امنیت لغو شد",
    "ارتش از منطقه عقب نشست",
    "این خبر را تکذیب کردند",
    "سفیر روسیه احضار شد",
    "باران شدید در شمال کشور",
    "میشود گفت که توافق نزدیک است",
    "نتایج انتخابات اعلام شد",
]
ARABIC = [
    "ذهب إلى البيت",
    "هذا الكتاب جيد",
    "قال وزير الخارجية الإيراني",
    "نتيجة المفاوضات غير واضحة",
    "تم تشكيل الحكومة الجديدة",
    "ارتفع سعر النفط اليوم",
    "تجمع الناس في الشارع",
    "سافر الرئيس إلى بكين",
    "تستمر المحادثات غدا",
    "ألغي اجتماع مجلس الأمن",
    "انسحب الجيش من المنطقة",
    "نفت الوزارة هذا الخبر",
    "تم استدعاء السفير الروسي",
    "أمطار غزيرة في شمال البلاد",
    "أعلنت نتائج الانتخابات",
    "وقال المتحدث إن الاتفاق قريب",
]


@pytest.mark.parametrize("text", PERSIAN)
def test_short_persian_is_persian(text: str) -> None:
    assert detect_language(text)[0] == "fa"


@pytest.mark.parametrize("text", ARABIC)
def test_short_arabic_is_arabic(text: str) -> None:
    assert detect_language(text)[0] == "ar"


def test_persian_without_zwnj_is_persian() -> None:
    assert detect_language("مذاکرهکنندگان میگویند گفتوگوها ادامه دارد")[0] == "fa"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("یہ ایک اچھی کتاب ہے اور میں اسے پڑھوں گا", "ur"),
        ("وزیر اعظم نے آج پارلیمنٹ سے خطاب کیا", "ur"),
        ("زه نن ورځ کور ته ځم", "ps"),
        ("دا یو ښه کتاب دی چې ما ولوست", "ps"),
        ("The minister said the talks would continue next week.", "en"),
        ("Министр заявил, что переговоры продолжатся на следующей неделе.", "ru"),
        ("Міністр заявив, що переговори триватимуть наступного тижня.", "uk"),
        ("Bakan, görüşmelerin gelecek hafta devam edeceğini söyledi.", "tr"),
        ("Le ministre a déclaré que les négociations continueraient.", "fr"),
        ("Der Minister sagte, die Gespräche würden fortgesetzt.", "de"),
        ("El ministro dijo que las negociaciones continuarán.", "es"),
        ("השר אמר כי השיחות יימשכו בשבוע הבא", "he"),
    ],
)
def test_other_languages(text: str, code: str) -> None:
    detected, confidence = detect_language(text)
    assert detected == code
    assert 0.0 < confidence <= 1.0


def test_no_letters_is_undetermined() -> None:
    assert detect_language("2024 — 15:30 / 42%") == ("und", 0.0)
    assert detect_language("") == ("und", 0.0)


def test_batch_matches_single() -> None:
    texts = [PERSIAN[0], ARABIC[0], "Short English text here."]
    assert detect_languages(texts) == [detect_language(t) for t in texts]


def test_confidence_is_high_on_clear_text() -> None:
    code, confidence = detect_language("این یک متن نسبتا طولانی به زبان فارسی است که برای آزمایش نوشته شده است")
    assert code == "fa" and confidence > 0.8


# --- sentence level: detect alone only where a sentence can differ from its article ----------

EN_WITH_FRENCH = (
    "The city council approved a new plan for public transport on Sunday after a long debate.\n"
    "Under the plan, six electric bus lines will open before the end of next year.\n"
    "Le maire de la ville jumelée a déclaré que cette décision était un exemple pour la région.\n"
    "Critics say delays in the delivery of parts could push the opening back by several months."
)


def _spans(text: str) -> list[tuple[int, int]]:
    from newsweave.text.segment import split_sentences

    return split_sentences(text, "en")


def test_sentence_without_common_words_of_the_article_language_is_detected(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsweave.text import language

    detected: list[str] = []
    real = language.detect_language
    monkeypatch.setattr(language, "detect_language", lambda text: detected.append(text) or real(text))
    spans = _spans(EN_WITH_FRENCH)
    result = language.sentence_languages(EN_WITH_FRENCH, spans, "en", 0.95, 12)
    assert [code for code, _ in result] == ["en", "en", "fr", "en"]
    assert detected == [EN_WITH_FRENCH[spans[2][0] : spans[2][1]]]
    # English has no marker data against Latin-script neighbours: inherited labels are
    # reported with less confidence than the article's.
    assert result[0][1] == result[1][1] == round(0.95 * language._UNVERIFIED_FACTOR, 4) < 0.95


def test_unsure_article_has_every_sentence_detected() -> None:
    from newsweave.text import language

    spans = _spans(EN_WITH_FRENCH)
    result = language.sentence_languages(EN_WITH_FRENCH, spans, "en", 0.5, 12)
    assert [code for code, _ in result] == ["en", "en", "fr", "en"]
    assert all(conf != 0.5 for _, conf in result)  # each one measured, none inherited


def test_short_and_letterless_sentences_inherit() -> None:
    from newsweave.text import language

    text = "Ja.\n2024 — 15:30.\nThe committee approved the proposal after a long debate."
    spans = _spans(text)
    assert language.sentence_languages(text, spans, "en", 0.9, 12)[:2] == [("en", 0.9), ("en", 0.9)]


def test_persian_typed_with_arabic_letters_is_persian() -> None:
    # ي and ك for ی and ک, as on an Arabic keyboard; Persian words still mark it.
    assert detect_language("دولت ايران امروز اعلام كرد كه مذاكرات ادامه دارد")[0] == "fa"
    text = "نمايندگان كشورهاي منطقه در اين نشست شركت كردند و بيانيه پاياني فردا منتشر مي‌شود."
    assert detect_language(text)[0] == "fa"
