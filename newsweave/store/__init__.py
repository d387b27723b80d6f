"""Where all state lives. ``open_store`` picks the backend from the location.

A path (or ``sqlite:///path``) opens a SQLite store; ``postgresql://`` is reserved for the
PostgreSQL backend that callers will reach through the same :class:`Store` interface.
"""

from __future__ import annotations

from newsweave.errors import StoreError
from newsweave.settings import Settings, load_settings
from newsweave.store.base import SearchHit, Store

__all__ = ["SearchHit", "Store", "open_store"]

_SQLITE_PREFIX = "sqlite:///"


def open_store(location: str | None = None, *, settings: Settings | None = None, readonly: bool = False) -> Store:
    """Open (and create or upgrade, unless ``readonly``) the store at ``location``.

    The default location is ``settings.db`` (``NEWSWEAVE_DB`` in the environment).
    """
    settings = settings or load_settings()
    location = location or settings.db
    if location.startswith(("postgresql://", "postgres://")):
        raise StoreError(
            "PostgreSQL stores are not available in this version of newsweave",
            hint="use a SQLite file path such as newsweave.db",
        )
    if location.startswith(_SQLITE_PREFIX):
        location = location[len(_SQLITE_PREFIX) :]
    from newsweave.store.sqlite import SQLiteStore

    return SQLiteStore(location, readonly=readonly)
