"""Engine scaling: the whole ingest on 1 and 2 cores (Ray and process engines), against the
local engine in one process.

Each row is the single writer (``Weaver``) over the same generated ~3 KB articles into a fresh
SQLite store, in a freshly spawned process. The clock starts after the engine is up and every
worker has loaded its language data (start-up is in the note), so the rate is the steady state
of a long backfill:

- local engine, one process: the baseline. It is single-threaded, so it uses one core at a
  time; it is not pinned, so it runs on whichever core is free of the machine's own load;
- the same pinned to one CPU, to show what other load on that CPU costs;
- Ray, one worker, driver and Ray pinned to the same CPU: the engine's own overhead;
- Ray, one worker per CPU, unpinned: the scaling the issue asks for (target ≥ 1.7×);
- the process engine (a local process pool), one worker per CPU, unpinned: the same target;
- the same two ways for the per-article stages alone (``process`` through the mapper, no
  writer): what the engine itself spreads, apart from the single writer's serial share.

Each row runs three times, the rows taking turns, and reports its median (one run with
``--quick``). Skipped (one row saying so) when Ray is not installed. Run alone with
``python -m bench.bench_ray [--quick]``.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_ingest import corpus_dir
from bench.bench_pipeline import peak_rss_mb
from bench.registry import Measurement, register

FULL_N = 1_000
QUICK_N = 200
REPEATS = 3
TARGET_SCALING = 1.7
BASELINE = "local engine, one process (baseline)"
STAGES_BASELINE = "stages only: local, one process (baseline)"


def _stages_only(mapper, settings, folder: str) -> int:
    """Only the per-article stages through the engine's mapper: the part an engine can spread."""
    from functools import partial

    from newsweave.ingest import read_inputs
    from newsweave.model import RawArticle
    from newsweave.pipeline import process

    raws = [item for item in read_inputs([folder], settings=settings) if isinstance(item, RawArticle)]
    done = 0
    for start in range(0, len(raws), settings.batch_size):
        done += len(list(mapper(partial(process, settings=settings), raws[start : start + settings.batch_size])))
    return done


def _run(engine: str, workers: int | None, pin: bool, folder: str, results: mp.Queue, stages_only: bool = False) -> None:
    try:
        if pin and hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # Ray's processes inherit it
        from newsweave.engine import open_engine
        from newsweave.engine.ray_engine import warm_up
        from newsweave.ingest import read_inputs
        from newsweave.pipeline import Weaver, frozen_heap
        from newsweave.settings import load_settings
        from newsweave.store import open_store

        with tempfile.TemporaryDirectory() as tmp:
            settings = load_settings({"db": str(Path(tmp) / "bench.db")})
            started = time.perf_counter()
            with open_engine(engine, settings, workers=workers if engine != "local" else None) as mapper:
                if engine == "local":
                    warm_up(settings)
                startup = time.perf_counter() - started
                clock = time.perf_counter()
                if stages_only:
                    added = _stages_only(mapper, settings, folder)
                else:
                    with open_store(settings.db, settings=settings) as store:
                        weaver = Weaver(store, settings, mapper=mapper)
                        with frozen_heap():  # as the CLI runs it
                            added = len(weaver.weave(read_inputs([folder], settings=settings)).added)
                seconds = time.perf_counter() - clock
        results.put((added, seconds, startup, peak_rss_mb(), ""))
    except Exception as error:
        results.put((0, 0.0, 0.0, peak_rss_mb(), f"{type(error).__name__}: {error}"))


def measure(
    engine: str, workers: int | None, pin: bool, folder: Path, stages_only: bool = False
) -> tuple[int, float, float, float, str]:
    context = mp.get_context("spawn")
    results = context.Queue()
    process = context.Process(target=_run, args=(engine, workers, pin, str(folder), results, stages_only))
    process.start()
    outcome = results.get()
    process.join()
    return outcome


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@register("ray", "Ray engine scaling: whole ingest on 1 and all cores vs the local engine on one core")
def bench_ray(quick: bool) -> list[Measurement]:
    try:
        import ray  # noqa: F401
    except ImportError:
        return [Measurement("ray engine (skipped)", 0, 0.0, note='Ray is not installed: pip install "newsweave[ray]"')]
    n = QUICK_N if quick else FULL_N
    repeats = 1 if quick else REPEATS
    folder = corpus_dir(n, "txt")
    cores = _cpus()
    plan = [
        (BASELINE, "local", None, False, False),
        ("local engine, pinned to one CPU", "local", None, True, False),  # what other load on that CPU costs
        ("ray engine, 1 worker, 1 CPU", "ray", 1, True, False),
        (f"ray engine, {cores} workers, {cores} cores", "ray", cores, False, False),
        (f"process engine, {cores} workers, {cores} cores", "process", cores, False, False),
        (STAGES_BASELINE, "local", None, False, True),
        (f"stages only: ray engine, {cores} workers, {cores} cores", "ray", cores, False, True),
        (f"stages only: process engine, {cores} workers, {cores} cores", "process", cores, False, True),
    ]
    # Every row runs ``repeats`` times, the rows taking turns, and keeps its median: a 2-core
    # machine's speed drifts by 10-20% over minutes, and taking turns spreads that over the rows.
    runs: dict[str, list[tuple[int, float, float, float, str]]] = {label: [] for label, *_ in plan}
    for _ in range(repeats):
        for label, engine, workers, pin, stages_only in plan:
            runs[label].append(measure(engine, workers, pin, folder, stages_only))
    rows: list[Measurement] = []
    for label, engine, workers, pin, stages_only in plan:
        done = sorted((r for r in runs[label] if not r[4]), key=lambda r: r[1])
        if not done:
            rows.append(Measurement(label, 0, 0.0, note=runs[label][0][4]))
            continue
        added, seconds, startup, rss, _ = done[len(done) // 2]
        note = f"start-up {startup:.1f} s (off the clock); peak RSS is the driver's"
        if len(done) > 1:
            note = f"median of {len(done)} runs ({' / '.join(f'{r[1]:.2f}' for r in done)} s); " + note
        baseline = STAGES_BASELINE if stages_only else BASELINE
        if engine != "local" and workers == cores and cores > 1:
            base = next((r for r in rows if r.label == baseline), None)
            if base and base.rate and seconds:
                scaling = (added / seconds) / base.rate
                verdict = "met" if scaling >= TARGET_SCALING else "NOT met"
                note = f"target ≥ {TARGET_SCALING}× one core: {verdict}; " + note
        rows.append(Measurement(label, added, seconds, peak_rss_mb=rss,
                                baseline=None if label == baseline else baseline, note=note))
    return rows


if __name__ == "__main__":
    from bench.run import main

    raise SystemExit(main(["--only", "ray", *sys.argv[1:]]))
