"""The process engine: the same results as the local engine, in input order, on worker processes."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.engine import EngineError, open_engine
from newsweave.engine.process_engine import ProcessMapper, process_mapper
from newsweave.settings import Settings
from tests.paths import EXAMPLES_DIR
from tests.engine.mapper_contract import *  # noqa: F401,F403,E402  (the mapper tests every engine passes)


@pytest.fixture(scope="module")
def bare_mapper() -> ProcessMapper:
    """Two workers without language data, for the scheduling tests."""
    with process_mapper(None, workers=2) as mapper:
        yield mapper



def test_the_work_runs_in_other_processes(bare_mapper: ProcessMapper) -> None:
    pids = set(bare_mapper(_pid_of, range(16)))
    assert pids and os.getpid() not in pids


def _pid_of(_: int) -> int:
    return os.getpid()


def test_the_work_starts_before_the_results_are_read(bare_mapper: ProcessMapper, tmp_path: Path) -> None:
    marks = [tmp_path / f"{i}.done" for i in range(4)]
    results = bare_mapper(_touch, marks)
    _wait_for(lambda: all(mark.exists() for mark in marks))
    assert list(results) == [str(mark) for mark in marks]


def _touch(path: Path) -> str:
    path.touch()
    return str(path)


def _wait_for(condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the workers never ran the submitted chunks"
        time.sleep(0.01)





def test_a_dead_worker_is_an_engine_error() -> None:
    with process_mapper(None, workers=1) as mapper:
        with pytest.raises(EngineError, match="worker process died"):
            list(mapper(os._exit, [3]))


def test_ray_address_is_refused_for_the_process_engine() -> None:
    with pytest.raises(EngineError, match="ray engine"):
        with open_engine("process", Settings(), address="ray://head:10001"):
            pass


def _ingest_and_export(db: Path, inputs: list[Path], *engine_args: str) -> dict:
    runner = CliRunner()
    ingest = runner.invoke(app, ["--db", str(db), "-q", "ingest", "--json", *engine_args, *map(str, inputs)])
    assert ingest.exit_code == 0, ingest.output
    summary = json.loads(ingest.stdout)
    assert summary["added"] > 0 and not summary["skipped"]
    export = runner.invoke(app, ["--db", str(db), "export", "--format", "json"])
    assert export.exit_code == 0, export.output
    return json.loads(export.stdout)


def test_process_engine_stores_exactly_what_the_local_engine_stores(seeds_dir: Path, tmp_path: Path) -> None:
    inputs = [EXAMPLES_DIR, seeds_dir]
    local = _ingest_and_export(tmp_path / "local.db", inputs)
    on_processes = _ingest_and_export(tmp_path / "process.db", inputs, "--engine", "process")
    assert len(on_processes["articles"]) == len(local["articles"]) >= 3
    assert any(a["entities"] and a["times"] for a in on_processes["articles"]), "the stages really ran"
    assert any(s["comparison"] for s in on_processes["stories"]), "comparisons were made on the workers too"
    assert on_processes == local
