"""The report tests reuse the sample articles written for the store tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from newsweave.store import open_store


def _load_samples():
    if "store_samples" in sys.modules:
        return sys.modules["store_samples"]
    path = Path(__file__).resolve().parent.parent / "store" / "store_samples.py"
    spec = importlib.util.spec_from_file_location("store_samples", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["store_samples"] = module
    spec.loader.exec_module(module)
    return module


samples = _load_samples()


@pytest.fixture
def store():
    with open_store(":memory:") as s:
        yield s


@pytest.fixture
def filled_store(store):
    """Persian, Arabic and English articles, one fully annotated, with their entities stored."""
    rich = samples.rich()
    articles = [samples.fa_article(), samples.ar_article(), samples.en_article(), rich]
    store.add_articles(articles)
    store.save_entities([samples.entity_muscat()])
    return store, articles
