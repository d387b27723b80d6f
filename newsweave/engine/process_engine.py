"""The process engine: per-article stages (and story comparisons) on a pool of local processes.

Uses every core of this machine without Ray: a ``concurrent.futures`` process pool whose workers
are started fresh (``spawn``: no copy of the writer's open store or threads) and load the
language data once, in parallel, before the first batch. A batch is cut into chunks (the same
rule as the Ray engine: several per worker, so the tail of a batch is short) and the results
come back in input order, exactly what the local engine's ``map`` returns. The mapper submits
a whole batch at once and returns its results lazily: the single writer stores one batch while
the workers extract the next.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, Sequence

from newsweave.engine import EngineError
from newsweave.engine.ray_engine import chunk_size, split, warm_up
from newsweave.settings import Settings


def _start_worker(settings: Settings | None) -> None:
    if settings is not None:
        warm_up(settings)


def _ready() -> int:
    return os.getpid()


def _run_chunk(func: Callable[..., Any], chunk: Sequence[tuple]) -> list[Any]:
    return [func(*args) for args in chunk]


class ProcessMapper:
    """A ``map`` replacement that runs ``func`` over chunks on a process pool."""

    def __init__(self, pool: ProcessPoolExecutor, workers: int) -> None:
        self.pool = pool
        self.workers = workers

    def __call__(self, func: Callable[..., Any], *iterables: Iterable[Any]) -> Iterator[Any]:
        """Submit every chunk now and return the results as they are read, in input order.

        Like the builtin ``map`` the results are an iterator; unlike it the work has already
        started, so the writer can store one batch while the workers extract the next.
        """
        items = list(zip(*iterables))
        chunks = split(items, chunk_size(len(items), self.workers)) if items else []
        try:
            futures = [self.pool.submit(_run_chunk, func, chunk) for chunk in chunks]
        except BrokenProcessPool:
            raise _died() from None
        return self._results(futures)

    @staticmethod
    def _results(futures: list[Future]) -> Iterator[Any]:
        try:
            for future in futures:
                yield from future.result()
        except BrokenProcessPool:
            raise _died() from None
        finally:
            for future in futures:
                future.cancel()  # results no one will read (the writer stopped): do not compute them


def _died() -> EngineError:
    return EngineError("a worker process died", hint="out of memory? see the system log")


def local_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@contextmanager
def process_mapper(settings: Settings | None, *, workers: int | None = None) -> Iterator[ProcessMapper]:
    """Start ``workers`` processes (default: one per usable CPU) with the language data loaded
    (skipped when ``settings`` is None), yield the mapper, stop them on exit."""
    count = workers or local_cpus()
    if count < 1:
        raise EngineError(f"the process engine needs at least one worker, not {count}")
    pool = ProcessPoolExecutor(
        max_workers=count, mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker, initargs=(settings,),
    )
    try:
        # One call per worker: the pool starts a process for each (all at once, each loading its
        # data), so the language data is loaded before the first batch, not during it.
        try:
            for started in [pool.submit(_ready) for _ in range(count)]:
                started.result()
        except BrokenProcessPool:
            raise EngineError("the process engine's workers failed to start") from None
        yield ProcessMapper(pool, count)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
