"""The example corpus woven into PostgreSQL and into SQLite gives the same export; the command
line works the same with ``--db postgresql://...``."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.ingest import read_inputs
from newsweave.pipeline import Weaver
from newsweave.report.json_export import export_document
from newsweave.settings import Settings
from newsweave.store import open_store

from tests.paths import EXAMPLES_DIR


def _weave_examples(location: str) -> dict:
    settings = Settings(db=location)
    with open_store(location, settings=settings) as store:
        result = Weaver(store, settings).weave(read_inputs([EXAMPLES_DIR], settings=settings))
        assert result.problems == [] and result.added
    with open_store(location, settings=settings, readonly=True) as reader:
        return export_document(reader)


def test_example_corpus_exports_identically_from_both_backends(tmp_path: Path, postgres_url: str):
    from_sqlite = _weave_examples(str(tmp_path / "examples.db"))
    from_postgres = _weave_examples(postgres_url)
    assert len(from_sqlite["articles"]) >= 15 and from_sqlite["stories"] and from_sqlite["entities"]
    assert json.dumps(from_postgres, ensure_ascii=False, indent=1) == json.dumps(from_sqlite, ensure_ascii=False, indent=1)


PASSWORD = "not-to-be-shown"
"""The test server trusts loopback clients, so any password is accepted: it must never be printed."""


@pytest.fixture
def cli(postgres_url: str):
    runner = CliRunner()
    parts = urlsplit(postgres_url)
    host = parts.netloc.rsplit("@", 1)[-1]
    with_password = urlunsplit(parts._replace(netloc=f"{parts.username or 'postgres'}:{PASSWORD}@{host}"))

    def invoke(*args: str, db: str = with_password):
        result = runner.invoke(app, ["--db", db, *args], catch_exceptions=False)
        assert PASSWORD not in result.stdout + result.stderr
        return result

    invoke.url = with_password
    return invoke


def test_cli_on_a_postgresql_url(cli, tmp_path: Path):
    (tmp_path / "fa.txt").write_text(
        "گفت‌وگوهای دو هیئت روز سه‌شنبه در مسقط از سر گرفته شد و تا پایان هفته ادامه دارد.\n", encoding="utf-8"
    )
    (tmp_path / "en.txt").write_text(
        "Talks between the two delegations resumed in Muscat on Tuesday and run until the end of the week.\n",
        encoding="utf-8",
    )
    ingested = cli("ingest", str(tmp_path), "--published", "2025-12-09", "--json")
    assert ingested.exit_code == 0, ingested.output
    assert json.loads(ingested.stdout)["added"] == 2
    rows = [json.loads(line) for line in cli("articles", "--json").stdout.splitlines()]
    assert sorted(r["lang"] for r in rows) == ["en", "fa"]
    fa_id = next(r["id"] for r in rows if r["lang"] == "fa")
    assert json.loads(cli("show", fa_id[:8], "--json").stdout)["id"] == fa_id
    hits = [json.loads(line) for line in cli("search", "مسقط", "--json").stdout.splitlines()]
    assert [h["id"] for h in hits] == [fa_id]
    again = cli("ingest", str(tmp_path), "--published", "2025-12-09")
    assert again.exit_code == 0
    assert "0 added, 2 already stored, 0 skipped — store: postgresql://" in again.stderr
    assert f":***@{urlsplit(cli.url).netloc.rsplit('@', 1)[-1]}" in again.stderr
    doc = json.loads(cli("export", "--format", "json").stdout)
    assert {a["id"] for a in doc["articles"]} == {r["id"] for r in rows}


def test_cli_names_an_unreachable_postgresql_store(cli):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = cli("articles", db=f"postgresql://reader:hunter2@127.0.0.1:{port}/news")
    assert result.exit_code == 1
    assert f"postgresql://reader:***@127.0.0.1:{port}/news" in result.stderr
    assert "cannot connect" in result.stderr and "hunter2" not in result.stderr + result.stdout
