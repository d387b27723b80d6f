"""Fixtures over the sample articles of store_samples (written for these tests)."""

from __future__ import annotations

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


@pytest.fixture
def store():
    with open_store(":memory:") as s:
        yield s


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "news.db")
