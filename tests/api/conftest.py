"""Fixtures for the server tests: the example corpus woven once per session into a store file.

Tests that read share that file through a read-only app; tests that write get their own copy,
so every test starts from the same store.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest
from fastapi.testclient import TestClient

from newsweave.api import create_app
from newsweave.ingest import read_inputs
from newsweave.pipeline import Weaver
from newsweave.settings import Settings, load_settings
from newsweave.store import open_store

from tests.paths import EXAMPLES_DIR

TOKEN = "test-write-token"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """A store holding the woven example corpus (do not write to it: copy it with ``store_copy``)."""
    path = tmp_path_factory.mktemp("served") / "corpus.db"
    settings = load_settings({"db": str(path)}, env={})
    with open_store(str(path), settings=settings) as store:
        result = Weaver(store, settings).weave(read_inputs([EXAMPLES_DIR], settings=settings))
    assert result.added and not result.problems
    return path


@pytest.fixture
def store_copy(corpus_db: Path, tmp_path: Path) -> Path:
    """A private copy of the corpus store that a test may write to."""
    path = tmp_path / "copy.db"
    shutil.copyfile(corpus_db, path)
    return path


@pytest.fixture
def make_client() -> Callable[..., TestClient]:
    """An app over a store file with the given settings (environment ignored), as a test client."""

    def make(db: Path, **overrides) -> TestClient:
        settings: Settings = load_settings({"db": str(db), "serve_rate_limit": 0, **overrides}, env={})
        return TestClient(create_app(settings))

    return make


@pytest.fixture
def client(corpus_db: Path, make_client) -> TestClient:
    """A read-only server (no token) over the shared corpus store."""
    return make_client(corpus_db)


@pytest.fixture
def write_client(store_copy: Path, make_client) -> TestClient:
    """A server with a write token over a private copy of the corpus store."""
    return make_client(store_copy, serve_token=TOKEN)


@pytest.fixture
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
