"""Bytes to text: BOMs, UTF-8 first (cheap), UTF-16 without a BOM, declared charsets, then detection.

Binary inputs are recognised before any decoding is attempted, by magic numbers and by control
bytes that no text encoding produces, so a PNG never reaches charset detection.
"""

from __future__ import annotations

import codecs
import re

from newsweave.ingest.problems import BINARY, EMPTY, ENCODING, SkipInput

# Signatures of common non-text formats (images, archives, documents, media, executables).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"BM", ""),  # checked only together with the control-byte test below
    (b"\x1f\x8b", "a gzip archive"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/EPUB)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"BZh", ""),
    (b"\xfd7zXZ\x00", "an XZ archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"(\xb5/\xfd", "a Zstandard archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x7fELF", "an executable"),
    (b"MZ", ""),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"fLaC", "a FLAC file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 file"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 file"),
    (b"\x00asm", "a WebAssembly module"),
    (b"SQLite format 3\x00", "a SQLite database"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 control bytes that never occur in text (tab, newlines, form feed and escape do).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ufffd]")
_DECLARED_CHARSET = re.compile(
    rb"""(?:<meta[^>]{0,200}?charset\s*=\s*["']?|<\?xml[^>]{0,100}?encoding\s*=\s*["'])([A-Za-z0-9_.:-]{2,40})""",
    re.IGNORECASE,
)
_NEWLINES = re.compile(r"\r\n?")
_MAX_CONTROL_RATIO = 0.01
_SNIFF_BYTES = 4096
_RATIO_FLOOR = 256
"""Control ratios are taken over at least this many characters: one stray DEL in a short text is
not binary data, a handful in a short input still is."""
_DETECT_BYTES = 256 * 1024


def decode(data: bytes) -> str:
    """The text of ``data`` with BOM removed and newlines normalised; raises ``SkipInput``."""
    if not data.strip():
        raise SkipInput(EMPTY, "the input is empty" if not data else "the input holds only whitespace")
    text = _decode_any(data)
    text = normalize_newlines(text)
    if not text.strip():
        raise SkipInput(EMPTY, "the input holds only whitespace")
    return text


def normalize_newlines(text: str) -> str:
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    return text


def _decode_any(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding)
    _refuse_binary_magic(data)
    if b"\x00" in data[:_SNIFF_BYTES] or b"\x00" in data[-_SNIFF_BYTES:]:
        return _decode_nul_bearing(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_legacy(data)
    _refuse_control_heavy(text)
    return text


def _strict(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SkipInput(ENCODING, f"bytes at offset {exc.start} are not valid {encoding}") from None
    _refuse_control_heavy(text)
    return text


def _refuse_binary_magic(data: bytes) -> None:
    head = data[:32]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            if what:
                raise SkipInput(BINARY, f"the input is {what}, not text")
            if _control_ratio_bytes(data[:_SNIFF_BYTES]) > _MAX_CONTROL_RATIO:
                raise SkipInput(BINARY, "the input is binary data, not text")


def _control_ratio_bytes(sample: bytes) -> float:
    return len(_CONTROL_BYTES.findall(sample)) / max(len(sample), _RATIO_FLOOR)


def _refuse_control_heavy(text: str) -> None:
    sample = text[:_SNIFF_BYTES]
    if len(_CONTROL_CHARS.findall(sample)) / max(len(sample), _RATIO_FLOOR) > _MAX_CONTROL_RATIO:
        raise SkipInput(BINARY, "the input is binary data (control characters), not text")


def _decode_nul_bearing(data: bytes) -> str:
    """NUL bytes mean UTF-16 without a BOM (spaces and digits are 00-padded) or binary data."""
    encoding = _utf16_byte_order(data[:_SNIFF_BYTES])
    if encoding is None:
        raise SkipInput(BINARY, "the input is binary data (NUL bytes), not text")
    return _strict(data[: len(data) // 2 * 2], encoding)


def _utf16_byte_order(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when one byte lane looks like UTF-16 high bytes of one script."""
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    lanes = {"utf-16-le": sample[1::2], "utf-16-be": sample[0::2]}
    for encoding, high in lanes.items():
        low = sample[0::2] if encoding == "utf-16-le" else sample[1::2]
        nul_share = high.count(0) / len(high)
        if nul_share < 0.05 or low.count(0) / len(low) > 0.02:
            continue
        top = sorted((high.count(b) for b in set(high)), reverse=True)[:3]
        if sum(top) / len(high) >= 0.9:
            return encoding
    return None


def _decode_legacy(data: bytes) -> str:
    """Not UTF-8: a declared charset if it decodes, else charset detection; never mojibake silently."""
    if _control_ratio_bytes(data[:_SNIFF_BYTES]) > _MAX_CONTROL_RATIO:
        raise SkipInput(BINARY, "the input is binary data (control bytes), not text")
    declared = _declared_encoding(data[:_SNIFF_BYTES])
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    return _detect(data)


def _declared_encoding(head: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(head)
    if not match:
        return None
    name = match[1].decode("ascii").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return None if codec in {"utf-8", "ascii"} else codec


def _detect(data: bytes) -> str:
    import charset_normalizer  # imported lazily: only legacy-encoded inputs pay for it

    best = charset_normalizer.from_bytes(data[:_DETECT_BYTES]).best()
    if best is None or best.encoding in {"utf_8", "ascii"}:
        raise SkipInput(ENCODING, "the bytes are neither UTF-8 nor any recognisable text encoding")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise SkipInput(ENCODING, f"the bytes do not decode as the detected encoding {best.encoding}") from None
    _refuse_control_heavy(text)
    return text
