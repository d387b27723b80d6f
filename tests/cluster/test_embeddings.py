"""Optional embeddings: stored small, compared exactly enough, and never required."""

from __future__ import annotations

import pytest

from newsweave.cluster.embeddings import SCALE, embed_texts, embedding_cosine, embeddings_available, quantize


def test_quantised_vectors_keep_the_cosine():
    a = [0.3, -0.2, 0.9, 0.1]
    b = [0.25, -0.1, 0.95, 0.0]
    exact = sum(x * y for x, y in zip(a, b)) / (sum(x * x for x in a) * sum(y * y for y in b)) ** 0.5
    qa, qb = quantize(a), quantize(b)
    assert all(-SCALE <= x <= SCALE for x in qa)
    assert embedding_cosine(qa, qb) == pytest.approx(exact, abs=0.01)


def test_articles_without_embeddings_compare_as_unknown():
    assert embedding_cosine((), (1, 2)) is None
    assert embedding_cosine((1, 2), (1, 2, 3)) is None


def test_embedding_model_when_installed():
    if not embeddings_available():
        assert embed_texts(["any text"]) == [()]
        return
    fa, ar, other = embed_texts([
        "وزیران خارجه ایران و عمان امروز در مسقط دیدار کردند",
        "التقى وزيرا خارجية إيران وعُمان اليوم في مسقط",
        "The football club signed a new goalkeeper for the season",
    ])
    assert embedding_cosine(fa, ar) > embedding_cosine(fa, other)
