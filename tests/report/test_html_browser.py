"""The seeds' report in a real headless browser: right-to-left Persian and Arabic beside
left-to-right English, the differences visible, and a screenshot to look at.

Needs Debian's chromium and Python Playwright (see tests/browser.py): skips without them,
except under CI, where their absence is a failure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from newsweave.ingest import read_inputs
from newsweave.model import Story
from newsweave.pipeline import Weaver
from newsweave.report.html_report import render_report
from newsweave.settings import Settings
from newsweave.store import open_store

from tests.browser import CHROMIUM, CHROMIUM_ARGS, LINE_EDGES, sync_playwright_or_skip
from tests.paths import SEED_AR, SEED_FA, SEED_PUBLISHED

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def seeds_report(seeds_dir, tmp_path_factory) -> Path:
    settings = Settings(db=":memory:")
    raws = []
    for name in (SEED_FA, SEED_AR):
        (raw,) = list(read_inputs([seeds_dir / name], settings=settings))
        raws.append(replace(raw, published=dt.date.fromisoformat(SEED_PUBLISHED[name])))
    with open_store(":memory:", settings=settings) as store:
        ids = Weaver(store, settings).weave(raws).article_ids
        story = Story(id="st-seeds", title="seeds", label="Zelensky's call with Witkoff and Kushner", articles=tuple(ids))
        html = render_report(store, stories=[story], title="Seeds")
    path = tmp_path_factory.mktemp("report") / "seeds.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_seeds_report_renders_right_to_left_and_shows_the_differences(seeds_report, tmp_path):
    sync_playwright = sync_playwright_or_skip()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(seeds_report.as_uri())

            for lang in ("fa", "ar"):
                paragraph = page.locator(f'article.item[lang="{lang}"] .body p').first
                edges = paragraph.evaluate(LINE_EDGES)
                assert edges["direction"] == "rtl", lang
                assert edges["right"] <= 2 and edges["left"] > 2, (lang, edges)  # starts at the right edge

            heading = page.locator(".claim.differ .claim-head").first
            edges = heading.evaluate(LINE_EDGES)
            assert edges["direction"] == "ltr" and edges["left"] <= 2, edges

            differences = page.locator(".claim.differ")
            assert differences.count() == 2
            duration = page.locator('.claim.differ[data-slot="duration"]')
            assert duration.is_visible()
            head = duration.locator(".claim-head").inner_text()
            assert "2 days" in head and "3 days" in head and "Reuters" in head
            assert page.locator('.claim.differ[data-slot="place"]').is_visible()
            marked = duration.locator("mark.val").first
            assert marked.is_visible()
            assert marked.evaluate("(el) => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
            said = duration.locator("blockquote.said").first
            assert said.evaluate("(el) => getComputedStyle(el).direction") == "rtl"

            shot = tmp_path / "seeds-report.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 20_000
        finally:
            browser.close()
