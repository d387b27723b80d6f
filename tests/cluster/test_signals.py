"""Pair evidence on hand-made feature records: what joins two articles and what keeps them apart."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.cluster.features import ArticleFeatures, EntityFeature, EventFeature, event_family
from newsweave.cluster.signals import NUMBER_PREFIX, evidence, retrieval_keys, sketch_jaccard
from newsweave.settings import Settings

SETTINGS = Settings()
TUESDAY = dt.date(2026, 1, 13).toordinal()


def flat(key: str, a, b) -> float:
    return 1.0


def article(id_: str, lang: str = "fa", **kw) -> ArticleFeatures:
    base = dict(
        id=id_, lang=lang, published=TUESDAY, day=TUESDAY, main_day=TUESDAY, main_day_from_fact=True,
        main_kind="meeting", main_place="loc-muscat",
        entities=(EntityFeature("per-araghchi", 2.0, "PER"), EntityFeature("per-albusaidi", 2.0, "PER"),
                  EntityFeature("loc-muscat", 1.05, "LOC"), EntityFeature("org-irna", 0.3, "ORG", True)),
    )
    base.update(kw)
    return ArticleFeatures(**base)


def test_same_event_in_two_languages_scores_above_threshold():
    ev = evidence(article("a", "fa"), article("b", "ar"), flat, SETTINGS)
    assert ev.veto is None
    assert ev.score >= SETTINGS.story_threshold
    assert ev.entities > 0 and ev.event > 0 and ev.text == 0  # no shingles across languages


def test_same_actors_on_another_day_are_vetoed():
    saturday_call = article("b", main_day=TUESDAY - 3, published=TUESDAY - 3, day=TUESDAY - 3, main_kind=None)
    assert evidence(article("a"), saturday_call, flat, SETTINGS).veto == "day"


def test_a_call_is_not_a_meeting_even_on_the_same_day():
    call = article("b", main_kind="call", main_place=None)
    assert evidence(article("a"), call, flat, SETTINGS).veto == "event"


def test_generic_events_separate_nothing():
    assert event_family("talks") is None and event_family("statement") is None
    assert event_family("meeting") == event_family("visit") == "meeting"
    assert event_family("earthquake") == "earthquake"  # unknown kinds are their own family
    talks = article("b", main_kind=None)
    assert evidence(article("a"), talks, flat, SETTINGS).veto is None


def test_a_guessed_day_gets_one_more_day_of_tolerance():
    dateline = article("b", main_day=TUESDAY + 2, main_day_from_fact=False, published=TUESDAY + 2, day=TUESDAY + 2)
    assert evidence(article("a"), dateline, flat, SETTINGS).veto is None
    from_fact = replace(dateline, main_day_from_fact=True)
    assert evidence(article("a"), from_fact, flat, SETTINGS).veto == "day"


def test_publication_far_apart_is_never_one_story():
    late = article("b", published=TUESDAY + 9, day=TUESDAY + 9, main_day=None)
    assert evidence(article("a"), late, flat, SETTINGS).veto == "published"


def test_undated_articles_are_judged_on_what_they_share():
    undated = article("b", published=None, day=None, main_day=None)
    ev = evidence(article("a"), undated, flat, SETTINGS)
    assert ev.veto is None and ev.dates == 0 and ev.score >= SETTINGS.story_threshold


def test_hub_entities_and_media_weigh_little():
    hubs = (EntityFeature("loc-united-states", 0.7, "LOC"), EntityFeature("org-reuters", 0.3, "ORG", True))
    a = article("a", entities=hubs, main_kind=None, main_place=None, main_day=None)
    b = article("b", entities=hubs, main_kind=None, main_place=None, main_day=None)

    def hub(key, x, y):
        return 0.1

    assert evidence(a, b, hub, SETTINGS).score < SETTINGS.story_threshold / 2


def test_shared_precise_numbers_join_articles_without_shared_entities():
    quake = dict(entities=(), main_kind=None, main_place=None)
    a = article("a", numbers=("40", "5.4"), **quake)
    b = article("b", "en", numbers=("40", "5.4", "PT5H"), **quake)
    ev = evidence(a, b, flat, SETTINGS)
    assert ev.numbers > 0 and ev.entities == 0
    assert ev.score >= SETTINGS.story_threshold
    assert evidence(a, replace(b, numbers=("PT5H",)), flat, SETTINGS).score < SETTINGS.story_threshold


def test_embeddings_never_decide_alone():
    settings = replace(SETTINGS, story_embeddings=True)
    bare = dict(entities=(), main_kind=None, main_place=None, main_day=None, published=None, day=None)
    a, b = article("a", **bare), article("b", **bare)
    assert evidence(a, b, flat, settings, cosine=0.99).score == 0
    weak = replace(b, entities=(EntityFeature("per-araghchi", 1.0, "PER"),))
    weak_a = replace(a, entities=(EntityFeature("per-araghchi", 1.0, "PER"),))
    without = evidence(weak_a, weak, flat, settings).score
    lifted = evidence(weak_a, weak, flat, settings, cosine=0.95)
    assert without < lifted.score <= 2 * without


def test_near_duplicates_in_one_language_share_shingles():
    sketch = tuple(range(0, 64, 2))
    assert sketch_jaccard(sketch, sketch) == 1.0
    assert sketch_jaccard(sketch, tuple(range(1, 64, 2))) == 0.0
    copy = article("b", sketch=sketch)
    assert evidence(article("a", sketch=sketch), copy, flat, SETTINGS).text == SETTINGS.story_w_text
    assert evidence(article("a", sketch=sketch), replace(copy, lang="ar"), flat, SETTINGS).text == 0


def _lead(kind: str, fact: int = 0) -> EventFeature:
    return EventFeature(fact=fact, kind=kind, day=TUESDAY, end_day=TUESDAY, lead=True)


def test_a_lead_naming_both_events_is_not_vetoed_by_their_order():
    """'Shelling kills four, the first breach of the truce' and 'the truce was breached: four
    killed': one lead opens with the shelling, the other with the truce; the same news."""
    shelling_first = article("a", main_kind="violence", events=(_lead("shelling"), _lead("ceasefire", 1)))
    truce_first = article("b", "ar", main_kind="ceasefire", events=(_lead("truce"),))
    assert evidence(shelling_first, truce_first, flat, SETTINGS).veto is None
    # Without the truce in its lead, the shelling report stays apart from the truce itself.
    shelling_only = replace(shelling_first, events=(_lead("shelling"),))
    assert evidence(shelling_only, truce_first, flat, SETTINGS).veto == "event"
    # And a truce report of another day stays apart whatever its lead names.
    sunday_truce = replace(truce_first, main_day=TUESDAY - 4, published=TUESDAY - 4, day=TUESDAY - 4)
    assert evidence(shelling_first, sunday_truce, flat, SETTINGS).veto == "day"


def test_plain_small_integers_do_not_retrieve_candidates():
    keys = retrieval_keys(article("a", numbers=("150", "2026", "5.4", "45person", "PT2H")))
    assert [k for k in keys if k.startswith(NUMBER_PREFIX)] == ["#2026", "#5.4", "#45person"]


def undated(id_: str, lang: str = "en", partial: str | None = None, calendar: str | None = "gregorian",
            weekday: int | None = None) -> ArticleFeatures:
    """An article without a publication date whose lead states its day only in part."""
    return article(id_, lang, published=None, day=None, main_day=None, main_day_from_fact=False, main_kind=None,
                   main_partial=partial, main_calendar=calendar if partial else None, main_weekday=weekday)


def _day_veto(a: ArticleFeatures, b: ArticleFeatures) -> str | None:
    return evidence(a, b, flat, SETTINGS).veto


def test_undated_leads_on_stated_days_far_apart_are_vetoed():
    sunday_3_august = undated("a", partial="--08-03", weekday=7)
    assert _day_veto(sunday_3_august, undated("b", "ar", partial="--05-27", weekday=1)) == "day"
    assert _day_veto(sunday_3_august, undated("b", "ar", partial="--08-02", weekday=6)) is None
    # The tolerance of a guessed day: two days apart may still be one event, three not.
    assert _day_veto(sunday_3_august, undated("b", partial="--08-05")) is None
    assert _day_veto(sunday_3_august, undated("b", partial="--08-06")) == "day"


def test_month_days_without_years_are_near_across_the_year_end():
    assert _day_veto(undated("a", partial="--12-31"), undated("b", partial="--01-01")) is None
    assert _day_veto(undated("a", partial="--02-28"), undated("b", partial="--03-01")) is None


def test_month_days_of_different_calendars_say_nothing_to_each_other():
    mordad_12 = undated("a", "fa", partial="--05-12", calendar="jalali")
    assert _day_veto(mordad_12, undated("b", partial="--03-04")) is None
    assert _day_veto(mordad_12, undated("b", "fa", partial="--05-20", calendar="jalali")) == "day"


def test_weekdays_compare_across_calendars_modulo_seven():
    saturday_call = undated("a", "fa", partial="--05-11", calendar="jalali", weekday=6)
    assert _day_veto(saturday_call, undated("b", weekday=2)) == "day"  # a call on Saturday is not a meeting on Tuesday
    assert _day_veto(saturday_call, undated("b", weekday=1)) is None  # two days: within a guessed day's tolerance
    assert _day_veto(undated("a", weekday=7), undated("b", weekday=1)) is None  # Sunday and Monday are adjacent


def test_a_stated_weekday_contradicting_the_same_month_day_is_another_day():
    assert _day_veto(undated("a", partial="--08-03", weekday=7), undated("b", partial="--08-03", weekday=3)) == "day"


def test_a_full_date_is_converted_to_the_calendar_of_a_partial_one():
    sunday = dt.date(2025, 8, 3)  # 12 Mordad 1404, a Sunday
    dated = article("a", published=sunday.toordinal(), day=sunday.toordinal(), main_day=sunday.toordinal(),
                    main_kind=None)
    assert _day_veto(dated, undated("b", "fa", partial="--05-12", calendar="jalali")) is None
    assert _day_veto(dated, undated("b", "fa", partial="--05-25", calendar="jalali")) == "day"
    assert _day_veto(dated, undated("b", partial="--08-04")) is None
    assert _day_veto(dated, undated("b", "ar", partial="--02-09", calendar="hijri")) is None  # 9 Safar 1447
    assert _day_veto(dated, undated("b", "ar", partial="--02-20", calendar="hijri")) == "day"
    assert _day_veto(dated, undated("b", weekday=3)) == "day"
    assert _day_veto(dated, undated("b", weekday=6)) is None


def test_articles_stating_nothing_of_their_day_are_not_vetoed_by_it():
    assert _day_veto(undated("a", partial="--08-03", weekday=7), undated("b")) is None
    assert _day_veto(undated("a"), article("b", main_kind=None)) is None


@given(
    st.sets(st.integers(0, 200), min_size=1, max_size=40),
    st.sets(st.integers(0, 200), min_size=1, max_size=40),
)
@settings(max_examples=500, deadline=None)
def test_sketch_jaccard_is_the_shared_share_of_the_unions_smallest_hashes(a: set[int], b: set[int]) -> None:
    k = min(len(a), len(b))
    smallest = sorted(a | b)[:k]
    expected = sum(1 for h in smallest if h in a and h in b) / k
    assert sketch_jaccard(tuple(sorted(a)), tuple(sorted(b))) == expected
