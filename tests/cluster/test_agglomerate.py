"""k-link agglomeration: deterministic, threshold-bound, and vetoes are complete."""

from __future__ import annotations

import random

from newsweave.cluster.clusterer import agglomerate


def test_strong_pairs_merge_and_weak_ones_do_not():
    ids = ["a", "b", "c", "d"]
    scores = {(0, 1): 5.0, (2, 3): 1.0, (1, 2): 0.5}
    assert agglomerate(ids, scores, threshold=2.0) == [[0, 1], [2], [3]]


def test_an_undated_article_cannot_chain_two_vetoed_stories():
    # a: Saturday call, c: Tuesday meeting (vetoed), b: undated, close to both.
    ids = ["a", "b", "c"]
    scores = {(0, 1): 6.0, (1, 2): 5.0, (0, 2): -1.0}
    assert agglomerate(ids, scores, threshold=2.0) == [[0, 1], [2]]


def test_a_group_needs_several_good_links_not_one():
    # One strong link from d into a tight group of three is not enough: mean of best 3 (k-link).
    ids = ["a", "b", "c", "d"]
    scores = {(0, 1): 9.0, (0, 2): 9.0, (1, 2): 9.0, (2, 3): 4.0}
    assert agglomerate(ids, scores, threshold=2.0) == [[0, 1, 2], [3]]
    scores[(1, 3)] = 3.0
    assert agglomerate(ids, scores, threshold=2.0) == [[0, 1, 2, 3]]


def test_result_does_not_depend_on_the_order_scores_are_given():
    rng = random.Random(5)
    ids = [f"x{i:02d}" for i in range(30)]
    scores = {}
    for i in range(30):
        for j in range(i + 1, 30):
            if rng.random() < 0.2:
                scores[(i, j)] = rng.choice([-1.0, rng.uniform(0, 6)])
    reference = agglomerate(ids, scores, threshold=2.0)
    for seed in range(3):
        items = list(scores.items())
        random.Random(seed).shuffle(items)
        assert agglomerate(ids, dict(items), threshold=2.0) == reference
