"""Golden cases per language (tests/data/<lang>/time_rules.json): every rule with our own
sentences, negatives included. The found expressions must equal the expected ones exactly, so
a false positive fails as surely as a miss."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsweave.extract.time import find_times_in_text

DATA = Path(__file__).resolve().parent.parent / "data"


def _cases():
    for lang in ("fa", "ar", "en"):
        golden = json.loads((DATA / lang / "time_rules.json").read_text(encoding="utf-8"))
        for case in golden["cases"]:
            published = case.get("published", golden["published"])
            yield pytest.param(lang, published, case, id=f"{lang}: {case['rule']}")


@pytest.mark.parametrize("lang,published,case", list(_cases()))
def test_golden_case(lang, published, case):
    times = find_times_in_text(case["text"], lang, dt.date.fromisoformat(published))
    got = [[t.text, t.kind.value, t.value] for t in times]
    assert got == [row[:3] for row in case["expect"]]
    for t, row in zip(times, case["expect"]):
        if row[3] is not None:
            assert t.tense == row[3], t
        assert case["text"][t.start : t.end] == t.text
    if "confidence" in case:
        assert times[0].confidence == case["confidence"] and times[0].note
    else:
        assert all(t.confidence == 1.0 for t in times)
