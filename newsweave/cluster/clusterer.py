"""Incremental story clustering whose result does not depend on the order articles arrive in.

State: the features of the active window, the candidate index, and an *adjacency* of kept pair
scores (pairs sharing a retrievable key whose score reaches a floor; vetoes between articles
that share that much). Each arrival scores the new articles against their candidates, and
re-scores the kept pairs that share a key whose specificity level changed (weights only fall,
so no forgotten pair can come back). The *region* — new articles, their plausible partners, the
articles whose pairs moved across a decision boundary, and every member of their stories — is
clustered again from scratch by a deterministic agglomeration, and only its stories change.
Clustering a region is a function of its articles and their scores (ties broken by id), so
shuffling the input gives the same stories; the tests shuffle the example corpus, the seeds and
generated streams. (Weight changes too small to move a pair across any boundary update the
pair in place without reopening its story: on the generated streams that never changed a
result, but it is the one place where arrival order could in principle show.)

The agglomeration is *k-link*: two groups merge when the mean of their best ``K`` pair scores
(missing pairs count 0) reaches the threshold, and never when any pair across them is vetoed
(another day, another kind of event). Single-link would chain a Saturday call to a Tuesday
meeting through an undated article; k-link with complete vetoes does not.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newsweave.cluster.embeddings import embedding_cosine
from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.index import KeyIndex, bucket_of
from newsweave.cluster.signals import KEEP, pair_score, retrieval_keys
from newsweave.settings import Settings

LINK_K = 3
"""Pair scores averaged when two groups are compared."""
PLAUSIBLE = 0.5
"""A candidate joins the region when its pair score reaches this fraction of the threshold."""

@dataclass
class ClusterUpdate:
    """What one call to :meth:`StoryClusterer.add` changed."""

    stories: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Story key (its smallest article id) → article ids, for every new or changed story."""
    removed: set[str] = field(default_factory=set)
    """Keys of stories that no longer exist (merged, split or renamed)."""
    evicted: dict[str, tuple[ArticleFeatures, ...]] = field(default_factory=dict)
    """Stories that left the active window (final) with their articles' features: a story may
    change and leave in the same call (a late article of an old story)."""


def agglomerate(
    ids: Sequence[str],
    scores: dict[tuple[int, int], float],
    threshold: float,
    k: int = LINK_K,
) -> list[list[int]]:
    """Deterministic k-link clustering of ``ids`` (sorted) given sparse pair scores.

    ``scores[(i, j)]`` with ``i < j``; a negative score is a veto. Returns groups of positions,
    each sorted, ordered by their first position.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(len(ids))}
    version = {i: 0 for i in members}
    links: dict[int, dict[int, tuple[list[float], bool]]] = {i: {} for i in members}
    for (i, j), score in scores.items():
        vetoed = score < 0
        links[i][j] = links[j][i] = ([] if vetoed else [score], vetoed)

    def linkage(a: int, b: int) -> float:
        top, vetoed = links[a][b]
        if vetoed:
            return -1.0
        n = min(k, len(members[a]) * len(members[b]))
        return sum(top[:n]) / n

    heap: list[tuple[float, int, int, int, int]] = []

    def push(a: int, b: int) -> None:
        value = linkage(a, b)
        if value >= threshold:
            lo, hi = (a, b) if a < b else (b, a)
            heapq.heappush(heap, (-value, lo, hi, version[lo], version[hi]))

    for a in links:
        for b in links[a]:
            if a < b:
                push(a, b)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if a not in members or b not in members or version[a] != va or version[b] != vb:
            continue
        # Merge b into a (a has the smaller first position, so group ids stay their minimum).
        members[a].extend(members.pop(b))
        members[a].sort()
        version[a] += 1
        del version[b]
        links_b = links.pop(b)
        links[a].pop(b, None)
        for c, (top_b, veto_b) in links_b.items():
            if c == a:
                continue
            links[c].pop(b, None)
            top_a, veto_a = links[a].get(c, ([], False))
            merged = (sorted(top_a + top_b, reverse=True)[:k], veto_a or veto_b)
            links[a][c] = links[c][a] = merged
        for c in list(links[a]):
            push(a, c)
    return sorted(members.values(), key=lambda group: group[0])


class StoryClusterer:
    """The story state of the active window: features, the candidate index, memberships."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        bucket_days = max(1, settings.story_bucket_days)
        self.index = KeyIndex(
            bucket_days=bucket_days,
            span=-(-settings.story_specificity_days // bucket_days),
            reach=-(-settings.story_max_days // bucket_days),
            hub_df=settings.story_hub_df,
            retrieve_df=settings.story_retrieve_df,
        )
        self.features: dict[str, ArticleFeatures] = {}
        self.story_of: dict[str, str] = {}
        self.members: dict[str, tuple[str, ...]] = {}
        self.adjacency: dict[str, dict[str, float]] = {}
        """Pair scores of candidate pairs (non-zero; negative = veto), both directions."""
        self.max_day: int | None = None
        self._cutoff = 0
        self._touched_day: dict[str, int | None] = {}
        """Day (``max_day``) a story last changed: when undated stories leave the window."""
        self._keys: dict[str, list[str]] = {}
        self._key_sets: dict[str, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self.features)

    # --- state ------------------------------------------------------------------------------

    def restore(self, features: Iterable[ArticleFeatures], stories: dict[str, Sequence[str]]) -> None:
        """Load a stored window: article features and the stories they were put in."""
        for f in features:
            self._index(f)
        for article_id in sorted(self.features):
            self._rescore(article_id)
        for story, article_ids in stories.items():
            present = tuple(sorted(a for a in article_ids if a in self.features))
            if present:
                self.members[story] = present
                for article_id in present:
                    self.story_of[article_id] = story
        for article_id in self.features:
            if article_id not in self.story_of:
                self.story_of[article_id] = article_id
                self.members[article_id] = (article_id,)
        self._touched_day.update(dict.fromkeys(self.members, self.max_day))

    def _index(self, f: ArticleFeatures) -> dict[str, set[str]]:
        keys = retrieval_keys(f)
        self._keys[f.id] = keys
        self._key_sets[f.id] = frozenset(keys)
        self.features[f.id] = f
        if f.day is not None and (self.max_day is None or f.day > self.max_day):
            self.max_day = f.day
        return self.index.add(f.id, keys, f.day)

    # --- scoring ----------------------------------------------------------------------------

    def score(self, a: str, b: str) -> float:
        fa, fb = self.features[a], self.features[b]
        cosine = embedding_cosine(fa.embedding, fb.embedding) if self.settings.story_embeddings else None
        return pair_score(fa, fb, self.index.specificity, self.settings, cosine)

    def _rescore(self, article_id: str) -> set[str]:
        """Score an article against its candidates again; return the articles whose pair with it
        changed (itself included when anything did)."""
        old = self.adjacency.pop(article_id, {})
        for other in old:
            self.adjacency.get(other, {}).pop(article_id, None)
        new: dict[str, float] = {}
        f = self.features[article_id]
        for other in self.index.candidates(self._keys[article_id], f.day):
            if other != article_id:
                score = self.score(article_id, other)
                if score != 0.0:
                    new[other] = score
                    self.adjacency.setdefault(other, {})[article_id] = score
        if new:
            self.adjacency[article_id] = new
        moved = {o for o in old.keys() | new.keys() if old.get(o) != new.get(o)}
        if moved:
            moved.add(article_id)
        return moved

    def _rescore_known(self, article_id: str, changed_keys: set[str], done: set[tuple[str, str]]) -> set[str]:
        """Score again the kept pairs of an article that share a key whose weight changed.

        Weights only fall as articles arrive (a key seen more often is less telling), so a
        pair that was not kept cannot have risen above the floor: only kept pairs are revisited,
        and those no longer joined by a retrievable key are dropped, as a fresh run would.
        ``done``: the pairs already scored again since the weights last changed (both articles
        of a pair usually share the changed key, and would each score it).
        """
        pairs = self.adjacency.get(article_id)
        if not pairs:
            return set()
        f = self.features[article_id]
        keys = self._key_sets[article_id]
        moved: set[str] = set()
        for other in list(pairs):
            pair = (article_id, other) if article_id < other else (other, article_id)
            if pair in done:
                continue
            shared = keys.intersection(self._key_sets[other])
            if shared.isdisjoint(changed_keys):
                continue  # the pair does not share a key whose weight changed
            done.add(pair)
            g = self.features[other]
            still = any(self.index.retrievable(k, f.day) or self.index.retrievable(k, g.day) for k in shared)
            score = self.score(article_id, other) if still else 0.0
            if score == pairs[other]:
                continue
            if self._side(score) != self._side(pairs[other]):
                moved.add(other)
            if score == 0.0:
                del pairs[other]
                self.adjacency[other].pop(article_id, None)
            else:
                pairs[other] = self.adjacency[other][article_id] = score
        if not pairs:
            del self.adjacency[article_id]
        if moved:
            moved.add(article_id)
        return moved

    def _side(self, score: float) -> int:
        """Which side of the decisions a score is on: veto, forgotten, kept, plausible, linking.

        A weight change that moves no pair across a side cannot change a decision in practice;
        such pairs are updated in place without reopening their stories."""
        threshold = self.settings.story_threshold
        if score < 0:
            return -1
        return sum(score >= bound for bound in (threshold * KEEP, threshold * PLAUSIBLE, threshold))

    # --- the stream -------------------------------------------------------------------------

    def add(self, batch: Iterable[ArticleFeatures]) -> ClusterUpdate:
        """Put new articles into stories; only the stories they touch change."""
        fresh = [f for f in batch if f.id not in self.features]
        update = ClusterUpdate()
        if not fresh:
            return update
        changed: dict[str, set[str]] = {}
        for f in fresh:
            for article_id, keys in self._index(f).items():
                changed.setdefault(article_id, set()).update(keys)
        seeds = {f.id for f in fresh}
        region = set(seeds)
        for article_id in sorted(seeds):
            region |= self._rescore(article_id)
        # The new articles' pairs were just scored with the weights as they are now.
        rescored = {(a, o) if a < o else (o, a) for a in seeds for o in self.adjacency.get(a, ())}
        for article_id in sorted(changed.keys() - seeds):
            if article_id in self.features:
                region |= self._rescore_known(article_id, changed[article_id], rescored)
        floor = self.settings.story_threshold * PLAUSIBLE
        for article_id in sorted(seeds):
            region.update(o for o, score in self.adjacency.get(article_id, {}).items() if score >= floor)
        for article_id in list(region):
            story = self.story_of.get(article_id)
            if story is not None:
                region.update(self.members[story])
        self._recluster(region, update)
        update.evicted = self._evict(update.stories)
        return update

    def _region_scores(self, ids: list[str]) -> dict[tuple[int, int], float]:
        position = {article_id: i for i, article_id in enumerate(ids)}
        scores = {}
        for article_id in ids:
            i = position[article_id]
            for other, score in self.adjacency.get(article_id, {}).items():
                j = position.get(other)
                if j is not None and i < j:
                    scores[(i, j)] = score
        return scores

    def _recluster(self, region: set[str], update: ClusterUpdate) -> None:
        ids = sorted(region)
        groups = agglomerate(ids, self._region_scores(ids), self.settings.story_threshold)
        old_keys = {self.story_of[a] for a in ids if a in self.story_of}
        new_keys = set()
        for group in groups:
            articles = tuple(ids[i] for i in group)
            key = articles[0]
            new_keys.add(key)
            if self.members.get(key) != articles:
                update.stories[key] = articles
                self._touched_day[key] = self.max_day
            self.members[key] = articles
            for article_id in articles:
                self.story_of[article_id] = key
        for key in old_keys - new_keys:
            self.members.pop(key, None)
            self._touched_day.pop(key, None)
            update.removed.add(key)

    def _evict(self, touched: Iterable[str]) -> dict[str, tuple[ArticleFeatures, ...]]:
        """Drop stories whose latest day left the active window (undated members follow theirs;
        a story of undated articles only leaves when it has not changed for a window).

        The window moves once a day, so all stories are swept once per new day; in between only
        the stories this call touched are checked (a late article of an old story).
        """
        if self.max_day is None:
            return {}
        cutoff = self.max_day - self.settings.story_active_days
        sweep = cutoff > self._cutoff
        if sweep:
            self._cutoff = cutoff
            keys = list(self.members)
        else:
            keys = [k for k in touched if k in self.members]
        evicted: dict[str, tuple[ArticleFeatures, ...]] = {}
        for key in keys:
            articles = self.members[key]
            days = [d for a in articles if (d := self.features[a].day) is not None]
            last = max(days) if days else self._touched_day.get(key)  # undated: when it last changed
            if last is not None and last < self._cutoff:
                evicted[key] = tuple(self.features[a] for a in articles)
                for article_id in articles:
                    f = self.features.pop(article_id)
                    self.index.remove(article_id, self._keys.pop(article_id), f.day)
                    del self._key_sets[article_id]
                    del self.story_of[article_id]
                    for other in self.adjacency.pop(article_id, {}):
                        self.adjacency.get(other, {}).pop(article_id, None)
                del self.members[key]
                self._touched_day.pop(key, None)
        if sweep:
            self.index.evict_before(bucket_of(self._cutoff, self.index.bucket_days) - max(self.index.span, self.index.reach))
        return evicted
