"""HTML pages: main text and metadata through trafilatura, with a plain fallback.

trafilatura removes navigation, comments and footers; when it keeps too little (a page it does
not recognise as an article, a fragment, badly broken markup) the fallback keeps all visible
block text, which is better than losing the article. Feed entries use the fallback directly:
their HTML is already the article body.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from newsweave.ingest.dates import parse_date
from newsweave.ingest.plaintext import trim_blank_lines
from newsweave.ingest.problems import NO_TEXT, SkipInput
from newsweave.model import RawArticle

# trafilatura and htmldate log per-page warnings; inputs that fail are reported as problems.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False

_BLOCK_TAGS = frozenset(
    """address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6
    header hr li main nav ol p pre section table tbody td th thead tr ul""".split()
)
_INVISIBLE_TAGS = frozenset("script style noscript template svg iframe object canvas select button".split())
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_RUNS = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)+")
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class PageText:
    text: str
    title: str | None = None
    meta: dict[str, str] | None = None


class _VisibleText(HTMLParser):
    """Visible text with block elements on their own lines, plus <title> and <meta> values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._hidden_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            self._remember_meta(dict(attrs))
        elif tag == "link":
            values = dict(attrs)
            if (values.get("rel") or "").lower() == "canonical" and values.get("href"):
                self.meta.setdefault("canonical", values["href"] or "")
        if tag in _INVISIBLE_TAGS:
            self._hidden_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._remember_meta(dict(attrs))
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _INVISIBLE_TAGS:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._hidden_depth:
            self.parts.append(data)

    def _remember_meta(self, attrs: dict[str, str | None]) -> None:
        name = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = attrs.get("content")
        if name and content:
            self.meta.setdefault(name, content.strip())


# A "<" whose tag never closes before the next "<" cannot start a tag. The standard library's
# parser rescans to the end of the input at each such "<", which is quadratic on long lines.
_UNCLOSABLE_LT = re.compile(r"<(?=[^<>]*(?:<|$))")


def html_to_text(markup: str) -> PageText:
    """All visible text, one line per block element; never raises on broken markup."""
    parser = _VisibleText()
    try:
        parser.feed(_UNCLOSABLE_LT.sub("&lt;", markup))
        parser.close()
    except (AssertionError, ValueError):  # html.parser gives up on a few pathological inputs
        pass
    text = _BLANK_RUNS.sub("\n\n", _SPACES.sub(" ", "".join(parser.parts)))
    lines = "\n".join(line.strip() for line in text.split("\n"))
    title = _WHITESPACE.sub(" ", "".join(parser.title_parts)).strip() or None
    return PageText(text=trim_blank_lines(_BLANK_RUNS.sub("\n\n", lines)), title=title, meta=parser.meta)


def fragment_to_text(markup: str) -> str:
    """Text of an HTML fragment (a feed entry body); plain text passes through unescaped."""
    if "<" not in markup:
        return trim_blank_lines(unescape(markup))
    return html_to_text(markup).text


def read_webpage(
    markup: str, source: str, *, outlet: str | None, published: dt.date | None, min_chars: int
) -> RawArticle:
    """One article from a page; raises ``SkipInput`` (``no-text``) when the page has no text at all."""
    found = _trafilatura(markup)
    fallback = html_to_text(markup)
    meta = fallback.meta or {}
    text = found.text if found and len(found.text) >= min_chars else fallback.text
    if not text.strip():
        raise SkipInput(NO_TEXT, "the HTML page contains no visible text")
    title = (found.title if found else None) or _meta_title(meta) or fallback.title
    text = _drop_leading_title(text, title)
    lang = _HTML_LANG.search(markup[:4096])
    found_meta = (found.meta if found else None) or {}
    return RawArticle(
        source=source,
        text=text,
        title=title,
        url=found_meta.get("url") or meta.get("og:url") or meta.get("canonical"),
        outlet=found_meta.get("sitename") or meta.get("og:site_name") or outlet,
        published=parse_date(found_meta.get("date"))
        or parse_date(meta.get("article:published_time") or meta.get("datepublished"))
        or published,
        author=found_meta.get("author") or meta.get("author") or None,
        lang_hint=lang[1].lower() if lang else None,
    )


def _trafilatura(markup: str) -> PageText | None:
    import trafilatura  # imported lazily: text-only runs never pay for it

    try:
        doc = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": True, "original_date": True},
        )
    except Exception:  # noqa: BLE001 - a third-party parser failing on one page must not stop the batch
        return None
    if doc is None:
        return None
    values = doc if isinstance(doc, dict) else doc.as_dict()
    text = trim_blank_lines(_paragraphs(values.get("text") or ""))
    meta = {key: str(values[key]) for key in ("url", "sitename", "date", "author") if values.get(key)}
    return PageText(text=text, title=(values.get("title") or None), meta=meta)


def _paragraphs(text: str) -> str:
    """trafilatura puts one block per line; keep that, but a blank line is the paragraph break."""
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def _meta_title(meta: dict[str, str]) -> str | None:
    return meta.get("og:title") or meta.get("twitter:title") or None


def _drop_leading_title(text: str, title: str | None) -> str:
    if not title:
        return text
    first, _, rest = text.partition("\n")
    if _WHITESPACE.sub(" ", first).strip() == _WHITESPACE.sub(" ", title).strip() and rest.strip():
        return trim_blank_lines(rest)
    return text
