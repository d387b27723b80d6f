"""Engine selection and chunking: no Ray needed."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.engine import ENGINES, EngineError, open_engine
from newsweave.engine.ray_engine import CHUNKS_PER_WORKER, MAX_CHUNK, chunk_size, split
from newsweave.settings import Settings


def test_local_engine_is_the_builtin_map() -> None:
    with open_engine("local", Settings()) as mapper:
        assert list(mapper(str.upper, ["برف", "snow"])) == ["برف", "SNOW"]


def test_unknown_engine_is_refused_with_the_known_ones() -> None:
    with pytest.raises(EngineError, match="unknown engine 'spark'") as caught:
        with open_engine("spark", Settings()):
            pass
    assert all(name in str(caught.value) for name in ENGINES)


def test_ray_address_without_the_ray_engine_is_refused() -> None:
    with pytest.raises(EngineError, match="ray engine"):
        with open_engine("local", Settings(), address="ray://head:10001"):
            pass


def test_cli_refuses_an_unknown_engine_as_bad_usage(tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The council met on Monday to discuss the new budget for schools.", encoding="utf-8")
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "s.db"), "ingest", "--engine", "spark", str(article)])
    assert result.exit_code == 2
    assert not (tmp_path / "s.db").exists()


@pytest.mark.parametrize(
    ("items", "workers", "expected"),
    [
        (0, 2, 1),
        (1, 2, 1),
        (200, 2, 25),  # a default batch: 8 chunks, so the tail of a batch is short
        (200, 1, 50),
        (5000, 2, MAX_CHUNK),  # big batches are capped: Ray's per-task cost stays noise
        (7, 16, 1),
    ],
)
def test_chunk_size(items: int, workers: int, expected: int) -> None:
    assert chunk_size(items, workers) == expected


def test_chunks_cover_the_batch_in_order_and_each_worker_gets_several() -> None:
    items = list(range(203))
    chunks = split(items, chunk_size(len(items), 2))
    assert [x for chunk in chunks for x in chunk] == items
    assert len(chunks) >= 2 * CHUNKS_PER_WORKER


def test_warm_up_loads_what_comparing_needs_before_the_first_story() -> None:
    from newsweave.compare import values
    from newsweave.engine.ray_engine import warm_up

    values._place_index.cache_clear()
    warm_up(Settings())
    assert values._place_index.cache_info().currsize == 1
    assert values.place_contains("France", "Paris")
