"""The seeds through the real stages (prepare → mentions → times → quotes → facts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tests.paths import SEED_AR, SEED_FA, SEED_PUBLISHED
from newsweave.model import RawArticle
from newsweave.settings import Settings
from test_quotes_seeds import score
from quotes_facts_kit import surface_forms

prepare = pytest.importorskip("newsweave.text.prepare")
entities = pytest.importorskip("newsweave.extract.entities")
time = pytest.importorskip("newsweave.extract.time")
if not all(hasattr(m, f) for m, f in ((prepare, "prepare_article"), (entities, "find_mentions"), (time, "find_times"))):
    pytest.skip("the text, entity and time stages are not all in place yet", allow_module_level=True)


def processed(code: str, seed_texts):
    from newsweave.extract.facts import find_facts
    from newsweave.extract.quotes import find_attributions

    name = {"fa": SEED_FA, "ar": SEED_AR}[code]
    raw = RawArticle(name, seed_texts[code], published=dt.date.fromisoformat(SEED_PUBLISHED[name]), lang_hint=code)
    art = prepare.prepare_article(raw, Settings())
    art = replace(art, mentions=entities.find_mentions(art, Settings()))
    art = replace(art, times=time.find_times(art))
    art = replace(art, attributions=find_attributions(art))
    return replace(art, facts=find_facts(art)), name


@pytest.mark.parametrize("code", ["fa", "ar"])
def test_seed_attributions_end_to_end(code, seed_texts, seeds_gold):
    art, name = processed(code, seed_texts)
    doc = seeds_gold["documents"][name]
    result = score(art, art.attributions, doc["attributions"], surface_forms(doc["entities"]))
    print(f"\n{code} attribution score (real stages): {result:.2f}")
    assert result >= 0.8
