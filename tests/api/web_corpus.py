"""The store the web UI tests browse: the seeds, the example corpus, and two articles whose
headlines and sentences carry markup that must stay inert (written for these tests).

Woven with the real pipeline into a store file, so the pages show real stories, dossiers,
entities and timelines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from newsweave.ingest import read_inputs
from newsweave.model import IngestProblem, RawArticle
from newsweave.pipeline import Weaver
from newsweave.settings import Settings, load_settings
from newsweave.store import open_store

from tests.paths import EXAMPLES_DIR, SEED_AR, SEED_FA, SEED_PUBLISHED

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
INJECTED = f"{SCRIPT} {IMG}"

PERSIAN_WORD = "ویتکاف"
"""Witkoff as the Persian seed writes him."""
ARABIC_WORD = "ويتكوف"
"""Witkoff as the Arabic seed writes him."""

XSS_ARTICLES = (
    RawArticle(
        source="injected-geneva-1.txt",
        title=f"Armenia and Azerbaijan end talks in Geneva {INJECTED}",
        outlet="Lakeside Post",
        published=dt.date(2026, 2, 3),
        text=(
            f"Armenia and Azerbaijan end talks in Geneva {INJECTED}\n\n"
            f"Foreign ministers Ararat Mirzoyan and Jeyhun Bayramov held talks in Geneva for two days {INJECTED}, "
            "the Armenian foreign ministry said on Tuesday.\n\n"
            "The two sides agreed to meet again next month."
        ),
    ),
    RawArticle(
        source="injected-geneva-2.txt",
        title=f"Geneva talks between Armenia and Azerbaijan close {INJECTED}",
        outlet="Caspian Wire",
        published=dt.date(2026, 2, 4),
        text=(
            f"Geneva talks between Armenia and Azerbaijan close {INJECTED}\n\n"
            "Azerbaijani Foreign Minister Jeyhun Bayramov and Armenian Foreign Minister Ararat Mirzoyan held talks "
            f"in Geneva for three days, {INJECTED} officials said on Tuesday.\n\n"
            "Both ministers said the talks were useful."
        ),
    ),
)


@dataclass(frozen=True)
class WebCorpus:
    db: Path
    seeds_story: str
    seed_articles: dict[str, str]
    """Language code → article id of the seeds."""
    xss_story: str
    xss_article: str
    xss_entity: str
    """An entity the injected sentences name (its page quotes them)."""
    storyline: str
    witkoff: str
    """The entity the seeds name Witkoff (ویتکاف, ويتكوف)."""


def server_settings(db: Path) -> Settings:
    """Settings of a test server over ``db``: environment ignored, no rate limit."""
    return load_settings({"db": str(db), "serve_rate_limit": 0}, env={})


def weave_web_corpus(seeds_dir: Path, db: Path) -> WebCorpus:
    settings = Settings(db=str(db))
    seeds = []
    for name in (SEED_FA, SEED_AR):
        (raw,) = [i for i in read_inputs([seeds_dir / name], settings=settings) if not isinstance(i, IngestProblem)]
        seeds.append(replace(raw, published=dt.date.fromisoformat(SEED_PUBLISHED[name])))
    examples = list(read_inputs([EXAMPLES_DIR], settings=settings))
    assert not [i for i in examples if isinstance(i, IngestProblem)]
    with open_store(str(db), settings=settings) as store:
        weaver = Weaver(store, settings)
        fa_id, ar_id = weaver.weave(seeds).article_ids
        weaver.weave(examples)
        xss_ids = weaver.weave(XSS_ARTICLES).article_ids
        story_of = store.story_ids_of([fa_id, ar_id, *xss_ids])
        assert story_of[fa_id] == story_of[ar_id], "the seeds should weave into one story"
        assert story_of[xss_ids[0]] == story_of[xss_ids[1]], "the injected articles should weave into one story"
        xss_article = store.get_article(xss_ids[0])
        mirzoyan = next(m.entity for m in xss_article.mentions if m.text == "Ararat Mirzoyan" and m.entity)
        witkoff = next(
            e.id for e in store.entities_of([store.get_article(fa_id)]).values() if PERSIAN_WORD in e.names.get("fa", ())
        )
        storyline = next(store.iter_storylines()).id
    return WebCorpus(
        db=db, seeds_story=story_of[fa_id], seed_articles={"fa": fa_id, "ar": ar_id}, xss_story=story_of[xss_ids[0]],
        xss_article=xss_ids[0], xss_entity=mirzoyan, storyline=storyline, witkoff=witkoff,
    )
