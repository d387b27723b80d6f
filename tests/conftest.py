"""Shared fixtures: the seed articles are read from ../shared, never copied into the repo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.paths import DATA_DIR, EXAMPLES_DIR, REPO, SEED_AR, SEED_FA, SEED_PUBLISHED, SEEDS_DIR  # noqa: F401


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not (SEEDS_DIR / SEED_FA).is_file():
        pytest.skip(f"seed articles not found at {SEEDS_DIR} (../shared is absent)")
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_texts(seeds_dir: Path) -> dict[str, str]:
    """Raw seed texts by language code."""
    return {
        "fa": (seeds_dir / SEED_FA).read_text(encoding="utf-8"),
        "ar": (seeds_dir / SEED_AR).read_text(encoding="utf-8"),
    }


@pytest.fixture(scope="session")
def seeds_gold(seeds_dir: Path) -> dict:
    return json.loads((seeds_dir / "seeds.gold.json").read_text(encoding="utf-8"))
