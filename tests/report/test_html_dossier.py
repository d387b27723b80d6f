"""The report organised by story: the dossier with its differences, escaped and in both directions."""

from __future__ import annotations

import re

from newsweave.model import Story
from newsweave.report.html_report import render_report

from tests.compare.kit import ENTITIES, ArticleBuilder
from tests.report.test_html_report import parse

FA = "به گزارش رویترز، ویتکاف به مدت ۲ روز در میامی مذاکره کرد."
AR = "عقد ويتكوف ثلاثة أيام من المفاوضات في ميامي <script>alert(1)</script>."
EN = "Witkoff held talks in Miami for two days, officials said."


def _articles():
    built = []
    for text, lang, piece, duration, value, name in (
        (FA, "fa", "مذاکره", "۲ روز", "P2D", ("ویتکاف", "میامی")),
        (AR, "ar", "المفاوضات", "ثلاثة أيام", "P3D", ("ويتكوف", "ميامي")),
        (EN, "en", "talks", "for two days", "P2D", ("Witkoff", "Miami")),
    ):
        b = ArticleBuilder(text, lang, "2025-12-07", outlet=f"{lang}-outlet")
        b.fact(piece, "talks", participants=(b.mention(name[0], "per-witkoff"),), place=b.mention(name[1], "loc-miami"),
               duration=b.duration(duration, value))
        built.append(b.build())
    return built


def _store_with_story(store):
    articles = _articles()
    store.add_articles(articles)
    store.save_entities([ENTITIES["per-witkoff"], ENTITIES["loc-miami"]])
    story = Story(id="st-miami", title="Miami talks", label="Talks in Miami", articles=tuple(a.id for a in articles))
    return articles, story


def test_story_section_opens_with_its_dossier_and_highlights_the_difference(store):
    articles, story = _store_with_story(store)
    html = render_report(store, stories=[story])
    doc = parse(html)
    assert not doc.errors
    section = html[html.index('<section class="story" id="s-st-miami"'):]
    assert section.index('class="dossier"') < section.index('<article class="item"')
    differ = re.findall(r'<div class="claim differ" data-slot="duration" data-status="differ">(.*?)</div>\s*</div>', html, re.S)
    assert len(differ) == 1
    text = re.sub(r"<[^>]+>", "", differ[0])
    assert ("talks in Miami — duration: 2 days (Persian outlet fa-outlet; English outlet en-outlet) "
            "vs 3 days (Arabic outlet ar-outlet)") in text
    assert '<mark class="val">ثلاثة أيام</mark>' in differ[0]


def test_dossier_sentences_are_escaped_and_keep_their_direction(store):
    _, story = _store_with_story(store)
    html = render_report(store, stories=[story])
    doc = parse(html)
    assert not any(tag == "script" for tag, _ in doc.tags)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    said = [attrs for tag, attrs in doc.tags if tag == "blockquote"]
    assert {(a["lang"], a["dir"]) for a in said} == {("fa", "rtl"), ("ar", "rtl"), ("en", "ltr")}
    dossier = next(attrs for tag, attrs in doc.tags if tag == "div" and attrs.get("class") == "dossier")
    assert (dossier["lang"], dossier["dir"]) == ("en", "ltr")


def test_articles_of_no_story_follow_the_stories(store):
    articles, story = _store_with_story(store)
    lone = ArticleBuilder("An unrelated report about rain.", "en", "2025-12-08").build()
    store.add_articles([lone])
    html = render_report(store, stories=[Story(id="st-two", title="t", label="Two of them", articles=story.articles[:2])])
    assert html.index("Two of them") < html.index("Other articles") < html.index("unrelated report")
    assert html.count("<article ") == 4
    toc = html[html.index('<nav class="toc">'):html.index("</nav>")]
    assert "Two of them" in toc and "1 difference" in toc


def test_without_stories_the_report_lists_articles_as_before(store):
    _store_with_story(store)
    html = render_report(store, stories=[])
    assert 'class="dossier"' not in html and html.count("<article ") == 3
