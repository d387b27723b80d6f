"""The Ray engine: per-article stages on Ray actors, in chunks, results in input order.

Each actor is a long-lived worker process that loads the language data (gazetteers, lexicons,
the language model) once, in its constructor, while the other actors do the same in parallel;
after that a chunk of articles costs only the stages themselves and pickling. A batch's chunks
are all queued at once, in turn on each actor, and the results are read lazily in input order:
the single writer stores one batch while the actors work on the next.

Ray is imported here only: ``import newsweave`` never needs it. Started locally it uses every
core this process may run on, no dashboard, quiet logs, no usage reporting; given an address
(or ``RAY_ADDRESS``) it joins that cluster and leaves it running on exit.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, Sequence

from newsweave.engine import EngineError
from newsweave.model import RawArticle
from newsweave.settings import Settings

MAX_CHUNK = 64
"""Most articles in one task: large enough that Ray's per-task cost (~1 ms) is noise."""
CHUNKS_PER_WORKER = 4
"""Split a batch so each worker gets at least this many chunks: keeps the tail of a batch short."""
STARTUP_TIMEOUT = 300.0
"""Seconds to wait for every worker to be placed and to load its data before giving up."""
OBJECT_STORE_BYTES = 256 * 1024 * 1024
"""Object store of a locally started Ray: chunks are small, the default (30% of RAM) is waste."""

_WARM_UP = (
    # Written for this warm-up: one short article per first-class language, so every lazy
    # table those languages use is loaded before the first real chunk arrives.
    ("en", "Foreign minister Anna Novak met the ambassador in Geneva on Tuesday for three hours, officials said."),
    ("fa", "وزیر امور خارجه روز سه‌شنبه در ژنو با سفیر دیدار کرد و دو طرف سه ساعت گفت‌وگو کردند."),
    ("ar", "التقى وزير الخارجية يوم الثلاثاء في جنيف السفير، وقال مسؤول إن المحادثات استمرت ثلاث ساعات."),
)
_WARM_UP_DATE = dt.date(2025, 1, 7)


def chunk_size(items: int, workers: int, largest: int = MAX_CHUNK) -> int:
    """Articles per task for a batch of ``items`` on ``workers`` actors."""
    if items <= 0:
        return 1
    return max(1, min(largest, math.ceil(items / (max(1, workers) * CHUNKS_PER_WORKER))))


def split(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def warm_up(settings: Settings) -> None:
    """Run every per-article stage once per first-class language and compare the results as one
    story: a worker loads the language data and the comparison tables off the clock, not in
    its first chunk or its first story (the place index alone takes about 0.3 s)."""
    from newsweave.compare import compare_story, preload
    from newsweave.link.registry import EntityRegistry
    from newsweave.pipeline import process

    registry = EntityRegistry([], settings=settings)
    articles = [
        registry.link(process(RawArticle(f"<warm-up:{lang}>", text, published=_WARM_UP_DATE, lang_hint=lang), settings))
        for lang, text in _WARM_UP
    ]
    compare_story(articles, {entity.id: entity for entity in registry.entities()})
    preload()


class _Worker:
    """One Ray actor: loads language data at start, then applies functions to chunks."""

    def __init__(self, settings: Settings | None) -> None:
        if settings is not None:
            warm_up(settings)

    def ready(self) -> int:
        return os.getpid()

    def run(self, func: Callable[..., Any], chunk: Sequence[tuple]) -> list[Any]:
        return [func(*args) for args in chunk]


class RayMapper:
    """A ``map`` replacement that runs ``func`` over chunks on a pool of actors."""

    def __init__(self, actors: list, *, largest_chunk: int = MAX_CHUNK) -> None:
        self.actors = actors
        self.largest_chunk = largest_chunk
        self._queued: list[list[tuple[Any, int]]] = [[] for _ in actors]
        """Per actor, its unfinished tasks (result ref, items in it), across calls."""
        self._turn = 0

    @property
    def workers(self) -> int:
        return len(self.actors)

    def __call__(self, func: Callable[..., Any], *iterables: Iterable[Any]) -> Iterator[Any]:
        """Queue every chunk on the actors now and return the results as they are read, in
        input order: the writer stores one batch while the actors work on the next.

        An actor runs its tasks in the order they were queued, so each chunk goes to the actor
        with the fewest items (articles, or bundles of stories) still queued, counting earlier
        calls: a call of one chunk (a bundle of comparisons) does not always land on the first
        actor, and an actor slowed by the writer sharing its core is given less.
        """
        import ray

        items = list(zip(*iterables))
        if not items:
            return iter(())
        chunks = split(items, chunk_size(len(items), self.workers, self.largest_chunk))
        self._forget_finished()
        func_ref = ray.put(func)  # shipped once per call, not once per chunk
        refs = []
        for chunk in chunks:
            actor = self._least_queued()
            ref = self.actors[actor].run.remote(func_ref, chunk)
            self._queued[actor].append((ref, len(chunk)))
            refs.append(ref)
        return self._results(refs)

    def _least_queued(self) -> int:
        """The actor with the fewest queued items; ties taken in turn."""
        n = self.workers
        actor = min(range(n), key=lambda i: (sum(size for _, size in self._queued[i]), (i - self._turn) % n))
        self._turn = (actor + 1) % n
        return actor

    def _forget_finished(self) -> None:
        import ray

        queued = [ref for tasks in self._queued for ref, _ in tasks]
        if not queued:
            return
        _, unfinished = ray.wait(queued, num_returns=len(queued), timeout=0, fetch_local=False)
        still = set(unfinished)
        self._queued = [[(ref, size) for ref, size in tasks if ref in still] for tasks in self._queued]

    @staticmethod
    def _results(refs: list) -> Iterator[Any]:
        import ray

        gone = (ray.exceptions.RayActorError, ray.exceptions.WorkerCrashedError, ray.exceptions.ObjectLostError)
        try:
            for ref in refs:
                yield from ray.get(ref)
        except gone as exc:
            raise EngineError(f"a Ray worker died: {type(exc).__name__}", hint="see the Ray logs under /tmp/ray") from None


def _local_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _start_ray(address: str | None, workers: int | None) -> bool:
    """Connect to (or start) Ray; True when this call started the connection (so must end it)."""
    import ray

    if ray.is_initialized():
        return False
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no phoning home from a news tool
    quiet = {"include_dashboard": False, "logging_level": logging.ERROR, "log_to_driver": False}
    try:
        if address:
            ray.init(address=address, **quiet)
        else:
            ray.init(num_cpus=workers or _local_cpus(), object_store_memory=OBJECT_STORE_BYTES, **quiet)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = f"the Ray cluster at {address}" if address else "a local Ray instance"
        raise EngineError(f"cannot start or join {where}: {exc}", hint="check --ray-address / RAY_ADDRESS") from None
    return True


def start_workers(count: int, settings: Settings | None) -> list:
    """``count`` actors, each with the language data loaded (skipped when ``settings`` is None)."""
    import ray

    actor_class = ray.remote(num_cpus=1)(_Worker)
    actors = [actor_class.remote(settings) for _ in range(count)]
    try:
        ray.get([actor.ready.remote() for actor in actors], timeout=STARTUP_TIMEOUT)  # they load in parallel
    except ray.exceptions.GetTimeoutError:
        for actor in actors:
            ray.kill(actor)
        raise EngineError(
            f"{count} Ray workers did not start within {STARTUP_TIMEOUT:.0f} s",
            hint="each needs one free CPU: is the cluster busy, or are other actors holding its CPUs?",
        ) from None
    except ray.exceptions.RayActorError as exc:
        raise EngineError(f"a Ray worker failed to start: {exc}") from None
    return actors


@contextmanager
def ray_mapper(settings: Settings, *, address: str | None = None, workers: int | None = None) -> Iterator[RayMapper]:
    """Start Ray (or join ``address`` / ``RAY_ADDRESS``), start warmed-up actors, yield the mapper."""
    try:
        import ray
    except ImportError:
        raise EngineError("the ray engine needs Ray installed", hint='pip install "newsweave[ray]"') from None
    address = address or os.environ.get("RAY_ADDRESS") or None
    started = _start_ray(address, workers)
    try:
        count = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        actors = start_workers(count, settings)
        yield RayMapper(actors)
        for actor in actors:
            ray.kill(actor)
    finally:
        if started:
            ray.shutdown()
