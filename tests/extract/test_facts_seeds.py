"""Seed acceptance for facts: the Miami talks, Umerov's report, the Putin meeting, the call.

Mentions are placed at the gold names and the time expressions are built by hand (the values
the time stage must give), so this tests the fact stage alone.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsweave.extract.facts import find_facts
from newsweave.extract.quotes import find_attributions
from newsweave.model import Article, Fact, TimeKind
from quotes_facts_kit import article, body, gold_mentions, time_at

from tests.paths import SEED_AR, SEED_FA

D, P = TimeKind.DATE, TimeKind.DURATION
# (phrase as it appears in the seed, kind, value): the time stage's expected output.
SEED_TIMES = {
    "fa": [("سهشنبه", D, "2025-12-02"), ("پنج ساعته", P, "PT5H"), ("۲ روز", P, "P2D"), ("امروز", D, "2025-12-06")],
    "ar": [("يوم أمس السبت", D, "2025-12-06"), ("ساعتين", P, "PT2H"), ("ثلاثة أيام", P, "P3D"),
           ("يوم الاثنين", D, "2025-12-08"), ("يوم السبت", D, "2025-12-06")],
}


def seed_with_facts(code: str, seed_texts, seeds_gold) -> Article:
    name = {"fa": SEED_FA, "ar": SEED_AR}[code]
    text = body(seed_texts[code])
    times = tuple(sorted((time_at(text, p, k, v) for p, k, v in SEED_TIMES[code]), key=lambda t: t.start))
    art = article(text, code, gold_mentions(text, seeds_gold["documents"][name]["entities"]), times)
    art = replace(art, attributions=find_attributions(art))
    return replace(art, facts=find_facts(art))


def names(art: Article, fact: Fact) -> dict:
    return {
        "place": art.mentions[fact.place].canonical if fact.place is not None else None,
        "time": art.times[fact.time].value if fact.time is not None else None,
        "duration": art.times[fact.duration].value if fact.duration is not None else None,
        "participants": {art.mentions[i].canonical for i in fact.participants},
    }


def facts_of(art: Article, event: str) -> list[dict]:
    return [names(art, f) | {"modality": f.modality, "fact": f} for f in art.facts if f.event == event]


def test_persian_seed_facts(seed_texts, seeds_gold):
    art = seed_with_facts("fa", seed_texts, seeds_gold)
    talks = facts_of(art, "talks")
    assert any(t["place"] == "Miami" and t["duration"] == "P2D" for t in talks)
    miami = next(t for t in talks if t["place"] == "Miami")
    carrier = art.attributions[miami["fact"].attribution]
    assert art.mentions[carrier.speaker].canonical == "Reuters"
    assert any(r["place"] == "Kyiv" for r in facts_of(art, "report"))
    meeting = [m for m in facts_of(art, "meeting") if m["place"] == "Moscow"]
    assert meeting and meeting[0]["time"] == "2025-12-02" and meeting[0]["duration"] == "PT5H"
    assert "Vladimir Putin" in meeting[0]["participants"]
    calls = facts_of(art, "call")
    expected = set(seeds_gold["documents"][SEED_FA]["facts"]["call_participants"])
    assert any(expected <= c["participants"] for c in calls)


def test_arabic_seed_facts(seed_texts, seeds_gold):
    art = seed_with_facts("ar", seed_texts, seeds_gold)
    calls = facts_of(art, "call")
    assert any(c["duration"] == "PT2H" and c["time"] == "2025-12-06" for c in calls)
    talks = facts_of(art, "talks")
    assert any(t["place"] == "Miami" and t["duration"] == "P3D" for t in talks)
    reports = [r for r in facts_of(art, "report") if r["place"] == "London"]
    assert reports and reports[0]["time"] == "2025-12-08" and reports[0]["modality"] == "expected"
    # Washington is the ambassador's post and Miami the origin of a trip: neither is an event place.
    assert all(f.place is None or art.mentions[f.place].canonical not in {"Washington, D.C.", "Europe"}
               for f in art.facts)


@pytest.mark.parametrize("code", ["fa", "ar"])
def test_seed_fact_summary(code, seed_texts, seeds_gold):
    art = seed_with_facts(code, seed_texts, seeds_gold)
    print()
    for f in art.facts:
        n = names(art, f)
        print(f" {f.event:10} {f.trigger:14} place={n['place']} time={n['time']} dur={n['duration']} "
              f"mod={f.modality} att={f.attribution} q={[(q.value, q.unit) for q in f.quantities]}")
    assert art.facts
