"""Story clustering at scale: per-article cost at 10k, 100k and 1M articles, next to a baseline.

The stream is :func:`bench.generate.story_feature_records`: feature records (entity ids,
days, event kinds, places, numbers, languages) of synthetic multilingual stories at a constant
1,400 articles a day, so a larger corpus is a longer stream. Each size runs in its own process
(``python -m bench.bench_cluster --one N``) so its peak memory is its own; articles arrive one
at a time, as in a live feed. Per-article cost is the CPU time of the clustering call over the
last fifth of the stream (generation excluded; CPU time, not wall time, because the machine is
shared). Quality is pairwise precision and recall against the events that generated the
records. ``--one N --progress 10000`` prints the cost and memory of every 10,000 articles.

The baseline, in the same run, is what one writes without an index: every new article is
compared with every article before it (numpy, hashed entity vectors) and joins the best match
above a threshold. Its per-article cost grows with the corpus; it is run at sizes it can handle.

    python -m bench.bench_cluster [--quick]     # quick: 10k and 100k only
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import defaultdict
from itertools import combinations

from bench.registry import Measurement, register

SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (10_000, 100_000)
BASELINE_SIZES = (2_000, 8_000)
TAIL = 0.2
GROWTH_TARGET = 1.5
"""Per-article cost at 1M may be at most this multiple of the cost at 10k."""
"""Per-article cost is measured on the last fifth of the stream (the index is full by then)."""


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pair_quality(gold: dict[str, int], story_of: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of the clustering against the generating events."""
    by_story: dict[str, list[str]] = defaultdict(list)
    by_event: dict[int, list[str]] = defaultdict(list)
    for article, story in story_of.items():
        by_story[story].append(article)
        by_event[gold[article]].append(article)
    tp = fp = fn = 0
    for members in by_story.values():
        for a, b in combinations(members, 2):
            if gold[a] == gold[b]:
                tp += 1
            else:
                fp += 1
    for members in by_event.values():
        for a, b in combinations(members, 2):
            if story_of[a] != story_of[b]:
                fn += 1
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def _rss_mb() -> float:
    """Current resident memory (Linux), to follow a long run as it goes."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return _peak_mb()


def run_stream(n: int, progress: int = 0) -> dict:
    """Cluster ``n`` generated articles one at a time; cost, memory and quality.

    Per-article cost is CPU time spent in :meth:`StoryClusterer.add` (generation excluded), so
    it holds on a busy machine; ``progress`` prints a line to stderr every that many articles."""
    from bench.generate import story_feature_records
    from newsweave.cluster.clusterer import StoryClusterer
    from newsweave.settings import load_settings

    clusterer = StoryClusterer(load_settings())  # NEWSWEAVE_STORY_* settings apply
    gold: dict[str, int] = {}
    final: dict[str, str] = {}
    tail_from = int(n * (1 - TAIL))
    started = tail_started = time.perf_counter()
    cpu = tail_cpu = progress_cpu = 0.0
    for i, (event, features) in enumerate(story_feature_records(n)):
        if i == tail_from:
            tail_started = time.perf_counter()
            tail_cpu = cpu
        gold[features.id] = event
        before = time.process_time()
        update = clusterer.add([features])
        cpu += time.process_time() - before
        if progress and (i + 1) % progress == 0:
            chunk_us = (cpu - progress_cpu) / progress * 1e6
            progress_cpu = cpu
            print(json.dumps({"at": i + 1, "chunk_cpu_us": round(chunk_us, 1), "rss_mb": round(_rss_mb()),
                              "active": len(clusterer)}), file=sys.stderr, flush=True)
        # Every story change is reported, so the last report of an article is its final story
        # (evicted stories are final and no longer in the clusterer).
        final.update({a: k for k, members in update.stories.items() for a in members})
    ended = time.perf_counter()
    final.update(clusterer.story_of)
    precision, recall = _pair_quality(gold, final)
    return {
        "n": n,
        "seconds": ended - started,
        "tail_ms": (ended - tail_started) / max(1, n - tail_from) * 1000,
        "tail_cpu_us": (cpu - tail_cpu) / max(1, n - tail_from) * 1e6,
        "cpu_us": cpu / n * 1e6,
        "peak_mb": _peak_mb(),
        "active": len(clusterer),
        "precision": precision,
        "recall": recall,
    }


def run_baseline(n: int, threshold: float = 0.5, dim: int = 4096) -> dict:
    """All-pairs streaming: each article against every earlier one (cosine of hashed entities)."""
    import zlib

    import numpy as np

    from bench.generate import story_feature_records

    vectors = np.zeros((n, dim), dtype=np.float32)
    story = np.zeros(n, dtype=np.int64)
    gold: dict[str, int] = {}
    ids: list[str] = []
    tail_from = int(n * (1 - TAIL))
    started = tail_started = time.perf_counter()
    cpu = tail_cpu = 0.0
    for i, (event, f) in enumerate(story_feature_records(n)):
        if i == tail_from:
            tail_started = time.perf_counter()
            tail_cpu = cpu
        gold[f.id] = event
        ids.append(f.id)
        before = time.process_time()
        for e in f.entities:
            vectors[i, zlib.crc32(e.id.encode()) % dim] = e.weight
        vectors[i] /= max(1e-9, float(np.linalg.norm(vectors[i])))
        story[i] = i
        if i:
            sims = vectors[:i] @ vectors[i]
            best = int(np.argmax(sims))
            if sims[best] >= threshold:
                story[i] = story[best]
        cpu += time.process_time() - before
    ended = time.perf_counter()
    precision, recall = _pair_quality(gold, {a: str(story[i]) for i, a in enumerate(ids)})
    return {
        "n": n,
        "seconds": ended - started,
        "tail_ms": (ended - tail_started) / max(1, n - tail_from) * 1000,
        "tail_cpu_us": (cpu - tail_cpu) / max(1, n - tail_from) * 1e6,
        "cpu_us": cpu / n * 1e6,
        "peak_mb": _peak_mb(),
        "precision": precision,
        "recall": recall,
    }


def _in_process(kind: str, n: int) -> dict:
    """Run one size in a fresh interpreter, so that its peak memory is its own."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_cluster", f"--{kind}", str(n)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@register("cluster", "story clustering: per-article cost at 10k/100k/1M (window + index) vs all-pairs")
def bench_cluster(quick: bool) -> list[Measurement]:
    rows: list[Measurement] = []
    first_baseline = None
    for n in BASELINE_SIZES:
        r = _in_process("baseline", n)
        label = f"all-pairs baseline, {n // 1000}k"
        first_baseline = first_baseline or label
        rows.append(Measurement(
            label, n, r["seconds"], peak_rss_mb=r["peak_mb"], baseline=first_baseline,
            note=(f"{r['tail_cpu_us']:.0f} µs CPU/article at the end; "
                  f"pair P {r['precision']:.2f} R {r['recall']:.2f}"),
        ))
    first = first_cost = None
    for n in QUICK_SIZES if quick else SIZES:
        r = _in_process("one", n)
        label = f"stream, {n // 1000}k"
        first = first or label
        first_cost = first_cost or r["tail_cpu_us"]
        growth = r["tail_cpu_us"] / first_cost
        rows.append(Measurement(
            label, n, r["seconds"], peak_rss_mb=r["peak_mb"], baseline=first,
            note=(f"{r['tail_cpu_us']:.0f} µs CPU/article at the end, {growth:.2f}× the 10k cost "
                  f"(target ≤ {GROWTH_TARGET}×); {r['active']} active; "
                  f"pair P {r['precision']:.2f} R {r['recall']:.2f}"),
        ))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_cluster", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k only")
    parser.add_argument("--one", type=int, help="(internal) run the stream at this size, print JSON")
    parser.add_argument("--baseline", type=int, help="(internal) run the baseline at this size, print JSON")
    parser.add_argument("--progress", type=int, default=0, help="with --one: a stderr line every N articles")
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_stream(args.one, args.progress)))
        return 0
    if args.baseline:
        print(json.dumps(run_baseline(args.baseline)))
        return 0
    for row in bench_cluster(args.quick):
        print(f"{row.label:28s} {row.items:>9,} {row.seconds:9.1f} s  {row.peak_rss_mb or 0:7.0f} MB  {row.note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
