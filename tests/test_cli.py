"""The command line as a user drives it: ingest, list, show, search, export, weave."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import EXIT_SKIPPED, app

from tests.paths import EXAMPLES_DIR, SEED_AR, SEED_FA


@pytest.fixture()
def run(tmp_path: Path):
    db = tmp_path / "store.db"
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None):
        return runner.invoke(app, ["--db", str(db), *args], input=input, catch_exceptions=False)

    return invoke


def _export(run) -> dict:
    result = run("export", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_seeds_ingest_export_and_reingest(run, seeds_dir: Path, seed_texts: dict[str, str]):
    result = run("ingest", str(seeds_dir))
    assert result.exit_code == 0, result.output
    doc = _export(run)
    assert doc["format"] == "newsweave/1"
    by_lang = {a["lang"]: a for a in doc["articles"]}
    assert sorted(by_lang) == ["ar", "fa"]
    for lang, article in by_lang.items():
        raw_lines = [line.strip() for line in seed_texts[lang].splitlines() if line.strip()]
        footer = raw_lines[-1]
        assert footer not in article["text"], f"{lang}: footer kept"
        assert footer in article["boilerplate"]
        body = raw_lines[1:-1] if lang == "fa" else raw_lines[:-1]  # the fa first line is the headline
        for line in body:
            assert line in article["text"], f"{lang}: body line lost: {line[:40]}"
        assert len(article["sentences"]) >= 15
        for start, end in article["sentences"]:
            assert article["text"][start:end].strip() == article["text"][start:end]
    assert by_lang["fa"]["title"] == seed_texts["fa"].splitlines()[0].strip()

    again = run("ingest", str(seeds_dir / SEED_FA), str(seeds_dir / SEED_AR))
    assert again.exit_code == 0
    doc2 = _export(run)
    assert [a["id"] for a in doc2["articles"]] == [a["id"] for a in doc["articles"]]
    assert doc2 == doc


def test_same_article_from_two_paths_is_stored_once(run, tmp_path: Path):
    text = "Talks between the two delegations resumed in Geneva on Monday after a pause of a week.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace(" ", "  "), encoding="utf-8")
    result = run("ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--json")
    assert result.exit_code == 0
    summary = json.loads(result.stdout)
    assert summary["added"] == 1
    assert len(_export(run)["articles"]) == 1


def test_bad_inputs_are_named_skipped_and_change_nothing(run, tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text("The foreign ministers met in Vienna on Tuesday to discuss the nuclear file.\n", encoding="utf-8")
    assert run("ingest", str(good)).exit_code == 0
    before = _export(run)

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (bad / "broken.jsonl").write_text('{"text": "A fine line about a ceasefire agreed in Doha on Sunday."}\n{not json\n', encoding="utf-8")
    missing = tmp_path / "nowhere.txt"
    result = run("ingest", str(bad), str(missing))
    assert result.exit_code == EXIT_SKIPPED
    problems = result.stderr
    assert "empty.txt" in problems and "binary.txt" in problems
    assert "broken.jsonl:2" in problems and "nowhere.txt" in problems
    after = _export(run)
    assert {a["id"] for a in before["articles"]} <= {a["id"] for a in after["articles"]}
    assert len(after["articles"]) == len(before["articles"]) + 1  # the good JSONL line


def test_too_large_input_is_refused(run, tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_text("A sentence about the harbour strike in Basra. " * 200, encoding="utf-8")
    result = run("ingest", "--max-bytes", "1000", str(big))
    assert result.exit_code == EXIT_SKIPPED
    assert "big.txt" in result.stderr and "too-large" in result.stderr


def test_stdin_with_published_and_outlet(run):
    text = "وزیر امور خارجه روز دوشنبه در ژنو با همتای خود دیدار کرد و دو طرف درباره تبادل زندانیان گفت‌وگو کردند.\n"
    result = run("ingest", "-", "--published", "2025-11-03", "--outlet", "Test Outlet", input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    (article,) = _export(run)["articles"]
    assert article["lang"] == "fa"
    assert article["published"] == "2025-11-03"
    assert article["outlet"] == "Test Outlet"
    assert article["source"] == "<stdin>"


def test_bad_published_date_is_a_usage_error(run, tmp_path: Path):
    result = run("ingest", "--published", "06/12/2025", str(tmp_path))
    assert result.exit_code == 2


def test_list_show_search_and_entities(run, seeds_dir: Path):
    assert run("ingest", str(seeds_dir)).exit_code == 0
    listing = run("articles", "--json")
    rows = [json.loads(line) for line in listing.stdout.splitlines()]
    assert {r["lang"] for r in rows} == {"fa", "ar"}

    fa_id = next(r["id"] for r in rows if r["lang"] == "fa")
    shown = run("show", fa_id[:8], "--json")
    assert shown.exit_code == 0
    assert json.loads(shown.stdout)["id"] == fa_id
    table = run("show", fa_id)
    assert "entities" in table.stdout

    for word, lang in (("میامی", "fa"), ("ميامي", "ar")):
        hits = [json.loads(line) for line in run("search", word, "--json").stdout.splitlines()]
        assert any(h["id"] == next(r["id"] for r in rows if r["lang"] == lang) for h in hits), word

    people = [json.loads(line) for line in run("entities", "--type", "person", "--json").stdout.splitlines()]
    assert people and all(p["type"] == "PER" for p in people)
    shared = [p for p in people if len(p["articles"]) == 2]
    assert shared, "some person is linked across the two seeds"
    detail = run("entity", shared[0]["id"], "--json")
    assert set(json.loads(detail.stdout)["names"]) == {"fa", "ar"}


def test_unknown_ids_and_types_fail_clearly(run, seeds_dir: Path):
    run("ingest", str(seeds_dir))
    result = run("show", "ffffffffffff")
    assert result.exit_code == 1
    assert "ffffffffffff" in result.stderr
    assert run("entities", "--type", "animal").exit_code == 2
    assert run("export", "--format", "xml").exit_code == 2


def test_weave_examples_writes_a_report(run, tmp_path: Path):
    report = tmp_path / "report.html"
    result = run("weave", str(EXAMPLES_DIR), "-o", str(report))
    assert result.exit_code == 0, result.stderr
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html") or html.lower().startswith("<!doctype html")
    assert 'dir="rtl"' in html and 'lang="fa"' in html and 'lang="ar"' in html
    doc = _export(run)
    assert {a["lang"] for a in doc["articles"]} >= {"fa", "ar", "en"}
