"""Golden cases per language (tests/data/<lang>/text_cases.json): splits, normal forms, language.

The cases are short texts written for newsweave; each names the rule it pins down, so a change
in the sentence splitter, the normaliser or language identification shows up case by case.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.text.language import detect_language
from newsweave.text.normalize import normalize
from newsweave.text.segment import split_sentences
from tests.paths import DATA_DIR

GOLDEN_FILES = sorted(DATA_DIR.glob("*/text_cases.json"))


def _cases() -> list[tuple[str, dict]]:
    out = []
    for path in GOLDEN_FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        out.extend((data["lang"], case) for case in data["cases"])
    return out


CASES = _cases()


def test_every_first_class_language_has_golden_cases() -> None:
    assert {path.parent.name for path in GOLDEN_FILES} >= {"fa", "ar", "en"}
    assert all(len([c for lang, c in CASES if lang == code]) >= 5 for code in ("fa", "ar", "en"))


@pytest.mark.parametrize(("lang", "case"), CASES, ids=[f"{lang}: {case['name']}" for lang, case in CASES])
def test_golden_sentences(lang: str, case: dict) -> None:
    text = case["text"]
    assert [text[s:e] for s, e in split_sentences(text, lang)] == case["sentences"]


@pytest.mark.parametrize(("lang", "case"), CASES, ids=[f"{lang}: {case['name']}" for lang, case in CASES])
def test_golden_normalized(lang: str, case: dict) -> None:
    normalized = normalize(case["text"], lang)
    assert normalized.text == case["normalized"]
    assert normalize(normalized.text, lang).text == normalized.text


@pytest.mark.parametrize(("lang", "case"), CASES, ids=[f"{lang}: {case['name']}" for lang, case in CASES])
def test_golden_language(lang: str, case: dict) -> None:
    assert detect_language(case["text"])[0] == case["language"]


def test_golden_files_are_valid_json_with_names() -> None:
    for path in GOLDEN_FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["lang"] == path.parent.name
        assert len({case["name"] for case in data["cases"]}) == len(data["cases"])
