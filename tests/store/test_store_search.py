from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_samples import make_article

from newsweave.store import fts
from newsweave.text.keys import key

ZWNJ = "\u200c"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.sampled_from(
    [ZWNJ, "\u0640", " ", "A", "é", "e", "\u0301", "ß", "ﻻ", "ﷲ", "٣", "۴", "\u200f"]), max_size=60))
def test_index_form_is_the_match_key(text):
    assert fts.index_form(text) == key(text)


@pytest.fixture
def corpus(store):
    articles = {
        "fa": make_article("رئیس‌جمهور در کنفرانس خبری گفت که مذاکرات در سال ۲۰۲۵ به نتیجه می‌رسد.", "fa",
                           title="نشست خبری در کاخ"),
        "fa_spaced": make_article("سخنگوی دولت می گوید برنامه تغییری نکرده است.", "fa"),
        "ar": make_article("قالَ المتحدثُ باسم الوزارة إنّ الاجتماع سيُعقد في الكويت يوم الخميس.", "ar",
                           title="اجتماع مرتقب"),
        "en": make_article("Negotiators met in Geneva on Thursday; no agreement was reached.", "en",
                           title="Geneva meeting ends"),
        "en_title": make_article("Officials gave few details after the session.", "en",
                                 title="Negotiators leave without a deal"),
    }
    store.add_articles(list(articles.values()))
    return store, {name: a.id for name, a in articles.items()}


def hit_ids(store, query, **kw):
    return [h.article_id for h in store.search(query, **kw)]


def test_arabic_letter_forms_find_persian_text(corpus):
    store, ids = corpus
    assert hit_ids(store, "كنفرانس") == [ids["fa"]]      # Arabic kaf for Persian keheh
    assert hit_ids(store, "رئيس‌جمهور") == [ids["fa"]]    # Arabic yeh
    assert hit_ids(store, "الكويت") == [ids["ar"]]
    assert hit_ids(store, "الکویت") == [ids["ar"]]         # Persian letters for Arabic text


def test_zwnj_variants_match_both_ways(corpus):
    store, ids = corpus
    assert hit_ids(store, "رئیسجمهور") == [ids["fa"]]        # joined without ZWNJ
    assert hit_ids(store, "رئیس جمهور") == [ids["fa"]]       # written as two words
    assert hit_ids(store, "میرسد") == [ids["fa"]]
    assert hit_ids(store, f"می{ZWNJ}گوید") == [ids["fa_spaced"]]  # query with ZWNJ, text with a space


def test_harakat_and_digits_do_not_matter(corpus):
    store, ids = corpus
    assert hit_ids(store, "المتحدث") == [ids["ar"]]
    assert hit_ids(store, "سيعقد") == [ids["ar"]]
    assert hit_ids(store, "2025") == [ids["fa"]]
    assert hit_ids(store, "۲۰۲۵") == [ids["fa"]]


def test_english_is_case_insensitive_and_titles_rank_first(corpus):
    store, ids = corpus
    assert hit_ids(store, "GENEVA") == [ids["en"]]
    assert hit_ids(store, "negotiators") == [ids["en_title"], ids["en"]]
    hits = store.search("negotiators")
    assert hits[0].score > hits[1].score
    assert hit_ids(store, "geneva agreement") == [ids["en"]]
    assert hit_ids(store, "geneva deal") == []


def test_language_filter_and_limit(corpus):
    store, ids = corpus
    assert hit_ids(store, "negotiators", lang="fa") == []
    assert hit_ids(store, "negotiators", limit=1) == [ids["en_title"]]
    assert store.search("negotiators", limit=0) == []


def test_snippet_is_original_text_around_the_match(store):
    filler = " ".join(["lorem"] * 60)
    article = make_article(f"{filler} The ceasefire held in Gaza overnight. {filler}", "en")
    store.add_articles([article])
    (hit,) = store.search("gaza")
    assert "Gaza" in hit.snippet and hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) <= 170 and "\n" not in hit.snippet
    fa = make_article("متن کوتاه درباره‌ی رئیس‌جمهور", "fa")
    store.add_articles([fa])
    assert "رئیس‌جمهور" in store.search("رئيسجمهور")[0].snippet


def test_fts_syntax_is_used_when_clearly_meant(corpus):
    store, ids = corpus
    assert set(hit_ids(store, "geneva OR الكويت")) == {ids["en"], ids["ar"]}
    assert hit_ids(store, '"met in geneva"') == [ids["en"]]
    assert hit_ids(store, '"geneva in met"') == []
    assert hit_ids(store, "negot*") == [ids["en_title"], ids["en"]]
    assert hit_ids(store, "negotiators NOT geneva") == [ids["en_title"]]


@pytest.mark.parametrize(
    "query",
    ['"unclosed', "AND", "NOT", "OR OR", "geneva AND", "(geneva", "geneva)", "*", "-", "NEAR(", ":", "title:x",
     "^", "'", '""', "   ", "؟", "«»", "a\u0000b"],
)
def test_odd_queries_never_crash(corpus, query):
    store, _ = corpus
    assert isinstance(store.search(query), list)


def test_operator_words_alone_are_plain_words(store):
    article = make_article("Rock AND roll or not: a history of music.", "en")
    store.add_articles([article])
    assert hit_ids(store, "and") == [article.id]
    assert hit_ids(store, "NOT") == [article.id]
    assert hit_ids(store, "rock AND roll") == [article.id]
