"""Which reader an input needs: by file extension first, by content when that says nothing."""

from __future__ import annotations

import json
import re
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"
    HTML = "html"
    FEED = "feed"
    JSONL = "jsonl"
    JSON = "json"


_BY_EXTENSION: dict[str, Kind] = {
    ".txt": Kind.TEXT,
    ".text": Kind.TEXT,
    ".md": Kind.TEXT,
    ".html": Kind.HTML,
    ".htm": Kind.HTML,
    ".xhtml": Kind.HTML,
    ".xml": Kind.FEED,
    ".rss": Kind.FEED,
    ".atom": Kind.FEED,
    ".rdf": Kind.FEED,
    ".jsonl": Kind.JSONL,
    ".ndjson": Kind.JSONL,
    ".json": Kind.JSON,
}

# Extensions a directory walk passes over without a word: they are never articles.
SKIPPED_IN_DIRECTORIES = frozenset(
    """.json .png .jpg .jpeg .gif .webp .bmp .ico .svg .tif .tiff .avif .heic
    .zip .gz .tgz .bz2 .xz .zst .7z .rar .tar .mp3 .mp4 .m4a .wav .ogg .webm .avi .mov .mkv .flac
    .pdf .doc .docx .xls .xlsx .ppt .pptx .odt .epub .woff .woff2 .ttf .otf .eot
    .css .js .mjs .map .py .pyc .so .dll .exe .bin .db .sqlite .sqlite3 .parquet .pkl .npy""".split()
)

_FEED_ROOT = re.compile(r"<(?:[a-z0-9]+:)?(?:rss|feed|RDF)\b", re.IGNORECASE)
_HTML_MARK = re.compile(
    r"<(?:!doctype\s+html|html|head|body|article|main|div|p|meta|title|h1|section)[\s>/]", re.IGNORECASE
)
_DOCUMENT_HTML = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)
_SNIFF_CHARS = 2048


def kind_from_extension(suffix: str) -> Kind | None:
    return _BY_EXTENSION.get(suffix.lower())


def sniff_kind(text: str) -> Kind:
    """Guess from the start of decoded content: feed, HTML, JSON lines, else plain text."""
    head = text[:_SNIFF_CHARS].lstrip()
    if head.startswith("<"):
        if _FEED_ROOT.search(head) and not _DOCUMENT_HTML.match(head):
            return Kind.FEED
        if _HTML_MARK.search(head):
            return Kind.HTML
    if head.startswith("{") and _first_line_is_json_object(head):
        return Kind.JSONL
    if head.startswith("[") and _is_json(text):
        return Kind.JSON
    return Kind.TEXT


def looks_like_html_document(text: str) -> bool:
    """A full HTML page saved under a text extension (cheap: looks at the first characters only)."""
    return bool(_DOCUMENT_HTML.match(text[:_SNIFF_CHARS]))


def _first_line_is_json_object(head: str) -> bool:
    first = head.split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return _is_json(head) if "\n" not in head.rstrip() else False


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True
