"""The store interface the pipeline, the reports and the CLI use.

Callers depend only on :class:`Store` and :func:`newsweave.store.open_store`, so the SQLite and
PostgreSQL backends are interchangeable. A store has one writer at a time
(the pipeline's single writer) and any number of read-only readers.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, Callable, ContextManager, Iterable, Iterator, Sequence

from newsweave.errors import NotFoundError
from newsweave.model import Article, Entity, EntityType, Story, Storyline


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: str
    title: str | None
    snippet: str
    """A short piece of the original text around the first match."""
    score: float
    """Relevance: higher is better, title words weigh more (SQLite: negated BM25; PostgreSQL: ts_rank)."""


@dataclass(frozen=True, slots=True)
class Encoded:
    """A stored record as the store keeps it, turned into its model record by :meth:`load` in
    whichever process needs it: a parallel engine's workers decode what the writer ships."""

    decode: Callable[[Any], Any]
    """A module-level function (pickled by name)."""
    data: Any

    def load(self) -> Any:
        return self.decode(self.data)


def _as_is(record: Any) -> Any:
    return record


def linked_entities(articles: Iterable[Article], lookup: Callable[[str], Entity | None]) -> dict[str, Entity]:
    """The entities the articles' mentions link to, by id, in the order the mentions first
    name them; ids ``lookup`` does not know (None) are passed over."""
    out: dict[str, Entity] = {}
    missing: set[str] = set()
    for article in articles:
        for mention in article.mentions:
            entity_id = mention.entity
            if not entity_id or entity_id in out or entity_id in missing:
                continue
            entity = lookup(entity_id)
            if entity is None:
                missing.add(entity_id)
            else:
                out[entity_id] = entity
    return out


class Store(ABC):
    """Where all state lives: articles with their annotations, entities, outlet lines, state."""

    schema_version: int
    location: str
    readonly: bool

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- articles ---------------------------------------------------------------------------

    @abstractmethod
    def add_articles(self, articles: Sequence[Article]) -> list[bool]:
        """Store a batch in one transaction; True where new. An id already stored is left as is."""

    @abstractmethod
    def update_articles(self, articles: Sequence[Article]) -> None:
        """Replace the annotations of stored articles (text and metadata stay as stored)."""

    @abstractmethod
    def get_article(self, article_id: str) -> Article:
        """The article with this id, or with this unique id prefix (6+ characters)."""

    @abstractmethod
    def has_articles(self, ids: Sequence[str]) -> set[str]: ...

    @abstractmethod
    def iter_articles(
        self,
        *,
        lang: str | None = None,
        outlet: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[Article]:
        """Articles ordered by publication date (undated last), then id; dates inclusive."""

    @abstractmethod
    def count_articles(
        self,
        *,
        lang: str | None = None,
        outlet: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> int: ...

    @abstractmethod
    def search(self, query: str, *, limit: int = 20, lang: str | None = None) -> list[SearchHit]:
        """Full-text search in any script; plain words unless the query is clearly FTS syntax."""

    # --- outlet lines (boilerplate detection) -------------------------------------------------

    @abstractmethod
    def outlet_line_counts(self, outlet: str, fingerprints: Iterable[str]) -> dict[str, int]:
        """For each fingerprint seen before in this outlet: in how many distinct articles."""

    @abstractmethod
    def record_outlet_lines(self, outlet: str, article_id: str, fingerprints: Iterable[str]) -> None: ...

    # --- entity registry ----------------------------------------------------------------------

    @abstractmethod
    def save_entities(self, entities: Sequence[Entity]) -> None:
        """Insert or replace entities by id."""

    @abstractmethod
    def load_entities(self) -> list[Entity]: ...

    @abstractmethod
    def get_entity(self, entity_id: str) -> Entity: ...

    @abstractmethod
    def iter_entities(self, *, type: EntityType | None = None, lang: str | None = None) -> Iterator[Entity]:
        """Entities ordered by id; ``lang``: only those with a name in that language."""

    def entities_of(self, articles: Iterable[Article]) -> dict[str, Entity]:
        """The stored entities the articles' mentions link to, by id (each loaded once).

        A mention linked to an entity the registry has not saved yet is passed over.
        """
        def stored(entity_id: str) -> Entity | None:
            try:
                return self.get_entity(entity_id)
            except NotFoundError:
                return None

        return linked_entities(articles, stored)

    def encoded_articles(self, ids: Sequence[str]) -> list[Encoded]:
        """The articles ``ids``, in order, undecoded (``Encoded.load`` gives each Article).

        For work done in other processes: a store whose rows cost less to ship than to decode
        returns its rows, and the single writer leaves the decoding to the workers."""
        return [Encoded(_as_is, self.get_article(i)) for i in ids]

    def encoded_entities_of(self, article_ids: Sequence[str]) -> list[Encoded]:
        """Undecoded, the stored entities those articles' mentions link to, and maybe more:
        :func:`linked_entities` over the decoded records picks what :meth:`entities_of` gives."""
        entities = self.entities_of(self.get_article(i) for i in article_ids)
        return [Encoded(_as_is, e) for e in entities.values()]

    # --- stories and storylines ---------------------------------------------------------------

    @abstractmethod
    def save_stories(self, stories: Sequence[Story]) -> None:
        """Insert or replace stories by id (with their article memberships)."""

    @abstractmethod
    def delete_stories(self, ids: Iterable[str]) -> None:
        """Remove stories (merged, split or renamed); unknown ids are ignored."""

    @abstractmethod
    def get_story(self, story_id: str) -> Story:
        """The story with this id or unique id prefix (6+ characters); NotFoundError otherwise."""

    @abstractmethod
    def iter_stories(
        self,
        *,
        storyline: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
    ) -> Iterator[Story]:
        """Stories ordered by start date (undated last), then id; ``since``/``until`` match any overlap."""

    @abstractmethod
    def story_ids_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Article id → id of the story it is in (articles in no story are left out)."""

    @abstractmethod
    def save_storylines(self, storylines: Sequence[Storyline]) -> None:
        """Insert or replace storylines by id."""

    @abstractmethod
    def delete_storylines(self, ids: Iterable[str]) -> None: ...

    @abstractmethod
    def get_storyline(self, storyline_id: str) -> Storyline:
        """The storyline with this id or unique id prefix (6+ characters); NotFoundError otherwise."""

    @abstractmethod
    def iter_storylines(self, *, limit: int | None = None) -> Iterator[Storyline]:
        """Storylines ordered by start date (undated last), then id."""

    @abstractmethod
    def save_story_features(self, rows: Sequence[tuple[str, int | None, Any]]) -> None:
        """Clustering state per article: (article id, day ordinal or None, JSON value)."""

    @abstractmethod
    def iter_story_features(self, *, since_day: int | None = None) -> Iterator[tuple[str, Any]]:
        """(article id, JSON value) of articles from ``since_day`` on, plus every undated one."""

    # --- corpus-stage state -------------------------------------------------------------------

    @abstractmethod
    def get_state(self, name: str) -> Any | None: ...

    @abstractmethod
    def set_state(self, name: str, value: Any) -> None:
        """Store a JSON value under ``name`` (None deletes it)."""

    @abstractmethod
    def transaction(self) -> ContextManager[None]:
        """Group writes: all of them are stored, or none. Nesting is allowed."""
