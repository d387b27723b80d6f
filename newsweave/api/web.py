"""The web UI of `newsweave serve`: stories, a story's sources side by side, entities, timelines, search.

Pages are rendered on the server from the HTML report's own macros (report_macros.html.j2) and
view models (newsweave.report.html_report), so a story reads the same in the report and here.
Templates autoescape every value; article text reaches a page only through those escaped
paths. Every element that holds article text carries the article's ``lang`` and ``dir``, so
Persian and Arabic read right-to-left beside English. No inline script or style: the app's
Content-Security-Policy forbids them; the stylesheets and the one small script are served
from this package.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Iterable, Sequence, TypeVar
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup, escape

from newsweave.api.deps import get_store
from newsweave.compare.dossier import headline_of
from newsweave.compare.provenance import language_name
from newsweave.compare.verdicts import DIFFER
from newsweave.errors import NotFoundError
from newsweave.lang import available as available_languages
from newsweave.lang import direction
from newsweave.model import Article, Story, TimelineEvent
from newsweave.report.html_report import (
    REPORT_TEMPLATES,
    TYPE_NAMES,
    Span,
    article_view,
    highlight,
    names_by_language,
    story_sections,
    template_environment,
)
from newsweave.store.base import Store
from newsweave.text.keys import key

router = APIRouter()

StoreDep = Annotated[Store, Depends(get_store)]
PageNumber = Annotated[int, Query(ge=1, le=100_000, description="Page number, from 1.")]

STORIES_PER_PAGE = 20
HITS_PER_PAGE = 20
ARTICLES_PER_PAGE = 20
SEARCH_DEPTH = 1000
"""Search ranks at most this many hits; deeper pages are not offered."""
SOURCES_LISTED = 4
"""Sources named under a story in the list (the rest are counted)."""
ENTITY_STORIES_LISTED = 20
"""Stories listed on an entity page, latest first (the rest are counted)."""
CONTEXTS_PER_ARTICLE = 2
"""Sentences shown per article on an entity page, around the entity's mentions."""

_HERE = Path(__file__).parent
_REPORT_CSS = Path(__file__).resolve().parent.parent / "report" / "templates" / "report.css"


def entity_href(entity_id: str) -> str:
    return f"/entities/{quote(entity_id, safe='')}"


def article_href(article_id: str) -> str:
    return f"/articles/{quote(article_id, safe='')}"


def story_href(story_id: str) -> str:
    return f"/stories/{quote(story_id, safe='')}"


def storyline_href(storyline_id: str) -> str:
    return f"/timeline/{quote(storyline_id, safe='')}"


def _environment():
    env = template_environment(
        ChoiceLoader([FileSystemLoader(_HERE / "templates"), REPORT_TEMPLATES]),
        entity_href=entity_href, article_href=article_href,
    )
    env.globals.update(story_href=story_href, storyline_href=storyline_href, language_name=language_name)
    return env


templates = Jinja2Templates(env=_environment())


def _render(request: Request, name: str, status_code: int = 200, **context) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def _not_found(request: Request, error: NotFoundError) -> Response:
    return _render(request, "not_found.html.j2", status_code=404, message=str(error.args[0]), hint=error.hint)


# --- shared view pieces ---------------------------------------------------------------------


@dataclass(frozen=True)
class Pager:
    """Where a paginated list is, and the links to its neighbours (query kept)."""

    page: int
    pages: int | None
    """None when the total is not known (search): then ``has_next`` says whether there is more."""
    has_next: bool
    path: str
    query: tuple[tuple[str, str], ...]

    def href(self, page: int) -> str:
        params = [(k, v) for k, v in self.query if v] + ([("page", str(page))] if page > 1 else [])
        return f"{self.path}?{urlencode(params)}" if params else self.path

    @property
    def previous(self) -> str | None:
        return self.href(self.page - 1) if self.page > 1 else None

    @property
    def next(self) -> str | None:
        return self.href(self.page + 1) if self.has_next else None


def _source(article: Article) -> dict:
    """An article as a line in a list: headline in its language, outlet, date."""
    return {
        "id": article.id,
        "headline": headline_of(article),
        "lang": article.lang,
        "dir": direction(article.lang),
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
    }


def _languages(codes: Iterable[str]) -> list[dict]:
    return [{"code": c, "name": language_name(c), "dir": direction(c)} for c in codes]


def _story_row(store: Store, story: Story) -> dict:
    sources = [_source(store.get_article(i)) for i in story.articles[:SOURCES_LISTED]]
    headline = next((s for s in sources if s["headline"] == story.title), None)
    statuses = Counter(c.status for c in story.comparison)
    return {
        "id": story.id,
        "label": story.label or story.title,
        "title": story.title if headline else None,
        "title_lang": headline["lang"] if headline else None,
        "title_dir": headline["dir"] if headline else None,
        "languages": _languages(story.languages),
        "outlets": list(story.outlets),
        "start": story.start.isoformat() if story.start else None,
        "end": story.end.isoformat() if story.end else None,
        "articles": len(story.articles),
        "differences": statuses.get(DIFFER, 0),
        "storyline": story.storyline,
        "sources": sources,
        "more_sources": max(0, len(story.articles) - SOURCES_LISTED),
    }


@dataclass(frozen=True, slots=True)
class _Listed:
    """What the story list filters, counts and orders by, for every story."""

    id: str
    start: dt.date | None
    end: dt.date | None
    languages: tuple[str, ...]
    outlets: tuple[str, ...]


def _story_index(store: Store) -> tuple[_Listed, ...]:
    return tuple(_Listed(s.id, s.start, s.end, s.languages, s.outlets) for s in store.iter_stories())


_Dated = TypeVar("_Dated", Story, _Listed)


def _newest_first(stories: Iterable[_Dated]) -> list[_Dated]:
    """Latest start first; undated stories last (the store lists them oldest first)."""
    dated, undated = [], []
    for story in stories:
        (dated if story.start else undated).append(story)
    dated.sort(key=lambda s: (s.start, s.end or s.start, s.id), reverse=True)
    return dated + undated


# --- pages ----------------------------------------------------------------------------------


@router.get("/", response_class=Response)
def story_list(
    request: Request,
    store: StoreDep,
    page: PageNumber = 1,
    lang: Annotated[str | None, Query(max_length=16, description="Only stories with an article in this language.")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Only stories this outlet reports.")] = None,
) -> Response:
    """Stories, latest first, each with its languages, outlets and sources; filter by language or outlet.

    Every story counts for the filters, but only the page's stories are read whole: the rest
    comes from a light index of all stories, kept in the story cache until the store changes."""
    stories: tuple[_Listed, ...] = request.app.state.story_cache.get(("story-index",), lambda: _story_index(store))
    languages = Counter(code for s in stories for code in s.languages)
    outlets = Counter(name for s in stories for name in s.outlets)
    chosen = [s for s in stories if (not lang or lang in s.languages) and (not outlet or outlet in s.outlets)]
    pages = max(1, math.ceil(len(chosen) / STORIES_PER_PAGE))
    if page > pages:
        return _not_found(request, NotFoundError(f"page {page} is past the last page of stories ({pages})"))
    shown = _newest_first(chosen)[(page - 1) * STORIES_PER_PAGE : page * STORIES_PER_PAGE]
    return _render(
        request, "stories.html.j2",
        stories=[_story_row(store, store.get_story(s.id)) for s in shown],
        total=len(chosen),
        all_stories=len(stories),
        articles=store.count_articles(),
        languages=[{**row, "count": languages[row["code"]]} for row in _languages(c for c, _ in languages.most_common())],
        outlets=outlets.most_common(),
        lang=lang,
        outlet=outlet,
        pager=Pager(page, pages, page < pages, "/", (("lang", lang or ""), ("outlet", outlet or ""))),
    )


@router.get("/stories/{story_id}", response_class=Response)
def story_page(request: Request, store: StoreDep, story_id: str) -> Response:
    """One story: what happened, the sources side by side, where they differ, then the articles.

    The page is the slowest to build (every article of the story), so it is kept in the app's
    story cache until the store changes."""
    try:
        body = request.app.state.story_cache.get(("page", story_id), lambda: _story_page_body(request, store, story_id))
    except NotFoundError as error:
        return _not_found(request, error)
    return Response(body, media_type="text/html; charset=utf-8")


def _story_page_body(request: Request, store: Store, story_id: str) -> bytes:
    story = store.get_story(story_id)
    storyline = store.get_storyline(story.storyline) if story.storyline else None
    articles = [store.get_article(i) for i in story.articles]
    entities = store.entities_of(articles)
    (section,) = story_sections(articles, entities, [story])
    return _render(request, "story.html.j2", story=story, section=section, storyline=storyline,
                   languages=_languages(story.languages)).body


@router.get("/articles/{article_id}", response_class=Response)
def article_page(request: Request, store: StoreDep, article_id: str) -> Response:
    """One article with its highlighted entities and times, statements and facts."""
    try:
        article = store.get_article(article_id)
        story_id = store.story_ids_of([article.id]).get(article.id)
        story = store.get_story(story_id) if story_id else None
    except NotFoundError as error:
        return _not_found(request, error)
    return _render(request, "article.html.j2", article=article_view(article, store.entities_of([article])),
                   story=story)


def _script_of(name: str) -> str:
    """The script a name is written in, from its first letter (Arabic, Latin, Cyrillic …)."""
    letter = next((ch for ch in name if ch.isalpha()), "")
    word = unicodedata.name(letter, "").split(" ")[0] if letter else ""
    return word.capitalize() if word else "—"


def _mention_contexts(article: Article, entity_id: str) -> list[Markup]:
    """The sentences of the article that mention the entity, the mentions marked (escaped HTML)."""
    mentions = [m for m in article.mentions if m.entity == entity_id]
    out: list[Markup] = []
    seen: set[tuple[int, int]] = set()
    for mention in mentions:
        sentence = next((s for s in article.sentences if s.start <= mention.start < s.end), None)
        start, end = (sentence.start, sentence.end) if sentence else (mention.start, mention.end)
        if (start, end) in seen:
            continue
        seen.add((start, end))
        text = article.text[start:end].replace("\n", " ")
        spans = [Span(m.start - start, m.end - start, "ent ent-" + m.type.value, TYPE_NAMES.get(m.type.value, ""))
                 for m in mentions if start <= m.start and m.end <= end]
        out.extend(highlight(text, spans))
        if len(out) >= CONTEXTS_PER_ARTICLE:
            break
    return out


@router.get("/entities/{entity_id}", response_class=Response)
def entity_page(request: Request, store: StoreDep, entity_id: str, page: PageNumber = 1) -> Response:
    """One entity: its names in every language and script, the stories and articles that name it."""
    try:
        entity = store.get_entity(entity_id)
    except NotFoundError as error:
        return _not_found(request, error)
    names = [
        {**group, "language": language_name(group["lang"]), "scripts": sorted({_script_of(n) for n in group["names"]})}
        for group in names_by_language(entity)
    ]
    article_ids = list(entity.articles)
    pages = max(1, math.ceil(len(article_ids) / ARTICLES_PER_PAGE))
    if page > pages:
        return _not_found(request, NotFoundError(f"page {page} is past the last page of articles ({pages})"))
    wanted = article_ids[(page - 1) * ARTICLES_PER_PAGE : page * ARTICLES_PER_PAGE]
    found = store.has_articles(wanted)
    articles = sorted((store.get_article(i) for i in wanted if i in found),
                      key=lambda a: (a.published is None, -(a.published or dt.date.min).toordinal(), a.id))
    story_ids = dict.fromkeys(store.story_ids_of(article_ids).values())
    stories = _newest_first(store.get_story(i) for i in story_ids)
    return _render(
        request, "entity.html.j2",
        entity=entity,
        type_name=TYPE_NAMES.get(entity.type.value, entity.type.value),
        names=names,
        articles=[{**_source(a), "contexts": _mention_contexts(a, entity.id)} for a in articles],
        article_count=len(article_ids),
        stories=[_story_row(store, s) for s in stories[:ENTITY_STORIES_LISTED]],
        story_count=len(stories),
        pager=Pager(page, pages, page < pages, entity_href(entity.id), ()),
    )


def _timeline_rows(events: Iterable[TimelineEvent], stories: dict[str, Story]) -> list[dict]:
    rows = []
    for event in sorted(events, key=lambda e: (e.date, e.event, e.story or "")):
        story = stories.get(event.story or "")
        rows.append({
            "date": event.date,
            "label": event.label,
            "expected": event.modality == "expected",
            "languages": _languages(event.languages),
            "outlets": list(event.outlets),
            "articles": list(event.articles),
            "story": story.id if story else None,
            "story_label": (story.label or story.title) if story else None,
        })
    return rows


@router.get("/timeline", response_class=Response)
def timeline_page(
    request: Request,
    store: StoreDep,
    since: Annotated[dt.date | None, Query(description="Events on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[dt.date | None, Query(description="Events on or before this date (YYYY-MM-DD).")] = None,
) -> Response:
    """Every dated event in date order (storylines' pooled timelines, and stories in no storyline),
    and the storylines to open one by one.

    It reads every stored story, so the page is kept in the story cache until the store changes."""
    body = request.app.state.story_cache.get(
        ("timeline", since, until), lambda: _timeline_page_body(request, store, since, until)
    )
    return Response(body, media_type="text/html; charset=utf-8")


def _timeline_page_body(request: Request, store: Store, since: dt.date | None, until: dt.date | None) -> bytes:
    storylines = list(store.iter_storylines())
    stories = {s.id: s for s in store.iter_stories()}
    events = [e for line in storylines for e in line.timeline]
    events += [e for s in stories.values() if not s.storyline for e in s.timeline]
    low, high = (since.isoformat() if since else ""), (until.isoformat() if until else "9999")
    # Dates may be intervals ("2025-12-08/2025-12-14"): compare on their first day.
    events = [e for e in events if low <= e.date[:10] <= high]
    return _render(request, "timeline.html.j2", rows=_timeline_rows(events, stories), storylines=storylines,
                   storyline=None, since=since, until=until).body


@router.get("/timeline/{storyline_id}", response_class=Response)
def storyline_page(request: Request, store: StoreDep, storyline_id: str) -> Response:
    """One storyline: its stories and their events on one timeline."""
    try:
        line = store.get_storyline(storyline_id)
    except NotFoundError as error:
        return _not_found(request, error)
    stories = {s.id: s for s in store.iter_stories(storyline=line.id)}
    return _render(request, "timeline.html.j2", rows=_timeline_rows(line.timeline, stories), storylines=[],
                   storyline=line, stories=[_story_row(store, s) for s in _newest_first(stories.values())],
                   since=None, until=None)


def mark_terms(snippet: str, query: str) -> Markup:
    """The snippet escaped, with every word of the query marked where its match key occurs
    (so ي/ی, ZWNJ, harakat and case do not hide a hit the search itself found)."""
    terms = {key(word.strip('"()*')) for word in query.split()} - {"", "and", "or", "not"}
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(snippet):
        for piece in key(char):
            folded.append(piece)
            origin.append(index)
    haystack = "".join(folded)
    spans: list[tuple[int, int]] = []
    for term in sorted(terms, key=len, reverse=True):
        at = haystack.find(term)
        while at >= 0:
            start, end = origin[at], origin[at + len(term) - 1] + 1
            if not any(start < e and s < end for s, e in spans):
                spans.append((start, end))
            at = haystack.find(term, at + len(term))
    parts: list[Markup] = []
    position = 0
    for start, end in sorted(spans):
        parts.append(escape(snippet[position:start]))
        parts.append(Markup("<mark class=\"hit\">{}</mark>").format(snippet[start:end]))
        position = end
    parts.append(escape(snippet[position:]))
    return Markup("").join(parts)


@router.get("/search", response_class=Response)
def search_page(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(max_length=500, description="Words to find, in any script.")] = "",
    lang: Annotated[str | None, Query(max_length=16, description="Only articles in this language.")] = None,
    page: PageNumber = 1,
) -> Response:
    """Full-text search in any script; each hit with its story."""
    query = q.strip()
    hits: Sequence = []
    more = False
    if query:
        depth = min(page * HITS_PER_PAGE, SEARCH_DEPTH)
        found = store.search(query, limit=depth + 1, lang=lang or None)
        hits = found[(page - 1) * HITS_PER_PAGE : depth]
        more = len(found) > depth and depth < SEARCH_DEPTH
    story_of = store.story_ids_of([h.article_id for h in hits])
    stories = {i: store.get_story(i) for i in dict.fromkeys(story_of.values())}
    rows = []
    for hit in hits:
        article = store.get_article(hit.article_id)
        story = stories.get(story_of.get(hit.article_id, ""))
        rows.append({
            **_source(article),
            "snippet": mark_terms(hit.snippet, query),
            "story": story.id if story else None,
            "story_label": (story.label or story.title) if story else None,
        })
    return _render(
        request, "search.html.j2", q=query, lang=lang, hits=rows, languages=_languages(available_languages()),
        first=(page - 1) * HITS_PER_PAGE + 1,
        pager=Pager(page, None, more, "/search", (("q", query), ("lang", lang or ""))),
    )


@router.get("/assets/report.css")
def report_stylesheet() -> FileResponse:
    """The HTML report's stylesheet (the report inlines it; the web UI links it)."""
    return FileResponse(_REPORT_CSS, media_type="text/css")
