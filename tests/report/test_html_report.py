from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import store_samples as samples

from newsweave.model import Entity, EntityType, Mention
from newsweave.report.html_report import Span, highlight, render_report

ATTACKS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")


class Collector(HTMLParser):
    """Collects tags with attributes and checks that non-void tags close in order."""

    VOID = {"meta", "br", "img", "link", "hr", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    collector.close()
    return collector


def test_article_strings_are_escaped_everywhere(store):
    hostile = samples.make_article(
        f"Intro {ATTACKS[0]} middle {ATTACKS[1]} end.", "en", title=ATTACKS[0] + ATTACKS[1],
        outlet=ATTACKS[1], author=ATTACKS[0], url="javascript:alert(1)", boilerplate=(ATTACKS[0],),
    )
    hostile = dataclasses.replace(hostile, mentions=(
        Mention(0, 5, "Intro", EntityType.ORG, "intro", entity="org-x"),
    ))
    store.add_articles([hostile])
    store.save_entities([Entity("org-x", EntityType.ORG, ATTACKS[1], {"en": (ATTACKS[0],)}, (hostile.id,))])
    html = render_report(store, title=ATTACKS[0])
    doc = parse(html)
    assert not doc.errors
    assert not any(tag in {"script", "img"} for tag, _ in doc.tags)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert not any(name.startswith("on") for _, attrs in doc.tags for name in attrs)
    assert "javascript:" not in html
    text = "".join(doc.text)
    assert ATTACKS[0] in text and ATTACKS[1] in text  # shown to the reader as text


def test_each_article_block_has_its_language_and_direction(filled_store):
    store, articles = filled_store
    doc = parse(render_report(store))
    blocks = {attrs["id"]: attrs for tag, attrs in doc.tags if tag == "article"}
    assert len(blocks) == len(articles)
    by_lang = {attrs["lang"]: attrs["dir"] for attrs in blocks.values()}
    assert by_lang == {"fa": "rtl", "ar": "rtl", "en": "ltr"}


def test_mentions_are_marked_at_their_offsets(filled_store):
    store, articles = filled_store
    rich = articles[3]
    html = render_report(store, article_ids=[rich.id])
    marks = re.findall(r'<mark class="([^"]+)" title="([^"]*)"(?: data-entity="([^"]*)")?>([^<]*)</mark>', html)
    assert ("ent ent-LOC", "Muscat (place)", "loc-muscat", "Muscat") in marks
    assert ("ent ent-PER", "person", "", "foreign minister") in marks
    assert ("time", "date: 2025-12-07", "", "Sunday") in marks
    paragraph = re.search(r"<p>(The <mark.*?)</p>", html).group(1)
    assert re.sub(r"<[^>]+>", "", paragraph) == rich.text.split("\n")[0]


def test_annotations_and_entity_index_are_shown(filled_store):
    store, articles = filled_store
    html = render_report(store)
    text = "".join(parse(html).text)
    assert "Who said what" in text and "the talks would continue for three days" in text
    assert "Reuters" in text and "P3D" in text and "2025-12-07" in text
    assert "Facts" in text and "talks" in text
    index = html[html.index('class="entity-index"'):]
    assert '<span lang="ar" dir="rtl">مسقط</span>' in index
    assert "4 articles" in text and "1 linked entity" in text


def test_page_is_self_contained_and_uses_an_arabic_font_stack(filled_store):
    store, _ = filled_store
    html = render_report(store)
    assert "<script" not in html and "<link" not in html and "@import" not in html and "url(" not in html
    assert not re.search(r'\bsrc="', html)
    assert '"Vazirmatn", "Noto Naskh Arabic", "Noto Sans Arabic", Tahoma, sans-serif' in html
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html


def test_report_of_chosen_articles_only(filled_store):
    store, articles = filled_store
    html = render_report(store, article_ids=[articles[1].id], title="Muscat talks")
    assert html.count("<article ") == 1 and "<title>Muscat talks</title>" in html
    assert 'class="toc"' not in html


def test_highlight_skips_overlaps_and_spans_across_lines():
    text = "alpha beta\ngamma <delta>"
    spans = [Span(0, 10, "ent ent-ORG", "x"), Span(6, 16, "ent ent-PER", "crosses the line"),
             Span(17, 24, "time", "t")]
    paragraphs = [str(p) for p in highlight(text, spans)]
    assert paragraphs[0] == '<mark class="ent ent-ORG" title="x">alpha beta</mark>'
    assert paragraphs[1] == 'gamma <mark class="time" title="t">&lt;delta&gt;</mark>'


def test_bad_offsets_do_not_break_the_page(store):
    article = samples.make_article("Short text here.", "en", mentions=(
        Mention(5, 400, "beyond the end", EntityType.PERSON, "x"),
        Mention(3, 2, "reversed", EntityType.PERSON, "y"),
    ))
    store.add_articles([article])
    doc = parse(render_report(store))
    assert not doc.errors
    assert "Short text here." in "".join(doc.text)
