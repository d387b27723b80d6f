"""The orchestrator, readable top to bottom.

    inputs ─ ingest ─▶ RawArticle ─ text ─▶ Article ─ extract ─▶ Article with spans
                                                                   │
                                    single writer: link ─ store ◀──┘

``prepare`` and ``extract`` are pure functions of one article (and read-only language data),
so they can run in any process. ``Weaver`` is the single writer that owns corpus state.
"""

from __future__ import annotations

from dataclasses import replace

from newsweave.extract.entities import find_mentions
from newsweave.extract.facts import find_facts
from newsweave.extract.quotes import find_attributions
from newsweave.extract.time import find_times
from newsweave.model import Article, RawArticle
from newsweave.settings import Settings
from newsweave.text.prepare import prepare_article


def prepare(raw: RawArticle, settings: Settings, repeated_lines: frozenset[str] = frozenset()) -> Article:
    """Text stages: boilerplate, language, sentences, content id."""
    return prepare_article(raw, settings, repeated_lines)


def extract(article: Article, settings: Settings) -> Article:
    """Per-article extraction; each stage sees what the earlier ones found."""
    article = replace(article, mentions=find_mentions(article, settings))
    article = replace(article, times=find_times(article))
    article = replace(article, attributions=find_attributions(article))
    return replace(article, facts=find_facts(article))
