"""A tiny benchmark registry: adding a benchmark is one decorated function.

A benchmark module named ``bench/bench_<name>.py`` is imported by ``python -m bench``; its
functions decorated with :func:`register` return :class:`Measurement` rows. A row may name a
``baseline`` row (measured in the same run) so the table shows a ratio instead of a bare rate
that means nothing on another machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Measurement:
    label: str
    items: int
    seconds: float
    unit: str = "articles"
    peak_rss_mb: float | None = None
    baseline: str | None = None
    """Label of another row of the same benchmark this row is compared against."""
    note: str = ""

    @property
    def rate(self) -> float:
        return self.items / self.seconds if self.seconds > 0 else float("inf")


BenchFunction = Callable[[bool], list[Measurement]]
"""Takes ``quick`` (small sizes for a smoke run) and returns its measurements."""


@dataclass(frozen=True)
class Benchmark:
    name: str
    help: str
    run: BenchFunction


BENCHMARKS: dict[str, Benchmark] = {}


def register(name: str, help: str = "") -> Callable[[BenchFunction], BenchFunction]:
    """Register ``fn`` under ``name``; a second registration of a name is a programming error."""

    def decorate(fn: BenchFunction) -> BenchFunction:
        if name in BENCHMARKS and BENCHMARKS[name].run is not fn:
            raise ValueError(f"benchmark {name!r} is registered twice")
        BENCHMARKS[name] = Benchmark(name, help or (fn.__doc__ or "").strip().split("\n")[0], fn)
        return fn

    return decorate
