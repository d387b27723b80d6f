"""How many cases each property test runs: a few hundred in CI, ≥ 100,000 in the long mode.

    NEWSWEAVE_FUZZ_LONG=1 pytest tests/fuzz          # 100,000 cases per property
    NEWSWEAVE_FUZZ_EXAMPLES=5000 pytest tests/fuzz    # any other number

The long mode also lifts hypothesis' per-example deadline: only the hang guards below apply.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from typing import Iterator

from hypothesis import HealthCheck, settings

LONG = os.environ.get("NEWSWEAVE_FUZZ_LONG", "").lower() in {"1", "true", "yes", "on"}
LONG_EXAMPLES = 100_000


def examples(ci: int) -> int:
    """Cases for one property: ``ci`` by default, the long-mode count, or the override."""
    override = os.environ.get("NEWSWEAVE_FUZZ_EXAMPLES")
    if override:
        return int(override)
    return LONG_EXAMPLES if LONG else ci


def fuzz(ci: int):
    """Hypothesis settings for a fuzz property that runs ``ci`` cases in CI."""
    return settings(
        max_examples=examples(ci),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


@contextmanager
def finishes_within(seconds: float, what: str) -> Iterator[None]:
    """Fail when the block takes longer than ``seconds``: a hang or a quadratic blow-up."""
    started = time.perf_counter()
    yield
    took = time.perf_counter() - started
    assert took < seconds, f"{what} took {took:.1f} s (limit {seconds:.0f} s)"
