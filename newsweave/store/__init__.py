"""Where all state lives. ``open_store`` picks the backend from the location.

A path (or ``sqlite:///path``) opens a SQLite store; a ``postgresql://`` (or ``postgres://``)
URL opens a PostgreSQL store (docs/postgres.md). Both behave the same behind :class:`Store`.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from newsweave.errors import StoreError
from newsweave.settings import Settings, load_settings
from newsweave.store.base import SearchHit, Store

__all__ = ["SearchHit", "Store", "masked_location", "open_store"]

_SQLITE_PREFIX = "sqlite:///"
_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def masked_location(location: str) -> str:
    """The location as it may be shown: a URL's password replaced by ``***``."""
    parts = urlsplit(location)
    if "://" not in location or parts.password is None:
        return location
    user, host = parts.netloc.rsplit("@", 1)
    return urlunsplit(parts._replace(netloc=f"{user.split(':', 1)[0]}:***@{host}"))


def open_store(location: str | None = None, *, settings: Settings | None = None, readonly: bool = False) -> Store:
    """Open (and create or upgrade, unless ``readonly``) the store at ``location``.

    The default location is ``settings.db`` (``NEWSWEAVE_DB`` in the environment).
    """
    settings = settings or load_settings()
    location = location or settings.db
    if location.startswith(_POSTGRES_SCHEMES):
        try:
            from newsweave.store.postgres import PostgresStore
        except ImportError as exc:
            raise StoreError(
                f"a PostgreSQL store needs psycopg, which cannot be imported: {exc}",
                hint='install it with: pip install "newsweave[postgres]"',
            ) from None
        return PostgresStore(location, readonly=readonly)
    if location.startswith(_SQLITE_PREFIX):
        location = location[len(_SQLITE_PREFIX) :]
    from newsweave.store.sqlite import SQLiteStore

    return SQLiteStore(location, readonly=readonly)
