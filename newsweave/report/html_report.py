"""A self-contained HTML report of stored articles: one file, inline CSS, no scripts or fonts.

The report is organised by story: each story opens with its dossier (what happened, the
sources side by side, where they differ — highlighted — agree or stand alone, the statements
with their chains, the timeline, the entities), then its articles in columns. Articles that
belong to no story follow on their own.

Every article-derived string reaches the page escaped: the template autoescapes, and the
highlighted text is built here by slicing the text at span offsets and escaping each piece
(never by inserting raw text). Articles carry ``lang`` and ``dir`` so Persian and Arabic read
right-to-left beside English; structure (labels, event keys, dates) is in English so a reader
who does not know the article's language can still follow it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Mapping, Sequence

from jinja2 import BaseLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from newsweave.compare.dossier import Dossier, build_dossier
from newsweave.compare.provenance import source_phrase
from newsweave.compare.quotes import QUOTE_SLOT
from newsweave.lang import direction
from newsweave.model import Article, Entity, Mention, ReportedValue, Story, TimeExpr
from newsweave.store.base import Store

_PARAGRAPH = re.compile(r"[^\n]+")
TYPE_NAMES = {"PER": "person", "ORG": "organisation", "LOC": "place"}


def template_environment(loader: BaseLoader, *, entity_href: Callable[[str], str],
                         article_href: Callable[[str], str] | None = None) -> Environment:
    """An environment for the report's templates and macros (the web UI renders them too).

    ``entity_href`` says where an entity's name links to: an anchor in the report, a page on the
    server; ``article_href``, where an article's own page is, when it has one.
    """
    # autoescape=True, not select_autoescape: the template's .j2 suffix would turn it off.
    env = Environment(loader=loader, autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["dir"] = direction
    env.filters["sentence"] = sentence_markup
    env.filters["source_phrase"] = lambda v, slot="": source_phrase(v.lang, None, v.via, channel=slot == QUOTE_SLOT)
    env.globals.update(type_names=TYPE_NAMES, entity_href=entity_href, article_href=article_href)
    return env


REPORT_TEMPLATES = PackageLoader("newsweave.report", "templates")
"""The report's templates, macros (report_macros.html.j2) and stylesheet (report.css)."""


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return template_environment(REPORT_TEMPLATES, entity_href=lambda entity_id: f"#e-{entity_id}")


@dataclass(frozen=True)
class Span:
    """A highlighted piece of text: a mention or a time expression."""

    start: int
    end: int
    css: str
    title: str
    entity: str | None = None


@dataclass
class Section:
    """A group of articles in the report: one story with its dossier, or the articles of no story."""

    title: str | None
    articles: list[dict]
    summary: list[str] = field(default_factory=list)
    dossier: Dossier | None = None
    anchor: str = ""


def render_report(store: Store, *, article_ids: Sequence[str] | None = None, title: str = "newsweave report",
                  stories: Sequence[Story] | None = None) -> str:
    """The report of the given articles (default: every stored article) as one HTML page.

    ``stories`` defaults to the stored stories (when the store keeps them) that contain any of
    the articles; each becomes a section with its dossier.
    """
    if stories is None:
        stories = list(store.iter_stories()) if article_ids is None else stored_stories(store, article_ids)
    if article_ids is None:
        articles = list(store.iter_articles())
    else:
        # A story is reported whole: its articles ingested earlier come along.
        wanted = dict.fromkeys([*article_ids, *(i for s in stories for i in s.articles)])
        articles = [store.get_article(i) for i in wanted]
        articles.sort(key=lambda a: (a.published is None, a.published or "", a.id))
    entities = store.entities_of(articles)
    sections = story_sections(articles, entities, stories)
    return _environment().get_template("report.html.j2").render(
        title=title,
        sections=sections,
        overview=_overview(articles, entities),
        entities=entity_index(entities.values()),
    )


def stored_stories(store: Store, article_ids: Sequence[str]) -> list[Story]:
    """The stored stories that contain any of the articles."""
    story_ids = dict.fromkeys(store.story_ids_of(article_ids).values())
    return [store.get_story(i) for i in story_ids]


def story_sections(articles: Sequence[Article], entities: Mapping[str, Entity], stories: Sequence[Story]) -> list[Section]:
    """One section per story (largest first) with its dossier, then the articles of no story."""
    by_id = {a.id: a for a in articles}
    placed: set[str] = set()
    sections: list[Section] = []
    ranked = sorted(stories, key=lambda s: (-sum(i in by_id for i in s.articles), s.start.isoformat() if s.start else "", s.id))
    for story in ranked:
        members = [by_id[i] for i in story.articles if i in by_id and i not in placed]
        if not members:
            continue
        placed.update(a.id for a in members)
        members.sort(key=lambda a: (a.published is None, a.published or "", a.id))
        comparisons = story.comparison if story.comparison and len(members) == len(story.articles) else None
        dossier = build_dossier(members, entities, story=story, comparisons=comparisons) if len(members) > 1 else None
        sections.append(Section(
            title=story.label or story.title, articles=[article_view(a, entities) for a in members],
            dossier=dossier, anchor=f"s-{story.id[:16]}",
        ))
    rest = [a for a in articles if a.id not in placed]
    if rest:
        sections.append(Section(title="Other articles" if sections else None,
                                articles=[article_view(a, entities) for a in rest], anchor="s-other"))
    return sections


def sentence_markup(value: ReportedValue) -> Markup:
    """The reported sentence, escaped, with the value itself marked."""
    text = value.text
    start, end = value.value_start, value.value_end
    if start is None or end is None or not value.start <= start < end <= value.start + len(text):
        return escape(text)
    lo, hi = start - value.start, end - value.start
    return Markup("{}<mark class=\"val\">{}</mark>{}").format(text[:lo], text[lo:hi], text[hi:])


# --- highlighted text ---------------------------------------------------------------------


def _mention_label(mention: Mention, entities: Mapping[str, Entity]) -> str:
    entity = entities.get(mention.entity) if mention.entity else None
    label = entity.label if entity else mention.canonical
    kind = TYPE_NAMES.get(mention.type.value, mention.type.value)
    return f"{label} ({kind})" if label else kind


def _time_label(time: TimeExpr) -> str:
    return f"{time.kind.value}: {time.value}" if time.value else time.kind.value


def text_spans(article: Article, entities: Mapping[str, Entity]) -> list[Span]:
    """Non-overlapping spans to highlight, mentions before times, longer before shorter."""
    candidates = [
        Span(m.start, m.end, f"ent ent-{m.type.value}", _mention_label(m, entities), m.entity)
        for m in article.mentions
    ] + [Span(t.start, t.end, "time", _time_label(t)) for t in article.times]
    size = len(article.text)
    chosen: list[Span] = []
    taken: list[tuple[int, int]] = []
    for span in candidates:
        if not 0 <= span.start < span.end <= size:
            continue
        if any(span.start < end and start < span.end for start, end in taken):
            continue
        chosen.append(span)
        taken.append((span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


def _mark(text: str, span: Span) -> Markup:
    attrs = Markup(' data-entity="{}"').format(span.entity) if span.entity else Markup("")
    return Markup('<mark class="{}" title="{}"{}>{}</mark>').format(
        span.css, span.title, attrs, text[span.start : span.end]
    )


def highlight(text: str, spans: Sequence[Span]) -> list[Markup]:
    """The text as escaped HTML paragraphs (one per line), spans wrapped in ``<mark>``.

    A span that crosses a line break is left unmarked rather than breaking the markup.
    """
    paragraphs: list[Markup] = []
    index = 0
    for line in _PARAGRAPH.finditer(text):
        start, end = line.span()
        if not line.group().strip():
            continue
        parts: list[str] = []
        position = start
        while index < len(spans) and spans[index].start < start:
            index += 1
        while index < len(spans) and spans[index].start < end:
            span = spans[index]
            index += 1
            if span.end > end:
                continue
            parts.append(escape(text[position : span.start]))
            parts.append(_mark(text, span))
            position = span.end
        parts.append(escape(text[position:end]))
        paragraphs.append(Markup("").join(parts))
    return paragraphs


# --- view models ----------------------------------------------------------------------------


def _headline(article: Article) -> str:
    if article.title:
        return article.title
    first = next((line.strip() for line in article.text.splitlines() if line.strip()), article.id)
    return first if len(first) <= 120 else first[:119] + "…"


def _ref(article: Article, index: int | None, entities: Mapping[str, Entity]) -> dict | None:
    if index is None or not 0 <= index < len(article.mentions):
        return None
    mention = article.mentions[index]
    entity = entities.get(mention.entity) if mention.entity else None
    return {"text": mention.text, "label": entity.label if entity else mention.canonical, "entity": mention.entity}


def _time_value(article: Article, index: int | None) -> dict | None:
    if index is None or not 0 <= index < len(article.times):
        return None
    time = article.times[index]
    return {"text": time.text, "value": time.value}


def _article_entities(article: Article, entities: Mapping[str, Entity]) -> list[dict]:
    """Each entity (or unlinked name) of the article once, most mentioned first."""
    groups: dict[str, dict] = {}
    for mention in article.mentions:
        group_key = mention.entity or f"{mention.type.value}:{mention.key or mention.text}"
        group = groups.get(group_key)
        if group is None:
            entity = entities.get(mention.entity) if mention.entity else None
            group = groups[group_key] = {
                "entity": mention.entity,
                "type": mention.type.value,
                "label": entity.label if entity else (mention.canonical or ""),
                "names": [],
                "count": 0,
            }
        group["count"] += 1
        if mention.text not in group["names"]:
            group["names"].append(mention.text)
    return sorted(groups.values(), key=lambda g: (-g["count"], g["label"] or g["names"][0]))


def article_view(article: Article, entities: Mapping[str, Entity]) -> dict:
    """What the template shows of one article; every string still raw (the template escapes)."""
    text = article.text
    return {
        "id": article.id,
        "anchor": f"a-{article.id[:16]}",
        "headline": _headline(article),
        "lang": article.lang,
        "dir": direction(article.lang),
        "lang_confidence": article.lang_confidence,
        "published": article.published.isoformat() if article.published else None,
        "outlet": article.outlet,
        "author": article.author,
        "source": article.source,
        "url": article.url if article.url and article.url.startswith(("http://", "https://")) else None,
        "paragraphs": highlight(text, text_spans(article, entities)),
        "boilerplate": list(article.boilerplate),
        "entities": _article_entities(article, entities),
        "times": [{"text": t.text, "kind": t.kind.value, "value": t.value, "calendar": t.calendar} for t in article.times],
        "attributions": [
            {
                "speaker": _ref(article, a.speaker, entities),
                "speaker_text": a.speaker_text,
                "speaker_kind": a.speaker_kind.value,
                "role": a.speaker_role,
                "via": [v.text for v in a.via],
                "quote": text[a.quote_start : a.quote_end],
                "direct": a.direct,
            }
            for a in article.attributions
        ],
        "facts": [
            {
                "event": f.event,
                "trigger": f.trigger,
                "participants": [r for i in f.participants if (r := _ref(article, i, entities))],
                "place": _ref(article, f.place, entities),
                "time": _time_value(article, f.time),
                "duration": _time_value(article, f.duration),
                "quantities": [q.text for q in f.quantities],
                "modality": f.modality,
            }
            for f in article.facts
        ],
    }


def _overview(articles: Sequence[Article], entities: Mapping[str, Entity]) -> dict:
    dates = sorted(a.published for a in articles if a.published)
    return {
        "articles": len(articles),
        "languages": Counter(a.lang for a in articles).most_common(),
        "outlets": Counter(a.outlet for a in articles if a.outlet).most_common(),
        "first": dates[0].isoformat() if dates else None,
        "last": dates[-1].isoformat() if dates else None,
        "entities": len(entities),
    }


def names_by_language(entity: Entity) -> list[dict]:
    """The entity's names grouped by language, each group with its direction."""
    return [{"lang": code, "dir": direction(code), "names": list(names)} for code, names in sorted(entity.names.items())]


def entity_index(entities: Iterable[Entity]) -> list[dict]:
    """One row per entity, those in most articles first."""
    rows = [
        {
            "id": e.id,
            "type": e.type.value,
            "label": e.label,
            "names": names_by_language(e),
            "articles": len(e.articles),
            "roles": list(e.roles),
        }
        for e in entities
    ]
    return sorted(rows, key=lambda r: (-r["articles"], r["label"]))
