"""Paths and names the tests share (importable as ``tests.paths``; conftest files shadow each other)."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS_DIR = Path(os.environ.get("NEWSWEAVE_SEEDS", REPO.parent / "shared" / "corpus" / "seeds"))
EXAMPLES_DIR = REPO / "examples" / "corpus"
DATA_DIR = Path(__file__).resolve().parent / "data"

SEED_FA = "000_d4f00ad2778d66d8.txt"
SEED_AR = "002_30f416ac27e725b5.txt"
SEED_PUBLISHED = {SEED_FA: "2025-12-06", SEED_AR: "2025-12-07"}
