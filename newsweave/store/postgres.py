"""The PostgreSQL store (psycopg 3): the same tables and behaviour as the SQLite one.

Chosen by a URL, ``postgresql://user:password@host:port/database`` (``?options=-csearch_path=s``
puts the tables in schema ``s``). Ids, dates and other compared text use the ``C`` collation,
so ordering and id-prefix lookup are by code point whatever the database's locale. The schema
version is the highest row of ``newsweave_schema``; migrations run under an advisory lock so
two writers opening a new database at once do not both create it. Search uses a tsvector per
article (built by :mod:`newsweave.store.tsearch`) in a GIN index.
"""

from __future__ import annotations

from typing import Any, Sequence

import psycopg
from psycopg.pq import TransactionStatus
from psycopg.types.string import TextLoader

from newsweave.errors import StoreError
from newsweave.model import Article
from newsweave.store import fts, masked_location, tsearch
from newsweave.store.sql import SQLStore

_ID = 'text COLLATE "C"'

_V1 = (
    f"""CREATE TABLE articles (
        seq bigint PRIMARY KEY,
        id {_ID} NOT NULL UNIQUE,
        source text NOT NULL,
        outlet text,
        title text,
        published {_ID},
        lang text NOT NULL,
        lang_confidence double precision NOT NULL,
        text text NOT NULL,
        created text NOT NULL,
        annotations json NOT NULL DEFAULT '{{}}'
    )""",
    "CREATE INDEX articles_by_published ON articles(published, id)",
    "CREATE INDEX articles_by_lang ON articles(lang, published)",
    "CREATE INDEX articles_by_outlet ON articles(outlet, published)",
    """CREATE TABLE article_search (
        seq bigint PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
        document tsvector NOT NULL
    )""",
    "CREATE INDEX article_search_document ON article_search USING gin(document)",
    """CREATE TABLE outlet_lines (
        outlet text NOT NULL,
        fingerprint text NOT NULL,
        article text NOT NULL,
        PRIMARY KEY (outlet, fingerprint, article)
    )""",
    f"""CREATE TABLE entities (
        id {_ID} PRIMARY KEY,
        type text NOT NULL,
        label text NOT NULL,
        data json NOT NULL
    )""",
    "CREATE INDEX entities_by_type ON entities(type)",
    f"""CREATE TABLE entity_names (
        entity {_ID} NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        lang text NOT NULL,
        name text NOT NULL,
        PRIMARY KEY (entity, lang, name)
    )""",
    "CREATE INDEX entity_names_by_lang ON entity_names(lang, entity)",
    f"""CREATE TABLE entity_articles (
        entity {_ID} NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        article text NOT NULL,
        PRIMARY KEY (entity, article)
    )""",
    "CREATE INDEX entity_articles_by_article ON entity_articles(article)",
    "CREATE TABLE state (name text PRIMARY KEY, value json NOT NULL)",
    f"""CREATE TABLE stories (
        id {_ID} PRIMARY KEY,
        start {_ID},
        "end" {_ID},
        storyline text,
        data json NOT NULL
    )""",
    "CREATE INDEX stories_by_start ON stories(start, id)",
    "CREATE INDEX stories_by_storyline ON stories(storyline)",
    f"""CREATE TABLE story_articles (
        article text PRIMARY KEY,
        story {_ID} NOT NULL REFERENCES stories(id) ON DELETE CASCADE
    )""",
    "CREATE INDEX story_articles_by_story ON story_articles(story)",
    f"""CREATE TABLE storylines (
        id {_ID} PRIMARY KEY,
        start {_ID},
        "end" {_ID},
        data json NOT NULL
    )""",
    "CREATE INDEX storylines_by_start ON storylines(start, id)",
    f"""CREATE TABLE story_features (
        article {_ID} PRIMARY KEY,
        day integer,
        data json NOT NULL
    )""",
    "CREATE INDEX story_features_by_day ON story_features(day)",
)

MIGRATIONS: tuple[Sequence[str], ...] = (_V1,)
"""Never edit a released migration: append a new one."""
LATEST = len(MIGRATIONS)
_MIGRATION_LOCK = 0x6E657773  # pg_advisory_xact_lock key: "news"


class PostgresStore(SQLStore):
    """A store in a PostgreSQL database (its current schema)."""

    _errors = (psycopg.Error,)
    _no_limit = None

    def __init__(self, url: str, *, readonly: bool = False, connect_timeout: int = 10) -> None:
        self.location = masked_location(url)
        self.readonly = readonly
        self._sql_cache: dict[str, str] = {}
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout)
        except (psycopg.Error, ValueError) as exc:
            problem = " ".join(str(exc).split()) or type(exc).__name__
            raise StoreError(
                f"cannot connect to the PostgreSQL store {self.location}: {problem}",
                hint="is the server running, and do the database and user exist? (docs/postgres.md)",
            ) from None
        for json_type in ("json", "jsonb"):  # JSON as text: the shared code decodes it, as with SQLite
            self._conn.adapters.register_loader(json_type, TextLoader)
        try:
            self.schema_version = self._prepare()
        except psycopg.Error as exc:
            self._conn.close()
            raise StoreError(
                f"{self.location} is not a usable newsweave store: {' '.join(str(exc).split())}",
                hint="use an empty database (or schema) for newsweave",
            ) from None
        except StoreError:
            self._conn.close()
            raise

    def _current_version(self) -> int:
        exists = self._conn.execute("SELECT to_regclass('newsweave_schema') IS NOT NULL").fetchone()[0]
        if not exists:
            return 0
        return self._conn.execute("SELECT coalesce(max(version), 0) FROM newsweave_schema").fetchone()[0]

    def _prepare(self) -> int:
        version = self._current_version()
        self._check_version(version, LATEST)
        if self.readonly:
            self._conn.execute("SET default_transaction_read_only = on")
            return version
        return self._migrate()

    def _migrate(self) -> int:
        """Run the pending migrations, each in one transaction with its version row."""
        conn = self._conn
        version = self._current_version()
        while version < LATEST:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS newsweave_schema"
                    " (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())"
                )
                version = self._current_version()  # another writer may have migrated meanwhile
                if version >= LATEST:
                    break
                for statement in MIGRATIONS[version]:
                    conn.execute(statement)
                version += 1
                conn.execute("INSERT INTO newsweave_schema (version) VALUES (%s)", (version,))
        return version

    def close(self) -> None:
        self._conn.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.readonly else "read-write"
        return f"PostgresStore({self.location!r}, {mode}, schema {self.schema_version})"

    # --- the connection -------------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        """The shared ``?`` placeholders as psycopg's ``%s`` (the shared SQL has no ``%``)."""
        converted = self._sql_cache.get(sql)
        if converted is None:
            converted = self._sql_cache[sql] = sql.replace("?", "%s")
        return converted

    def _execute(self, sql: str, params: Sequence = ()) -> psycopg.Cursor:
        return self._conn.execute(self._sql(sql), params or None)

    def _executemany(self, sql: str, rows: Sequence[Sequence]) -> None:
        if rows:
            with self._conn.cursor() as cursor:
                cursor.executemany(self._sql(sql), rows)

    def _in_transaction(self) -> bool:
        return self._conn.info.transaction_status != TransactionStatus.IDLE

    # --- search ---------------------------------------------------------------------------

    def _index(self, articles: list[Article], first_seq: int) -> None:
        self._executemany(
            "INSERT INTO article_search (seq, document) VALUES (?, ?::tsvector)",
            [(first_seq + i, tsearch.tsvector(a.title, a.text)) for i, a in enumerate(articles)],
        )

    def _match(self, query: fts.Query, limit: int, lang: str | None) -> list | None:
        expression = tsearch.tsquery(query)
        if expression is None:
            return None
        if not expression:
            return []  # only empty phrases: nothing to look for
        sql = (
            "SELECT a.id, a.title, a.text, ts_rank(?::real[], s.document, q.query) AS score"
            " FROM article_search s JOIN articles a ON a.seq = s.seq, (SELECT ?::tsquery AS query) q"
            " WHERE s.document @@ q.query"
        )
        params: list[Any] = [tsearch.RANK_WEIGHTS, expression]
        if lang is not None:
            sql += " AND a.lang = ?"
            params.append(lang)
        sql += " ORDER BY score DESC, a.id LIMIT ?"
        params.append(limit)
        return self._execute(sql, params).fetchall()
