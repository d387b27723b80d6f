"""The corpus stage the pipeline's single writer runs after linking: articles → stories.

:class:`StoryKeeper` owns the clusterer and the storylines of the active window, restores them
from the store on start, and turns each batch into the Story and Storyline records to save.
Ids are content-derived: a story is ``st-`` + its smallest article id, a storyline ``sl-`` +
its smallest story's; so the same articles give the same ids in any order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from newsweave.cluster.clusterer import ClusterUpdate, StoryClusterer
from newsweave.cluster.embeddings import embed_articles, embeddings_available
from newsweave.cluster.features import ArticleFeatures, TextFeatures, date_of, extract_features
from newsweave.cluster.labels import LabelOf, central_entities, main_event, story_label, story_title
from newsweave.cluster.storylines import Storylines, summarize
from newsweave.cluster.timeline import story_timeline, storyline_timeline
from newsweave.errors import NotFoundError
from newsweave.model import Article, Comparison, Story, Storyline
from newsweave.settings import Settings
from newsweave.store.base import Store
from newsweave.store.codec import from_data, to_data

ID_CHARS = 16


def story_id(key: str) -> str:
    return f"st-{key[:ID_CHARS]}"


def storyline_id(key: str) -> str:
    return f"sl-{key[:ID_CHARS]}"


def _sort_key(f: ArticleFeatures) -> tuple:
    return (f.published is None, f.published or 0, f.id)


def build_story(key: str, articles: Sequence[ArticleFeatures], storyline: str | None, label_of: LabelOf) -> Story:
    """The Story record of a group of articles (no comparison: that is the compare stage's)."""
    ordered = sorted(articles, key=_sort_key)
    sid = story_id(key)
    days = [d for f in articles for d in (f.main_day, f.day) if d is not None]
    return Story(
        id=sid,
        title=story_title(ordered),
        label=story_label(ordered, label_of),
        articles=tuple(f.id for f in ordered),
        languages=tuple(sorted({f.lang for f in articles})),
        outlets=tuple(sorted({f.outlet for f in articles if f.outlet})),
        start=date_of(min(days)) if days else None,
        end=date_of(max(days)) if days else None,
        storyline=storyline_id(storyline) if storyline else None,
        event=main_event(ordered),
        entities=central_entities(ordered),
        timeline=story_timeline(ordered, sid, label_of),
    )


def build_storyline(key: str, stories: Sequence[Story]) -> Storyline:
    """A storyline from its stories: title and label of its latest story, merged timeline."""
    ordered = sorted(stories, key=lambda s: (s.start is None, s.start or date_of(1), s.id))
    latest = ordered[-1]
    starts = [s.start for s in stories if s.start]
    ends = [s.end for s in stories if s.end]
    return Storyline(
        id=storyline_id(key),
        title=latest.title,
        label=" → ".join(dict.fromkeys(s.label for s in ordered)),
        stories=tuple(s.id for s in ordered),
        start=min(starts) if starts else None,
        end=max(ends) if ends else None,
        timeline=storyline_timeline(ordered),
    )


@dataclass
class StoryChanges:
    """What one batch changed: records to save and ids to delete."""

    stories: list[Story] = field(default_factory=list)
    deleted_stories: set[str] = field(default_factory=set)
    storylines: list[Storyline] = field(default_factory=list)
    deleted_storylines: set[str] = field(default_factory=set)
    touched: set[str] = field(default_factory=set)
    """Ids of stories whose articles changed (their comparison must be computed again)."""


class StoryKeeper:
    """Stories of the active window, kept current as batches of linked articles arrive."""

    def __init__(self, store: Store, settings: Settings, label_of: LabelOf) -> None:
        self.store = store
        self.settings = settings
        self.label_of = label_of
        self.clusterer = StoryClusterer(settings)
        self.storylines = Storylines(settings, self.clusterer.index.specificity)
        self._restore()

    def _restore(self) -> None:
        rows = list(self.store.iter_story_features(since_day=self._window_start()))
        if not rows:
            return
        features = [from_data(ArticleFeatures, data) for _, data in rows]
        stored = self.store.story_ids_of(f.id for f in features)
        by_story: dict[str, list[str]] = {}
        for article_id, sid in stored.items():
            by_story.setdefault(sid, []).append(article_id)
        stories = {min(ids): ids for ids in by_story.values()}
        self.clusterer.restore(features, stories)
        summaries = [summarize(key, [self.clusterer.features[a] for a in ids])
                     for key, ids in self.clusterer.members.items()]
        self.storylines.update(summaries)

    def _window_start(self) -> int | None:
        latest = self.store.get_state("stories.max_day")
        return None if latest is None else int(latest) - self.settings.story_active_days

    def add(self, articles: Iterable[Article], unlinked: Sequence[TextFeatures] | None = None) -> StoryChanges:
        """Cluster a batch of linked articles; ``unlinked``: their ``text_features``, in order,
        when a worker computed them."""
        articles = list(articles)
        if unlinked is None:
            features = [extract_features(a) for a in articles]
        else:
            features = [extract_features(a, text) for a, text in zip(articles, unlinked, strict=True)]
        if self.settings.story_embeddings and embeddings_available():
            vectors = embed_articles(articles)
            features = [replace(f, embedding=v) for f, v in zip(features, vectors)]
        self.store.save_story_features([(f.id, f.day, to_data(f, compact=True)) for f in features])
        update = self.clusterer.add(features)
        if self.clusterer.max_day is not None:
            self.store.set_state("stories.max_day", self.clusterer.max_day)
        return self._changes(update)

    def _features_of(self, key: str, update: ClusterUpdate) -> list[ArticleFeatures]:
        if key in update.evicted:
            return list(update.evicted[key])
        return [self.clusterer.features[a] for a in self.clusterer.members[key]]

    def _changes(self, update: ClusterUpdate) -> StoryChanges:
        changes = StoryChanges()
        active = sorted(k for k in update.stories if k not in update.evicted)
        final_lines = {k: self.storylines.line_of.get(k) for k in update.evicted}
        line_changes, gone_lines, lines = self.storylines.update(
            [summarize(k, self._features_of(k, update)) for k in active], update.removed, update.evicted
        )
        rebuild = set(update.stories) | (set(line_changes) & self.clusterer.members.keys())
        for key in sorted(rebuild):
            line = final_lines[key] if key in update.evicted else self.storylines.line_of.get(key)
            story = build_story(key, self._features_of(key, update), line, self.label_of)
            if key not in update.stories:
                story = replace(story, comparison=self._stored_comparison(story.id))
            changes.stories.append(story)
        changes.touched = {story_id(k) for k in update.stories}
        changes.deleted_stories = {story_id(k) for k in update.removed} - {s.id for s in changes.stories}
        built = {s.id: s for s in changes.stories}
        for line in sorted(lines):
            members = []
            for key in self.storylines.lines[line]:
                sid = story_id(key)
                members.append(built[sid] if sid in built else self.store.get_story(sid))
            changes.storylines.append(build_storyline(line, members))
        changes.deleted_storylines = {storyline_id(k) for k in gone_lines} - {s.id for s in changes.storylines}
        return changes

    def _stored_comparison(self, sid: str) -> tuple[Comparison, ...]:
        """A story rebuilt only because its storyline changed keeps its comparison."""
        try:
            return self.store.get_story(sid).comparison
        except NotFoundError:
            return ()
