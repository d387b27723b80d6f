"""The Ray engine on a local Ray instance: same results as the local engine, in input order.

Skipped when Ray is not installed (the ``ray`` extra); CI installs it. One Ray runtime serves
the whole module: starting one costs seconds, so the tests share it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from tests.paths import EXAMPLES_DIR

ray = pytest.importorskip("ray", reason="the ray extra is not installed (pip install 'newsweave[ray]')")

from newsweave.engine import EngineError  # noqa: E402
from newsweave.engine.ray_engine import RayMapper, start_workers  # noqa: E402
from tests.engine.mapper_contract import *  # noqa: F401,F403,E402  (the mapper tests every engine passes)


@pytest.fixture(scope="module")
def ray_runtime():
    """A local Ray instance with two CPUs, shut down after the module."""
    ray.init(num_cpus=2, include_dashboard=False, logging_level="ERROR", log_to_driver=False,
             object_store_memory=128 * 1024 * 1024)
    yield
    ray.shutdown()


@pytest.fixture()
def bare_mapper(ray_runtime) -> RayMapper:
    """Two actors without language data, for the scheduling tests; gone after each test, since
    they hold both CPUs and the engine test needs them."""
    actors = start_workers(2, None)
    yield RayMapper(actors, largest_chunk=3)
    for actor in actors:
        ray.kill(actor)


def test_one_chunk_calls_are_spread_over_the_actors(bare_mapper) -> None:
    """Comparisons reach the engine as one bundle per call: they must not all queue on the
    first actor while the other idles."""

    def pid_after_a_pause(_: int) -> int:
        import os
        import time

        time.sleep(0.3)
        return os.getpid()

    calls = [bare_mapper(pid_after_a_pause, [n]) for n in range(4)]  # queued at once, read later
    pids = [pid for call in calls for pid in call]
    assert sorted(pids.count(pid) for pid in set(pids)) == [2, 2]


def test_a_dead_worker_is_an_engine_error(ray_runtime) -> None:
    actors = start_workers(1, None)
    mapper = RayMapper(actors)
    ray.kill(actors[0])
    with pytest.raises(EngineError, match="worker died"):
        list(mapper(len, ["one", "two"]))


def _ingest_and_export(db: Path, inputs: list[Path], *engine_args: str) -> dict:
    runner = CliRunner()
    ingest = runner.invoke(app, ["--db", str(db), "-q", "ingest", "--json", *engine_args, *map(str, inputs)])
    assert ingest.exit_code == 0, ingest.output
    summary = json.loads(ingest.stdout)
    assert summary["added"] > 0 and not summary["skipped"]
    export = runner.invoke(app, ["--db", str(db), "export", "--format", "json"])
    assert export.exit_code == 0, export.output
    return json.loads(export.stdout)


def test_ray_engine_stores_exactly_what_the_local_engine_stores(ray_runtime, seeds_dir: Path, tmp_path: Path) -> None:
    inputs = [EXAMPLES_DIR, seeds_dir]
    local = _ingest_and_export(tmp_path / "local.db", inputs)
    on_ray = _ingest_and_export(tmp_path / "ray.db", inputs, "--engine", "ray")
    assert len(on_ray["articles"]) == len(local["articles"]) >= 3
    assert any(a["entities"] and a["times"] for a in on_ray["articles"]), "the stages really ran on the workers"
    assert on_ray == local
