"""Attribution rules per language, on our own sentences (golden files tests/data/<lang>/quotes_cases.json)."""

from __future__ import annotations

import json

import pytest

from tests.paths import DATA_DIR
from newsweave.extract.quotes import find_attributions
from newsweave.model import Article, Attribution, EntityType
from quotes_facts_kit import article, place_mentions


def load_cases(code: str) -> list[dict]:
    return json.loads((DATA_DIR / code / "quotes_cases.json").read_text(encoding="utf-8"))["cases"]


def case_article(case: dict, code: str) -> Article:
    names = {form: (EntityType(kind), canonical) for form, (kind, canonical) in case["names"].items()}
    return article(case["text"], code, place_mentions(case["text"], names))


def describe(art: Article, att: Attribution) -> dict:
    speaker = art.mentions[att.speaker].canonical if att.speaker is not None else att.speaker_role
    via = [art.mentions[v.mention].canonical if v.mention is not None else v.text for v in att.via]
    out = {"speaker": speaker, "kind": att.speaker_kind.value, "via": via}
    if att.speaker_kind.value == "anonymous":
        out["count"] = att.source_count
        out["speaker"] = "another source" if "another" in (att.speaker_role or "") else "source" if att.source_count == 1 or att.source_count == 2 else "sources"
    return out


CASES = [(code, case) for code in ("fa", "ar", "en") for case in load_cases(code)]


@pytest.mark.parametrize("code,case", CASES, ids=[f"{c}-{case['id']}" for c, case in CASES])
def test_attribution_cases(code, case):
    art = case_article(case, code)
    got = [describe(art, a) for a in find_attributions(art)]
    assert got == case["expect"]


@pytest.mark.parametrize("code,case", CASES, ids=[f"{c}-{case['id']}" for c, case in CASES])
def test_offsets_point_into_the_text(code, case):
    art = case_article(case, code)
    for att in find_attributions(art):
        assert 0 <= att.start <= att.quote_start < att.quote_end <= att.end <= len(art.text)
        assert art.text[att.quote_start:att.quote_end].strip()


def test_direct_quote_content_excludes_marks():
    text = "Ursula von der Leyen said: “Europe will stand by Ukraine for as long as it takes.”"
    art = article(text, "en", place_mentions(text, {"Ursula von der Leyen": (EntityType.PERSON, "Ursula von der Leyen")}))
    (att,) = find_attributions(art)
    assert att.direct
    assert text[att.quote_start:att.quote_end] == "Europe will stand by Ukraine for as long as it takes."


def test_language_without_speech_data_yields_nothing():
    art = article("Le ministre a déclaré que les négociations continueraient.", "fr")
    assert find_attributions(art) == ()
