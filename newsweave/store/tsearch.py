"""PostgreSQL full-text search over match keys: tsvector and tsquery built here, not by a parser.

PostgreSQL's text-search parser splits words by the server's locale (with ``C`` every
non-ASCII character counts as a letter, with others Persian digits may be spaces), so the
same text would be indexed differently on different servers. Instead the words are cut
here, from the same match keys the SQLite index holds (:func:`fts.index_form`), and handed
over as tsvector and tsquery literals: lexemes are compared as they are, with no dictionary.

Words are runs of letters, digits, marks and private-use characters, as in SQLite's
``unicode61`` tokenizer (which also splits at marks). Title words weigh most (A), then the
body (B), then the pieces of ZWNJ-joined words (C); a gap of one position between the parts
keeps a phrase from running from the title into the body.
"""

from __future__ import annotations

import unicodedata

from newsweave.store import fts

MAX_POSITION = 16383
"""PostgreSQL keeps word positions up to this; later words share it (phrases there may miss)."""
_MAX_LEXEME_BYTES = 2046
_MAX_POSITIONS_PER_LEXEME = 255
RANK_WEIGHTS = "{0.05, 0.17, 0.33, 1.0}"
"""ts_rank weights for D, C, B, A: parts 0.5, body 1, title 3 — as the SQLite bm25 weights."""


class _SeparatorTable(dict):
    """Code point → space unless it can be part of a word (filled on first sight)."""

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        category = unicodedata.category(char)
        self[codepoint] = char if category[0] in "LNM" or category == "Co" else " "
        return self[codepoint]


_SEPARATORS = _SeparatorTable()


def words(indexed: str) -> list[str]:
    """The words of text already in index form."""
    return indexed.translate(_SEPARATORS).split()


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector(title: str | None, text: str | None) -> str:
    """The tsvector literal that indexes an article: title (A), body (B), ZWNJ pieces (C)."""
    positions: dict[str, list[str]] = {}
    position = 0
    for indexed, weight in (
        (fts.index_form(title), "A"),
        (fts.index_form(text), "B"),
        (fts.index_parts(title, text), "C"),
    ):
        for word in words(indexed):
            position += 1
            if len(word.encode()) > _MAX_LEXEME_BYTES:
                continue
            marks = positions.setdefault(word, [])
            if len(marks) < _MAX_POSITIONS_PER_LEXEME:
                marks.append(f"{min(position, MAX_POSITION)}{weight}")
        position += 1  # the gap between title, body and parts
    return " ".join(f"{_lexeme(word)}:{','.join(marks)}" for word, marks in positions.items())


class _Unparsable(Exception):
    """The items do not form an FTS5-style expression (the caller falls back to plain words)."""


def tsquery(query: fts.Query) -> str | None:
    """The tsquery literal for a parsed query; None if it is not a valid expression.

    The grammar is FTS5's: adjacent phrases (and NEAR groups) are ANDed and bind tightest,
    then ``NOT`` (binary: ``a NOT b``), then ``AND``, then ``OR``; a parenthesised group
    stands alone between operators. ``NEAR(a b)`` asks only that all its phrases occur.
    Phrases with no word in them are left out, as FTS5 ignores empty phrases.
    """
    parser = _Parser(query.items)
    try:
        return parser.parse()
    except _Unparsable:
        return None


class _Parser:
    """Recursive descent over query items; each rule returns a tsquery piece or "" (nothing)."""

    def __init__(self, items: tuple[fts.Item, ...]) -> None:
        self.items = items
        self.at = 0

    def parse(self) -> str:
        expression = self._or()
        if self.at != len(self.items):
            raise _Unparsable
        return expression

    def _peek(self) -> fts.Item | None:
        return self.items[self.at] if self.at < len(self.items) else None

    def _take(self, operator: str) -> bool:
        if self._peek() == operator:
            self.at += 1
            return True
        return False

    def _or(self) -> str:
        pieces = [self._and()]
        while self._take("OR"):
            pieces.append(self._and())
        return _join(pieces, " | ")

    def _and(self) -> str:
        pieces = [self._not()]
        while self._take("AND"):
            pieces.append(self._not())
        return _join(pieces, " & ")

    def _not(self) -> str:
        expression = self._primary()
        while self._take("NOT"):
            excluded = self._primary()
            if excluded and expression:
                expression = f"({expression} & !{excluded})"
        return expression

    def _primary(self) -> str:
        if self._take("("):
            expression = self._or()
            if not self._take(")"):
                raise _Unparsable
            return expression
        pieces = []
        while True:
            item = self._peek()
            if isinstance(item, fts.Phrase):
                self.at += 1
                pieces.append(_phrase(item))
            elif item == "NEAR" and self.at + 1 < len(self.items) and self.items[self.at + 1] == "(":
                pieces.append(self._near())
            else:
                break
        if not pieces:
            raise _Unparsable
        return _join(pieces, " & ")

    def _near(self) -> str:
        self.at += 2  # NEAR (
        pieces = []
        while isinstance(self._peek(), fts.Phrase):
            pieces.append(_phrase(self.items[self.at]))
            self.at += 1
        if not pieces or not self._take(")"):
            raise _Unparsable
        return _join(pieces, " & ")


def _join(pieces: list[str], operator: str) -> str:
    kept = [piece for piece in pieces if piece]
    return kept[0] if len(kept) == 1 else ("(" + operator.join(kept) + ")" if kept else "")


def _phrase(phrase: fts.Phrase) -> str:
    alternatives = []
    for text in phrase.alternatives:
        lexemes = [_lexeme(word) for word in words(text)]
        if not lexemes:
            continue
        if phrase.prefix:
            lexemes[-1] += ":*"
        alternatives.append(lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")")
    return _join(alternatives, " | ")
