"""Ingest never raises and never hangs, whatever the bytes: an article or a clean problem.

tests/ingest/test_arbitrary_bytes.py throws random bytes at files on disk; here the in-memory
entry point ``read_bytes`` gets well-formed containers (JSONL, JSON, RSS, HTML) filled with
arbitrary Unicode, HTML nested thousands of levels deep, and single lines of megabytes.
"""

from __future__ import annotations

import json
from html import escape
from xml.sax.saxutils import escape as xml_escape

from hypothesis import given
from hypothesis import strategies as st

from newsweave.ingest import read_bytes
from newsweave.model import IngestProblem, RawArticle
from newsweave.settings import Settings

from tests.fuzz.budget import finishes_within, fuzz

SETTINGS = Settings(max_input_bytes=8 * 1024 * 1024)
SUFFIXES = st.sampled_from(["", ".txt", ".html", ".htm", ".xml", ".rss", ".atom", ".jsonl", ".json", ".md", ".bin"])
ANY_TEXT = st.text(max_size=400)
NEWSY = st.text(alphabet="ابپتثجچحخدسشکگلمنوهیيكةءأ abcdefghijklmnopqrstuvwxyz0123456789۱۲۳.,،؟!«»\n<>&\"'/", max_size=400)
FIELD = st.one_of(ANY_TEXT, NEWSY, st.integers(), st.none(), st.lists(st.integers(), max_size=3), st.booleans())


def _check(items: list) -> None:
    assert items, "every input yields at least one item"
    for item in items:
        assert isinstance(item, (RawArticle, IngestProblem))
        if isinstance(item, IngestProblem):
            assert item.code and item.message and item.source
        else:
            assert len(item.text.strip()) >= SETTINGS.min_article_chars
            assert item.source.startswith("fuzz")
            assert "\x00" not in item.text


def _read(data: bytes, suffix: str = "") -> list:
    with finishes_within(30, f"reading {len(data):,} bytes as {suffix or 'unknown'}"):
        return list(read_bytes(data, "fuzz", settings=SETTINGS, suffix=suffix))


@fuzz(300)
@given(st.binary(max_size=4096), SUFFIXES)
def test_arbitrary_bytes_in_memory(data: bytes, suffix: str) -> None:
    _check(_read(data, suffix))


@fuzz(300)
@given(ANY_TEXT, st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]), SUFFIXES)
def test_arbitrary_unicode_in_any_encoding(text: str, encoding: str, suffix: str) -> None:
    _check(_read(text.encode(encoding, errors="surrogatepass"), suffix))


@fuzz(200)
@given(st.lists(st.dictionaries(st.sampled_from(["title", "text", "body", "content", "published", "date", "outlet",
                                                 "url", "lang", "author", "extra"]), FIELD, max_size=6),
                min_size=1, max_size=6))
def test_jsonl_records_with_arbitrary_fields(records: list[dict]) -> None:
    data = "\n".join(json.dumps(r, ensure_ascii=bool(len(r) % 2)) for r in records).encode("utf-8")
    items = _read(data, ".jsonl")
    _check(items)
    assert len(items) >= len([r for r in records if r]), "one item per non-empty line at least"


@fuzz(150)
@given(st.lists(st.tuples(NEWSY, NEWSY, st.sampled_from(["Mon, 08 Dec 2025 10:00:00 +0330", "garbage", "", "2025-12-08"])),
                min_size=1, max_size=4))
def test_rss_items_with_arbitrary_text(entries: list[tuple[str, str, str]]) -> None:
    items = "".join(
        f"<item><title>{xml_escape(t)}</title><description>{xml_escape(d)}</description><pubDate>{p}</pubDate></item>"
        for t, d, p in entries
    )
    data = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'
    _check(_read(data.encode("utf-8"), ".rss"))


@fuzz(60)
@given(st.integers(1, 6000), st.sampled_from(["div", "p", "span", "b", "table", "li", "section"]), NEWSY,
       st.booleans(), SUFFIXES)
def test_deeply_nested_html(depth: int, tag: str, text: str, closed: bool, suffix: str) -> None:
    body = f"<{tag}>" * depth + escape(text + " این متن خبری است که در عمق زیادی قرار دارد.") + (f"</{tag}>" * depth if closed else "")
    data = f"<!DOCTYPE html><html><head><title>عنوان</title></head><body>{body}</body></html>".encode("utf-8")
    _check(_read(data, suffix))


@fuzz(12)
@given(st.text(alphabet="ابتثجحخ سشصضطظعغ abcxyz.،<>&;", min_size=1, max_size=16), st.integers(50_000, 400_000), SUFFIXES)
def test_huge_single_lines(unit: str, repeat: int, suffix: str) -> None:
    data = (unit * (repeat // len(unit) + 1))[:repeat].encode("utf-8")
    _check(_read(data, suffix))


def test_input_over_the_limit_is_a_problem_not_a_read() -> None:
    items = list(read_bytes(b"x" * 2048, "fuzz", settings=Settings(max_input_bytes=1024)))
    assert [type(i) for i in items] == [IngestProblem] and items[0].code == "too-large"
