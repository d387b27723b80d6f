"""A self-contained HTML report of stored articles: one file, inline CSS, no scripts or fonts.

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
from typing import Iterable, Mapping, Sequence

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from newsweave.errors import NotFoundError
from newsweave.lang import direction
from newsweave.model import Article, Entity, Mention, TimeExpr
from newsweave.store.base import Store

_PARAGRAPH = re.compile(r"[^\n]+")
_TYPE_NAMES = {"PER": "person", "ORG": "organisation", "LOC": "place"}


@lru_cache(maxsize=1)
def _environment() -> Environment:
    # autoescape=True, not select_autoescape: the template's .j2 suffix would turn it off.
    env = Environment(
        loader=PackageLoader("newsweave.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["dir"] = direction
    return env


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
    """A group of articles in the report: today everything, later one section per story."""

    title: str | None
    articles: list[dict]
    summary: list[str] = field(default_factory=list)


def render_report(store: Store, *, article_ids: Sequence[str] | None = None, title: str = "newsweave report") -> str:
    """The report of the given articles (default: every stored article) as one HTML page."""
    if article_ids is None:
        articles = list(store.iter_articles())
    else:
        articles = [store.get_article(i) for i in dict.fromkeys(article_ids)]
        articles.sort(key=lambda a: (a.published is None, a.published or "", a.id))
    entities = _entities_of(store, articles)
    views = [article_view(a, entities) for a in articles]
    sections = [Section(title=None, articles=views)]
    return _environment().get_template("report.html.j2").render(
        title=title,
        sections=sections,
        overview=_overview(articles, entities),
        entities=_entity_index(entities.values()),
        type_names=_TYPE_NAMES,
    )


def _entities_of(store: Store, articles: Iterable[Article]) -> dict[str, Entity]:
    out: dict[str, Entity] = {}
    for article in articles:
        for mention in article.mentions:
            if mention.entity and mention.entity not in out:
                try:
                    out[mention.entity] = store.get_entity(mention.entity)
                except NotFoundError:
                    continue
    return out


# --- highlighted text ---------------------------------------------------------------------


def _mention_label(mention: Mention, entities: Mapping[str, Entity]) -> str:
    entity = entities.get(mention.entity) if mention.entity else None
    label = entity.label if entity else mention.canonical
    kind = _TYPE_NAMES.get(mention.type.value, mention.type.value)
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


def _entity_index(entities: Iterable[Entity]) -> list[dict]:
    rows = [
        {
            "id": e.id,
            "type": e.type.value,
            "label": e.label,
            "names": [{"lang": code, "dir": direction(code), "names": list(names)} for code, names in sorted(e.names.items())],
            "articles": len(e.articles),
            "roles": list(e.roles),
        }
        for e in entities
    ]
    return sorted(rows, key=lambda r: (-r["articles"], r["label"]))
