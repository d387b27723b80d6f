"""`newsweave serve` under a bounded load on loopback: requests/s and p99 latency.

A store of 10,000 generated fa/ar/en articles (bench.generate) woven through the whole pipeline
is built once and cached beside the generated corpus, keyed by the generator's source and the
store schema (weaving 10k articles takes tens of minutes; serving it is what is measured here).
The real command (`newsweave serve`, rate limit off) is started on 127.0.0.1 in a subprocess; a
fixed number of requests per endpoint (stopping early after 90 s) is sent by four client
threads, and the server is stopped. Rows:

- health (baseline): ``GET /api/health`` — a store open, one count, the JSON answer: the least
  work a request that reads the store does, measured in this run;
- story page: ``GET /stories/{id}`` — the web UI's story page (dossier, comparison, timeline),
  rotating over 50 stories drawn evenly (by id, a hash) from all stories with 2+ articles;
- story API: ``GET /api/stories/{id}`` — the same story as JSON with its dossier, over the same
  50 stories (after the first round, answers come from the app's story cache);
- story API, uncached: the same over as many distinct other stories as requests, so every
  answer is built (the cache holds 64);
- search: ``GET /api/search?q=…`` — full-text search, rotating over place names in three scripts.

Each row notes p50 and p99 latency and any non-200 answer. Run alone with
``python -m bench.bench_serve [--quick]``.
"""

from __future__ import annotations

import hashlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import httpx

from bench.bench_ingest import corpus_dir
from bench.registry import Measurement, register

FULL_N, QUICK_N = 10_000, 500
FULL_REQUESTS, QUICK_REQUESTS = 2_000, 200
STORY_SHARE = 4
"""Story rows send a quarter of the requests: a page of a story with a hundred articles takes
hundreds of milliseconds, and the run must stay bounded."""
STORY_SAMPLE = 50
TIME_BUDGET = 90.0
"""Seconds one row may take: it stops at its request count or at this, whichever comes first."""
CLIENT_THREADS = 4
BASELINE = "health (baseline)"
SEARCH_WORDS = ("Muscat", "مسقط", "Geneva", "ژنو", "جنيف", "Baghdad", "بغداد", "Doha", "الدوحة", "Kabul")
STARTUP_SECONDS = 120.0


def _cache_key() -> str:
    from newsweave.store.migrations import LATEST

    source = (Path(__file__).with_name("generate.py")).read_bytes()
    return f"{hashlib.sha256(source).hexdigest()[:12]}-schema{LATEST}"


def served_store(n: int) -> Path:
    """A store of ``n`` woven generated articles, built once and reused while the generator and
    the store schema are unchanged."""
    from newsweave.ingest import read_inputs
    from newsweave.pipeline import Weaver
    from newsweave.settings import load_settings
    from newsweave.store import open_store

    root = Path(os.environ.get("NEWSWEAVE_BENCH_DIR", Path(tempfile.gettempdir()) / "newsweave-bench"))
    path = root / f"served-{n}-{_cache_key()}.db"
    if path.exists():
        return path
    folder = corpus_dir(n)
    building = path.with_suffix(".building")
    for leftover in root.glob(building.name + "*"):
        leftover.unlink()
    settings = load_settings({"db": str(building)}, env={})
    print(f"weaving {n:,} articles into {path} (cached for later runs) …", file=sys.stderr)
    with open_store(str(building), settings=settings) as store:
        result = Weaver(store, settings).weave(read_inputs([folder], settings=settings))
    if result.problems:
        raise RuntimeError(f"{len(result.problems)} generated inputs were skipped, e.g. {result.problems[0]}")
    building.rename(path)
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`newsweave serve` in a subprocess on loopback, stopped on exit whatever happens."""

    def __init__(self, db: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "NEWSWEAVE_SERVE_RATE_LIMIT": "0", "NEWSWEAVE_SERVE_TOKEN": ""}
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from newsweave.cli import main; main()", "--quiet", "--db", str(db),
             "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )

    def __enter__(self) -> "Server":
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"newsweave serve exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(f"{self.base}/api/health", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"newsweave serve did not answer within {STARTUP_SECONDS:.0f} s")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def load(base: str, paths: list[str], requests: int) -> tuple[float, list[float], dict[int, int]]:
    """Send up to ``requests`` GETs (cycling through ``paths``) from a few threads, stopping early
    after ``TIME_BUDGET`` seconds: (seconds, latencies of the requests sent, statuses)."""
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    deadline = time.perf_counter() + TIME_BUDGET

    def worker(thread: int, client: httpx.Client) -> list[float]:
        latencies = []
        for i in range(thread, requests, CLIENT_THREADS):
            if time.perf_counter() > deadline:
                break
            started = time.perf_counter()
            response = client.get(paths[i % len(paths)])
            latencies.append(time.perf_counter() - started)
            with lock:
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        return latencies

    clients = [httpx.Client(base_url=base, timeout=120) for _ in range(CLIENT_THREADS)]
    try:
        for client in clients:  # connections open before the clock starts
            client.get("/api/health")
        started = time.perf_counter()
        deadline = started + TIME_BUDGET
        with ThreadPoolExecutor(CLIENT_THREADS) as pool:
            parts = list(pool.map(worker, range(CLIENT_THREADS), clients))
        seconds = time.perf_counter() - started
    finally:
        for client in clients:
            client.close()
    return seconds, [t for part in parts for t in part], statuses


def _row(label: str, seconds: float, latencies: list[float], statuses: dict[int, int], baseline: str | None,
         planned: int) -> Measurement:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    bad = {code: count for code, count in statuses.items() if code != 200}
    note = f"p50 {statistics.median(ordered) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms"
    if len(latencies) < planned:
        note += f", stopped at the {TIME_BUDGET:.0f} s budget after {len(latencies)} of {planned}"
    if bad:
        note += ", NOT 200: " + ", ".join(f"{count}× {code}" for code, count in sorted(bad.items()))
    return Measurement(label, len(latencies), seconds, unit="requests", baseline=baseline, note=note)


@register("serve", "newsweave serve on loopback: requests/s and p99 for the story page and search")
def run(quick: bool) -> list[Measurement]:
    n = QUICK_N if quick else FULL_N
    requests = QUICK_REQUESTS if quick else FULL_REQUESTS
    db = served_store(n)
    with Server(db) as server:
        sizes = story_sizes(server.base)
        multi = sorted(story for story, size in sizes.items() if size > 1)  # ids are hashes: a fair shuffle
        step = max(1, len(multi) // STORY_SAMPLE)
        sample = multi[::step][:STORY_SAMPLE]  # evenly over all multi-source stories, not the easy ones
        mean = sum(sizes[s] for s in sample) / max(1, len(sample))
        cold = [story for story in multi if story not in set(sample)][: requests // STORY_SHARE]
        cold_mean = sum(sizes[s] for s in cold) / max(1, len(cold))
        stories_note = f"{len(sample)} stories of {len(multi)} with 2+ articles, {mean:.0f} articles each on average"
        endpoints = [
            (BASELINE, ["/api/health"], None, requests, ""),
            ("story page", [f"/stories/{i}" for i in sample], BASELINE, requests // STORY_SHARE, stories_note),
            ("story API", [f"/api/stories/{i}" for i in sample], BASELINE, requests // STORY_SHARE,
             stories_note + ", mostly answered from the story cache"),
            ("story API, uncached", [f"/api/stories/{i}" for i in cold], BASELINE, len(cold),
             f"{len(cold)} distinct stories with 2+ articles, {cold_mean:.0f} articles each on average: every one built"),
            ("search", [f"/api/search?q={w}" for w in SEARCH_WORDS], BASELINE, requests,
             f"{len(SEARCH_WORDS)} place names, fa/ar/en"),
        ]
        rows = []
        for label, paths, baseline, count, note in endpoints:
            seconds, latencies, statuses = load(server.base, paths, count)
            row = _row(f"{label} ({n:,} articles)" if baseline else label, seconds, latencies, statuses, baseline,
                       count)
            rows.append(replace(row, note=f"{row.note}; {note}" if note else row.note))
    return rows


def story_sizes(base: str) -> dict[str, int]:
    """Every story id with its number of articles, paged through the API."""
    sizes: dict[str, int] = {}
    offset: int | None = 0
    with httpx.Client(base_url=base, timeout=120) as client:
        while offset is not None:
            page = client.get("/api/stories", params={"limit": 500, "offset": offset}).json()
            sizes.update((s["id"], len(s["articles"])) for s in page["items"])
            offset = page["next_offset"]
    return sizes


if __name__ == "__main__":
    from bench.run import table

    print(table({"serve": run("--quick" in sys.argv)}))
