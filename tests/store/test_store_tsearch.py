"""The tsvector and tsquery the PostgreSQL store builds (their effect is checked on a real server
by the search tests, which run on both backends)."""

from __future__ import annotations

import pytest

from newsweave.store import fts, tsearch

ZWNJ = "\u200c"


def test_title_body_and_zwnj_pieces_are_weighted_with_a_gap_between_them():
    vector = tsearch.tsvector("Talks in Muscat", f"Muscat talks: می{ZWNJ}گوید")
    assert vector == "'talks':1A,6B 'in':2A 'muscat':3A,5B 'میگوید':7B 'می':9C 'گوید':10C"


def test_words_are_cut_the_same_way_whatever_the_script():
    assert tsearch.words(fts.index_form("قالَ المتحدثُ: «الاجتماع» يوم ۵")) == ["قال", "المتحدث", "الاجتماع", "یوم", "5"]
    assert tsearch.words("it's o'clock") == ["it", "s", "o", "clock"]


def _tsquery(query: str) -> str | None:
    return tsearch.tsquery(fts.syntax_query(query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("a b OR d", "(('a' & 'b') | 'd')"),        # adjacent phrases bind tightest, OR loosest
        ("a NOT b c", "('a' & !('b' & 'c'))"),      # NOT is binary, as in FTS5
        ("a OR d NOT a", "('a' | ('d' & !'a'))"),
        ('"met in geneva"', "('met' <-> 'in' <-> 'geneva')"),
        ("negot*", "'negot':*"),
        ("NEAR(a c)", "('a' & 'c')"),
        ("x AND (y OR z)", "('x' & ('y' | 'z'))"),
    ],
)
def test_fts5_syntax_becomes_the_same_tsquery(query, expected):
    assert _tsquery(query) == expected


@pytest.mark.parametrize("query", ["(a b) c", "a (b)", "geneva NEAR/3 met", "a OR", "(geneva", "NOT a"])
def test_what_fts5_rejects_is_not_a_tsquery_either(query):
    assert _tsquery(query) is None


def test_zwnj_word_matches_joined_or_as_two_words():
    (parsed,) = fts.queries(f"رئیس{ZWNJ}جمهور")
    assert tsearch.tsquery(parsed) == "('رییسجمهور' | ('رییس' <-> 'جمهور'))"
