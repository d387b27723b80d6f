"""What only the PostgreSQL store has: URLs, connection errors, its schema table.

Everything a store does is checked on both backends by the tests that take ``store``
(test_store.py, test_store_search.py); the end-to-end comparison with SQLite and the command
line on PostgreSQL are in test_store_backends_agree.py.
"""

from __future__ import annotations

import builtins
import psycopg
import pytest

from newsweave.errors import StoreError
from newsweave.store import masked_location, open_store
from newsweave.store.postgres import LATEST


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


def test_connection_error_names_the_url_with_the_password_masked():
    url = f"postgresql://newsweave:s3cret-word@127.0.0.1:{_closed_port()}/news"
    with pytest.raises(StoreError) as info:
        open_store(url)
    message = str(info.value)
    assert "cannot connect to the PostgreSQL store postgresql://newsweave:***@127.0.0.1:" in message
    assert "s3cret-word" not in message
    assert "refused" in message.lower()


def test_masked_location_hides_only_a_password():
    assert masked_location("postgresql://me@db.local:5433/news") == "postgresql://me@db.local:5433/news"
    assert masked_location("postgresql://me:p@ss@db.local/news?sslmode=require") == (
        "postgresql://me:***@db.local/news?sslmode=require"
    )
    assert masked_location("/var/lib/news:weave@2025.db") == "/var/lib/news:weave@2025.db"


def test_missing_psycopg_gives_an_install_hint(monkeypatch):
    real_import = builtins.__import__

    def without_postgres(name, *args, **kwargs):
        if name == "newsweave.store.postgres" or name.startswith("psycopg"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_postgres)
    with pytest.raises(StoreError, match=r"newsweave\[postgres\]"):
        open_store("postgresql://localhost/news")


def test_new_database_gets_the_schema_table_and_both_url_schemes_open_it(postgres_url, fa_article):
    with open_store(postgres_url) as store:
        assert store.schema_version == LATEST
        store.add_articles([fa_article])
        assert repr(store).startswith("PostgresStore(")
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT max(version) FROM newsweave_schema").fetchone()[0] == LATEST
        index = conn.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'article_search_document'").fetchone()
        assert "gin" in index[0].lower()
    legacy = postgres_url.replace("postgresql://", "postgres://", 1)
    with open_store(legacy, readonly=True) as reader:
        assert reader.get_article(fa_article.id) == fa_article


def test_empty_database_cannot_be_opened_read_only(postgres_url):
    with pytest.raises(StoreError, match="empty, not a newsweave store"):
        open_store(postgres_url, readonly=True)
    with psycopg.connect(postgres_url) as conn:  # and nothing was created by trying
        assert conn.execute("SELECT to_regclass('articles')").fetchone()[0] is None


def test_newer_schema_is_refused(postgres_url):
    open_store(postgres_url).close()
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("INSERT INTO newsweave_schema (version) VALUES (%s)", (LATEST + 3,))
    for readonly in (False, True):
        with pytest.raises(StoreError, match="newer"):
            open_store(postgres_url, readonly=readonly)


def test_tables_of_something_else_are_refused_with_the_reason(postgres_url):
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE articles (headline text)")
    with pytest.raises(StoreError, match="not a usable newsweave store.*articles"):
        open_store(postgres_url)
