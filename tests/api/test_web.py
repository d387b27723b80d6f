"""The web UI's pages over a real woven store: every page for real ids, 404 pages for unknown
ones, the seeds' story with both sources and both differences, search in Persian and Arabic,
entities with their names in every script, timelines, pagination, and article text that
carries markup rendered inert everywhere it appears."""

from __future__ import annotations

from urllib.parse import quote

import lxml.html
import pytest
from fastapi.testclient import TestClient

from newsweave.api import create_app, web

from tests.api.web_corpus import (
    ARABIC_WORD,
    IMG,
    PERSIAN_WORD,
    SCRIPT,
    WebCorpus,
    server_settings,
    weave_web_corpus,
)

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def corpus(seeds_dir, tmp_path_factory) -> WebCorpus:
    return weave_web_corpus(seeds_dir, tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture(scope="module")
def ui(corpus) -> TestClient:
    return TestClient(create_app(server_settings(corpus.db)))


def page(ui: TestClient, path: str, status: int = 200) -> lxml.html.HtmlElement:
    response = ui.get(path)
    assert response.status_code == status, (path, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return lxml.html.document_fromstring(response.text)


def with_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def real_pages(corpus: WebCorpus) -> list[str]:
    return [
        "/",
        "/?lang=fa",
        f"/stories/{corpus.seeds_story}",
        f"/stories/{corpus.xss_story}",
        f"/articles/{corpus.seed_articles['fa']}",
        f"/articles/{corpus.xss_article}",
        f"/entities/{corpus.witkoff}",
        f"/entities/{corpus.xss_entity}",
        "/timeline",
        f"/timeline/{corpus.storyline}",
        "/search",
        "/search?q=" + quote(PERSIAN_WORD),
        "/search?q=Geneva",
    ]


def test_every_page_renders_for_real_ids(ui, corpus):
    for path in real_pages(corpus):
        doc = page(ui, path)
        assert doc.get("lang") == "en" and doc.get("dir") == "ltr", path
        assert doc.xpath("//header[@class='topbar']//form[@action='/search']"), path


@pytest.mark.parametrize("path", [
    "/stories/st-0000000000000000", "/articles/0000000000000000", "/entities/per-nobody-at-all",
    "/timeline/sl-0000000000000000", "/?page=99", "/stories/zz",
])
def test_unknown_ids_answer_a_404_page(ui, path):
    doc = page(ui, path, status=404)
    assert text_of(doc.xpath("//section[@class='not-found']/h1")[0]) == "Not found"
    assert doc.xpath("//a[@href='/']")


def test_pages_load_only_local_assets_and_need_no_inline_script_or_style(ui, corpus):
    for path in real_pages(corpus):
        doc = page(ui, path)
        assert not doc.xpath("//*[@style]"), path
        assert not doc.xpath("//style"), path
        for script in doc.xpath("//script"):
            assert script.get("src") == "/static/web.js" and not (script.text or "").strip(), path
        for link in doc.xpath("//link[@rel='stylesheet']"):
            assert link.get("href").startswith("/"), path
    for asset in ("/assets/report.css", "/static/web.css", "/static/web.js"):
        response = ui.get(asset)
        assert response.status_code == 200 and "http" not in response.text, asset


def test_seeds_story_shows_both_sources_side_by_side_and_both_differences(ui, corpus):
    doc = page(ui, f"/stories/{corpus.seeds_story}")
    cards = doc.xpath(f"//div[{with_class('source-card')}]")
    assert len(cards) == 2
    titles = doc.xpath(f"//div[{with_class('source-card')}]/div[{with_class('src-title')}]")
    assert sorted((t.get("lang"), t.get("dir")) for t in titles) == [("ar", "rtl"), ("fa", "rtl")]

    differences = doc.xpath(f"//div[{with_class('claim')} and {with_class('differ')}]")
    assert {d.get("data-slot") for d in differences} == {"duration", "place"}
    duration = next(d for d in differences if d.get("data-slot") == "duration")
    head = text_of(duration.xpath(f".//p[{with_class('claim-head')}]")[0])
    assert "2 days" in head and "3 days" in head and "Reuters" in head
    said = duration.xpath(".//blockquote[@class='said']")
    assert sorted(q.get("lang") for q in said) == ["ar", "fa"] and {q.get("dir") for q in said} == {"rtl"}
    assert duration.xpath(".//mark[@class='val']")
    place = next(d for d in differences if d.get("data-slot") == "place")
    head = text_of(place.xpath(f".//p[{with_class('claim-head')}]")[0])
    assert "Kyiv" in head and "London" in head

    articles = doc.xpath("//article[@class='item']")
    assert sorted((a.get("lang"), a.get("dir")) for a in articles) == [("ar", "rtl"), ("fa", "rtl")]
    assert {a.xpath(".//a[@class='permalink']")[0].get("href") for a in articles} == {
        f"/articles/{i}" for i in corpus.seed_articles.values()
    }
    assert doc.xpath(f"//a[@href='/entities/{corpus.witkoff}']"), "entity chips link to entity pages"


def test_story_list_shows_languages_outlets_and_sources_newest_first(ui, corpus):
    doc = page(ui, "/")
    rows = doc.xpath("//li[@class='story-row']")
    starts = [text_of(r.xpath(".//span[@class='dates']")[0])[:10] for r in rows]
    assert starts == sorted(starts, reverse=True)
    seeds = next(r for r in rows if r.xpath(f".//a[@href='/stories/{corpus.seeds_story}']"))
    assert [text_of(b) for b in seeds.xpath(".//span[@class='langs']/span")] == ["ar", "fa"]
    assert text_of(seeds.xpath(".//span[@class='diff-count']")[0]) == "2 differences"
    sources = seeds.xpath(".//li[@class='source-line']/a")
    assert sorted((a.get("lang"), a.get("dir")) for a in sources) == [("ar", "rtl"), ("fa", "rtl")]
    outlets = {text_of(o) for o in doc.xpath("//div[@class='facet-group']//bdi")}
    assert {"Meridian Wire", "Lakeside Post", "Caspian Wire"} <= outlets


def test_story_list_filters_by_language_and_outlet(ui, corpus):
    english = page(ui, "/?lang=en")
    assert not english.xpath(f"//a[@href='/stories/{corpus.seeds_story}']")
    assert english.xpath(f"//a[@href='/stories/{corpus.xss_story}']")
    for row in english.xpath("//li[@class='story-row']"):
        assert "en" in [text_of(b) for b in row.xpath(".//span[@class='langs']/span")]
    one_outlet = page(ui, "/?outlet=" + quote("Caspian Wire"))
    assert [a.get("href") for a in one_outlet.xpath("//h2[@class='story-label']/a")] == [f"/stories/{corpus.xss_story}"]


def test_story_list_is_paginated(ui, monkeypatch):
    total = len(page(ui, "/").xpath("//li[@class='story-row']"))
    monkeypatch.setattr(web, "STORIES_PER_PAGE", 3)
    seen = []
    path = "/"
    while path:
        doc = page(ui, path)
        rows = doc.xpath("//h2[@class='story-label']/a/@href")
        assert 1 <= len(rows) <= 3
        seen += rows
        path = next(iter(doc.xpath("//nav[@class='pager']/a[@rel='next']/@href")), None)
    assert len(seen) == len(set(seen)) == total > 3
    assert page(ui, "/?page=2").xpath("//nav[@class='pager']/a[@rel='prev']/@href") == ["/"]


@pytest.mark.parametrize(("word", "lang"), [(PERSIAN_WORD, "fa"), (ARABIC_WORD, "ar")])
def test_search_finds_a_word_in_its_script_and_marks_it(ui, corpus, word, lang):
    doc = page(ui, "/search?q=" + quote(word))
    hits = doc.xpath("//li[@class='hit']")
    assert hits
    hit = next(h for h in hits if h.xpath(f".//a[@href='/articles/{corpus.seed_articles[lang]}']"))
    snippet = hit.xpath(".//p[@class='snippet']")[0]
    assert (snippet.get("lang"), snippet.get("dir")) == (lang, "rtl")
    assert [text_of(m) for m in snippet.xpath(".//mark[@class='hit']")][0] == word
    assert hit.xpath(f".//div[@class='hit-story']/a[@href='/stories/{corpus.seeds_story}']")


def test_search_marks_a_persian_word_typed_with_arabic_letters(ui, corpus):
    typed = PERSIAN_WORD.replace("ی", "ي")  # Arabic yeh, as an Arabic keyboard types it
    doc = page(ui, "/search?q=" + quote(typed))
    hit = next(h for h in doc.xpath("//li[@class='hit']") if h.xpath(f".//a[@href='/articles/{corpus.seed_articles['fa']}']"))
    assert PERSIAN_WORD in [text_of(m) for m in hit.xpath(".//mark[@class='hit']")]


def test_search_results_are_paginated_and_filter_by_language(ui, monkeypatch):
    everything = page(ui, "/search?q=Geneva").xpath("//li[@class='hit']//a[@class='headline-link']/@href")
    assert len(everything) >= 2
    monkeypatch.setattr(web, "HITS_PER_PAGE", 1)
    first = page(ui, "/search?q=Geneva")
    assert first.xpath("//li[@class='hit']//a[@class='headline-link']/@href") == everything[:1]
    assert first.xpath("//nav[@class='pager']/a[@rel='next']/@href") == ["/search?q=Geneva&page=2"]
    second = page(ui, "/search?q=Geneva&page=2")
    assert second.xpath("//li[@class='hit']//a[@class='headline-link']/@href") == everything[1:2]
    english = page(ui, "/search?q=Geneva&lang=ar").xpath("//li[@class='hit']//a[@class='headline-link']")
    assert all(a.get("lang") == "ar" for a in english)


def test_search_without_words_shows_the_form_only(ui):
    doc = page(ui, "/search?q=%20%20")
    assert doc.xpath("//form[@class='search-form']") and not doc.xpath("//li[@class='hit']")


def test_entity_page_lists_names_in_every_script_its_stories_and_articles(ui, corpus):
    doc = page(ui, f"/entities/{corpus.witkoff}")
    groups = {ul.get("lang"): ul for ul in doc.xpath("//ul[@class='name-list']")}
    assert {"fa", "ar", "en"} <= set(groups)
    assert PERSIAN_WORD in [text_of(li) for li in groups["fa"]] and groups["fa"].get("dir") == "rtl"
    assert ARABIC_WORD in [text_of(li) for li in groups["ar"]] and groups["ar"].get("dir") == "rtl"
    assert groups["en"].get("dir") == "ltr"
    rows = {text_of(tr.xpath("./td")[0])[:2].lower(): text_of(tr.xpath("./td")[1]) for tr in doc.xpath("//table[@class='names-table']/tr[td]")}
    assert rows["fa"] == rows["ar"] == "Arabic" and rows["en"] == "Latin"
    assert doc.xpath(f"//h2[@class='story-label']/a[@href='/stories/{corpus.seeds_story}']")
    contexts = doc.xpath("//p[@class='context']")
    assert {(p.get("lang"), p.get("dir")) for p in contexts} >= {("fa", "rtl"), ("ar", "rtl")}
    assert all(p.xpath(".//mark") for p in contexts)


def test_timeline_lists_dated_events_and_storylines(ui, corpus):
    doc = page(ui, "/timeline")
    dates = [text_of(td)[:10] for td in doc.xpath("//table[@class='timeline']//td[@class='date']")]
    assert dates and dates == sorted(dates)
    assert doc.xpath(f"//a[@href='/stories/{corpus.seeds_story}']")
    assert doc.xpath(f"//ol[@class='storylines']//a[@href='/timeline/{corpus.storyline}']")
    ranged = page(ui, "/timeline?since=2026-01-01&until=2026-01-31")
    inside = [text_of(td)[:10] for td in ranged.xpath("//td[@class='date']")]
    assert inside and all("2026-01-01" <= d <= "2026-01-31" for d in inside)
    assert not ranged.xpath(f"//a[@href='/stories/{corpus.seeds_story}']")


def test_storyline_page_shows_its_stories_and_their_events(ui, corpus):
    doc = page(ui, f"/timeline/{corpus.storyline}")
    stories = doc.xpath("//h2[@class='story-label']/a/@href")
    assert len(stories) >= 2
    linked = set(doc.xpath("//table[@class='timeline']//a/@href"))
    assert linked and linked <= set(stories)


def test_article_page_marks_entities_and_links_its_story(ui, corpus):
    doc = page(ui, f"/articles/{corpus.seed_articles['fa']}")
    (article,) = doc.xpath("//article[@class='item']")
    assert (article.get("lang"), article.get("dir")) == ("fa", "rtl")
    assert article.xpath(f".//mark[@data-entity='{corpus.witkoff}']")
    assert doc.xpath(f"//nav[@class='crumbs']/a[@href='/stories/{corpus.seeds_story}']")


def test_markup_in_article_text_is_inert_on_every_page_it_reaches(ui, corpus):
    pages = {
        "story list": "/",
        "story": f"/stories/{corpus.xss_story}",
        "article": f"/articles/{corpus.xss_article}",
        "search": "/search?q=Geneva",
        "entity": f"/entities/{corpus.xss_entity}",
    }
    for name, path in pages.items():
        response = ui.get(path)
        assert response.status_code == 200, name
        html = response.text
        assert SCRIPT not in html and IMG not in html, name
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, f"{name}: the injected text should show, escaped"
        assert "&lt;img src=x onerror=alert(1)&gt;" in html, name
        doc = lxml.html.document_fromstring(html)
        assert not doc.xpath("//img"), name
        assert [s.get("src") for s in doc.xpath("//script")] == ["/static/web.js"], name
        assert not [a for e in doc.iter() if isinstance(e.tag, str) for a in e.attrib if a.lower().startswith("on")], name
        assert any(SCRIPT in text_of(e) for e in doc.xpath("//*[@lang='en' and not(self::html)]")), name
