from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
import store_samples as samples

from newsweave.errors import NotFoundError
from newsweave.report.json_export import FORMAT, article_to_export, export_document, write_json

DOC = Path(__file__).resolve().parents[2] / "docs" / "json-format.md"


def documented_keys() -> dict[str, set[str]]:
    """Key tables of docs/json-format.md by section heading: {"article": {"id", ...}, ...}."""
    sections: dict[str, set[str]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].strip().lower()
        elif current and (m := re.match(r"\| `([a-z_]+)` \|", line)):
            sections.setdefault(current, set()).add(m.group(1))
    return sections


def test_export_has_exactly_the_documented_keys(filled_store):
    store, articles = filled_store
    doc = export_document(store)
    keys = documented_keys()
    assert set(doc) == keys["document"]
    assert doc["format"] == FORMAT
    rich = next(a for a in doc["articles"] if a["facts"])
    assert set(rich) == keys["article"]
    assert set(rich["entities"][0]) == keys["mention"]
    assert set(rich["times"][0]) == keys["time"]
    assert set(rich["attributions"][0]) == keys["attribution"]
    assert set(rich["attributions"][0]["via"][0]) == keys["via"]
    fact = rich["facts"][0]
    assert set(fact) == keys["fact"]
    assert set(fact["participants"][0]) == keys["reference"] == set(fact["place"])
    assert set(fact["time"]) == keys["time reference"] == set(fact["duration"])
    assert set(fact["quantities"][0]) == keys["quantity"]
    assert set(doc["entities"][0]) == keys["entity"]
    for article in doc["articles"]:
        assert set(article) == keys["article"]


def test_references_are_resolved_for_readers(filled_store):
    store, _ = filled_store
    rich = samples.rich()
    data = article_to_export(rich, {"loc-muscat": samples.entity_muscat()})
    assert data["entities"][0] == {"entity": "loc-muscat", "text": "Muscat", "start": rich.text.index("Muscat"),
                                   "end": rich.text.index("Muscat") + 6, "type": "LOC", "label": "Muscat"}
    attribution = data["attributions"][0]
    assert attribution["speaker"] is None and attribution["speaker_text"] == "The foreign minister"
    assert attribution["quote"] == "the talks would continue for three days"
    assert attribution["via"] == [{"kind": "outlet", "text": "Reuters", "entity": None},
                                  {"kind": "medium", "text": "statement", "entity": "loc-muscat"}]
    fact = data["facts"][0]
    assert fact["participants"] == [{"text": "foreign minister", "entity": None}]
    assert fact["place"] == {"text": "Muscat", "entity": "loc-muscat"}
    assert fact["time"] == {"text": "Sunday", "value": "2025-12-07"}
    assert fact["duration"] == {"text": "for three days", "value": "P3D"}
    assert fact["quantities"][0]["value"] == 3.0 and fact["attribution"] == 0
    assert data["sentences"] == [[s.start, s.end] for s in rich.sentences]
    assert data["sentence_langs"] == [["en", 0.99], ["en", 0.95]]
    for item in data["entities"] + data["times"]:
        assert rich.text[item["start"]:item["end"]] == item["text"]


def test_export_of_chosen_articles_carries_only_their_entities(filled_store):
    store, articles = filled_store
    fa, rich = articles[0], articles[3]
    doc = export_document(store, article_ids=[fa.id])
    assert [a["id"] for a in doc["articles"]] == [fa.id]
    assert doc["entities"] == []  # its mentions name entities the registry never saved
    doc = export_document(store, article_ids=[rich.id[:10], fa.id])
    assert [a["id"] for a in doc["articles"]] == [rich.id, fa.id]
    assert [e["id"] for e in doc["entities"]] == ["loc-muscat"]
    with pytest.raises(NotFoundError):
        export_document(store, article_ids=["nothing-like-this"])


def test_whole_store_export_is_in_store_order_and_matches_the_stored_articles(filled_store):
    store, articles = filled_store
    doc = export_document(store)
    assert [a["id"] for a in doc["articles"]] == [a.id for a in store.iter_articles()]
    stored = {a.id: a for a in articles}
    for item in doc["articles"]:
        assert item == article_to_export(stored[item["id"]], {"loc-muscat": samples.entity_muscat()})
    assert doc["entities"][0]["names"]["ar"] == ["مسقط"]


def test_write_json_document_and_lines(filled_store):
    store, articles = filled_store
    doc = export_document(store)
    buffer = io.StringIO()
    write_json(doc, buffer)
    text = buffer.getvalue()
    assert json.loads(text) == doc
    assert "تهران" in text  # written as UTF-8, not \u escapes
    buffer = io.StringIO()
    write_json(doc, buffer, jsonl=True)
    lines = buffer.getvalue().splitlines()
    assert len(lines) == len(articles)
    assert [json.loads(line) for line in lines] == doc["articles"]
    assert all("format" not in json.loads(line) for line in lines)


def test_article_text_with_newlines_and_quotes_stays_one_jsonl_line(store):
    article = samples.make_article('He said "no".\nShe said "yes"\u2028then left.', "en")
    store.add_articles([article])
    buffer = io.StringIO()
    write_json(export_document(store), buffer, jsonl=True)
    (line,) = buffer.getvalue().splitlines()
    assert json.loads(line)["text"] == article.text
