"""Engines: where the pure per-article stages run.

:class:`newsweave.pipeline.Weaver` is the single writer; it hands the per-article work of each
batch to a *mapper* with the signature of the builtin ``map`` (results in input order). An
engine supplies that mapper:

- ``local`` — the builtin ``map`` in this process (the default; nothing to start);
- ``process`` — a pool of worker processes on this machine, one per core, each with the
  language data loaded (:mod:`newsweave.engine.process_engine`; no extra needed);
- ``ray`` — batches of articles run on Ray actors that keep the language data loaded
  (:mod:`newsweave.engine.ray_engine`; needs the ``ray`` extra, imported only when chosen).

``open_engine`` is a context manager because an engine may own resources (a Ray runtime it
started) that must be released however the run ends.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator

from newsweave.errors import EngineError  # noqa: F401  (re-exported: raised by the engines)
from newsweave.settings import Settings

Mapper = Callable[..., Iterable[Any]]
"""``mapper(func, *iterables)``: like the builtin ``map``, results in input order."""

ENGINES: dict[str, str] = {
    "local": "this process, one core (the default)",
    "process": "worker processes on every core of this machine",
    "ray": "Ray actors on every local core, or on a Ray cluster (RAY_ADDRESS / --ray-address)",
}


@contextmanager
def open_engine(
    name: str,
    settings: Settings,
    *,
    address: str | None = None,
    workers: int | None = None,
) -> Iterator[Mapper]:
    """The mapper of engine ``name``, its resources released on exit.

    ``address``: a Ray cluster to join instead of starting one (ray only; ``RAY_ADDRESS`` is
    read when it is None). ``workers``: how many workers (ray and process; default one per CPU).
    """
    if name == "local":
        if address:
            raise EngineError("--ray-address only applies to the ray engine", hint="add --engine ray")
        yield map
        return
    if name == "process":
        if address:
            raise EngineError("--ray-address only applies to the ray engine", hint="add --engine ray")
        from newsweave.engine.process_engine import process_mapper

        with process_mapper(settings, workers=workers) as mapper:
            yield mapper
        return
    if name == "ray":
        from newsweave.engine.ray_engine import ray_mapper

        with ray_mapper(settings, address=address, workers=workers) as mapper:
            yield mapper
        return
    raise EngineError(f"unknown engine {name!r}", hint="known: " + ", ".join(ENGINES))
