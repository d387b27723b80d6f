"""What the SQL stores share: the tables' rows, the queries, transactions and their errors.

SQLite and PostgreSQL run the same statements here (``?`` placeholders; the PostgreSQL store
turns them into its own); a backend supplies the connection, its error class, how a write
transaction begins, and its full-text index (``_index`` and ``_match``).
"""

from __future__ import annotations

import datetime as dt
import json
from abc import abstractmethod
from contextlib import contextmanager
from itertools import islice
from typing import Any, ClassVar, Iterable, Iterator, Sequence

from newsweave.errors import NotFoundError, StoreError
from newsweave.model import Article, Entity, EntityType, Story, Storyline
from newsweave.store import fts
from newsweave.store.base import Encoded, SearchHit, Store
from newsweave.store.codec import article_from_data, entity_from_data, from_data, to_data

_COLUMNS = ("id", "source", "outlet", "title", "published", "lang", "lang_confidence", "text")
_SELECT_ARTICLE = f"SELECT {', '.join(_COLUMNS)}, annotations FROM articles"
_CHUNK = 500  # bound parameters per IN (...) query
MIN_PREFIX = 6
_ID_CEILING = "\U0010ffff"


def _chunks(items: Iterable, size: int = _CHUNK) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _article_row(article: Article, seq: int, created: str) -> tuple:
    data = to_data(article, compact=True)
    for column in _COLUMNS:
        data.pop(column, None)
    published = article.published.isoformat() if article.published else None
    return (
        seq, article.id, article.source, article.outlet, article.title, published,
        article.lang, float(article.lang_confidence), article.text, created, _dumps(data),
    )


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _article_from_row(row: Sequence) -> Article:
    data = json.loads(row[-1])
    data.update(zip(_COLUMNS, row[:-1]))
    return article_from_data(data)


def _entity_from_row(row: Sequence) -> Entity:
    return entity_from_data(json.loads(row[0]))


def _filters(
    lang: str | None, outlet: str | None, since: dt.date | None, until: dt.date | None
) -> tuple[str, list]:
    clauses, params = [], []
    for clause, value in (
        ("lang = ?", lang),
        ("outlet = ?", outlet),
        ("published >= ?", since.isoformat() if since else None),
        ("published <= ?", until.isoformat() if until else None),
    ):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


class SQLStore(Store):
    """A store over one DB-API connection; subclasses open it and index articles for search."""

    _errors: ClassVar[tuple[type[Exception], ...]]
    """The driver's exceptions: turned into StoreError with the store's location."""
    _begin: ClassVar[str] = "BEGIN"
    _no_limit: ClassVar[int | None]
    """The LIMIT value that means no limit."""

    _depth = 0

    @abstractmethod
    def _execute(self, sql: str, params: Sequence = ()) -> Any:
        """Run one statement (``?`` placeholders) and return its cursor; driver errors pass."""

    @abstractmethod
    def _executemany(self, sql: str, rows: Sequence[Sequence]) -> None: ...

    @abstractmethod
    def _in_transaction(self) -> bool: ...

    @abstractmethod
    def _index(self, articles: list[Article], first_seq: int) -> None:
        """Add new articles (numbered from ``first_seq``) to the full-text index."""

    @abstractmethod
    def _match(self, query: fts.Query, limit: int, lang: str | None) -> list | None:
        """Rows (id, title, text, score: higher is better) or None if the backend cannot read the query."""

    def _check_version(self, version: int, latest: int) -> None:
        """Refuse a store newer than this newsweave; read-only, also an empty or outdated one."""
        if version > latest:
            raise StoreError(
                f"{self.location} has schema version {version}, newer than this newsweave knows ({latest})",
                hint="upgrade newsweave",
            )
        if self.readonly and version == 0:
            raise StoreError(f"{self.location} is empty, not a newsweave store", hint="ingest articles first")
        if self.readonly and version < latest:
            raise StoreError(
                f"{self.location} has schema version {version}; this newsweave needs {latest}",
                hint="open it once for writing (e.g. newsweave ingest) to upgrade it",
            )

    # --- transactions ---------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self._writable()
        depth = self._depth
        try:
            self._execute(self._begin if depth == 0 else f"SAVEPOINT nw{depth}")
        except self._errors as exc:
            raise StoreError(f"cannot write to the store {self.location}: {exc}") from None
        self._depth = depth + 1
        try:
            yield
        except BaseException:
            self._depth = depth
            if depth == 0:
                if self._in_transaction():
                    self._execute("ROLLBACK")
            else:
                self._execute(f"ROLLBACK TO nw{depth}")
                self._execute(f"RELEASE nw{depth}")
            raise
        self._depth = depth
        try:
            self._execute("COMMIT" if depth == 0 else f"RELEASE nw{depth}")
        except self._errors as exc:
            if depth == 0 and self._in_transaction():
                self._execute("ROLLBACK")
            raise StoreError(f"cannot write to the store {self.location}: {exc}") from None

    @contextmanager
    def _writing(self, what: str) -> Iterator[None]:
        """One transaction (or a savepoint inside the caller's); driver errors become StoreError."""
        with self.transaction():
            try:
                yield
            except self._errors as exc:
                raise StoreError(f"cannot {what} in {self.location}: {exc}") from None

    def _writable(self) -> None:
        if self.readonly:
            raise StoreError(f"the store {self.location} was opened read-only")

    def _query(self, sql: str, params: Sequence = ()) -> Any:
        try:
            return self._execute(sql, params)
        except self._errors as exc:
            raise StoreError(f"cannot read the store {self.location}: {exc}") from None

    # --- articles -------------------------------------------------------------------------

    def add_articles(self, articles: Sequence[Article]) -> list[bool]:
        if not articles:
            return []
        with self._writing("add articles"):
            stored = self.has_articles([a.id for a in articles])
            fresh: list[Article] = []
            new_flags = []
            for article in articles:
                is_new = article.id not in stored
                new_flags.append(is_new)
                if is_new:
                    stored.add(article.id)
                    fresh.append(article)
            if fresh:
                self._insert(fresh)
        return new_flags

    def _insert(self, articles: list[Article]) -> None:
        first = (self._execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]) + 1
        created = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        self._executemany(
            "INSERT INTO articles (seq, id, source, outlet, title, published, lang, lang_confidence,"
            " text, created, annotations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_article_row(a, first + i, created) for i, a in enumerate(articles)],
        )
        self._index(articles, first)

    def update_articles(self, articles: Sequence[Article]) -> None:
        if not articles:
            return
        with self._writing("update articles"):
            missing = {a.id for a in articles} - self.has_articles([a.id for a in articles])
            if missing:
                raise NotFoundError(f"cannot update articles that are not stored: {', '.join(sorted(missing)[:5])}")
            rows = []
            for article in articles:
                row = _article_row(article, 0, "")
                rows.append((row[-1], article.id))
            self._executemany("UPDATE articles SET annotations = ? WHERE id = ?", rows)

    def get_article(self, article_id: str) -> Article:
        row = self._query(_SELECT_ARTICLE + " WHERE id = ?", (article_id,)).fetchone()
        if row is None and len(article_id) >= MIN_PREFIX:
            rows = self._query(
                _SELECT_ARTICLE + " WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                (article_id, article_id + _ID_CEILING),
            ).fetchall()
            if len(rows) > 1:
                raise NotFoundError(
                    f"the id prefix {article_id!r} matches several articles", hint="give more characters"
                )
            row = rows[0] if rows else None
        if row is None:
            hint = None if len(article_id) >= MIN_PREFIX else f"a prefix needs at least {MIN_PREFIX} characters"
            raise NotFoundError(f"no article with id {article_id!r}", hint=hint)
        return _article_from_row(row)

    def _rows_in(self, sql: str, values: Iterable[str]) -> Iterator[Sequence]:
        """Rows of ``sql`` whose one ``IN ({marks})`` takes ``values`` (distinct), a chunk at a time."""
        for chunk in _chunks(dict.fromkeys(values)):
            yield from self._query(sql.format(marks=",".join("?" * len(chunk))), chunk)

    def encoded_articles(self, ids: Sequence[str]) -> list[Encoded]:
        rows = {row[0]: tuple(row) for row in self._rows_in(_SELECT_ARTICLE + " WHERE id IN ({marks})", ids)}
        missing = [i for i in ids if i not in rows]
        if missing:
            raise NotFoundError(f"no article with id {missing[0]!r}")
        return [Encoded(_article_from_row, rows[i]) for i in ids]

    def encoded_entities_of(self, article_ids: Sequence[str]) -> list[Encoded]:
        query = ("SELECT e.id, e.data FROM entities e WHERE e.id IN"
                 " (SELECT entity FROM entity_articles WHERE article IN ({marks}))")
        rows = {row[0]: (row[1],) for row in self._rows_in(query, article_ids)}
        return [Encoded(_entity_from_row, rows[i]) for i in sorted(rows)]

    def has_articles(self, ids: Sequence[str]) -> set[str]:
        return {row[0] for row in self._rows_in("SELECT id FROM articles WHERE id IN ({marks})", ids)}

    def iter_articles(
        self,
        *,
        lang: str | None = None,
        outlet: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[Article]:
        where, params = _filters(lang, outlet, since, until)
        sql = _SELECT_ARTICLE + where + " ORDER BY published IS NULL, published, id LIMIT ? OFFSET ?"
        cursor = self._query(sql, [*params, self._no_limit if limit is None else limit, offset])
        while rows := cursor.fetchmany(100):
            for row in rows:
                yield _article_from_row(row)

    def count_articles(
        self,
        *,
        lang: str | None = None,
        outlet: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> int:
        where, params = _filters(lang, outlet, since, until)
        return self._query("SELECT count(*) FROM articles" + where, params).fetchone()[0]

    # --- search ---------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 20, lang: str | None = None) -> list[SearchHit]:
        if limit <= 0 or not query.strip():
            return []
        for parsed in fts.queries(query):
            try:
                rows = self._match(parsed, limit, lang)
            except self._errors as exc:
                raise StoreError(f"search failed in {self.location}: {exc}") from None
            if rows is not None:
                return [SearchHit(r[0], r[1], fts.snippet(r[2], parsed), r[3]) for r in rows]
        return []

    # --- outlet lines ---------------------------------------------------------------------

    def outlet_line_counts(self, outlet: str, fingerprints: Iterable[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for chunk in _chunks(dict.fromkeys(fingerprints)):
            marks = ",".join("?" * len(chunk))
            rows = self._query(
                "SELECT fingerprint, count(*) FROM outlet_lines"
                f" WHERE outlet = ? AND fingerprint IN ({marks}) GROUP BY fingerprint",
                [outlet, *chunk],
            )
            counts.update(rows)
        return counts

    def record_outlet_lines(self, outlet: str, article_id: str, fingerprints: Iterable[str]) -> None:
        rows = [(outlet, fp, article_id) for fp in dict.fromkeys(fingerprints)]
        if not rows:
            return
        with self._writing("record outlet lines"):
            self._executemany("INSERT INTO outlet_lines VALUES (?, ?, ?) ON CONFLICT DO NOTHING", rows)

    # --- entities -------------------------------------------------------------------------

    def save_entities(self, entities: Sequence[Entity]) -> None:
        if not entities:
            return
        latest = {e.id: e for e in entities}  # the last one of an id wins
        ids = [(i,) for i in latest]
        with self._writing("save entities"):
            self._executemany(
                "INSERT INTO entities (id, type, label, data) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE"
                " SET type = excluded.type, label = excluded.label, data = excluded.data",
                [(e.id, e.type.value, e.label, _dumps(to_data(e, compact=True))) for e in latest.values()],
            )
            self._executemany("DELETE FROM entity_names WHERE entity = ?", ids)
            self._executemany("DELETE FROM entity_articles WHERE entity = ?", ids)
            self._executemany(
                "INSERT INTO entity_names (entity, lang, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [(e.id, code, name) for e in latest.values() for code, names in e.names.items() for name in names],
            )
            self._executemany(
                "INSERT INTO entity_articles (entity, article) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [(e.id, a) for e in latest.values() for a in e.articles],
            )

    def load_entities(self) -> list[Entity]:
        return list(self.iter_entities())

    def get_entity(self, entity_id: str) -> Entity:
        row = self._query("SELECT data FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no entity with id {entity_id!r}")
        return _entity_from_row(row)

    def iter_entities(self, *, type: EntityType | None = None, lang: str | None = None) -> Iterator[Entity]:
        clauses, params = [], []
        if type is not None:
            clauses.append("type = ?")
            params.append(EntityType(type).value)
        if lang is not None:
            clauses.append("id IN (SELECT entity FROM entity_names WHERE lang = ?)")
            params.append(lang)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        cursor = self._query("SELECT data FROM entities" + where + " ORDER BY id", params)
        while rows := cursor.fetchmany(500):
            for row in rows:
                yield _entity_from_row(row)

    # --- stories and storylines -----------------------------------------------------------

    def save_stories(self, stories: Sequence[Story]) -> None:
        if not stories:
            return
        with self._writing("save stories"):
            latest = {s.id: s for s in stories}
            ids = list(latest)
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                self._execute(f"DELETE FROM story_articles WHERE story IN ({marks})", chunk)
            self._executemany(
                'INSERT INTO stories (id, start, "end", storyline, data) VALUES (?, ?, ?, ?, ?)'
                ' ON CONFLICT(id) DO UPDATE SET start = excluded.start, "end" = excluded."end",'
                " storyline = excluded.storyline, data = excluded.data",
                [(s.id, _iso(s.start), _iso(s.end), s.storyline, _dumps(to_data(s, compact=True)))
                 for s in latest.values()],
            )
            self._executemany(
                "INSERT INTO story_articles (article, story) VALUES (?, ?)"
                " ON CONFLICT(article) DO UPDATE SET story = excluded.story",
                [(a, s.id) for s in latest.values() for a in s.articles],
            )

    def delete_stories(self, ids: Iterable[str]) -> None:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return
        with self._writing("delete stories"):
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                self._execute(f"DELETE FROM story_articles WHERE story IN ({marks})", chunk)
                self._execute(f"DELETE FROM stories WHERE id IN ({marks})", chunk)

    def _by_id_or_prefix(self, table: str, what: str, record_id: str, listing: str) -> str:
        row = self._query(f"SELECT data FROM {table} WHERE id = ?", (record_id,)).fetchone()
        if row is None and len(record_id) >= MIN_PREFIX:
            rows = self._query(
                f"SELECT data, id FROM {table} WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                (record_id, record_id + _ID_CEILING),
            ).fetchall()
            if len(rows) > 1:
                raise NotFoundError(f"the {what} id prefix {record_id!r} is ambiguous", hint="give more characters")
            row = rows[0] if rows else None
        if row is None:
            raise NotFoundError(f"no {what} with id {record_id!r}", hint=f"list them with: newsweave {listing}")
        return row[0]

    def get_story(self, story_id: str) -> Story:
        return from_data(Story, json.loads(self._by_id_or_prefix("stories", "story", story_id, "stories")))

    def iter_stories(
        self,
        *,
        storyline: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
    ) -> Iterator[Story]:
        clauses, params = [], []
        if storyline is not None:
            clauses.append("storyline = ?")
            params.append(storyline)
        if since is not None:
            clauses.append('coalesce("end", start) >= ?')
            params.append(since.isoformat())
        if until is not None:
            clauses.append("start <= ?")
            params.append(until.isoformat())
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        cursor = self._query(
            "SELECT data FROM stories" + where + " ORDER BY start IS NULL, start, id LIMIT ?",
            [*params, self._no_limit if limit is None else limit],
        )
        while rows := cursor.fetchmany(200):
            for row in rows:
                yield from_data(Story, json.loads(row[0]))

    def story_ids_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for chunk in _chunks(dict.fromkeys(article_ids)):
            marks = ",".join("?" * len(chunk))
            out.update(self._query(f"SELECT article, story FROM story_articles WHERE article IN ({marks})", chunk))
        return out

    def save_storylines(self, storylines: Sequence[Storyline]) -> None:
        if not storylines:
            return
        with self._writing("save storylines"):
            self._executemany(
                'INSERT INTO storylines (id, start, "end", data) VALUES (?, ?, ?, ?)'
                ' ON CONFLICT(id) DO UPDATE SET start = excluded.start, "end" = excluded."end", data = excluded.data',
                [(s.id, _iso(s.start), _iso(s.end), _dumps(to_data(s, compact=True))) for s in storylines],
            )

    def delete_storylines(self, ids: Iterable[str]) -> None:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return
        with self._writing("delete storylines"):
            for chunk in _chunks(ids):
                self._execute(f"DELETE FROM storylines WHERE id IN ({','.join('?' * len(chunk))})", chunk)

    def get_storyline(self, storyline_id: str) -> Storyline:
        return from_data(Storyline, json.loads(self._by_id_or_prefix("storylines", "storyline", storyline_id, "timeline")))

    def iter_storylines(self, *, limit: int | None = None) -> Iterator[Storyline]:
        cursor = self._query(
            "SELECT data FROM storylines ORDER BY start IS NULL, start, id LIMIT ?", [self._no_limit if limit is None else limit]
        )
        while rows := cursor.fetchmany(200):
            for row in rows:
                yield from_data(Storyline, json.loads(row[0]))

    def save_story_features(self, rows: Sequence[tuple[str, int | None, Any]]) -> None:
        if not rows:
            return
        with self._writing("save story features"):
            self._executemany(
                "INSERT INTO story_features (article, day, data) VALUES (?, ?, ?)"
                " ON CONFLICT(article) DO UPDATE SET day = excluded.day, data = excluded.data",
                [(article, day, _dumps(value)) for article, day, value in rows],
            )

    def iter_story_features(self, *, since_day: int | None = None) -> Iterator[tuple[str, Any]]:
        if since_day is None:
            cursor = self._query("SELECT article, data FROM story_features ORDER BY article")
        else:
            cursor = self._query(
                "SELECT article, data FROM story_features WHERE day IS NULL OR day >= ? ORDER BY article", (since_day,)
            )
        while rows := cursor.fetchmany(500):
            for article, data in rows:
                yield article, json.loads(data)

    # --- state ----------------------------------------------------------------------------

    def get_state(self, name: str) -> Any | None:
        row = self._query("SELECT value FROM state WHERE name = ?", (name,)).fetchone()
        return None if row is None else json.loads(row[0])

    def set_state(self, name: str, value: Any) -> None:
        with self._writing("save state"):
            if value is None:
                self._execute("DELETE FROM state WHERE name = ?", (name,))
                return
            try:
                encoded = _dumps(value)
            except (TypeError, ValueError) as exc:
                raise StoreError(f"state {name!r} is not a JSON value: {exc}") from None
            self._execute(
                "INSERT INTO state (name, value) VALUES (?, ?)"
                " ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                (name, encoded),
            )
