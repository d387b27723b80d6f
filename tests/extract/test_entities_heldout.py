"""Generalisation: precision and recall on held-out paragraphs the detector was never tuned on.

``tests/data/<lang>/entities_heldout.json`` holds our own news-style paragraphs (Afghanistan,
Iraq, Lebanon, Syria, Yemen, the Gulf, Iranian politics, courts, sport, Sudan and the Sahel,
Europe, Asia; a Russian and a Turkish one) with people and places that no list of ours names.
They are scored with person lists on and off, and the same real-world entity marked in
different paragraphs and languages must receive one registry id (different ones stay apart).
Run ``pytest -s`` to see the numbers and every miss.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pytest

from newsweave.extract.entities import find_mentions
from newsweave.link.registry import EntityRegistry
from newsweave.model import Article
from newsweave.settings import Settings

DATA = Path(__file__).resolve().parent.parent / "data"
FILE_LANGS = ("fa", "ar", "en")
GROUPS = ("fa", "ar", "en", "other")
"""``other``: paragraphs in languages without cue data (Russian, Turkish), by capitalisation."""

# Floors just under what the hardened detector measures (printed by the tests; before hardening:
# fa 0.91/0.55, ar 0.77/0.47, en 0.80/0.64, other 0.54/0.37 with lists on). Ratchet them up, never down.
FLOORS = {
    # group: ((precision, recall) with person lists on), ((precision, recall) with them off)
    "fa": ((0.88, 0.74), (0.87, 0.68)),
    "ar": ((0.92, 0.75), (0.92, 0.67)),
    "en": ((0.92, 0.80), (0.90, 0.80)),
    "other": ((0.50, 0.35), (0.50, 0.35)),
}
MIN_CROSS_LINKED = 0.7
"""Share of entities found in two or more languages that end up with a single registry id."""


@dataclass
class Score:
    correct: int = 0
    wrong: int = 0
    expected: int = 0
    found: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / max(self.correct + self.wrong, 1)

    @property
    def recall(self) -> float:
        return self.found / max(self.expected, 1)


def _paragraphs(lang: str) -> list[dict]:
    data = json.loads((DATA / lang / "entities_heldout.json").read_text(encoding="utf-8"))
    return [dict(para, lang=para.get("lang", lang)) for para in data["paragraphs"]]


def _group(para: dict) -> str:
    return para["lang"] if para["lang"] in FILE_LANGS else "other"


def _article(para: dict) -> Article:
    return Article(id=f"{para['lang']}:{para['topic']}", source="heldout", text=para["text"],
                   lang=para["lang"], lang_confidence=1.0)


def _gold_lookup(para: dict) -> dict[tuple[str, str], str]:
    """(text, type) → entity id, for every accepted boundary of every expected mention."""
    out = {}
    for item in para["expected"]:
        for text in (item["text"], *item.get("alt", ())):
            out[(text, item["type"])] = item["entity"]
    return out


@lru_cache(maxsize=4)
def _mentions(person_lists: bool) -> dict[str, tuple]:
    settings = Settings(person_lists=person_lists)
    return {
        f"{para['lang']}:{para['topic']}": find_mentions(_article(para), settings)
        for lang in FILE_LANGS for para in _paragraphs(lang)
    }


def score(person_lists: bool) -> dict[str, Score]:
    found_by_para = _mentions(person_lists)
    scores = {group: Score() for group in GROUPS}
    for lang in FILE_LANGS:
        for para in _paragraphs(lang):
            s = scores[_group(para)]
            gold = _gold_lookup(para)
            optional = {(o["text"], o["type"]) for o in para.get("optional", ())}
            got = {(m.text, str(m.type)) for m in found_by_para[f"{para['lang']}:{para['topic']}"]}
            extra = sorted(got - gold.keys() - optional)
            s.correct += len(got & gold.keys())
            s.wrong += len(extra)
            missing = []
            for item in {(e["text"], e["type"]): e for e in para["expected"]}.values():
                s.expected += 1
                if any((text, item["type"]) in got for text in (item["text"], *item.get("alt", ()))):
                    s.found += 1
                else:
                    missing.append((item["text"], item["type"]))
            if extra or missing:
                s.notes.append(f"{para['lang']}:{para['topic']}: extra {extra} missing {missing}")
    return scores


def _report(label: str, scores: dict[str, Score]) -> None:
    print(f"\n[heldout {label}] " + "  ".join(
        f"{g}: P={s.precision:.2f} R={s.recall:.2f} ({s.found}/{s.expected})" for g, s in scores.items()))
    for s in scores.values():
        for note in s.notes:
            print("   ", note)


@pytest.mark.parametrize("lang", FILE_LANGS)
def test_heldout_set_is_varied_and_consistent(lang):
    paragraphs = _paragraphs(lang)
    assert len([p for p in paragraphs if p["lang"] == lang]) >= 8
    assert len({p["topic"] for p in paragraphs}) == len(paragraphs)
    for para in paragraphs:
        for item in para["expected"]:
            assert item["type"] in ("PER", "ORG", "LOC")
            for text in (item["text"], *item.get("alt", ())):
                assert text in para["text"], (para["topic"], text)
        for word in para.get("must_not", ()):
            assert word in para["text"], (para["topic"], word)


@pytest.mark.parametrize("person_lists", [True, False], ids=["lists", "no-lists"])
def test_precision_and_recall_on_heldout_paragraphs(person_lists):
    scores = score(person_lists)
    _report("lists on" if person_lists else "lists off", scores)
    for group, s in scores.items():
        floor_precision, floor_recall = FLOORS[group][0 if person_lists else 1]
        assert s.precision >= floor_precision, (group, s.precision, s.notes)
        assert s.recall >= floor_recall, (group, s.recall, s.notes)


def test_common_words_are_never_tagged_alone():
    """Months, weekdays, nationality adjectives, titles and name-like words (امید, أمل) are not names."""
    tagged = []
    for lang in FILE_LANGS:
        for para in _paragraphs(lang):
            texts = {m.text for m in _mentions(True)[f"{para['lang']}:{para['topic']}"]}
            tagged += [(para["topic"], word) for word in para.get("must_not", ()) if word in texts]
    assert not tagged


def _linked() -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]]:
    """Link every paragraph (fa, then ar, then en) in one registry: gold entity ↔ registry ids."""
    registry = EntityRegistry([], settings=Settings())
    ids_of: dict[str, set[str]] = defaultdict(set)
    golds_of: dict[str, set[str]] = defaultdict(set)
    langs_of: dict[str, set[str]] = defaultdict(set)
    found = _mentions(True)
    for lang in FILE_LANGS:
        for para in _paragraphs(lang):
            article = _article(para)
            article = registry.link(replace(article, mentions=found[article.id]))
            gold = _gold_lookup(para)
            for mention in article.mentions:
                entity = gold.get((mention.text, str(mention.type)))
                if entity is not None:
                    ids_of[entity].add(mention.entity)
                    golds_of[mention.entity].add(entity)
                    langs_of[entity].add(para["lang"])
    return ids_of, golds_of, langs_of


def test_same_entity_in_several_languages_gets_one_id():
    ids_of, golds_of, langs_of = _linked()
    multi = sorted(entity for entity, langs in langs_of.items() if len(langs) > 1)
    split = sorted(entity for entity in multi if len(ids_of[entity]) > 1)
    merged = sorted(sorted(golds) for golds in golds_of.values() if len(golds) > 1)
    share = 1 - len(split) / max(len(multi), 1)
    print(f"\n[heldout linking] {len(multi) - len(split)}/{len(multi)} cross-language entities on one id "
          f"({share:.2f}); split: {split}; merged: {merged}")
    assert share >= MIN_CROSS_LINKED, split
    assert not merged, merged
