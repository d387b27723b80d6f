"""Request-scoped dependencies shared by the REST API and the web UI.

Every request reads through its own read-only store connection, so readers never block one
another or the single writer (SQLite WAL); the settings come from the app that serves it.
"""

from __future__ import annotations

from typing import Iterator

from fastapi import Request

from newsweave.settings import Settings
from newsweave.store import Store, open_store


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    return request.app.state.settings


def get_store(request: Request) -> Iterator[Store]:
    """A read-only store for one request, closed when the response is done."""
    settings = get_settings(request)
    store = open_store(settings.db, settings=settings, readonly=True)
    try:
        yield store
    finally:
        store.close()
