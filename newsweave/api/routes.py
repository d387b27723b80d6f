"""The read side of the REST API: articles, entities, stories, storylines, timelines, search.

Handlers are plain functions (FastAPI runs them in its thread pool), each with its own
read-only store. Records are built by the JSON export's functions, so the API and
`newsweave export` agree key for key.
"""

from __future__ import annotations

import datetime as dt
from itertools import islice
from typing import Annotated, Any, Iterable

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from newsweave import __version__
from newsweave.api.deps import get_settings, get_store
from newsweave.api.records import article_summary, dossier_to_export, timeline_entries
from newsweave.api.schemas import EXPORT_RECORD, ArticleSummary, Error, Health, Page, SearchHit, TimelineEntry
from newsweave.compare.dossier import build_dossier
from newsweave.model import EntityType
from newsweave.report.json_export import (
    article_to_export,
    entity_to_export,
    story_to_export,
    storyline_to_export,
    timeline_event_to_export,
)
from newsweave.settings import Settings
from newsweave.store import Store

router = APIRouter(prefix="/api")

StoreDep = Annotated[Store, Depends(get_store)]
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Items to skip.")]
Lang = Annotated[str | None, Query(min_length=2, max_length=16, description="Language code (fa, ar, en …).")]
DATE = r"^\d{4}-\d{2}-\d{2}$"
Since = Annotated[str | None, Query(pattern=DATE, json_schema_extra={"format": "date"}, description="On or after this date (YYYY-MM-DD).")]
Until = Annotated[str | None, Query(pattern=DATE, json_schema_extra={"format": "date"}, description="On or before this date (YYYY-MM-DD).")]
RecordId = Annotated[str, Path(min_length=1, max_length=128, description="The id, or a unique prefix of 6+ characters.")]

NOT_FOUND = {404: {"model": Error, "description": "No record with this id."}}
RECORD = {"content": {"application/json": {"schema": {"type": "object", "description": EXPORT_RECORD}}}}
SEARCH_DEPTH = 1000
"""Search ranks at most this many hits (offset + limit); deeper pages are refused."""


def invalid(where: str, name: str, value: Any, message: str) -> RequestValidationError:
    """A 422 in the same shape as FastAPI's own validation errors."""
    return RequestValidationError([{"type": "value_error", "loc": (where, name), "msg": message, "input": value}])


def parse_date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise invalid("query", name, value, f"{value!r} is not a calendar date (YYYY-MM-DD)") from None


def date_range(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    low, high = parse_date(since, "since"), parse_date(until, "until")
    if low and high and low > high:
        raise invalid("query", "since", since, f"since ({low}) is after until ({high})")
    return low, high


def json_response(data: Any) -> JSONResponse:
    """Built records go out as they are (validating export objects again would only cost time)."""
    return JSONResponse(data)


def page(items: list, *, total: int | None, limit: int, offset: int, more: bool | None = None) -> JSONResponse:
    if more is None:
        more = total is not None and offset + len(items) < total
    return json_response({
        "items": items,
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + len(items) if more else None,
    })


def window(records: Iterable, limit: int, offset: int) -> tuple[list, bool]:
    """One page of an ordered stream, and whether anything follows it (read one record past)."""
    taken = list(islice(records, offset, offset + limit + 1))
    return taken[:limit], len(taken) > limit


@router.get("/health", response_model=Health, tags=["meta"])
def health(store: StoreDep, settings: Annotated[Settings, Depends(get_settings)]) -> JSONResponse:
    """Whether the server can read its store, and what it allows."""
    return json_response({
        "status": "ok",
        "version": __version__,
        "articles": store.count_articles(),
        "read_only": not settings.serve_token,
        "url_ingest": settings.serve_allow_url_ingest,
    })


@router.get("/articles", response_model=Page[ArticleSummary], tags=["articles"])
def list_articles(
    store: StoreDep,
    lang: Lang = None,
    outlet: Annotated[str | None, Query(min_length=1, max_length=200, description="Outlet name as stored.")] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    """Stored articles, by publication date (undated last), then id; filters combine."""
    since, until = date_range(since, until)
    rows = store.iter_articles(lang=lang, outlet=outlet, since=since, until=until, limit=limit, offset=offset)
    items = [article_summary(a) for a in rows]
    total = store.count_articles(lang=lang, outlet=outlet, since=since, until=until)
    return page(items, total=total, limit=limit, offset=offset)


@router.get("/articles/{article_id}", responses={200: RECORD, **NOT_FOUND}, tags=["articles"])
def get_article(store: StoreDep, article_id: RecordId) -> JSONResponse:
    """One article with its text and every span (entities, times, attributions, facts), as in the export."""
    article = store.get_article(article_id)
    data = article_to_export(article, store.entities_of([article]))
    data["story"] = store.story_ids_of([article.id]).get(article.id)
    return json_response(data)


@router.get("/entities", response_model=Page[dict[str, Any]], tags=["entities"])
def list_entities(
    store: StoreDep,
    type: Annotated[EntityType | None, Query(description="PER, ORG or LOC.")] = None,
    lang: Annotated[str | None, Query(min_length=2, max_length=16, description="Only entities named in this language.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    """Linked entities (export objects), most mentioned first."""
    rows = sorted(store.iter_entities(type=type, lang=lang), key=lambda e: (-len(e.articles), e.label, e.id))
    items = [entity_to_export(e) for e in rows[offset : offset + limit]]
    return page(items, total=len(rows), limit=limit, offset=offset)


@router.get("/entities/{entity_id}", responses={200: RECORD, **NOT_FOUND}, tags=["entities"])
def get_entity(store: StoreDep, entity_id: RecordId) -> JSONResponse:
    """One entity with its names in every script and the ids of the articles that mention it."""
    return json_response(entity_to_export(store.get_entity(entity_id)))


@router.get("/entities/{entity_id}/articles", response_model=Page[ArticleSummary], responses=NOT_FOUND,
            tags=["entities"])
def list_entity_articles(store: StoreDep, entity_id: RecordId, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    """The articles that mention one entity, in the entity's order."""
    entity = store.get_entity(entity_id)
    ids = entity.articles[offset : offset + limit]
    present = store.has_articles(ids)
    items = [article_summary(store.get_article(i)) for i in ids if i in present]
    return page(items, total=len(entity.articles), limit=limit, offset=offset,
                more=offset + len(ids) < len(entity.articles))


@router.get("/stories", response_model=Page[dict[str, Any]], tags=["stories"])
def list_stories(
    store: StoreDep,
    since: Annotated[str | None, Query(pattern=DATE, json_schema_extra={"format": "date"}, description="Stories still running on or after this date.")] = None,
    until: Annotated[str | None, Query(pattern=DATE, json_schema_extra={"format": "date"}, description="Stories started on or before this date.")] = None,
    storyline: Annotated[str | None, Query(min_length=1, max_length=128, description="Only this storyline's stories.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    """Stories (export objects, with timeline and comparison), by start date (undated last), then id."""
    since, until = date_range(since, until)
    rows = store.iter_stories(storyline=storyline, since=since, until=until, limit=offset + limit + 1)
    stories, more = window(rows, limit, offset)
    return page([story_to_export(s) for s in stories], total=None, limit=limit, offset=offset, more=more)


@router.get("/stories/{story_id}", responses={200: RECORD, **NOT_FOUND}, tags=["stories"])
def get_story(request: Request, store: StoreDep, story_id: RecordId) -> Response:
    """One story as in the export (its `comparison` included), plus its `dossier`: the comparison
    made readable, with its sources, timeline and entities."""
    body = request.app.state.story_cache.get(("api", story_id), lambda: json_response(story_with_dossier(store, story_id)).body)
    return Response(body, media_type="application/json")


def story_with_dossier(store: Store, story_id: str) -> dict:
    story = store.get_story(story_id)
    articles = [store.get_article(i) for i in story.articles]
    data = story_to_export(story)
    data["dossier"] = dossier_to_export(build_dossier(articles, store.entities_of(articles), story=story))
    return data


@router.get("/storylines", response_model=Page[dict[str, Any]], tags=["storylines"])
def list_storylines(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    """Storylines (stories that continue one another), by start date, then id."""
    lines, more = window(store.iter_storylines(limit=offset + limit + 1), limit, offset)
    return page([storyline_to_export(line) for line in lines], total=None, limit=limit, offset=offset, more=more)


@router.get("/storylines/{storyline_id}", responses={200: RECORD, **NOT_FOUND}, tags=["storylines"])
def get_storyline(store: StoreDep, storyline_id: RecordId) -> JSONResponse:
    """One storyline with its stories and its whole timeline."""
    return json_response(storyline_to_export(store.get_storyline(storyline_id)))


@router.get("/storylines/{storyline_id}/timeline", response_model=Page[dict[str, Any]], responses=NOT_FOUND,
            tags=["storylines"])
def get_storyline_timeline(store: StoreDep, storyline_id: RecordId, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    """The dated events of one storyline, in date order (export timeline events)."""
    events = store.get_storyline(storyline_id).timeline
    items = [timeline_event_to_export(e) for e in events[offset : offset + limit]]
    return page(items, total=len(events), limit=limit, offset=offset)


@router.get("/timeline", response_model=Page[TimelineEntry], tags=["storylines"])
def get_timeline(store: StoreDep, since: Since = None, until: Until = None, limit: Limit = 50,
                 offset: Offset = 0) -> JSONResponse:
    """Every storyline's dated events on one timeline, in date order; each names its storyline."""
    low, high = (d.isoformat() if d else None for d in date_range(since, until))
    entries = timeline_entries(store.iter_storylines())
    # Dates may be intervals ("2025-12-08/2025-12-14"): compare on their first day.
    entries = [e for e in entries if (low is None or e["date"][:10] >= low) and (high is None or e["date"][:10] <= high)]
    return page(entries[offset : offset + limit], total=len(entries), limit=limit, offset=offset)


@router.get("/search", response_model=Page[SearchHit], tags=["search"])
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500, pattern=r"\S", description="Words to find, in any script.")],
    lang: Lang = None,
    limit: Annotated[int, Query(ge=1, le=100, description="Hits per page.")] = 20,
    offset: Annotated[int, Query(ge=0, le=SEARCH_DEPTH - 1, description="Hits to skip.")] = 0,
) -> JSONResponse:
    """Full-text search (any script; ی/ي and ZWNJ variants match), best first."""
    depth = min(offset + limit, SEARCH_DEPTH)
    hits = store.search(q, limit=depth + 1, lang=lang)
    items = [{"id": h.article_id, "title": h.title, "snippet": h.snippet, "score": h.score} for h in hits[offset:depth]]
    more = len(hits) > depth and depth < SEARCH_DEPTH
    return page(items, total=None, limit=limit, offset=offset, more=more)
