"""The JSON export: newsweave's public contract, documented key by key in docs/json-format.md.

Inside the model, annotations point at each other by index (a fact's participants are indices
into the article's mentions). The export resolves those references for readers: mentions
become entity ids with their text, time indices become their resolved values, and a quote
becomes the quoted text. Keys are stable within a format version.
"""

from __future__ import annotations

import json
from typing import IO, Any, Mapping, Sequence

from newsweave.model import Article, Attribution, Entity, Fact, Mention, Story, Storyline, TimeExpr, TimelineEvent
from newsweave.store.base import Store

FORMAT = "newsweave/1"


def export_document(store: Store, *, article_ids: Sequence[str] | None = None) -> dict:
    """The whole store (or the given articles and the entities they mention) as one document."""
    if article_ids is None:
        articles = list(store.iter_articles())
        entities = {e.id: e for e in store.iter_entities()}
    else:
        articles = [store.get_article(i) for i in dict.fromkeys(article_ids)]
        entities = store.entities_of(articles)
    stories = _stories_of(store, None if article_ids is None else [a.id for a in articles])
    line_ids = {s.storyline for s in stories if s.storyline}
    storylines = [line for line in store.iter_storylines() if article_ids is None or line.id in line_ids]
    return {
        "format": FORMAT,
        "articles": [article_to_export(a, entities) for a in articles],
        "entities": [entity_to_export(e) for e in sorted(entities.values(), key=lambda e: e.id)],
        "stories": [story_to_export(s) for s in stories],
        "storylines": [storyline_to_export(line) for line in storylines],
    }


def _stories_of(store: Store, article_ids: Sequence[str] | None) -> list[Story]:
    """Every stored story, or those that contain any of the given articles."""
    if article_ids is None:
        return list(store.iter_stories())
    wanted = set(store.story_ids_of(article_ids).values())
    return [s for s in store.iter_stories() if s.id in wanted]


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def timeline_event_to_export(event: TimelineEvent) -> dict:
    return {
        "date": event.date,
        "event": event.event,
        "label": event.label,
        "modality": event.modality,
        "story": event.story,
        "articles": list(event.articles),
        "outlets": list(event.outlets),
        "languages": list(event.languages),
        "facts": [{"article": ref.article, "fact": ref.fact} for ref in event.facts],
    }


def story_to_export(story: Story) -> dict:
    """One story (see docs/json-format.md#story)."""
    from newsweave.compare.export import comparison_to_export

    return {
        "id": story.id,
        "title": story.title,
        "label": story.label,
        "event": story.event,
        "articles": list(story.articles),
        "languages": list(story.languages),
        "outlets": list(story.outlets),
        "start": _iso(story.start),
        "end": _iso(story.end),
        "storyline": story.storyline,
        "entities": list(story.entities),
        "timeline": [timeline_event_to_export(t) for t in story.timeline],
        "comparison": [comparison_to_export(c) for c in story.comparison],
    }


def storyline_to_export(storyline: Storyline) -> dict:
    """One storyline (see docs/json-format.md#storyline)."""
    return {
        "id": storyline.id,
        "title": storyline.title,
        "label": storyline.label,
        "stories": list(storyline.stories),
        "start": _iso(storyline.start),
        "end": _iso(storyline.end),
        "timeline": [timeline_event_to_export(t) for t in storyline.timeline],
    }


def entity_to_export(entity: Entity) -> dict:
    return {
        "id": entity.id,
        "type": entity.type.value,
        "label": entity.label,
        "names": {code: list(names) for code, names in sorted(entity.names.items())},
        "articles": list(entity.articles),
        "roles": list(entity.roles),
    }


def article_to_export(article: Article, entities_by_id: Mapping[str, Entity] | None = None) -> dict:
    """One article with its annotations, references resolved (see docs/json-format.md)."""
    entities_by_id = entities_by_id or {}
    mentions = article.mentions
    times = article.times
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "author": article.author,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "lang": article.lang,
        "lang_confidence": article.lang_confidence,
        "text": article.text,
        "boilerplate": list(article.boilerplate),
        "sentences": [[s.start, s.end] for s in article.sentences],
        "sentence_langs": [[s.lang, s.lang_confidence] for s in article.sentences],
        "entities": [_mention(m, entities_by_id) for m in mentions],
        "times": [_time(t) for t in times],
        "attributions": [_attribution(a, article) for a in article.attributions],
        "facts": [_fact(f, mentions, times) for f in article.facts],
    }


def _mention(mention: Mention, entities_by_id: Mapping[str, Entity]) -> dict:
    entity = entities_by_id.get(mention.entity) if mention.entity else None
    return {
        "entity": mention.entity,
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "type": mention.type.value,
        "label": entity.label if entity else mention.canonical,
    }


def _mention_ref(mentions: Sequence[Mention], index: int | None) -> dict | None:
    if index is None or not 0 <= index < len(mentions):
        return None
    mention = mentions[index]
    return {"text": mention.text, "entity": mention.entity}


def _time(time: TimeExpr) -> dict:
    return {
        "text": time.text,
        "start": time.start,
        "end": time.end,
        "kind": time.kind.value,
        "value": time.value,
        "anchor": time.anchor,
        "calendar": time.calendar,
        "partial": time.partial,
        "weekday": time.weekday,
    }


def _time_ref(times: Sequence[TimeExpr], index: int | None) -> dict | None:
    if index is None or not 0 <= index < len(times):
        return None
    return {"text": times[index].text, "value": times[index].value}


def _attribution(attribution: Attribution, article: Article) -> dict:
    speaker = _mention_ref(article.mentions, attribution.speaker)
    return {
        "speaker": speaker["entity"] if speaker else None,
        "speaker_text": attribution.speaker_text,
        "speaker_kind": attribution.speaker_kind.value,
        "speaker_role": attribution.speaker_role,
        "source_count": attribution.source_count,
        "via": [
            {
                "kind": via.kind.value,
                "text": via.text,
                "entity": (_mention_ref(article.mentions, via.mention) or {}).get("entity"),
            }
            for via in attribution.via
        ],
        "quote": article.text[attribution.quote_start : attribution.quote_end],
        "start": attribution.start,
        "end": attribution.end,
        "direct": attribution.direct,
    }


def _fact(fact: Fact, mentions: Sequence[Mention], times: Sequence[TimeExpr]) -> dict:
    return {
        "event": fact.event,
        "trigger": fact.trigger,
        "participants": [ref for i in fact.participants if (ref := _mention_ref(mentions, i))],
        "place": _mention_ref(mentions, fact.place),
        "time": _time_ref(times, fact.time),
        "duration": _time_ref(times, fact.duration),
        "quantities": [
            {"value": q.value, "unit": q.unit, "text": q.text, "start": q.start, "end": q.end}
            for q in fact.quantities
        ],
        "attribution": fact.attribution,
        "modality": fact.modality,
        "start": fact.start,
        "end": fact.end,
    }


# Line separators that JSON may leave raw but line readers split on (Python's splitlines,
# JavaScript source): escaped, so one JSONL record is always one line.
_LINE_BREAKERS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _dumps(value: Any, **options: Any) -> str:
    return json.dumps(value, ensure_ascii=False, **options).translate(_LINE_BREAKERS)


def write_json(doc: Mapping[str, Any], fp: IO[str], *, jsonl: bool = False) -> None:
    """Write the document; ``jsonl``: one article per line and nothing else (for streaming tools)."""
    if jsonl:
        for article in doc.get("articles", ()):
            fp.write(_dumps(article, separators=(",", ":")))
            fp.write("\n")
        return
    fp.write(_dumps(doc, indent=2))
    fp.write("\n")
