"""Property tests over the normalisers and match keys, beyond tests/text/test_normalize.py.

That file checks idempotence and in-bounds origins on a Persian alphabet and a word list; here
the texts mix Persian, Arabic with harakat and hamza forms, decomposed Latin, every digit
system and the invisible characters news text carries (ZWNJ, ZWJ, RLM, BOM, soft hyphen),
and the offsets are followed all the way back to the original text.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from newsweave.text.keys import ZWNJ, key, key_with_map
from newsweave.text.normalize import normalize
from newsweave.text.prepare import article_id

from tests.fuzz.budget import fuzz

PERSIAN = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآئ"
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإؤئآٱ" + "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüçñ" + "\u0301\u0308\u0327"
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
INVISIBLE = ZWNJ + "\u200d\u200e\u200f\ufeff\u00ad\u0640"
PUNCT = " .,،؛؟!«»\"'()-:\n\t"
LANGS = st.sampled_from(["fa", "ar", "en", "ur", "xx"])

NEWS_TEXT = st.one_of(
    st.text(alphabet=PERSIAN + DIGITS + INVISIBLE + PUNCT + "میها", max_size=200),
    st.text(alphabet=ARABIC + DIGITS + INVISIBLE + PUNCT, max_size=200),
    st.text(alphabet=LATIN + DIGITS + PUNCT, max_size=200),
    st.text(alphabet=PERSIAN + ARABIC + LATIN + DIGITS + INVISIBLE + PUNCT, max_size=300),
    st.text(max_size=120),  # anything Unicode has, astral planes and controls included
)
WORD = st.text(alphabet=PERSIAN + ARABIC + LATIN + DIGITS + INVISIBLE, min_size=1, max_size=12).filter(
    lambda w: not unicodedata.category(w[0]).startswith("M")  # see the xfail below
)


@fuzz(400)
@given(NEWS_TEXT, LANGS)
def test_normalize_is_idempotent_on_mixed_script_news_text(text: str, lang: str) -> None:
    once = normalize(text, lang)
    twice = normalize(once.text, lang)
    assert twice.text == once.text
    assert twice.key == once.key


@fuzz(400)
@given(NEWS_TEXT, LANGS, st.data())
def test_any_span_of_the_normalised_text_maps_inside_the_original(text: str, lang: str, data) -> None:
    n = normalize(text, lang)
    assert n.original == text
    for produced, to_original in ((n.text, n.text_span), (n.key, n.key_span)):
        if not produced:
            continue
        i = data.draw(st.integers(0, len(produced)), label="start")
        j = data.draw(st.integers(i, len(produced)), label="end")
        start, end = to_original(i, j)
        assert 0 <= start <= end <= len(text)
        if i < j:
            assert start < end, "a non-empty span never maps to nothing"
        # Spans that follow each other map to spans that follow each other.
        if j < len(produced):
            next_start, _ = to_original(j, len(produced))
            assert next_start >= start


def _opens_with_dangling_mark(word: str) -> bool:
    visible = word.lstrip("\u00ad\u200c\u200d\u0640\u200e\u200f\ufeff")
    return bool(visible) and unicodedata.category(visible[0]) in {"Mn", "Me"}


@fuzz(300)
@given(st.lists(WORD, min_size=1, max_size=12), st.sampled_from(" \n،,"), LANGS)
def test_each_word_maps_back_to_the_same_word_in_the_original(words: list[str], sep: str, lang: str) -> None:
    # A word opening with a combining mark (after invisible format characters) is the known
    # offset bug kept as the strict xfail test below; this property covers every other word.
    assume(not any(_opens_with_dangling_mark(w) for w in words))
    text = (sep if sep.isspace() else sep + " ").join(words)
    n = normalize(text, lang)
    for m in re.finditer(r"\S+", n.key):
        start, end = n.key_span(m.start(), m.end())
        assert key(text[start:end]) == m.group()
    for m in re.finditer(r"\S+", n.text):
        start, end = n.text_span(m.start(), m.end())
        assert key(unicodedata.normalize("NFC", text[start:end])) == key(m.group())


@fuzz(500)
@given(NEWS_TEXT)
def test_key_is_idempotent_and_agrees_with_key_with_map(text: str) -> None:
    folded, origin = key_with_map(text)
    assert folded == key(text)
    assert key(folded) == folded
    assert len(origin) == len(folded)
    assert list(origin) == sorted(origin)
    for i, source in enumerate(origin):
        assert folded[i] in key(text[source]), "each key character comes from the character it names"


@pytest.mark.xfail(strict=True, reason="NFC maps a combining run to its first character, here the space before the word")
def test_word_starting_with_a_dangling_combining_mark_maps_without_the_space_before_it() -> None:
    text = "0 \u0301H\u0308"
    n = normalize(text, "fa")
    word = n.text.split(" ")[-1]
    start, _ = n.text_span(len(n.text) - len(word), len(n.text))
    assert text[start] != " "


SPELLING_VARIANTS = (("ی", "ي"), ("ک", "ك"), ("ه", "ه"), (" ", "  "), (" ", "\n"))


@fuzz(300)
@given(st.lists(st.text(alphabet=PERSIAN + DIGITS, min_size=1, max_size=10), min_size=2, max_size=20), st.data())
def test_article_id_ignores_spelling_and_spacing_variants(words: list[str], data) -> None:
    text = " ".join(words)
    variant = text
    for plain, other in SPELLING_VARIANTS:
        if data.draw(st.booleans(), label=f"{plain!r}->{other!r}"):
            variant = variant.replace(plain, other)
    if data.draw(st.booleans(), label="zwnj"):
        variant = variant.replace(" ", " " + ZWNJ, 1)
    assume(variant != text)
    assert article_id(variant) == article_id(text)
