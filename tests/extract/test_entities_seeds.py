"""Acceptance on the two seed articles: every labelled person, organisation and place is found."""

from __future__ import annotations

import pytest

from newsweave.extract.entities import find_mentions
from newsweave.model import EntityType, RawArticle
from newsweave.settings import Settings
from newsweave.text.prepare import prepare_article

pytestmark = pytest.mark.seeds

# Entities of the gold labels that are people (the gold file names them but does not type them).
SEED_PEOPLE = {
    "Volodymyr Zelensky", "Steve Witkoff", "Jared Kushner", "Rustem Umerov", "Vladimir Putin",
    "Andriy Hnatov", "Olha Stefanishyna", "Donald Trump",
}


def _surfaces(doc: dict) -> dict[str, str]:
    """Gold surface form → entity (a note after the form, '(written with …)', is dropped)."""
    return {form.split(" (")[0]: entity for entity, forms in doc["entities"].items() for form in forms}


def _mentions(seed_texts: dict, seeds_gold: dict, lang: str, settings: Settings):
    name, doc = next((n, d) for n, d in seeds_gold["documents"].items() if d["lang"] == lang)
    article = prepare_article(RawArticle(name, seed_texts[lang]), settings)
    return doc, find_mentions(article, settings), article


@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_every_gold_entity_is_found_with_precision(seed_texts, seeds_gold, lang):
    doc, mentions, _ = _mentions(seed_texts, seeds_gold, lang, Settings())
    surfaces = _surfaces(doc)
    found = {surfaces[m.text] for m in mentions if m.text in surfaces}
    assert found == set(doc["entities"]), f"missing: {set(doc['entities']) - found}"
    wrong = [m.text for m in mentions if m.text not in surfaces]
    precision = 1 - len(wrong) / len(mentions)
    assert precision >= 0.9, f"false mentions: {wrong}"


@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_people_are_found_without_person_lists(seed_texts, seeds_gold, lang):
    doc, mentions, _ = _mentions(seed_texts, seeds_gold, lang, Settings(person_lists=False))
    surfaces = _surfaces(doc)
    people = SEED_PEOPLE & set(doc["entities"])
    found = {surfaces[m.text] for m in mentions if m.text in surfaces and m.type is EntityType.PERSON}
    assert len(found & people) / len(people) >= 0.8, f"missing people: {people - found}"


@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_mentions_are_sorted_disjoint_and_exact(seed_texts, seeds_gold, lang):
    _, mentions, article = _mentions(seed_texts, seeds_gold, lang, Settings())
    for mention in mentions:
        assert article.text[mention.start : mention.end] == mention.text
        assert mention.text == mention.text.strip()
        assert mention.entity is None and mention.key
    for left, right in zip(mentions, mentions[1:]):
        assert left.end <= right.start


def test_seed_types_canonicals_and_roles(seed_texts, seeds_gold):
    _, mentions, _ = _mentions(seed_texts, seeds_gold, "ar", Settings())
    by_text = {m.text: m for m in mentions}
    assert by_text["أكسيوس"].type is EntityType.ORG and by_text["أكسيوس"].canonical == "Axios"
    assert by_text["إكس"].canonical == "X"
    assert by_text["دونباس"].canonical == "Donbas" and by_text["دونباس"].type is EntityType.PLACE
    assert by_text["أولها ستيفانيشينا"].role == "ambassador"
    assert by_text["رستم عمروف"].role == "adviser"
    assert by_text["أندريه حناتوف"].role == "chief of staff"
    hnatov = next(m for m in mentions if m.text == "هناتوف")
    assert mentions[hnatov.head].text == "أندريه حناتوف"  # surname spelled differently, same person


def test_persian_seed_surname_points_at_full_name(seed_texts, seeds_gold):
    _, mentions, _ = _mentions(seed_texts, seeds_gold, "fa", Settings())
    surnames = [m for m in mentions if m.text == "عمروف"]
    assert surnames and all(m.head is not None and mentions[m.head].text == "رستم عمروف" for m in surnames)
    kyiv = next(m for m in mentions if m.text == "کی یف")
    assert kyiv.canonical == "Kyiv"
