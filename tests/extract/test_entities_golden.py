"""Precision and recall on our own hand-marked paragraphs (varied topics) in each language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.extract.entities import find_mentions
from newsweave.model import Article
from newsweave.settings import Settings

DATA = Path(__file__).resolve().parent.parent / "data"
LANGS = ("fa", "ar", "en")
MIN_PRECISION = 0.9
MIN_RECALL = 0.85


def _golden(lang: str) -> list[dict]:
    return json.loads((DATA / lang / "entities_golden.json").read_text(encoding="utf-8"))["paragraphs"]


def _score(lang: str, settings: Settings) -> tuple[float, float, list[str]]:
    correct = wrong = expected = found = 0
    notes = []
    for para in _golden(lang):
        article = Article(id=para["topic"], source=para["topic"], text=para["text"], lang=lang, lang_confidence=1.0)
        mentions = find_mentions(article, settings)
        gold = {(e["text"], e["type"]) for e in para["expected"]}
        got = {(m.text, str(m.type)) for m in mentions}
        correct += sum(1 for m in mentions if (m.text, str(m.type)) in gold)
        wrong += sum(1 for m in mentions if (m.text, str(m.type)) not in gold)
        expected += len(gold)
        found += len(gold & got)
        notes += [f"{para['topic']}: extra {sorted(got - gold)} missing {sorted(gold - got)}"] if got != gold else []
    return correct / max(correct + wrong, 1), found / max(expected, 1), notes


@pytest.mark.parametrize("lang", LANGS)
def test_golden_paragraphs_have_at_least_six_topics(lang):
    paragraphs = _golden(lang)
    assert len(paragraphs) >= 6
    assert len({p["topic"] for p in paragraphs}) == len(paragraphs)


@pytest.mark.parametrize("lang", LANGS)
def test_precision_and_recall_on_golden_paragraphs(lang):
    precision, recall, notes = _score(lang, Settings())
    assert precision >= MIN_PRECISION, notes
    assert recall >= MIN_RECALL, notes


@pytest.mark.parametrize("lang", LANGS)
def test_golden_offsets_point_at_the_text(lang):
    for para in _golden(lang):
        article = Article(id="x", source="x", text=para["text"], lang=lang, lang_confidence=1.0)
        for mention in find_mentions(article, Settings()):
            assert para["text"][mention.start : mention.end] == mention.text
