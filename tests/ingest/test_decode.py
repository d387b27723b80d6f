"""Bytes to text: BOMs, UTF-16 with and without BOM, legacy Arabic code pages, binary refusal."""

from __future__ import annotations

import codecs
import gzip

import pytest

from newsweave.ingest.decode import decode
from newsweave.ingest.problems import SkipInput

ARABIC = "أعلنت البلدية صباح اليوم عن افتتاح حديقة عامة جديدة في وسط المدينة بمساحة عشرة آلاف متر مربع.\n"
PERSIAN = "شهرداری امروز از بازگشایی پارک بزرگ مرکز شهر پس از شش ماه بازسازی خبر داد.\n"


def _code(data: bytes) -> str:
    with pytest.raises(SkipInput) as caught:
        decode(data)
    return caught.value.reason


def test_utf8_passes_through() -> None:
    assert decode(PERSIAN.encode()) == PERSIAN


def test_utf8_bom_is_stripped() -> None:
    assert decode(codecs.BOM_UTF8 + PERSIAN.encode()) == PERSIAN


def test_crlf_and_cr_become_newlines() -> None:
    assert decode(b"first line\r\nsecond line\rthird line\r\n") == "first line\nsecond line\nthird line\n"


def test_windows_1256_arabic() -> None:
    assert decode((ARABIC * 3).encode("cp1256")) == ARABIC * 3


def test_windows_1256_declared_in_html_meta() -> None:
    page = f'<html><head><meta charset="windows-1256"></head><body><p>{ARABIC}</p></body></html>'
    assert ARABIC.strip() in decode(page.encode("cp1256"))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_or_without_bom(encoding: str) -> None:
    text = ARABIC + "Mixed with English words and digits 2025.\n"
    assert decode(text.encode(encoding)) == text


def test_utf16_without_bom_english() -> None:
    text = "The museum reopened on Saturday after a long renovation.\n"
    assert decode(text.encode("utf-16-le")) == text


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        gzip.compress(b"some compressed article text"),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        b"\x00\x01\x02\x03\xff\xfe\x10\x11" * 50,
        b"plain words then \x00\x00\x07\x08\x00\x01\x02\x00 binary tail" * 4,
    ],
)
def test_binary_is_refused(data: bytes) -> None:
    assert _code(data) == "binary"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_is_refused(data: bytes) -> None:
    assert _code(data) == "empty"


def test_undecodable_bytes_are_refused() -> None:
    assert _code(bytes(range(0x80, 0x100)) * 8) == "encoding"


def test_invalid_bytes_after_utf16_bom_are_refused() -> None:
    assert _code(codecs.BOM_UTF16_LE + b"\x00\xd8\x41\x00") == "encoding"


def test_one_stray_control_character_in_a_short_text_is_not_binary() -> None:
    # A JSON string may carry a raw DEL; a short text with one is still text (fuzzing found it).
    text = '{"title": "x", "text": "\x7f"}\n'
    assert decode(text.encode()) == text
    assert _code(bytes(range(1, 9)) * 4) == "binary"
