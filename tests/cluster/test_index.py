"""The candidate index: retrieval near a day, specificity by level, and what a new article changes."""

from __future__ import annotations

from newsweave.cluster.index import UNDATED, KeyIndex, bucket_of

DAY = 739_629  # 2026-01-13


def test_candidates_come_from_nearby_buckets_only():
    index = KeyIndex(bucket_days=7, span=1, reach=1)
    index.add("near", ["per-albusaidi"], DAY - 6)
    index.add("far", ["per-albusaidi"], DAY - 40)
    index.add("undated", ["per-albusaidi"], None)
    index.add("other", ["per-someone"], DAY)
    assert index.candidates(["per-albusaidi"], DAY) == {"near", "undated"}
    # An undated article is compared with every active bucket.
    assert index.candidates(["per-albusaidi"], None) == {"near", "far", "undated"}


def test_daily_buckets_reach_as_far_as_one_story_can_span():
    """Articles published further apart than story_max_days are never one story: not retrieved."""
    index = KeyIndex(bucket_days=1, span=3, reach=5)
    for offset in (-6, -5, 0, 5, 6):
        index.add(f"d{offset}", ["per-fuad-hussein"], DAY + offset)
    assert index.candidates(["per-fuad-hussein"], DAY) == {"d-5", "d0", "d5"}
    # Retrieval is symmetric: each of them finds the article of DAY.
    for offset in (-5, 5):
        assert "d0" in index.candidates(["per-fuad-hussein"], DAY + offset)


def test_specificity_counts_only_the_days_around():
    index = KeyIndex(bucket_days=1, span=3, hub_df=8)
    for i in range(8):
        index.add(f"summit{i}", ["per-head"], DAY)
        if i == 1:  # cached levels follow later arrivals
            assert index.specificity("per-head", DAY, DAY + 2) == 1.0
    index.add("later", ["per-head"], DAY + 10)
    assert index.df("per-head", DAY + 3) == 8
    assert index.df("per-head", DAY + 4) == 0
    assert index.specificity("per-head", DAY, DAY) == 0.1  # a hub that week
    assert index.specificity("per-head", DAY + 10, DAY + 10) == 1.0  # rare again ten days on


def test_specificity_falls_with_frequency_near_the_day():
    index = KeyIndex(bucket_days=7, hub_df=16)
    for i in range(2):
        index.add(f"aide{i}", ["per-aide"], DAY)
    for i in range(20):
        index.add(f"head{i}", ["per-head"], DAY)
    assert index.specificity("per-aide", DAY, DAY) == 1.0
    assert index.specificity("per-head", DAY, DAY) == 0.1  # a hub
    # Far from the day where the head is everywhere, the same key is rare again.
    assert index.specificity("per-head", DAY - 100, DAY - 100) == 1.0


def test_frequent_keys_do_not_retrieve():
    index = KeyIndex(bucket_days=7, retrieve_df=3)
    for i in range(5):
        index.add(f"a{i}", ["loc-united-states"], DAY)
    assert index.candidates(["loc-united-states"], DAY) == set()
    assert not index.retrievable("loc-united-states", DAY)


def test_adding_reports_articles_whose_weights_changed():
    index = KeyIndex(bucket_days=7)
    assert index.add("a", ["per-x"], DAY) == {}
    # df 1 → 2 is level 0 → 0; 3 → 4 crosses into level 1.
    assert index.add("b", ["per-x"], DAY) == {}
    assert index.add("c", ["per-x"], DAY) == {}
    changed = index.add("d", ["per-x", "per-y"], DAY)
    assert changed == {"a": {"per-x"}, "b": {"per-x"}, "c": {"per-x"}}


def test_eviction_forgets_old_buckets():
    index = KeyIndex(bucket_days=7)
    index.add("old", ["per-x"], DAY - 70)
    index.add("new", ["per-x"], DAY)
    index.evict_before(bucket_of(DAY - 14, 7))
    assert index.candidates(["per-x"], DAY - 70) == set()
    assert UNDATED not in index.postings["per-x"]
    index.remove("new", ["per-x"], DAY)
    assert "per-x" not in index.postings
