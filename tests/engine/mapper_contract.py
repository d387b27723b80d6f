"""What every engine's mapper promises the writer, whatever runs the work: ``map``'s results.

Each engine's test module imports these tests and supplies its own ``bare_mapper`` fixture (a
mapper whose workers hold no language data), so the promise is written once.
"""

from __future__ import annotations

import operator

import pytest


def test_results_come_back_in_input_order_across_chunks(bare_mapper) -> None:
    words = [f"خبر {i}" for i in range(41)]
    assert list(bare_mapper(len, words)) == [len(w) for w in words]


def test_several_iterables_are_zipped_like_map(bare_mapper) -> None:
    assert list(bare_mapper(operator.add, [1, 2, 3, 4, 5], [10, 20, 30, 40])) == [11, 22, 33, 44]


def test_empty_batch_needs_no_task(bare_mapper) -> None:
    assert list(bare_mapper(len, [])) == []


def test_an_error_in_a_stage_reaches_the_writer_as_itself(bare_mapper) -> None:
    with pytest.raises(ValueError):
        list(bare_mapper(int, ["12", "13", "fourteen"]))
