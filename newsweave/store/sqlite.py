"""The default store: one SQLite file (stdlib ``sqlite3``), WAL mode, FTS5 search.

Articles keep what one filters on in real columns and every annotation in one JSON column
written by the codec, so annotation fields added later need no migration. One writer at a
time; readers open the file read-only (``mode=ro``) and never block the writer (WAL).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import quote

from newsweave.errors import StoreError
from newsweave.model import Article
from newsweave.store import fts
from newsweave.store.migrations import LATEST, current_version, migrate
from newsweave.store.sql import SQLStore


def _connect(location: str, readonly: bool, timeout: float) -> sqlite3.Connection:
    if location == ":memory:":
        if readonly:
            raise StoreError("an in-memory store cannot be opened read-only")
        return sqlite3.connect(location, isolation_level=None, check_same_thread=False)
    path = Path(location)
    if path.is_dir():
        raise StoreError(f"{location} is a directory, not a store file", hint="give a file path, e.g. newsweave.db")
    if readonly:
        if not path.exists():
            raise StoreError(f"no store at {location}", hint="ingest articles first, or pass --db")
        uri = "file:" + quote(str(path.resolve())) + "?mode=ro"
        return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=timeout)
    if not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    return sqlite3.connect(location, isolation_level=None, check_same_thread=False, timeout=timeout)


class SQLiteStore(SQLStore):
    """A store in one SQLite file (or ``:memory:`` for tests)."""

    _errors = (sqlite3.Error,)
    _begin = "BEGIN IMMEDIATE"
    _no_limit = -1

    def __init__(self, location: str, *, readonly: bool = False, timeout: float = 10.0) -> None:
        self.location = location
        self.readonly = readonly
        try:
            self._conn = _connect(location, readonly, timeout)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {location}: {exc}") from None
        try:
            self.schema_version = self._prepare()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(
                f"{location} is not a usable newsweave store: {exc}",
                hint="is it a SQLite file written by newsweave? use another --db path",
            ) from None
        except StoreError:
            self._conn.close()
            raise

    def _prepare(self) -> int:
        conn = self._conn
        version = current_version(conn)  # the first read: fails here on a corrupt file
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError(f"{self.location} is a SQLite database but not a newsweave store")
        self._check_version(version, LATEST)
        conn.execute("PRAGMA foreign_keys = ON")
        if self.readonly:
            return version
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        return migrate(conn)

    def close(self) -> None:
        self._conn.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.readonly else "read-write"
        return f"SQLiteStore({self.location!r}, {mode}, schema {self.schema_version})"

    # --- the connection -------------------------------------------------------------------

    def _execute(self, sql: str, params: Sequence = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, params)

    def _executemany(self, sql: str, rows: Sequence[Sequence]) -> None:
        self._conn.executemany(sql, rows)

    def _in_transaction(self) -> bool:
        return self._conn.in_transaction

    # --- search ---------------------------------------------------------------------------

    def _index(self, articles: list[Article], first_seq: int) -> None:
        self._conn.executemany(
            "INSERT INTO articles_fts (rowid, title, body, parts) VALUES (?, ?, ?, ?)",
            [
                (first_seq + i, fts.index_form(a.title), fts.index_form(a.text), fts.index_parts(a.title, a.text))
                for i, a in enumerate(articles)
            ],
        )

    def _match(self, query: fts.Query, limit: int, lang: str | None) -> list | None:
        sql = (
            "SELECT a.id, a.title, a.text, -bm25(articles_fts, 3.0, 1.0, 0.5) AS score"
            " FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
            " WHERE articles_fts MATCH ?"
        )
        params: list[Any] = [query.expression]
        if lang is not None:
            sql += " AND a.lang = ?"
            params.append(lang)
        sql += " ORDER BY score DESC, a.id LIMIT ?"
        params.append(limit)
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError:
            return None  # not valid FTS syntax after all: the caller tries plain words
