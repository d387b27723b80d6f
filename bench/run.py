"""Run the registered benchmarks and print one table; ``--record`` appends it to RESULTS.md.

Benchmarks register themselves (see :mod:`bench.registry`) in modules named
``bench/bench_<name>.py``, which are all imported here. Rates are only comparable within one
run, so each row shows its ratio to a baseline row measured in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import pkgutil
import platform
import sys
from pathlib import Path

import bench
from bench.registry import BENCHMARKS, Benchmark, Measurement

RESULTS = Path(__file__).with_name("RESULTS.md")


def discover() -> dict[str, Benchmark]:
    """Import every ``bench.bench_*`` module so its benchmarks register."""
    for module in pkgutil.iter_modules(bench.__path__):
        if module.name.startswith("bench_"):
            importlib.import_module(f"bench.{module.name}")
    return BENCHMARKS


def machine() -> str:
    """One line naming what the numbers were measured on."""
    cores = os.cpu_count() or 0
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        ram = f"{pages / 1024**3:.1f} GB RAM"
    except (ValueError, OSError, AttributeError):
        ram = "RAM unknown"
    cpu = platform.processor() or platform.machine()
    return f"{cores} cores ({cpu}), {ram}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def _ratio(row: Measurement, rows: list[Measurement]) -> str:
    if row.baseline is None:
        return "1.00× (base)" if any(r.baseline == row.label for r in rows) else ""
    base = next((r for r in rows if r.label == row.baseline), None)
    if base is None or base.rate in (0, float("inf")) or row.items == 0:
        return "?"
    return f"{row.rate / base.rate:.2f}×"


def table(results: dict[str, list[Measurement]]) -> str:
    """A Markdown table: readable in a terminal and in RESULTS.md."""
    header = ["benchmark", "measurement", "items", "seconds", "rate/s", "vs baseline", "peak RSS MB", "note"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, rows in results.items():
        for row in rows:
            cells = [
                name, row.label, str(row.items), f"{row.seconds:.2f}", f"{row.rate:,.0f}" if row.items else "-",
                _ratio(row, rows), f"{row.peak_rss_mb:.0f}" if row.peak_rss_mb is not None else "", row.note,
            ]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def record(text: str, quick: bool) -> None:
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    entry = f"\n## {stamp}{' (quick)' if quick else ''}\n\n{machine()}\n\n{text}\n"
    if not RESULTS.exists():
        entry = "# Benchmark results\n\nAppended by `python -m bench --record`; compare ratios, not raw rates.\n" + entry
    with RESULTS.open("a", encoding="utf-8") as handle:
        handle.write(entry)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Run newsweave benchmarks.")
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument("--only", action="append", metavar="NAME", help="run only these (repeat or comma-separate)")
    parser.add_argument("--record", action="store_true", help=f"append the table to {RESULTS.name}")
    parser.add_argument("--list", action="store_true", help="list the registered benchmarks")
    args = parser.parse_args(argv)
    known = discover()
    if args.list:
        for bm in known.values():
            print(f"{bm.name:16} {bm.help}")
        return 0
    wanted = [name for item in args.only or [] for name in item.split(",") if name] or list(known)
    unknown = [name for name in wanted if name not in known]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(known)}", file=sys.stderr)
        return 2
    results: dict[str, list[Measurement]] = {}
    for name in wanted:
        print(f"running {name} …", file=sys.stderr)
        results[name] = known[name].run(args.quick)
    text = table(results)
    print(machine())
    print(text)
    if args.record:
        record(text, args.quick)
    return 0
