"""The FastAPI app behind `newsweave serve`: the REST API under /api, the web UI beside it.

Safe by default: read-only unless a token is configured, request bodies and request rates are
capped, CORS is off, and every response carries headers that forbid inline script, framing
and content sniffing. All reads go through per-request read-only stores; all writes go through
one lock, so the pipeline's single writer stays single.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Sequence

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsweave import __version__
from newsweave.api.errors import install_error_handlers
from newsweave.api.guard import BodySizeLimit, HostCheck, RateLimit, SecurityHeaders, cors_origins
from newsweave.api.ingest import router as ingest_router
from newsweave.api.records import StoryCache
from newsweave.api.routes import router as rest_router
from newsweave.api.urlfetch import UrlFetcher
from newsweave.settings import Settings, load_settings
from newsweave.store import open_store

STATIC_DIR = Path(__file__).parent / "static"

DESCRIPTION = """\
Read and search a newsweave store over HTTP: articles with their spans, linked entities,
stories with their dossier and source comparison, storylines and timelines, full-text search.
Records are the objects of the JSON export (`newsweave/1`, docs/json-format.md); every list is
paginated with `limit` and `offset` and answers `{"items", "total", "limit", "offset"}`.

Writes (the `ingest` endpoints) need `Authorization: Bearer <token>` and are refused unless the
server was started with a token (`NEWSWEAVE_SERVE_TOKEN`).
"""


def create_app(settings: Settings | None = None, *, allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The app over ``settings.db`` (created and migrated here, so every request can read it).

    ``allowed_hosts``: the only Host header names answered (`newsweave serve` on loopback passes
    the loopback names); None answers any.
    """
    settings = settings or load_settings()
    open_store(settings.db, settings=settings).close()  # create or upgrade once, before any reader
    app = FastAPI(
        title="newsweave",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # Swagger UI needs a CDN and inline script: neither fits an offline, strict-CSP server
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.write_lock = threading.Lock()
    app.state.story_cache = StoryCache(settings.db)
    app.state.url_fetcher = UrlFetcher(
        timeout=settings.serve_url_timeout,
        max_bytes=min(settings.serve_max_upload_bytes, settings.max_input_bytes),
    )
    install_error_handlers(app)
    app.include_router(rest_router)
    app.include_router(ingest_router)

    from newsweave.api.web import router as web_router

    app.include_router(web_router, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    # Added innermost first: headers wrap every answer, including 413 and 429.
    app.add_middleware(BodySizeLimit, max_bytes=settings.serve_max_upload_bytes)
    origins = cors_origins(settings)
    if origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(RateLimit, per_minute=settings.serve_rate_limit)
    if allowed_hosts is not None:
        app.add_middleware(HostCheck, allowed=tuple(allowed_hosts))
    app.add_middleware(SecurityHeaders)
    return app
