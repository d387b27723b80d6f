"""Ingest: turn files, directories, feeds and standard input into ``RawArticle`` records.

``read_inputs`` is the one entry point. It streams (a directory of 10,000 files is walked and read
one file at a time), and a bad input never stops the batch: it becomes one ``IngestProblem`` with
a stable code (see :mod:`newsweave.ingest.problems`) and the next input is read.

Per input: size check (before reading) → read bytes → decode (BOM, UTF-8, UTF-16, legacy
charsets; binary refused) → pick a reader by extension or by sniffing → reader yields articles →
articles shorter than ``settings.min_article_chars`` become ``too-short`` problems.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass, replace
from typing import BinaryIO, Iterable, Iterator

from newsweave.ingest.decode import decode
from newsweave.ingest.feeds import read_feed
from newsweave.ingest.jsonlines import read_json, read_jsonl
from newsweave.ingest.plaintext import read_text
from newsweave.ingest.problems import TOO_LARGE, TOO_SHORT, UNREADABLE, SkipInput, problem
from newsweave.ingest.sniff import Kind, kind_from_extension, looks_like_html_document, sniff_kind
from newsweave.ingest.sources import InputFile, expand_paths
from newsweave.ingest.webpage import read_webpage
from newsweave.model import IngestProblem, RawArticle
from newsweave.settings import Settings

__all__ = ["read_inputs", "read_bytes"]


@dataclass(frozen=True, slots=True)
class _Defaults:
    """What the user supplied for inputs that carry no outlet or date of their own."""

    outlet: str | None
    published: dt.date | None


def read_inputs(
    paths: Iterable[str | os.PathLike],
    *,
    settings: Settings,
    outlet: str | None = None,
    published: dt.date | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[RawArticle | IngestProblem]:
    """Articles and problems from every input, lazily, in a deterministic order."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]  # one path given bare: never iterate over its characters
    defaults = _Defaults(outlet=outlet, published=published)
    for unit in expand_paths(paths):
        if isinstance(unit, IngestProblem):
            yield unit
            continue
        yield from _read_unit(unit, settings, defaults, stdin)


def read_bytes(
    data: bytes,
    source: str,
    *,
    settings: Settings,
    suffix: str = "",
    outlet: str | None = None,
    published: dt.date | None = None,
) -> Iterator[RawArticle | IngestProblem]:
    """Articles from bytes already in memory (an upload, a message); ``suffix`` hints the kind."""
    defaults = _Defaults(outlet=outlet, published=published)
    if len(data) > settings.max_input_bytes:
        yield _too_large(source, len(data), settings)
        return
    yield from _guarded(_articles_from_bytes(data, source, suffix, defaults, settings), source, settings)


def _read_unit(
    unit: InputFile, settings: Settings, defaults: _Defaults, stdin: BinaryIO | None
) -> Iterator[RawArticle | IngestProblem]:
    if unit.size is not None and unit.size > settings.max_input_bytes:
        yield _too_large(unit.source, unit.size, settings)
        return
    try:
        data = _read_limited(unit, settings.max_input_bytes, stdin)
    except SkipInput as skip:
        yield skip.problem(unit.source)
        return
    suffix = os.path.splitext(unit.path)[1] if unit.path else ""
    yield from _guarded(_articles_from_bytes(data, unit.source, suffix, defaults, settings), unit.source, settings)


def _read_limited(unit: InputFile, limit: int, stdin: BinaryIO | None) -> bytes:
    """At most ``limit + 1`` bytes, so a file that grew (or an endless pipe) is still caught."""
    try:
        if unit.path is None:
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(limit + 1)
        else:
            with open(unit.path, "rb") as handle:
                data = handle.read(limit + 1)
    except PermissionError:
        raise SkipInput(UNREADABLE, "permission denied") from None
    except FileNotFoundError:
        raise SkipInput(UNREADABLE, "the file disappeared while reading") from None
    except OSError as exc:
        raise SkipInput(UNREADABLE, exc.strerror or type(exc).__name__) from None
    if len(data) > limit:
        raise SkipInput(TOO_LARGE, f"the input is larger than the limit of {limit:,} bytes (max_input_bytes)")
    return data


def _too_large(source: str, size: int, settings: Settings) -> IngestProblem:
    return problem(
        source,
        TOO_LARGE,
        f"the input has {size:,} bytes, more than the limit of {settings.max_input_bytes:,} (max_input_bytes)",
    )


def _articles_from_bytes(
    data: bytes, source: str, suffix: str, defaults: _Defaults, settings: Settings
) -> Iterator[RawArticle | IngestProblem]:
    text = decode(data)
    kind = kind_from_extension(suffix) if suffix else None
    if kind is None:
        kind = sniff_kind(text)
    elif kind is Kind.TEXT and looks_like_html_document(text):
        kind = Kind.HTML
    meta = {"outlet": defaults.outlet, "published": defaults.published}
    if kind is Kind.FEED:
        yield from read_feed(data, source, **meta)
    elif kind is Kind.HTML:
        yield read_webpage(text, source, min_chars=settings.min_article_chars, **meta)
    elif kind is Kind.JSONL:
        yield from read_jsonl(text, source, **meta)
    elif kind is Kind.JSON:
        yield from read_json(text, source, **meta)
    else:
        yield read_text(text, source, **meta)


def _guarded(
    items: Iterator[RawArticle | IngestProblem], source: str, settings: Settings
) -> Iterator[RawArticle | IngestProblem]:
    """Turn a reader's ``SkipInput`` into a problem, and refuse articles too short to be ones."""
    try:
        for item in items:
            yield _too_short(_without_nul(item), settings) if isinstance(item, RawArticle) else item
    except SkipInput as skip:
        yield skip.problem(source)


_NUL_FIELDS = ("text", "title", "url", "outlet", "author", "lang_hint")


def _without_nul(article: RawArticle) -> RawArticle:
    """U+0000 carries nothing in news text, and PostgreSQL text cannot hold it: one NUL (a
    ``\\u0000`` escape in JSONL, say) must not cost the batch it arrives in."""
    changed = {
        name: value.replace("\x00", "")
        for name in _NUL_FIELDS
        if isinstance(value := getattr(article, name), str) and "\x00" in value
    }
    return replace(article, **changed) if changed else article


def _too_short(article: RawArticle, settings: Settings) -> RawArticle | IngestProblem:
    length = len(article.text.strip())
    if length >= settings.min_article_chars:
        return article
    return problem(
        article.source,
        TOO_SHORT,
        f"only {length} characters of text, fewer than {settings.min_article_chars} (min_article_chars)",
    )
