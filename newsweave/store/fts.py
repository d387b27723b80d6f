"""Full-text search helpers: the indexed form of text, query building, snippets.

The index holds the match key of title and text (:func:`newsweave.text.keys.key`) so that
ي/ی, ك/ک, hamza carriers, ZWNJ, tatweel, harakat and Persian/Arabic digits do not decide
whether a word is found. ``key`` works one character at a time, so the same result comes
from ``str.translate`` with a table filled lazily from ``key`` — C speed for whole articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave.text.keys import ZWNJ, key


class _KeyTable(dict):
    """Code point → its key, computed on first use (``str.translate`` calls ``__missing__``)."""

    def __missing__(self, codepoint: int) -> str:
        folded = key(chr(codepoint))
        self[codepoint] = folded
        return folded


_TABLE = _KeyTable()


def index_form(text: str | None) -> str:
    """The text as indexed: its match key (identical to ``key(text)``, much faster)."""
    return text.translate(_TABLE) if text else ""


def index_parts(*texts: str | None) -> str:
    """The pieces of ZWNJ-joined words (می‌گوید → می گوید), indexed beside the joined key so a
    query typed with a space instead of ZWNJ still finds the word."""
    pieces = [word for text in texts if text and ZWNJ in text for word in text.split() if ZWNJ in word]
    return index_form(" ".join(pieces).replace(ZWNJ, " ")) if pieces else ""


# A query token: a quoted phrase, a parenthesis, or a run of non-space, non-quote characters.
_QUERY_TOKEN = re.compile(r'"[^"]*"?|[()]|[^\s()"]+')
_OPERATORS = frozenset({"AND", "OR", "NOT"})
_NEAR = re.compile(r"NEAR/?\d*$")


@dataclass(frozen=True)
class Phrase:
    """Words that must stand together, as indexed forms; several when a ZWNJ word may also be
    written as two words (می‌گوید / می گوید); ``prefix``: the last word may go on."""

    alternatives: tuple[str, ...]
    prefix: bool = False


Item = Phrase | str
"""A parsed query is phrases and the operator tokens AND, OR, NOT, NEAR, ( and ), in order."""


@dataclass(frozen=True)
class Query:
    items: tuple[Item, ...]
    """The query as parsed, for backends that build their own expression from it."""
    terms: tuple[str, ...]
    """Indexed forms of the words looked for (for snippets)."""
    prefixes: tuple[str, ...] = ()

    @property
    def expression(self) -> str:
        """The FTS5 MATCH expression."""
        return " ".join(item if isinstance(item, str) else _fts5_phrase(item) for item in self.items)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _fts5_phrase(phrase: Phrase) -> str:
    quoted = [_quoted(text) for text in phrase.alternatives]
    if len(quoted) > 1:
        return "(" + " OR ".join(quoted) + ")"
    return quoted[0] + ("*" if phrase.prefix else "")


def _word_variants(word: str) -> Phrase:
    """A word as a phrase: with ZWNJ it may also be written as two words (می گوید)."""
    folded = index_form(word)
    if ZWNJ in word and word.strip(ZWNJ):
        spaced = index_form(re.sub(f"{ZWNJ}+", " ", word).strip())
        if spaced != folded:
            return Phrase((folded, spaced))
    return Phrase((folded,))


def looks_like_syntax(query: str) -> bool:
    """True when the user clearly wrote FTS syntax: quotes, AND/OR/NOT/NEAR, prefix*, parentheses."""
    if '"' in query or "(" in query:
        return True
    words = query.split()
    return any(w in _OPERATORS or _NEAR.match(w) for w in words[1:-1]) or any(
        len(w) > 1 and w.endswith("*") for w in words
    )


def plain_query(query: str) -> Query | None:
    """Every word must occur (quoted, so no word is read as an operator)."""
    words = [w for w in re.split(r"[\s\"()*]+", query) if index_form(w).strip()]
    if not words:
        return None
    return Query(tuple(_word_variants(w) for w in words), tuple(index_form(w) for w in words))


def syntax_query(query: str) -> Query | None:
    """Keep phrases, operators, parentheses and trailing ``*``; fold every word and phrase."""
    items: list[Item] = []
    terms: list[str] = []
    prefixes: list[str] = []
    for token in _QUERY_TOKEN.findall(query):
        if token in _OPERATORS or token in "()" or _NEAR.match(token):
            items.append(token)
        elif token.startswith('"'):
            inner = index_form(token.strip('"')).strip()
            if inner:
                items.append(Phrase((inner,)))
                terms.extend(inner.split())
        else:
            prefix = token.endswith("*")
            word = token.rstrip("*")
            if not index_form(word).strip():
                continue
            items.append(Phrase((index_form(word),), prefix))
            (prefixes if prefix else terms).append(index_form(word))
    if not terms and not prefixes:
        return None
    return Query(tuple(items), tuple(terms), tuple(prefixes))


def queries(query: str) -> list[Query]:
    """What to try, in order: the query as FTS syntax when it looks like it, then as plain words."""
    candidates = [syntax_query(query)] if looks_like_syntax(query) else []
    candidates.append(plain_query(query))
    return [parsed for parsed in candidates if parsed is not None]


# Characters that belong to a word for snippet matching: letters/digits plus the joiners and
# marks the key drops (so می‌گوید is one word, as in the index).
_SNIPPET_WORD = re.compile(r"[\w\u200c\u200d\u00ad\u0640\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]+")


def _match_offset(text: str, query: Query) -> tuple[int, int] | None:
    terms = {t.casefold() for term in query.terms for t in term.split()}
    prefixes = tuple(p.casefold() for p in query.prefixes)
    for m in _SNIPPET_WORD.finditer(text):
        folded = index_form(m.group()).casefold()
        if folded in terms or (prefixes and folded.startswith(prefixes)):
            return m.start(), m.end()
    return None


def snippet(text: str, query: Query, width: int = 160) -> str:
    """A piece of ``text`` around the first matching word, cut at spaces, one line."""
    found = _match_offset(text, query)
    centre = found[0] if found else 0
    start = max(0, centre - width // 3)
    end = min(len(text), start + width)
    if start > 0:
        space = text.find(" ", start, centre)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", centre, end)
        end = space if space > centre else end
    piece = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")
