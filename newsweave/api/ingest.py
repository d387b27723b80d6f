"""The write side of the REST API: ingest JSON articles, an uploaded file, or (when enabled) a URL.

Every write needs the server's token and goes through the app's one write lock, so the
pipeline's ``Weaver`` stays the single writer. An article already stored is reported as
unchanged and left as it is; an input that holds no article is refused with its problems.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Annotated, Iterable

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import JSONResponse

from newsweave.api.deps import get_settings
from newsweave.api.guard import require_token
from newsweave.api.routes import invalid
from newsweave.api.schemas import ArticlesIn, Error, IngestRefused, IngestResult, UrlIn
from newsweave.api.urlfetch import UrlFetcher, UrlRefused
from newsweave.ingest import read_bytes
from newsweave.model import IngestProblem, RawArticle
from newsweave.pipeline import Weaver
from newsweave.settings import Settings
from newsweave.store import open_store

router = APIRouter(prefix="/api/ingest", tags=["ingest"], dependencies=[Depends(require_token)])

SettingsDep = Annotated[Settings, Depends(get_settings)]
WRITE_ERRORS = {
    400: {"model": Error, "description": "The body cannot be parsed (not UTF-8, broken multipart)."},
    401: {"model": Error, "description": "No token given."},
    403: {"model": Error, "description": "Wrong token, or a read-only server."},
    413: {"model": Error, "description": "The body (or the fetched page) is over the size limit."},
    422: {"model": IngestRefused, "description": "Invalid request, or nothing in it could be stored as an article."},
}


def _date(value: str | None, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise invalid(where, "published", value, f"{value!r} is not a date in the form YYYY-MM-DD") from None


def weave(request: Request, items: Iterable[RawArticle | IngestProblem]) -> JSONResponse:
    """Store the items under the app's write lock; 422 when no article came out of them."""
    settings: Settings = request.app.state.settings
    with request.app.state.write_lock, open_store(settings.db, settings=settings) as store:
        result = Weaver(store, settings).weave(items)
    body = {
        "added": result.added,
        "unchanged": result.unchanged,
        "skipped": [{"source": p.source, "code": p.code, "message": p.message} for p in result.problems],
    }
    if not result.article_ids:
        reasons = "; ".join(f"{p.source}: {p.message}" for p in result.problems) or "the input is empty"
        return JSONResponse({"detail": f"no article could be read: {reasons}", **body}, status_code=422)
    return JSONResponse(body, status_code=201 if result.added else 200)


@router.post("", response_model=IngestResult, status_code=201, responses={200: {"model": IngestResult,
             "description": "Every article was already stored: nothing changed."}, **WRITE_ERRORS})
def ingest_articles(request: Request, settings: SettingsDep, payload: ArticlesIn) -> JSONResponse:
    """Ingest articles given as JSON objects (the keys of a JSONL input line)."""
    records = [a.model_dump(exclude_none=True) for a in payload.articles]
    data = json.dumps(records, ensure_ascii=False).encode("utf-8")
    return weave(request, read_bytes(data, "api", settings=settings, suffix=".json"))


@router.post("/file", response_model=IngestResult, status_code=201, responses={200: {"model": IngestResult,
             "description": "Every article was already stored: nothing changed."}, **WRITE_ERRORS})
def ingest_file(
    request: Request,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="A text, HTML, RSS/Atom, JSON or JSONL file.")],
    outlet: Annotated[str | None, Form(max_length=200, description="Outlet for articles that name none.")] = None,
    published: Annotated[str | None, Form(description="YYYY-MM-DD for articles that carry no date.")] = None,
) -> JSONResponse:
    """Ingest one uploaded file: its kind is taken from its extension, else sniffed from its content."""
    when = _date(published, "body")
    name = os.path.basename(file.filename or "") or "upload"
    data = file.file.read(settings.max_input_bytes + 1)
    items = read_bytes(data, f"upload:{name}", settings=settings, suffix=os.path.splitext(name)[1],
                       outlet=outlet or None, published=when)
    return weave(request, items)


@router.post("/url", response_model=IngestResult, status_code=201, responses={200: {"model": IngestResult,
             "description": "Every article was already stored: nothing changed."}, **WRITE_ERRORS})
def ingest_url(request: Request, settings: SettingsDep, payload: UrlIn) -> JSONResponse:
    """Fetch one page or feed and ingest it. Off unless `serve_allow_url_ingest` is set; never
    fetches from loopback, link-local, private or other non-public addresses."""
    if not settings.serve_allow_url_ingest:
        raise HTTPException(403, "ingesting from URLs is off on this server (serve_allow_url_ingest)")
    when = _date(payload.published, "body")
    fetcher: UrlFetcher = request.app.state.url_fetcher
    try:
        fetched = fetcher.fetch(payload.url)
    except UrlRefused as refused:
        raise HTTPException(refused.status, str(refused)) from None
    items = read_bytes(fetched.content, fetched.url, settings=settings, outlet=payload.outlet or None, published=when)
    return weave(request, items)
