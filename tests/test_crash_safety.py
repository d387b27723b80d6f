"""SIGKILL in the middle of a 10,000-article ingest loses nothing that was committed.

The run is a real ``newsweave ingest`` subprocess over 10,000 short generated articles (a
headline and one lead sentence each, from ``bench.generate``: small so the whole test stays
within about a minute). Once the store holds a few committed batches (polled read-only, as any
reader would), the process is killed without warning. Then:

1. the store opens cleanly and SQLite's integrity check passes, the FTS index's too;
2. every committed article is intact: it decodes, round-trips through the codec, and still
   carries exactly the text, title, outlet and date of its input line; every entity link points
   at a stored article and every linked mention at a stored entity;
3. a second run finishes: the committed articles count as already stored, the rest are added,
   and the store ends with exactly one article per distinct input, each findable by search.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from bench.generate import iter_articles
from newsweave.store import open_store
from newsweave.store.codec import article_from_data, to_data
from newsweave.text.prepare import article_id, tidy_whitespace
from tests.paths import REPO

N_ARTICLES = 10_000
SHARD = 1_000
BATCH = 200
KILL_AFTER = 3 * BATCH
"""Kill once at least this many articles are committed (several whole batches)."""
FIRST_RUN_TIMEOUT = 240.0
SECOND_RUN_TIMEOUT = 420.0


def _lead_sentence(text: str) -> str:
    first_paragraph = text.split("\n\n", 1)[0]
    for stop in (". ", "، ", ".\u200f "):
        cut = first_paragraph.find(stop)
        if cut > 40:
            return first_paragraph[: cut + 1]
    return first_paragraph


def _write_corpus(folder: Path) -> dict[str, dict]:
    """10 JSONL shards of short articles; returns each input line's record by its source."""
    folder.mkdir()
    records: dict[str, dict] = {}
    lines: list[str] = []
    shard = 0

    def flush() -> None:
        nonlocal lines, shard
        (folder / f"shard-{shard:02d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        lines, shard = [], shard + 1

    for art in iter_articles(N_ARTICLES, seed=11):
        record = {
            "title": art.title, "text": _lead_sentence(art.text), "outlet": art.outlet,
            "published": art.published.isoformat(), "lang": art.lang,
        }
        lines.append(json.dumps(record, ensure_ascii=False))
        records[f"{folder / f'shard-{shard:02d}.jsonl'}:{len(lines)}"] = record
        if len(lines) == SHARD:
            flush()
    if lines:
        flush()
    return records


def _ingest_command(db: Path, corpus: Path) -> list[str]:
    return [sys.executable, "-m", "newsweave.cli", "--db", str(db), "-q", "ingest", "--json", str(corpus)]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWEAVE_")}
    env["NEWSWEAVE_BATCH_SIZE"] = str(BATCH)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def _committed(db: Path) -> int:
    """Articles a read-only reader sees right now (0 while the store is being created)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{quote(str(db))}?mode=ro", uri=True, timeout=1.0)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _kill_mid_run(db: Path, corpus: Path, logs: Path) -> int:
    with (logs / "first.out").open("wb") as out, (logs / "first.err").open("wb") as err:
        process = subprocess.Popen(_ingest_command(db, corpus), stdout=out, stderr=err, env=_env(), cwd=logs)
        deadline = time.monotonic() + FIRST_RUN_TIMEOUT
        try:
            while _committed(db) < KILL_AFTER:
                if process.poll() is not None:
                    pytest.fail(f"ingest ended (rc {process.returncode}) before it could be killed: "
                                + (logs / "first.err").read_text(errors="replace")[-2000:])
                if time.monotonic() > deadline:
                    pytest.fail(f"fewer than {KILL_AFTER} articles committed after {FIRST_RUN_TIMEOUT:.0f} s")
                time.sleep(0.05)
            process.send_signal(signal.SIGKILL)
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return _committed(db)


def _check_integrity(db: Path) -> None:
    conn = sqlite3.connect(str(db))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == conn.execute(
            "SELECT count(*) FROM articles").fetchone()[0], "one FTS row per article"
        orphans = conn.execute("SELECT count(*) FROM entity_articles WHERE article NOT IN (SELECT id FROM articles)")
        assert orphans.fetchone()[0] == 0, "entities only point at committed articles"
    finally:
        conn.close()


def _check_articles(db: Path, records: dict[str, dict]) -> list[str]:
    """Every stored article decodes, round-trips, and matches its input; returns the ids."""
    with open_store(str(db)) as store:
        entity_ids = {e.id for e in store.iter_entities()}
        ids = []
        for article in store.iter_articles():
            record = records[article.source]
            assert article.text == tidy_whitespace(record["text"])
            assert (article.title, article.outlet, article.lang) == (record["title"], record["outlet"], record["lang"])
            assert article.published.isoformat() == record["published"]
            assert article_from_data(to_data(article)) == article
            assert {m.entity for m in article.mentions if m.entity} <= entity_ids
            ids.append(article.id)
    assert len(ids) == len(set(ids))
    return ids


def test_sigkill_mid_ingest_then_rerun(tmp_path: Path) -> None:
    records = _write_corpus(tmp_path / "corpus")
    distinct = {article_id(tidy_whitespace(r["text"])) for r in records.values()}
    assert len(records) == N_ARTICLES and len(distinct) > 0.99 * N_ARTICLES
    db = tmp_path / "store.db"

    committed = _kill_mid_run(db, tmp_path / "corpus", tmp_path)
    assert KILL_AFTER <= committed < N_ARTICLES, "killed in the middle, after whole batches"

    _check_integrity(db)
    before = _check_articles(db, records)
    assert len(before) == committed

    rerun = subprocess.run(_ingest_command(db, tmp_path / "corpus"), capture_output=True, env=_env(),
                           cwd=tmp_path, timeout=SECOND_RUN_TIMEOUT)
    assert rerun.returncode == 0, rerun.stderr.decode(errors="replace")[-3000:]
    summary = json.loads(rerun.stdout)
    assert summary["skipped"] == []
    assert summary["unchanged"] == committed, "what was committed counts as already stored"
    assert summary["added"] == len(distinct) - committed

    _check_integrity(db)
    after = _check_articles(db, records)
    assert len(after) == len(distinct), "no duplicate, no lost article"
    assert set(before) <= set(after)
    with open_store(str(db), readonly=True) as store:
        sample = store.get_article(after[-1])
        word = max(sample.text.split(), key=len).strip(".،,")
        assert sample.id in {hit.article_id for hit in store.search(word, limit=N_ARTICLES)}
