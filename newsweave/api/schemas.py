"""Response shapes for the OpenAPI document.

Records that the JSON export defines (article, entity, story, storyline, timeline event) are
the export's objects, key for key (docs/json-format.md); the models here describe the
envelopes around them and the few shapes that only the API has.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")

EXPORT_RECORD = "An object of the JSON export `newsweave/1` (docs/json-format.md); readers ignore keys they do not know."


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    total: int | None = Field(description="How many items the whole list has; null where the store cannot count it cheaply.")
    limit: int
    offset: int
    next_offset: int | None = Field(description="The offset of the next page; null on the last page.")


class ArticleSummary(BaseModel):
    """The metadata keys of an export article (same names and meaning), without text and spans."""

    id: str
    title: str | None
    lang: str
    published: str | None
    outlet: str | None
    author: str | None
    url: str | None
    source: str


class SearchHit(BaseModel):
    id: str = Field(description="Article id.")
    title: str | None
    snippet: str = Field(description="A short piece of the original text around the first match.")
    score: float = Field(description="Relevance: higher is better.")


class TimelineEntry(BaseModel):
    """A timeline event of the export, with the storyline it belongs to."""

    storyline: str
    date: str
    event: str
    label: str
    modality: str
    story: str | None
    articles: list[str]
    outlets: list[str]
    languages: list[str]
    facts: list[dict[str, Any]]


class Health(BaseModel):
    status: str
    version: str
    articles: int
    read_only: bool = Field(description="True when no write token is configured: ingest is refused.")
    url_ingest: bool


class Skipped(BaseModel):
    source: str
    code: str
    message: str


class IngestResult(BaseModel):
    added: list[str] = Field(description="Ids of the articles stored by this request.")
    unchanged: list[str] = Field(description="Ids of articles that were already stored (nothing changed).")
    skipped: list[Skipped] = Field(description="Inputs that were not articles, each with its problem.")


class ArticleIn(BaseModel):
    """One article to ingest: the keys of a JSONL input line."""

    text: str = Field(min_length=1)
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="ISO date (or date-time) of publication.")
    author: str | None = None
    lang: str | None = Field(None, description="Language code hint (fa, ar, en …); detected when absent.")


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=1000)


class UrlIn(BaseModel):
    url: str = Field(description="An http(s) URL of a page or feed to read.", max_length=2048)
    outlet: str | None = None
    published: str | None = Field(None, description="ISO date for inputs that carry none.")


class Error(BaseModel):
    detail: str = Field(description="What went wrong, naming the id, parameter or input.")
    code: str | None = Field(None, description="newsweave error code (E400: not found).")
    hint: str | None = None


class IngestRefused(BaseModel):
    """422 from ingest: either the request did not validate (a list, as for every endpoint), or
    it did but no article could be read from it (a message, with each input's problem)."""

    detail: str | list[dict[str, Any]]
    added: list[str] = []
    unchanged: list[str] = []
    skipped: list[Skipped] = []
