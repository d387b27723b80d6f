"""Name keys: Persian, Arabic and Latin spellings of one name meet; different names stay apart."""

from __future__ import annotations

import pytest

from newsweave.link.keys import arabic_loose_tokens, loose_token, name_key
from newsweave.link.translit import latin_to_arabic_keys

# fa / ar spellings of names from other news (no seed needed).
FA_AR_PAIRS = [
    ("عراقچی", "عراقجي"),  # Araghchi: Arabic has no چ
    ("نتانیاهو", "نتنياهو"),  # Netanyahu: long-vowel letters differ
    ("گوترش", "غوتيريش"),  # Guterres: Persian گ, Arabic غ
    ("ماکرون", "ماكرون"),  # Macron: ک / ك
    ("اردوغان", "أردوغان"),  # Erdogan: hamza on alef
    ("لاوروف", "لافروف"),  # Lavrov: v as و / ف
    ("برهان", "البرهان"),  # Burhan: Arabic article
    ("ولودیمیر", "فولوديمير"),  # Volodymyr: v as و / ف
    ("پوتین", "بوتين"),  # Putin: پ / ب
    ("استفانیشینا", "ستيفانيشينا"),  # prosthetic alef before st-
    ("آندری", "أندريه"),  # final -e written as ه
    ("فاطمه", "فاطمة"),  # ta marbuta
    ("چاد", "تشاد"),  # Chad: Arabic writes ch as تش
    ("ژنو", "جنيف"),  # Geneva: ژ / ج (and v as ف)
]


@pytest.mark.parametrize(("fa", "ar"), FA_AR_PAIRS)
def test_persian_and_arabic_spellings_share_a_loose_key(fa: str, ar: str) -> None:
    assert arabic_loose_tokens(fa) == arabic_loose_tokens(ar)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("احمد", "حمد"),  # Ahmad is not Hamad: alef before a non-sibilant is a sound
        ("احمدی", "محمدی"),
        ("کریمی", "رحیمی"),
        ("تهران", "طهرانی زاده"),
    ],
)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert arabic_loose_tokens(a) != arabic_loose_tokens(b)


@pytest.mark.parametrize(
    ("latin", "arabic_script"),
    [
        ("Zelensky", "زلنسکی"),
        ("Zelenskyy", "زيلينسكي"),
        ("Netanyahu", "نتانیاهو"),
        ("Macron", "ماكرون"),
        ("Erdogan", "اردوغان"),
        ("Lavrov", "لافروف"),
        ("Araghchi", "عراقچی"),
        ("al-Burhan", "البرهان"),
        ("Kushner", "كوشنر"),
        ("Stefanishyna", "استفانیشینا"),
        ("Volodymyr Zelensky", "فولوديمير زيلينسكي"),
        ("Vladimir Putin", "ولادیمیر پوتین"),
        ("Erdoğan", "أردوغان"),  # diacritics go through anyascii
        ("Лавров", "لاوروف"),  # Cyrillic too
    ],
)
def test_latin_names_reach_arabic_script_keys(latin: str, arabic_script: str) -> None:
    assert " ".join(arabic_loose_tokens(arabic_script)) in latin_to_arabic_keys(latin)


def test_latin_keys_do_not_match_unrelated_names() -> None:
    assert " ".join(arabic_loose_tokens("نتانیاهو")) not in latin_to_arabic_keys("Macron")
    assert " ".join(arabic_loose_tokens("لاریجانی")) not in latin_to_arabic_keys("Araghchi")


def test_name_key_is_the_in_script_skeleton() -> None:
    assert name_key("زلنسکی") == name_key("زيلينسكي")
    assert name_key("رستم عمروف") == "رستم امرف"
    assert name_key("Rustem  Umerov") == "rustem umerov"
    assert name_key("") == ""


def test_loose_token_handles_tiny_and_empty_tokens() -> None:
    assert loose_token("") == ""
    assert loose_token("ا") == "ا"
    assert arabic_loose_tokens("  ") == ()
