"""Fixtures over the sample articles of store_samples (written for these tests), and the stores
to run them against: every test that takes ``store`` runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import os

import postgres_server
import pytest
import store_samples

from newsweave.model import Article, Entity
from newsweave.store import open_store


@pytest.fixture
def fa_article() -> Article:
    return store_samples.fa_article()


@pytest.fixture
def ar_article() -> Article:
    return store_samples.ar_article()


@pytest.fixture
def en_article() -> Article:
    return store_samples.en_article()


@pytest.fixture
def rich_article() -> Article:
    return store_samples.rich()


@pytest.fixture
def entity_muscat() -> Entity:
    return store_samples.entity_muscat()


@pytest.fixture(scope="session")
def postgres_server_url():
    """The test server's URL; skips (or fails, if PostgreSQL is required) when there is none."""
    url = os.environ.get(postgres_server.ENV_URL)
    if url:
        yield url
        return
    try:
        with postgres_server.throwaway_server() as url:
            yield url
    except postgres_server.Unavailable as exc:
        if os.environ.get(postgres_server.ENV_REQUIRED) == "1":
            pytest.fail(f"{exc} ({postgres_server.ENV_REQUIRED}=1)")
        pytest.skip(str(exc))


@pytest.fixture
def postgres_url(postgres_server_url):
    """A store URL in a schema of its own, dropped after the test."""
    with postgres_server.fresh_schema(postgres_server_url) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def store_location(request, tmp_path):
    """Where a store can be opened (and opened again): a SQLite file or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "news.db")
    return request.getfixturevalue("postgres_url")


@pytest.fixture(params=["sqlite", "postgres"])
def store(request):
    location = ":memory:" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    with open_store(location) as s:
        yield s


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "news.db")
