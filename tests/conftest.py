"""Shared fixtures: the seed articles are read from ../shared, never copied into the repo."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS_DIR = Path(os.environ.get("NEWSWEAVE_SEEDS", REPO.parent / "shared" / "corpus" / "seeds"))
EXAMPLES_DIR = REPO / "examples" / "corpus"
DATA_DIR = Path(__file__).resolve().parent / "data"

SEED_FA = "000_d4f00ad2778d66d8.txt"
SEED_AR = "002_30f416ac27e725b5.txt"
SEED_PUBLISHED = {SEED_FA: "2025-12-06", SEED_AR: "2025-12-07"}


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
