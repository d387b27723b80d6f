"""Store records as API JSON: the export's per-record functions, plus the shapes only the API has."""

from __future__ import annotations

import dataclasses
import os
import threading
from collections import OrderedDict
from typing import Any, Callable, Hashable, Iterable, TypeVar

from newsweave.compare.dossier import Claim, Dossier
from newsweave.model import Article, Storyline
from newsweave.report.json_export import timeline_event_to_export

T = TypeVar("T")


def article_summary(article: Article) -> dict:
    """The metadata keys of an export article, for lists (the text and spans stay on the article)."""
    return {
        "id": article.id,
        "title": article.title,
        "lang": article.lang,
        "published": article.published.isoformat() if article.published else None,
        "outlet": article.outlet,
        "author": article.author,
        "url": article.url,
        "source": article.source,
    }


def _claim(claim: Claim) -> dict:
    return {
        "status": claim.status,
        "slot": claim.slot,
        "event": claim.event,
        "headline": claim.headline,
        "note": claim.note,
        "captions": list(claim.captions),
        "values": [
            {"value": v.value, "display": v.display, "article": v.article, "outlet": v.outlet, "lang": v.lang,
             "text": v.text, "start": v.start, "end": v.end, "via": list(v.via),
             "value_start": v.value_start, "value_end": v.value_end}
            for v in claim.values
        ],
    }


def dossier_to_export(dossier: Dossier) -> dict:
    """The story dossier (the readable side of the comparison): what, who, where, when, sources,
    differences, agreements, claims only one source makes, quotes, entities. The comparisons
    themselves are the story's own ``comparison`` key, in the export's shape."""
    return {
        "title": dossier.title,
        "event": dossier.event,
        "summary": dossier.summary,
        "who": list(dossier.who),
        "where": list(dossier.where),
        "when": dossier.when,
        "sources": [{**dataclasses.asdict(s), "cites": list(s.cites)} for s in dossier.sources],
        "timeline": [{**dataclasses.asdict(t), "languages": list(t.languages)} for t in dossier.timeline],
        "differences": [_claim(c) for c in dossier.differences],
        "agreements": [_claim(c) for c in dossier.agreements],
        "only_in_one": [_claim(c) for c in dossier.only_in_one],
        "quotes": [_claim(c) for c in dossier.quotes],
        "entities": [
            {"id": e.id, "label": e.label, "type": e.type, "articles": e.articles,
             "names": [{"lang": lang, "dir": direction, "names": list(names)} for lang, direction, names in e.names]}
            for e in dossier.entities
        ],
    }


class StoryCache:
    """Built story answers (the API's JSON, the web UI's page, as bytes; the story list's index
    of every story), valid while the store file is unchanged.

    Building a story reads every article of the story and lays out its dossier, which for a
    story of a hundred articles takes longer than the rest of a request; stories change only
    when something is written, and any write (by this server or another process) changes the
    SQLite file's or its WAL's modification time, which is part of the key. A server store
    (PostgreSQL) has no such mark another process's writes would change, so nothing is cached
    for it: every answer is built fresh.
    """

    def __init__(self, location: str, size: int = 64) -> None:
        self.location = location
        self.size = size
        self._entries: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._file_backed = "://" not in location or location.startswith("sqlite:///")
        if location.startswith("sqlite:///"):
            self.location = location[len("sqlite:///"):]

    def generation(self) -> tuple | None:
        """Modification marks of the store file and its WAL; None where writes leave no mark."""
        if not self._file_backed:
            return None
        marks = []
        for path in (self.location, self.location + "-wal"):
            try:
                info = os.stat(path)
            except OSError:
                marks.append(None)
                continue
            marks.append((info.st_mtime_ns, info.st_size))
        return tuple(marks)

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        generation = self.generation()
        if generation is None:
            return build()
        entry = (key, generation)
        with self._lock:
            if entry in self._entries:
                self._entries.move_to_end(entry)
                return self._entries[entry]
        value = build()
        if generation == self.generation():  # nothing was written while it was built
            with self._lock:
                self._entries[entry] = value
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return value


def timeline_entries(storylines: Iterable[Storyline]) -> list[dict]:
    """Every dated event of the storylines, in date order, each naming its storyline."""
    entries = [
        {"storyline": line.id, **timeline_event_to_export(event)}
        for line in storylines
        for event in line.timeline
    ]
    entries.sort(key=lambda e: (e["date"], e["storyline"]))
    return entries
