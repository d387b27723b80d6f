"""Driving Debian's chromium from the browser tests (importable as ``tests.browser``).

Python Playwright's driver ships in its wheel; no browser is downloaded. Without chromium or
Playwright the browser tests skip with the reason, except under CI, where that is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("NEWSWEAVE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]

LINE_EDGES = """(el) => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const line = range.getClientRects()[0];
  const box = el.getBoundingClientRect();
  return {direction: getComputedStyle(el).direction, textAlign: getComputedStyle(el).textAlign,
          left: line.left - box.left, right: box.right - line.right, width: box.width};
}"""
"""First line box of an element's text against the element's own box: which edge the text starts at."""


def sync_playwright_or_skip():
    """Playwright's ``sync_playwright``, or a skip (a failure under CI) naming what is missing."""
    problem = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        problem, sync_playwright = "Python Playwright is not installed (pip install 'playwright>=1.45,<2')", None
    if problem is None and not (CHROMIUM.is_file() or shutil.which(str(CHROMIUM))):
        problem = f"chromium not found at {CHROMIUM} (apt-get install chromium fonts-noto-core)"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run under CI: {problem}")
        pytest.skip(problem)
    return sync_playwright
