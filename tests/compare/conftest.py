"""The seeds and the example corpus run through the real pipeline once per session, linked
together, for the comparison tests."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from newsweave.ingest import read_inputs
from newsweave.link.registry import EntityRegistry
from newsweave.model import IngestProblem
from newsweave.pipeline import process
from newsweave.settings import Settings

from tests.paths import EXAMPLES_DIR, REPO, SEED_AR, SEED_FA, SEED_PUBLISHED


def _prepare(raws: dict) -> tuple[dict, dict]:
    settings = Settings()
    registry = EntityRegistry((), settings=settings)
    articles = {key: registry.link(process(raw, settings)) for key, raw in raws.items()}
    return articles, {e.id: e for e in registry.entities()}


@pytest.fixture(scope="session")
def prepared_seeds(seeds_dir):
    """``([fa, ar], entities)``: the seeds with the publication dates of their gold."""
    raws = {}
    for name in (SEED_FA, SEED_AR):
        (raw,) = [i for i in read_inputs([seeds_dir / name], settings=Settings()) if not isinstance(i, IngestProblem)]
        raws[name] = replace(raw, published=dt.date.fromisoformat(SEED_PUBLISHED[name]))
    articles, entities = _prepare(raws)
    return [articles[SEED_FA], articles[SEED_AR]], entities


@pytest.fixture(scope="session")
def examples_expected() -> dict:
    return json.loads((REPO / "examples" / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def prepared_examples():
    """``({gold id: article}, entities)``; plain-text files get their outlet and date from the manifest."""
    manifest = json.loads((REPO / "examples" / "corpus.manifest.json").read_text(encoding="utf-8"))["articles"]
    by_source = {meta["source"]: (aid, meta) for aid, meta in manifest.items()}
    raws = {}
    for item in read_inputs([EXAMPLES_DIR], settings=Settings()):
        assert not isinstance(item, IngestProblem), item
        aid, meta = by_source[item.source.replace(str(EXAMPLES_DIR), "").lstrip("/")]
        raws[aid] = replace(item, outlet=item.outlet or meta["outlet"],
                            published=item.published or dt.date.fromisoformat(meta["published"]))
    return _prepare(raws)
