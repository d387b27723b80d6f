"""JSON lines (one article object per line) and JSON files (one object or a list of them).

Fields: ``text`` (required), ``title``, ``url``, ``outlet``, ``published`` (ISO date or datetime),
``author``, ``lang``. A bad line is one problem naming ``path:LINE``; the other lines still come.
An unreadable ``published`` value is ignored (the user's ``--published`` applies) rather than
losing the article over it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Iterator

from newsweave.ingest.dates import parse_date
from newsweave.ingest.decode import normalize_newlines
from newsweave.ingest.plaintext import trim_blank_lines
from newsweave.ingest.problems import BAD_JSON, MISSING_TEXT, SkipInput
from newsweave.model import IngestProblem, RawArticle


def read_jsonl(
    text: str, source: str, *, outlet: str | None, published: dt.date | None
) -> Iterator[RawArticle | IngestProblem]:
    """One item per non-blank line, sourced ``path:LINE`` (LINE counts from 1)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        line_source = f"{source}:{number}"
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield SkipInput(BAD_JSON, f"the line is not valid JSON ({_reason(exc)})").problem(line_source)
            continue
        yield _record_or_problem(record, line_source, outlet=outlet, published=published)


def read_json(
    text: str, source: str, *, outlet: str | None, published: dt.date | None
) -> Iterator[RawArticle | IngestProblem]:
    """A whole-file JSON article or list of articles (``path#N``); JSON lines when it is not one document."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        yield from read_jsonl(text, source, outlet=outlet, published=published)
        return
    if isinstance(document, list):
        for number, record in enumerate(document, start=1):
            yield _record_or_problem(record, f"{source}#{number}", outlet=outlet, published=published)
    else:
        yield _record_or_problem(document, source, outlet=outlet, published=published)


def _record_or_problem(
    record: Any, source: str, *, outlet: str | None, published: dt.date | None
) -> RawArticle | IngestProblem:
    try:
        return record_to_article(record, source, outlet=outlet, published=published)
    except SkipInput as skip:
        return skip.problem(source)


def record_to_article(
    record: Any, source: str, *, outlet: str | None, published: dt.date | None
) -> RawArticle:
    if not isinstance(record, dict):
        raise SkipInput(BAD_JSON, f"expected a JSON object, found {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise SkipInput(MISSING_TEXT, "the record has no \"text\" field with article text")
    return RawArticle(
        source=source,
        text=trim_blank_lines(normalize_newlines(text)),
        title=_string(record.get("title")),
        url=_string(record.get("url")),
        outlet=_string(record.get("outlet")) or outlet,
        published=parse_date(record.get("published")) or published,
        author=_string(record.get("author")),
        lang_hint=_string(record.get("lang")),
    )


def _string(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _reason(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return getattr(exc, "msg", None) or str(exc).split(":", 1)[0]
