"""The text stage: raw article text → clean text with language, sentences and a content id.

    raw text ─ tidy whitespace ─ strip boilerplate ─ language (article) ─ sentences
             ─ language per sentence (detected only where it can differ) ─ Article

The clean text keeps the original characters (only whitespace is tidied), so every offset the
extractors produce points at what the outlet wrote. The id hashes the match key of the clean
text, so the same article read twice — with other spacing, ZWNJ or ي/ی spelling — gets one id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from newsweave.model import Article, RawArticle, Sentence
from newsweave.settings import Settings
from newsweave.text.boilerplate import strip_boilerplate
from newsweave.text import keys
from newsweave.text.language import detect_language, sentence_languages
from newsweave.text.segment import split_sentences

_EDGE_SPACE = " \t\f\v\u00a0\u200b\u2060\ufeff"
"""Trimmed from both ends of every line (the first line keeps invisible characters at its start)."""
_INLINE_SPACE = re.compile(r"[ \t\f\v]{2,}|\t")
_BLANK_LINES = re.compile(r"\n{3,}")
_ALL_SPACE = re.compile(r"\s+")


def tidy_whitespace(text: str) -> str:
    """Unify newlines, trim lines, collapse runs of spaces and of blank lines; paragraphs stay."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    first, newline, rest = text.partition("\n")
    lines = [first.rstrip(_EDGE_SPACE)]
    if newline:
        lines.extend(line.strip(_EDGE_SPACE) for line in rest.split("\n"))
    text = "\n".join(lines)
    if "\t" in text or "  " in text or "\f" in text or "\v" in text:
        text = _INLINE_SPACE.sub(" ", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


class _IdFoldTable(dict):
    """``str.translate`` table: unlisted characters map to themselves and are remembered.

    A plain dict would make ``translate`` raise and swallow a KeyError for every character it
    does not list (most of them), which cost more than the rest of the id.
    """

    def __missing__(self, codepoint: int) -> int | None:
        # Every non-spacing mark (harakat, accents) is dropped, as ``keys.key`` does: told on
        # first sight, not by scanning all of Unicode up front (0.3 s of every process's start).
        mapped = None if unicodedata.category(chr(codepoint)) == "Mn" else codepoint
        self[codepoint] = mapped
        return mapped


@lru_cache(maxsize=1)
def _id_fold_table() -> _IdFoldTable:
    table = _IdFoldTable({ord(src): dst for src, dst in keys._LETTER_FOLD.items()})
    table.update({ord(src): dst for src, dst in keys._DIGITS.items()})
    table.update({ord(ch): "" for ch in keys._DROP})
    for codepoint in list(table):  # a listed character that is a mark is dropped all the same
        if unicodedata.category(chr(codepoint)) == "Mn":
            table[codepoint] = None
    return table


def id_key(text: str) -> str:
    """The match key of :mod:`newsweave.text.keys`, computed with whole-string C calls.

    Same folding (NFKC, letter variants, ASCII digits, no ZWNJ/tatweel/marks, case-folded),
    with whitespace collapsed; about 50 times faster than the per-character ``key``.
    """
    folded = unicodedata.normalize("NFKC", text).translate(_id_fold_table())
    return _ALL_SPACE.sub(" ", folded.casefold()).strip()


def article_id(clean_text: str) -> str:
    """Content hash of the text's whitespace-collapsed match key (20 hex characters)."""
    folded = id_key(clean_text)
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=10).hexdigest()


def _article_language(raw: RawArticle, text: str) -> tuple[str, float]:
    if raw.lang_hint:
        return raw.lang_hint.strip().lower(), 1.0
    return detect_language(text)


def _sentences(text: str, lang: str, confidence: float, min_chars: int) -> tuple[Sentence, ...]:
    """Sentence records; see :func:`~newsweave.text.language.sentence_languages` for their language."""
    spans = split_sentences(text, lang)
    languages = sentence_languages(text, spans, lang, confidence, min_chars)
    return tuple(Sentence(start, end, code, conf) for (start, end), (code, conf) in zip(spans, languages))


def content_id(raw: RawArticle) -> str:
    """The id :func:`prepare_article` gives ``raw``, whatever lines its outlet repeats.

    Cheap next to the rest of preparing (a tenth of it), so the single writer can tell an
    article it already stores before any worker prepares or extracts it.
    """
    return _content_id(tidy_whitespace(raw.text), raw)


def _content_id(tidy: str, raw: RawArticle) -> str:
    # The id must not depend on corpus state (which lines an outlet repeats grows with the
    # store), or re-ingesting an article later would store it twice: hash the text as cleaned
    # by this article's own evidence only.
    return article_id(strip_boilerplate(tidy, raw.lang_hint or "")[0])


def prepare_article(raw: RawArticle, settings: Settings, repeated_lines: frozenset[str] = frozenset(),
                    known_id: str | None = None) -> Article:
    """Clean text, language, boilerplate and sentences of one article (pure; safe in any process).

    ``known_id``: ``content_id(raw)`` when the caller has it already.
    """
    tidy = tidy_whitespace(raw.text)
    clean, removed = strip_boilerplate(tidy, raw.lang_hint or "", repeated_lines)
    lang, confidence = _article_language(raw, clean)
    if known_id is None:
        known_id = _content_id(tidy, raw) if repeated_lines else article_id(clean)
    return Article(
        id=known_id,
        source=raw.source,
        text=clean,
        lang=lang,
        lang_confidence=confidence,
        title=raw.title,
        url=raw.url,
        outlet=raw.outlet,
        published=raw.published,
        author=raw.author,
        boilerplate=removed,
        sentences=_sentences(clean, lang, confidence, settings.sentence_lang_min_chars),
    )
