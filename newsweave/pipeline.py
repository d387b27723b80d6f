"""The orchestrator, readable top to bottom.

    inputs ─ ingest ─▶ RawArticle ─ text ─▶ Article ─ extract ─▶ Article with spans
                                                                   │
                                    single writer: link ─ store ◀──┘

``prepare`` and ``extract`` are pure functions of one article (and read-only language data),
so they can run in any process: ``Weaver`` takes a ``mapper`` (the builtin ``map`` by default)
that a parallel engine can replace. ``Weaver`` itself is the single writer that owns corpus
state: the outlet line counts used for boilerplate, the entity registry, and the store.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import islice
from typing import Callable, Iterable, Iterator

from newsweave.cluster.stories import StoryKeeper
from newsweave.compare import compare_story
from newsweave.errors import NotFoundError
from newsweave.extract.entities import find_mentions
from newsweave.extract.facts import find_facts
from newsweave.extract.quotes import find_attributions
from newsweave.extract.time import find_times
from newsweave.link.registry import EntityRegistry
from newsweave.model import Article, Entity, IngestProblem, RawArticle, Story
from newsweave.settings import Settings
from newsweave.store.base import Store
from newsweave.text.boilerplate import line_fingerprint
from newsweave.text.prepare import prepare_article

_MAX_BOILERPLATE_LINE = 300


def prepare(raw: RawArticle, settings: Settings, repeated_lines: frozenset[str] = frozenset()) -> Article:
    """Text stages: boilerplate, language, sentences, content id."""
    return prepare_article(raw, settings, repeated_lines)


def extract(article: Article, settings: Settings) -> Article:
    """Per-article extraction; each stage sees what the earlier ones found."""
    article = replace(article, mentions=find_mentions(article, settings))
    article = replace(article, times=find_times(article))
    article = replace(article, attributions=find_attributions(article))
    return replace(article, facts=find_facts(article))


def _prepare_job(raw: RawArticle, repeated_lines: frozenset[str], settings: Settings) -> Article:
    """``prepare`` with its arguments in mapper order (one iterable per positional argument)."""
    return prepare(raw, settings, repeated_lines)


def process(raw: RawArticle, settings: Settings, repeated_lines: frozenset[str] = frozenset()) -> Article:
    """Every per-article stage in order: what a worker runs."""
    return extract(prepare(raw, settings, repeated_lines), settings)


@dataclass
class WeaveResult:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    """Articles already stored (re-ingest changes nothing)."""
    problems: list[IngestProblem] = field(default_factory=list)

    @property
    def article_ids(self) -> list[str]:
        return self.added + self.unchanged


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _candidate_lines(raw: RawArticle) -> set[str]:
    return {
        line_fingerprint(line)
        for line in raw.text.splitlines()
        if line.strip() and len(line) <= _MAX_BOILERPLATE_LINE
    }


class Weaver:
    """The single writer: turns inputs into stored, linked articles, batch by batch."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        mapper: Callable[..., Iterable[Article]] = map,
        on_item: Callable[[RawArticle | IngestProblem], None] | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.mapper = mapper
        self.on_item = on_item
        self.registry = EntityRegistry(store.load_entities(), settings=settings)
        self.stories = StoryKeeper(store, settings, self._entity_label)

    def weave(self, items: Iterable[RawArticle | IngestProblem]) -> WeaveResult:
        result = WeaveResult()
        seen: set[str] = set()
        for batch in _batches(items, self.settings.batch_size):
            self._weave_batch(batch, result, seen)
        return result

    def _weave_batch(self, batch: list[RawArticle | IngestProblem], result: WeaveResult, seen: set[str]) -> None:
        raws: list[RawArticle] = []
        for item in batch:
            if self.on_item:
                self.on_item(item)
            if isinstance(item, IngestProblem):
                result.problems.append(item)
            else:
                raws.append(item)
        if not raws:
            return
        lines_by_raw = [_candidate_lines(raw) for raw in raws]
        repeated = self._repeated_lines(raws, lines_by_raw)

        # Cheap text stage first, so re-ingested articles skip extraction entirely. It goes through
        # the mapper too: on a parallel engine the writer keeps only linking and storing.
        lines_for = [repeated.get(raw.outlet or "", frozenset()) for raw in raws]
        prepared = list(self.mapper(partial(_prepare_job, settings=self.settings), raws, lines_for))
        stored = self.store.has_articles([a.id for a in prepared])
        fresh: list[tuple[Article, set[str]]] = []
        for article, lines in zip(prepared, lines_by_raw):
            if article.id in seen:
                continue  # the same article twice in this run
            seen.add(article.id)
            if article.id in stored:
                result.unchanged.append(article.id)
            else:
                fresh.append((article, lines))
        if not fresh:
            return

        extracted = list(self.mapper(partial(extract, settings=self.settings), [a for a, _ in fresh]))
        linked = [self.registry.link(article) for article in extracted]
        with self.store.transaction():
            self.store.add_articles(linked)
            for article, (_, lines) in zip(linked, fresh):
                if article.outlet:
                    self.store.record_outlet_lines(article.outlet, article.id, lines)
            self.store.save_entities(self.registry.changed())
            self._weave_stories(linked)
        result.added.extend(a.id for a in linked)

    def _weave_stories(self, linked: list[Article]) -> None:
        """Cluster the batch into stories (touching only the stories it reaches), then compare
        the sources of every story whose articles changed."""
        changes = self.stories.add(linked)
        self.store.delete_stories(changes.deleted_stories)
        self.store.delete_storylines(changes.deleted_storylines)
        batch = {a.id: a for a in linked}
        stories = [
            replace(story, comparison=self._compare(story, batch)) if story.id in changes.touched else story
            for story in changes.stories
        ]
        self.store.save_stories(stories)
        self.store.save_storylines(changes.storylines)

    def _compare(self, story: Story, batch: dict[str, Article]) -> tuple:
        articles = [batch[a] if a in batch else self.store.get_article(a) for a in story.articles]
        entities: dict[str, Entity] = {}
        for article in articles:
            for mention in article.mentions:
                if mention.entity and mention.entity not in entities:
                    try:
                        entities[mention.entity] = self.store.get_entity(mention.entity)
                    except NotFoundError:
                        continue
        return tuple(compare_story(articles, entities))

    def _entity_label(self, entity_id: str) -> str | None:
        try:
            return self.store.get_entity(entity_id).label
        except NotFoundError:
            return None

    def _repeated_lines(self, raws: list[RawArticle], lines_by_raw: list[set[str]]) -> dict[str, frozenset[str]]:
        """Per outlet, the fingerprints of lines that recur across its articles (store + batch)."""
        by_outlet: dict[str, Counter[str]] = {}
        for raw, lines in zip(raws, lines_by_raw):
            if raw.outlet:
                by_outlet.setdefault(raw.outlet, Counter()).update(lines)
        threshold = self.settings.boilerplate_repeat_min
        out: dict[str, frozenset[str]] = {}
        for outlet, counts in by_outlet.items():
            stored = self.store.outlet_line_counts(outlet, counts.keys())
            out[outlet] = frozenset(fp for fp, n in counts.items() if n + stored.get(fp, 0) >= threshold)
        return out
