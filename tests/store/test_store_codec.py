from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.errors import StoreError
from newsweave.model import (
    Article,
    Attribution,
    Entity,
    EntityType,
    Fact,
    Mention,
    Quantity,
    Sentence,
    SpeakerKind,
    TimeExpr,
    TimeKind,
    Via,
    ViaKind,
)
from newsweave.store.codec import article_from_data, entity_from_data, from_data, to_data


def through_json(data):
    return json.loads(json.dumps(data, ensure_ascii=False))


def test_annotated_article_round_trips_through_json(rich_article, fa_article):
    for article in (rich_article, fa_article):
        data = through_json(to_data(article))
        assert data["published"] == article.published.isoformat()
        assert data["mentions"][0]["type"] in {"LOC", "PER"}
        assert article_from_data(data) == article


def test_compact_leaves_out_defaults_and_still_round_trips(rich_article):
    full = to_data(rich_article)
    compact = to_data(rich_article, compact=True)
    assert "head" in full["mentions"][0] and "head" not in compact["mentions"][0]
    assert compact["facts"][0]["modality"] == "reported"
    assert article_from_data(through_json(compact)) == rich_article


def test_compact_keeps_false_when_default_is_a_number():
    @dataclass(frozen=True)
    class Flagged:
        count: int = 0
        ok: bool | int = 0

    value = Flagged(ok=False)
    assert to_data(value, compact=True) == {"ok": False}


def test_unknown_keys_are_ignored_and_missing_ones_take_defaults():
    data = {"id": "x1", "source": "s", "text": "hello world", "lang": "en", "lang_confidence": 1,
            "added_by_a_future_version": {"anything": [1, 2]}}
    article = article_from_data(data)
    assert article.mentions == () and article.published is None
    assert isinstance(article.lang_confidence, float)


def test_entity_round_trip_keeps_names_by_language():
    entity = Entity("per-1", EntityType.PERSON, "Volodymyr Zelensky",
                    {"fa": ("زلنسکی", "ولودیمیر زلنسکی"), "ar": ("زيلينسكي",)}, ("a1", "a2"), ("president",))
    assert entity_from_data(through_json(to_data(entity))) == entity


def test_new_optional_fields_round_trip_without_codec_changes():
    @dataclass(frozen=True)
    class Later:
        name: str
        when: dt.date | None = None
        kind: EntityType | None = None
        spans: tuple[tuple[int, int], ...] = ()
        scores: dict[str, float] = field(default_factory=dict)
        via: tuple[Via, ...] = ()

    value = Later("x", dt.date(2024, 2, 29), EntityType.ORG, ((1, 2), (3, 4)), {"fa": 0.5}, (Via(ViaKind.MEDIUM, "X"),))
    assert from_data(Later, through_json(to_data(value))) == value


@pytest.mark.parametrize(
    "data",
    [
        {"id": "x", "source": "s", "text": "t", "lang": "en", "lang_confidence": "high"},
        {"id": "x", "source": "s", "text": "t", "lang": "en", "lang_confidence": 1.0, "published": "yesterday"},
        {"id": "x", "source": "s", "text": "t", "lang": "en", "lang_confidence": 1.0, "mentions": [{"start": 0}]},
        {"id": "x", "source": "s", "text": "t", "lang": "en", "lang_confidence": 1.0,
         "mentions": [{"start": 0, "end": 1, "text": "t", "type": "MISC", "key": "t"}]},
        ["not", "an", "object"],
    ],
)
def test_bad_stored_data_raises_store_error(data):
    with pytest.raises(StoreError):
        article_from_data(data)


# --- property test: random articles round-trip exactly -----------------------------------

texts = st.text(max_size=40)
small = st.integers(min_value=0, max_value=10_000)
opt_small = st.none() | small
finite = st.floats(allow_nan=False, allow_infinity=False)
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))

mentions = st.builds(Mention, small, small, texts, st.sampled_from(EntityType), texts, finite, texts,
                     opt_small, st.none() | texts, st.none() | texts, st.none() | texts)
times = st.builds(TimeExpr, small, small, texts, st.sampled_from(TimeKind), st.none() | texts,
                  st.none() | texts, st.sampled_from(["gregorian", "jalali", "hijri"]), st.none() | texts)
vias = st.builds(Via, st.sampled_from(ViaKind), texts, opt_small)
attributions = st.builds(Attribution, small, small, small, small, texts, st.sampled_from(SpeakerKind), opt_small,
                         st.none() | texts, opt_small, st.lists(vias, max_size=3).map(tuple), st.booleans())
quantities = st.builds(Quantity, finite, texts, texts, small, small)
facts = st.builds(Fact, small, small, texts, texts, st.lists(small, max_size=3).map(tuple), opt_small, opt_small,
                  opt_small, st.lists(quantities, max_size=2).map(tuple), opt_small, texts)
sentences = st.builds(Sentence, small, small, texts, finite)
articles = st.builds(
    Article,
    id=texts, source=texts, text=st.text(max_size=200), lang=texts, lang_confidence=finite,
    title=st.none() | texts, url=st.none() | texts, outlet=st.none() | texts, published=st.none() | dates,
    author=st.none() | texts, boilerplate=st.lists(texts, max_size=3).map(tuple),
    sentences=st.lists(sentences, max_size=3).map(tuple), mentions=st.lists(mentions, max_size=3).map(tuple),
    times=st.lists(times, max_size=3).map(tuple), attributions=st.lists(attributions, max_size=2).map(tuple),
    facts=st.lists(facts, max_size=2).map(tuple),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles, st.booleans())
def test_random_articles_round_trip_exactly(article, compact):
    assert article_from_data(through_json(to_data(article, compact=compact))) == article
