"""The web UI in a real headless browser, served by uvicorn over a woven store: from the story
list to the seeds' story (both sources, both differences), search in Persian and Arabic,
right-to-left layout beside left-to-right English, a highlighted name opening its entity, and
article text carrying markup that never runs. Screenshots land in the test's temp folder.
"""

from __future__ import annotations

import socket
import threading
import time
from urllib.parse import quote

import pytest
import uvicorn

from newsweave.api import create_app

from tests.api.web_corpus import ARABIC_WORD, IMG, PERSIAN_WORD, SCRIPT, server_settings, weave_web_corpus
from tests.browser import CHROMIUM, CHROMIUM_ARGS, LINE_EDGES, sync_playwright_or_skip

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def corpus(seeds_dir, tmp_path_factory):
    return weave_web_corpus(seeds_dir, tmp_path_factory.mktemp("browse") / "web.db")


@pytest.fixture(scope="module")
def server(corpus):
    """The app under uvicorn on a free loopback port, in a thread; stopped after the module."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(create_app(server_settings(corpus.db)), log_level="warning"))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)
    listener.close()


@pytest.fixture(scope="module")
def browser(server):
    sync_playwright = sync_playwright_or_skip()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def seen() -> dict[str, list[str]]:
    """What the page did that it never should: dialogs, script errors, requests to another host."""
    return {"dialogs": [], "errors": [], "foreign requests": []}


@pytest.fixture
def page(browser, server, seen):
    """A fresh page whose dialogs, script errors and requests leaving the server are recorded in
    ``seen`` (and must stay empty)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, base_url=server)
    page = context.new_page()
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("request", lambda request: None if request.url.startswith((server + "/", "data:"))
            else seen["foreign requests"].append(request.url))
    yield page
    context.close()
    assert not any(seen.values()), seen


def starts_at(locator, edge: str) -> dict:
    edges = locator.evaluate(LINE_EDGES)
    other = "left" if edge == "right" else "right"
    assert edges[edge] <= 2 and edges[other] > 2, edges
    return edges


def test_story_list_to_the_seeds_story_shows_both_sources_and_both_differences(page, corpus, tmp_path):
    page.goto("/")
    row = page.locator("li.story-row", has=page.locator(f'a[href="/stories/{corpus.seeds_story}"]'))
    title = row.locator("p.story-title")
    assert title.evaluate("(el) => getComputedStyle(el).direction") == "rtl"
    starts_at(title, "right")
    page.screenshot(path=str(tmp_path / "stories.png"), full_page=True)

    row.locator("h2.story-label a").click()
    page.wait_for_url(f"**/stories/{corpus.seeds_story}")
    cards = page.locator(".source-card")
    assert cards.count() == 2
    first, second = (cards.nth(i).bounding_box() for i in range(2))
    assert abs(first["y"] - second["y"]) < 2 and first["x"] != second["x"], "sources stand side by side"

    differences = page.locator(".claim.differ")
    assert differences.count() == 2
    duration = page.locator('.claim.differ[data-slot="duration"]')
    head = duration.locator(".claim-head").inner_text()
    assert duration.is_visible() and "2 days" in head and "3 days" in head
    place = page.locator('.claim.differ[data-slot="place"]')
    head = place.locator(".claim-head").inner_text()
    assert place.is_visible() and "Kyiv" in head and "London" in head
    marked = duration.locator("mark.val").first
    assert marked.evaluate("(el) => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")

    for lang in ("fa", "ar"):
        paragraph = page.locator(f'article.item[lang="{lang}"] .body p').first
        assert starts_at(paragraph, "right")["direction"] == "rtl", lang
    assert starts_at(duration.locator(".claim-head"), "left")["direction"] == "ltr"
    page.screenshot(path=str(tmp_path / "seeds-story.png"), full_page=True)


@pytest.mark.parametrize(("word", "lang"), [(PERSIAN_WORD, "fa"), (ARABIC_WORD, "ar")])
def test_search_from_the_top_bar_finds_persian_and_arabic_words(page, corpus, word, lang, tmp_path):
    page.goto("/timeline")
    box = page.locator(".topbar input[name=q]")
    box.fill(word)
    assert box.evaluate("(el) => getComputedStyle(el).direction") == "rtl", "dir=auto follows what is typed"
    box.press("Enter")
    page.wait_for_url("**/search?q=*")
    hit = page.locator("li.hit", has=page.locator(f'a[href="/articles/{corpus.seed_articles[lang]}"]'))
    assert hit.is_visible()
    snippet = hit.locator("p.snippet")
    assert snippet.evaluate("(el) => getComputedStyle(el).direction") == "rtl"
    starts_at(snippet, "right")
    assert word in hit.locator("mark.hit").all_inner_texts()
    page.screenshot(path=str(tmp_path / f"search-{lang}.png"), full_page=True)


def test_english_reads_left_to_right_beside_persian_and_arabic(page, corpus):
    page.goto(f"/stories/{corpus.xss_story}")
    paragraph = page.locator('article.item[lang="en"] .body p').first
    assert starts_at(paragraph, "left")["direction"] == "ltr"
    page.goto(f"/entities/{corpus.witkoff}")
    for lang, edge in (("fa", "right"), ("ar", "right"), ("en", "left")):
        names = page.locator(f'ul.name-list[lang="{lang}"]')
        assert names.evaluate("(el) => getComputedStyle(el).direction") == ("rtl" if edge == "right" else "ltr")
        first = names.locator("li").first.bounding_box()
        box = names.bounding_box()
        gap = (box["x"] + box["width"]) - (first["x"] + first["width"]) if edge == "right" else first["x"] - box["x"]
        assert gap <= 2, (lang, gap)


def test_a_highlighted_name_opens_its_entity_page(page, corpus):
    page.goto(f"/articles/{corpus.seed_articles['fa']}")
    page.locator(f'article.item .body mark[data-entity="{corpus.witkoff}"]').first.click()
    page.wait_for_url(f"**/entities/{corpus.witkoff}")
    assert PERSIAN_WORD in page.locator('ul.name-list[lang="fa"]').inner_text()


def test_markup_in_article_text_never_runs(page, seen, corpus, tmp_path):
    paths = ["/", f"/stories/{corpus.xss_story}", f"/articles/{corpus.xss_article}", "/search?q=Geneva",
             f"/entities/{quote(corpus.xss_entity)}"]
    for path in paths:
        page.goto(path)
        page.wait_for_load_state("load")
        assert page.locator("img").count() == 0, path
        scripts = page.evaluate("() => [...document.scripts].map((s) => s.getAttribute('src'))")
        assert scripts == ["/static/web.js"], path
        handlers = page.evaluate(
            "() => [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name))"
            ".filter((n) => n.startsWith('on'))"
        )
        assert handlers == [], path
        shown = page.locator("body").inner_text()
        assert SCRIPT in shown and IMG in shown, f"{path}: the markup should read as text"
        assert not seen["dialogs"] and not seen["errors"], (path, seen)
    page.screenshot(path=str(tmp_path / "injected.png"), full_page=True)
