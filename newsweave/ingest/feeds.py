"""RSS and Atom feeds: one article per entry, parsed from bytes (a URL is never fetched).

A feed with some good entries yields them and a problem for each bad one; a feed that does not
parse and has no entries is one ``bad-feed`` problem.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any, Iterator

from newsweave.ingest.dates import parse_date, struct_time_date
from newsweave.ingest.problems import BAD_FEED, MISSING_TEXT, SkipInput, problem
from newsweave.ingest.webpage import fragment_to_text
from newsweave.model import IngestProblem, RawArticle


def read_feed(
    data: bytes, source: str, *, outlet: str | None, published: dt.date | None
) -> Iterator[RawArticle | IngestProblem]:
    """Entries of a feed as ``path#N`` (N counts from 1); raises ``SkipInput`` for a broken feed."""
    import feedparser  # imported lazily: text-only runs never pay for it

    try:
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # noqa: BLE001 - feedparser's own errors are not a stable API
        raise SkipInput(BAD_FEED, f"the feed cannot be parsed ({type(exc).__name__})") from None
    entries = parsed.get("entries") or []
    if not entries:
        reason = parsed.get("bozo_exception")
        detail = f": {_one_line(reason)}" if parsed.get("bozo") and reason else ""
        raise SkipInput(BAD_FEED, f"the feed has no entries{detail}")
    feed = parsed.get("feed") or {}
    feed_outlet = _clean(feed.get("title")) or outlet
    feed_lang = _lang_code(feed.get("language") or _detail_lang(feed.get("title_detail")))
    for number, entry in enumerate(entries, start=1):
        entry_source = f"{source}#{number}"
        text = _entry_text(entry)
        if not text:
            yield problem(entry_source, MISSING_TEXT, "the feed entry has no content or summary")
            continue
        yield RawArticle(
            source=entry_source,
            text=text,
            title=_clean(fragment_to_text(entry.get("title") or "")) or None,
            url=_clean(entry.get("link")) or None,
            outlet=feed_outlet,
            published=_entry_date(entry) or published,
            author=_clean(entry.get("author")) or None,
            lang_hint=_lang_code(_entry_lang(entry)) or feed_lang,
        )


def _entry_text(entry: Any) -> str:
    """The longest of the entry's content bodies and its summary, as text."""
    candidates = [item.get("value") or "" for item in entry.get("content") or []]
    candidates.append(entry.get("summary") or "")
    best = max(candidates, key=len)
    return fragment_to_text(best) if best.strip() else ""


def _entry_date(entry: Any) -> dt.date | None:
    """The date as written (local to the outlet), falling back to feedparser's UTC reading."""
    for key in ("published", "updated", "created"):
        found = parse_date(entry.get(key))
        if found:
            return found
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        found = struct_time_date(entry.get(key))
        if found:
            return found
    return None


def _entry_lang(entry: Any) -> str | None:
    for item in entry.get("content") or []:
        if item.get("language"):
            return item["language"]
    return _detail_lang(entry.get("summary_detail")) or _detail_lang(entry.get("title_detail"))


def _detail_lang(detail: Any) -> str | None:
    return detail.get("language") if detail else None


def _lang_code(value: str | None) -> str | None:
    if not value:
        return None
    code = value.strip().replace("_", "-").split("-", 1)[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None


def _clean(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _one_line(value: object) -> str:
    return " ".join(str(value).split())[:200]
