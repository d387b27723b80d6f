"""Candidate retrieval and specificity: postings of keys (entity ids, numbers, shingle hashes)
by time bucket.

Two questions are answered from the same postings, both local in time so that cost per
article depends on how dense the news is, not on how large the corpus has grown:

- which stored articles could report the same event as a new one: they share a key and lie
  within ``reach`` buckets of its day (articles published further apart are never one story,
  so looking further only costs);
- how specific a key is near a day (in how many articles within ``span`` buckets it occurs):
  a head of state is in every story of a week, an aide or a village is not.

Both neighbourhoods are a few days wide, so a stream reaches its steady per-article cost
within a week of news, whatever the corpus size.

Specificity is quantised into levels (powers of two), so a key's weight changes only when its
count crosses a power of two; :meth:`KeyIndex.add` reports the articles whose weights changed,
which the clusterer revisits so that the result does not depend on arrival order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

UNDATED = -1
"""Bucket of articles without a day: compared with every bucket."""


def bucket_of(day: int | None, bucket_days: int) -> int:
    return UNDATED if day is None else day // bucket_days


@dataclass
class KeyIndex:
    bucket_days: int = 1
    span: int = 3
    """Buckets either side of a day counted for specificity."""
    reach: int = 5
    """Buckets either side of a day searched for candidates."""
    hub_df: int = 128
    """From this many articles near a day on, a key is a hub: lowest weight, never retrieved by."""
    retrieve_df: int = 63
    """Keys more frequent than this near a day are not used to retrieve candidates. One below a
    power of two, so that crossing it is a level change and the articles concerned are revisited."""
    postings: dict[str, dict[int, list[str]]] = field(default_factory=dict)
    _levels: dict[str, dict[int, int]] = field(default_factory=dict, repr=False)
    """Cached specificity levels by key and bucket; a key's entry is dropped when it changes."""

    def __post_init__(self) -> None:
        # Asked for every shared key of every scored pair: worked out once.
        self._hub_level = max(1, self.hub_df.bit_length() - 1)
        self._retrieve_level = self.level(self.retrieve_df)

    # --- specificity ----------------------------------------------------------------------

    def _count(self, buckets: dict[int, list[str]], bucket: int) -> int:
        if bucket == UNDATED:
            return sum(len(ids) for ids in buckets.values())
        if len(buckets) <= 2 * self.span + 2:
            # Few buckets (the usual case for a specific key): sum those in range.
            lo, hi = bucket - self.span, bucket + self.span
            return sum(len(ids) for b, ids in buckets.items() if b == UNDATED or lo <= b <= hi)
        get = buckets.get
        return sum(len(get(b, ())) for b in range(bucket - self.span, bucket + self.span + 1)) + len(get(UNDATED, ()))

    def _near(self, buckets: dict[int, list[str]], bucket: int, width: int) -> list[int]:
        """Buckets of ``buckets`` within ``width`` of ``bucket`` (all of them for the undated)."""
        if bucket == UNDATED:
            return list(buckets)
        return [b for b in buckets if b == UNDATED or bucket - width <= b <= bucket + width]

    def df(self, key: str, day: int | None) -> int:
        """Articles with ``key`` in the buckets around ``day`` (all active buckets if undated)."""
        buckets = self.postings.get(key)
        if not buckets:
            return 0
        return self._count(buckets, bucket_of(day, self.bucket_days))

    def level(self, df: int) -> int:
        """0 for 2-3 articles, 1 for 4-7 … up to the hub level."""
        if df >= self.hub_df:
            return self._hub_level
        return max(0, max(df, 2).bit_length() - 2)

    def _level_at(self, key: str, day: int | None) -> int:
        buckets = self.postings.get(key)
        if not buckets:
            return 0
        return self._level_at_bucket(key, buckets, bucket_of(day, self.bucket_days))

    def _level_at_bucket(self, key: str, buckets: dict[int, list[str]], bucket: int) -> int:
        cache = self._levels.get(key)
        if cache is None:
            cache = self._levels[key] = {}
        cached = cache.get(bucket)
        if cached is None:
            cached = cache[bucket] = self.level(self._count(buckets, bucket))
        return cached

    def retrievable(self, key: str, day: int | None) -> bool:
        """Whether ``key`` is rare enough near ``day`` to retrieve candidates (df ≤ retrieve_df)."""
        return self._level_at(key, day) <= self._retrieve_level

    def specificity(self, key: str, day_a: int | None, day_b: int | None) -> float:
        """Weight of ``key`` shared by two articles: 1.0 when rare, 0.1 for a hub."""
        buckets = self.postings.get(key)
        if not buckets:
            return 1.0
        bucket_a = bucket_of(day_a, self.bucket_days)
        bucket_b = bucket_of(day_b, self.bucket_days)
        level = self._level_at_bucket(key, buckets, bucket_a)
        if bucket_b != bucket_a:  # most pairs share a bucket: one count serves both
            level = max(level, self._level_at_bucket(key, buckets, bucket_b))
        return 0.1 if level >= self._hub_level else 1.0 / (1 + level)

    # --- updates --------------------------------------------------------------------------

    def add(self, article_id: str, keys: Iterable[str], day: int | None) -> dict[str, set[str]]:
        """Index one article; return the stored articles whose key weights changed, with those keys."""
        bucket = bucket_of(day, self.bucket_days)
        changed: dict[str, set[str]] = {}
        for key in keys:
            buckets = self.postings.setdefault(key, {})
            neighbours = self._near(buckets, bucket, self.span)
            self._levels.pop(key, None)
            for b in neighbours:
                ids = buckets[b]
                before = self._count(buckets, b)
                if self.level(before) != self.level(before + 1):
                    for other in ids:
                        changed.setdefault(other, set()).add(key)
            buckets.setdefault(bucket, []).append(article_id)
        changed.pop(article_id, None)
        return changed

    def remove(self, article_id: str, keys: Iterable[str], day: int | None) -> None:
        bucket = bucket_of(day, self.bucket_days)
        for key in keys:
            buckets = self.postings.get(key)
            if not buckets or bucket not in buckets:
                continue
            self._levels.pop(key, None)
            ids = buckets[bucket]
            if article_id in ids:
                ids.remove(article_id)
            if not ids:
                del buckets[bucket]
            if not buckets:
                del self.postings[key]

    def evict_before(self, bucket: int) -> None:
        """Forget dated postings older than ``bucket`` (the active window moved on)."""
        self._levels.clear()
        for key in list(self.postings):
            buckets = self.postings[key]
            for b in [b for b in buckets if b != UNDATED and b < bucket]:
                del buckets[b]
            if not buckets:
                del self.postings[key]

    # --- retrieval ------------------------------------------------------------------------

    def candidates(self, keys: Iterable[str], day: int | None) -> set[str]:
        """Articles sharing a key with an article of ``day`` in nearby buckets, where the key is
        not frequent near one of the two (symmetric: ``b`` is a candidate of ``a`` iff ``a`` is
        one of ``b``)."""
        bucket = bucket_of(day, self.bucket_days)
        cap = self._retrieve_level
        out: set[str] = set()
        for key in keys:
            buckets = self.postings.get(key)
            if not buckets:
                continue
            rare_here = self._level_at_bucket(key, buckets, bucket) <= cap
            for b in self._near(buckets, bucket, self.reach):
                if rare_here or self._level_at_bucket(key, buckets, b) <= cap:
                    out.update(buckets[b])
        return out
