"""The orchestrator, readable top to bottom.

    inputs ─ ingest ─▶ RawArticle ─ text ─▶ Article ─ extract ─▶ Article with spans
                                                                   │
                                    single writer: link ─ store ◀──┘

``prepare`` and ``extract`` are pure functions of one article (and read-only language data),
and ``compare_story`` of one story's articles and entities, so they can run in any process:
``Weaver`` takes a ``mapper`` (the builtin ``map`` by default) that a parallel engine can
replace. ``Weaver`` itself is the single writer that owns corpus state: the outlet line counts
used for boilerplate, the entity registry, the stories, and the store. Batches are clustered
into stories one by one; the sources of the stories they touched are compared once per run
(and every ``compare_every`` articles), not after every batch.
"""

from __future__ import annotations

import gc
from collections import Counter, deque
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import islice
from typing import Callable, Iterable, Iterator

from newsweave.cluster.features import TextFeatures, text_features
from newsweave.cluster.stories import StoryKeeper
from newsweave.compare import compare_story
from newsweave.errors import NotFoundError
from newsweave.extract.entities import find_mentions
from newsweave.extract.facts import find_facts, loose_quantities
from newsweave.extract.quotes import find_attributions
from newsweave.extract.time import find_times
from newsweave.link.registry import EntityRegistry
from newsweave.model import Article, IngestProblem, RawArticle, Story
from newsweave.settings import Settings
from newsweave.store.base import Encoded, Store, linked_entities
from newsweave.text.boilerplate import line_fingerprint
from newsweave.text.prepare import content_id, prepare_article

_MAX_BOILERPLATE_LINE = 300
FIRST_BATCH_SHARE = 4
"""The first batch of a run is this fraction of the others."""
BATCHES_AHEAD = 1
"""Batches handed to the engine beyond the one being stored. One is enough: while the writer
stores a batch the workers extract the next, and the writer hands over another before it waits
for that one. More only lengthens the end of a run, when the workers are done and the writer
still stores what they finished (on 2 cores, 1 rather than 2 was 0–5% faster with Ray)."""
COMPARE_GROUP_ARTICLES = 1000
"""Articles loaded at once to refresh comparisons: bounds memory, leaves an engine many stories."""
STALE_COMPARISONS = "compare.stale"
"""Store state: ids of the stories whose comparison must be computed again."""


def prepare(raw: RawArticle, settings: Settings, repeated_lines: frozenset[str] = frozenset(),
            known_id: str | None = None) -> Article:
    """Text stages: boilerplate, language, sentences, content id (``known_id`` when computed)."""
    return prepare_article(raw, settings, repeated_lines, known_id)


def extract(article: Article, settings: Settings) -> Article:
    """Per-article extraction; each stage sees what the earlier ones found."""
    article = replace(article, mentions=find_mentions(article, settings))
    article = replace(article, times=find_times(article))
    article = replace(article, attributions=find_attributions(article))
    article = replace(article, facts=find_facts(article))
    return replace(article, loose_quantities=loose_quantities(article))


def _process_job(raw: RawArticle, repeated_lines: frozenset[str], known_id: str,
                 settings: Settings) -> tuple[Article, TextFeatures]:
    """``process`` with its arguments in mapper order (one iterable per positional argument),
    and the part of the article's clustering record that linking does not change: computed
    here, by a parallel engine's workers, rather than by the single writer."""
    article = extract(prepare(raw, settings, repeated_lines, known_id), settings)
    return article, text_features(article)


def process(raw: RawArticle, settings: Settings, repeated_lines: frozenset[str] = frozenset()) -> Article:
    """Every per-article stage in order: what a worker runs."""
    return extract(prepare(raw, settings, repeated_lines), settings)


@contextmanager
def frozen_heap() -> Iterator[None]:
    """For the length of a long run, keep what the process already holds out of the cyclic
    collector's sight.

    Imported modules, language data, the entity registry and the story window just restored
    outlive the run, yet every full collection would walk them again: in the writer of a
    1,000-article run on Ray, full collections took 0.56 s, 0.20 s with this. On exit they are
    handed back to the collector, so a long-lived host (the web server) leaks nothing.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@dataclass
class WeaveResult:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    """Articles already stored (re-ingest changes nothing)."""
    problems: list[IngestProblem] = field(default_factory=list)

    @property
    def article_ids(self) -> list[str]:
        return self.added + self.unchanged


def _batches(items: Iterable, size: int, first: int | None = None) -> Iterator[list]:
    """Lists of ``size`` items, the first of ``first``."""
    it = iter(items)
    count = first or size
    while batch := list(islice(it, count)):
        yield batch
        count = size


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
        self._stale: set[str] = set(store.get_state(STALE_COMPARISONS) or ())
        """Stories whose articles changed since their sources were last compared."""

    def weave(self, items: Iterable[RawArticle | IngestProblem]) -> WeaveResult:
        """Store every article of ``items``; on return every story they touched is compared.

        Batches are pipelined: the writer hands up to ``BATCHES_AHEAD`` batches to the engine
        before it links and stores the oldest, so a parallel engine's workers always have
        articles to prepare and extract while the writer writes. The local engine's ``map`` is
        lazy, so there each batch is simply processed when it is stored.
        """
        result = WeaveResult()
        seen: set[str] = set()
        since_refresh = 0
        running: deque[_Running] = deque()
        size = self.settings.batch_size
        # A short first batch: the writer waits for it, while the engine goes on with the next.
        for batch in _batches(items, size, first=max(1, size // FIRST_BATCH_SHARE)):
            started = self._start_batch(batch, result, seen, running)
            if started is not None:
                running.append(started)
            while len(running) > BATCHES_AHEAD:
                since_refresh += self._finish_batch(running.popleft(), result)
            if since_refresh >= self.settings.compare_every:
                self.refresh_comparisons()
                since_refresh = 0
        while running:
            self._finish_batch(running.popleft(), result)
        self.refresh_comparisons()
        return result

    def _start_batch(self, batch: list[RawArticle | IngestProblem], result: WeaveResult, seen: set[str],
                     running: Iterable[_Running]) -> _Running | None:
        """Hand a batch's new articles to the engine: prepared and extracted by its workers.

        Articles already stored (or met earlier in this run) are told by their content id,
        which the writer computes itself, before any work is spent on them. ``running``: the
        batches handed over and not yet stored; their lines count for boilerplate here as they
        will in the store.
        """
        raws: list[RawArticle] = []
        ids: list[str] = []
        for item in batch:
            if self.on_item:
                self.on_item(item)
            if isinstance(item, IngestProblem):
                result.problems.append(item)
            else:
                raws.append(item)
                ids.append(content_id(item))
        stored = self.store.has_articles(ids) if ids else set()
        fresh: list[RawArticle] = []
        fresh_ids: list[str] = []
        for raw, article_id in zip(raws, ids):
            if article_id in seen:
                continue  # the same article twice in this run
            seen.add(article_id)
            if article_id in stored:
                result.unchanged.append(article_id)
            else:
                fresh.append(raw)
                fresh_ids.append(article_id)
        if not fresh:
            return None
        lines_by_raw = [_candidate_lines(raw) for raw in fresh]
        repeated = self._repeated_lines(fresh, lines_by_raw, running)
        lines_for = [repeated.get(raw.outlet or "", frozenset()) for raw in fresh]
        extracted = self.mapper(partial(_process_job, settings=self.settings), fresh, lines_for, fresh_ids)
        return _Running(fresh, lines_by_raw, extracted)

    def _finish_batch(self, running: _Running, result: WeaveResult) -> int:
        """Link and store a batch whose extraction was started; returns how many were added."""
        linked: list[Article] = []
        unlinked: list[TextFeatures] = []
        for article, text in running.extracted:
            linked.append(self.registry.link(article))
            unlinked.append(text)
        with self.store.transaction():
            self.store.add_articles(linked)
            for article, lines in zip(linked, running.lines):
                if article.outlet:
                    self.store.record_outlet_lines(article.outlet, article.id, lines)
            self.store.save_entities(self.registry.changed())
            self._weave_stories(linked, unlinked)
        result.added.extend(a.id for a in linked)
        return len(linked)

    def _weave_stories(self, linked: list[Article], unlinked: list[TextFeatures]) -> None:
        """Cluster the batch into stories (touching only the stories it reaches) and mark the
        touched ones for comparison; runs inside the batch's transaction."""
        changes = self.stories.add(linked, unlinked)
        self.store.delete_stories(changes.deleted_stories)
        self.store.delete_storylines(changes.deleted_storylines)
        self.store.save_stories(changes.stories)
        self.store.save_storylines(changes.storylines)
        stale = (self._stale - changes.deleted_stories) | changes.touched
        if stale != self._stale:
            self._stale = stale
            self.store.set_state(STALE_COMPARISONS, sorted(stale))

    def refresh_comparisons(self) -> int:
        """Compare the sources of every story marked stale; returns how many stories were saved.

        A story's comparison is computed once however many batches touched it, from its articles
        and their entities as stored now. Stories are done in groups of about
        ``COMPARE_GROUP_ARTICLES`` articles (the engine spreads a group's stories over its workers),
        each group saved with its stale marks cleared in one transaction: memory stays
        bounded, and a run that stops early leaves the rest marked for the next run.
        """
        stories: list[Story] = []
        for story_id in sorted(self._stale):
            try:
                stories.append(self.store.get_story(story_id))
            except NotFoundError:
                self._stale.discard(story_id)  # merged into another story since it was marked
        stories.sort(key=lambda s: (-len(s.articles), s.id))  # groups of similar sizes
        group: list[Story] = []
        size = 0
        for story in stories:
            if group and size + len(story.articles) > COMPARE_GROUP_ARTICLES:
                self._save_comparisons(group)
                group, size = [], 0
            group.append(story)
            size += len(story.articles)
        if group:
            self._save_comparisons(group)
        return len(stories)

    def _save_comparisons(self, stories: list[Story]) -> None:
        compared = [s for s in stories if len(s.articles) > 1]  # one article: nothing to compare
        # Each bundle goes to the engine as soon as its articles are loaded, the one with the
        # largest story first: on a parallel engine the workers compare while the writer loads.
        submitted = []
        for bundle in _bundles(compared):
            job = [self._compare_job(story) for story in bundle]
            submitted.append((bundle, self.mapper(_compare_bundle, [job])))
        comparisons: dict[str, tuple] = {}
        for bundle, results in submitted:
            for bundle_results in results:
                comparisons.update(zip((s.id for s in bundle), bundle_results))
        stale = self._stale - {s.id for s in stories}
        with self.store.transaction():
            self.store.save_stories([replace(s, comparison=tuple(comparisons.get(s.id, ()))) for s in stories])
            self.store.set_state(STALE_COMPARISONS, sorted(stale) or None)
        self._stale = stale

    def _compare_job(self, story: Story) -> tuple[list[Encoded], list[Encoded]]:
        """What ``compare_story`` needs of a story, as stored: its articles and their entities
        (decoded by whoever compares: a parallel engine's workers, not the writer)."""
        return self.store.encoded_articles(story.articles), self.store.encoded_entities_of(story.articles)

    def _entity_label(self, entity_id: str) -> str | None:
        try:
            return self.store.get_entity(entity_id).label
        except NotFoundError:
            return None

    def _repeated_lines(self, raws: list[RawArticle], lines_by_raw: list[set[str]],
                        running: Iterable[_Running] = ()) -> dict[str, frozenset[str]]:
        """Per outlet, the fingerprints of lines that recur across its articles (store, the
        batches still running, and this batch)."""
        by_outlet: dict[str, Counter[str]] = {}
        for raw, lines in zip(raws, lines_by_raw):
            if raw.outlet:
                by_outlet.setdefault(raw.outlet, Counter()).update(lines)
        unstored: dict[str, Counter[str]] = {}
        for batch in running:
            for raw, lines in zip(batch.raws, batch.lines):
                if raw.outlet in by_outlet:
                    unstored.setdefault(raw.outlet, Counter()).update(lines)
        threshold = self.settings.boilerplate_repeat_min
        out: dict[str, frozenset[str]] = {}
        for outlet, counts in by_outlet.items():
            stored = self.store.outlet_line_counts(outlet, counts.keys())
            before = unstored.get(outlet, Counter())
            out[outlet] = frozenset(
                fp for fp, n in counts.items() if n + stored.get(fp, 0) + before[fp] >= threshold
            )
        return out


COMPARE_BUNDLES = 32
"""Most pieces one refresh's comparisons are cut into for the engine's workers."""


def _bundles(stories: list[Story], count: int = COMPARE_BUNDLES) -> list[list[Story]]:
    """The stories in at most ``count`` bundles of about equal work, so that no worker of a
    parallel engine gets the few large stories together. Comparing a story costs more than its
    article count says (values are aligned across articles; the square is a safe overestimate
    that keeps the largest stories apart); each story, largest first, goes to the bundle with
    the least work so far."""
    bundles: list[list[Story]] = [[] for _ in range(min(count, len(stories)))]
    work = [0] * len(bundles)
    for story in sorted(stories, key=lambda s: (-len(s.articles), s.id)):
        lightest = work.index(min(work))
        bundles[lightest].append(story)
        work[lightest] += len(story.articles) ** 2
    return bundles


def _compare_bundle(jobs: list[tuple[list[Encoded], list[Encoded]]]) -> list[tuple]:
    """``compare_story`` of each story's (articles, entities) as stored: what a worker runs."""
    out = []
    for encoded_articles, encoded_entities in jobs:
        articles = [encoded.load() for encoded in encoded_articles]
        known = {entity.id: entity for entity in (encoded.load() for encoded in encoded_entities)}
        out.append(compare_story(articles, linked_entities(articles, known.get)))
    return out


@dataclass
class _Running:
    """A batch handed to the engine and not yet stored."""

    raws: list[RawArticle]
    """Its new articles, as read."""
    lines: list[set[str]]
    """Each article's candidate boilerplate lines (fingerprints), recorded with it."""
    extracted: Iterable[tuple[Article, TextFeatures]]
    """The engine's results, in order (computed lazily by the local engine)."""
