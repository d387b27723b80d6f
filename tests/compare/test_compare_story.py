"""compare_story on hand-annotated articles: what is a difference, what is not, and provenance."""

from __future__ import annotations

import itertools

from newsweave.compare import compare_story
from newsweave.model import SpeakerKind

from tests.compare.kit import ENTITIES, ArticleBuilder, by_status, medium_via, outlet_via

FA_TALKS = "به گزارش رویترز، ویتکاف و عمروف به مدت ۲ روز در میامی مذاکره کردند."
AR_TALKS = "عقد ويتكوف وعمروف ثلاثة أيام من المفاوضات في ميامي."


def fa_talks(duration: str = "P2D", *, published: str = "2025-12-06") -> ArticleBuilder:
    b = ArticleBuilder(FA_TALKS, "fa", published, outlet="Payam")
    witkoff = b.mention("ویتکاف", "per-witkoff")
    umerov = b.mention("عمروف", "per-umerov")
    miami = b.mention("میامی", "loc-miami")
    reuters = b.mention("رویترز", "org-reuters")
    said = b.attribution(FA_TALKS, "ویتکاف و عمروف به مدت ۲ روز در میامی مذاکره کردند", speaker=reuters)
    b.fact("مذاکره", "talks", participants=(witkoff, umerov), place=miami,
           duration=b.duration("۲ روز", duration), attribution=said)
    return b


def ar_talks(duration: str = "P3D", place: str = "loc-miami", *, outlet: str = "Wasat") -> ArticleBuilder:
    b = ArticleBuilder(AR_TALKS + ("" if outlet == "Wasat" else f" ({outlet})"), "ar", "2025-12-07", outlet=outlet)
    witkoff = b.mention("ويتكوف", "per-witkoff")
    umerov = b.mention("عمروف", "per-umerov")
    where = b.mention("ميامي", place)
    b.fact("المفاوضات", "talks", participants=(witkoff, umerov), place=where,
           duration=b.duration("ثلاثة أيام", duration))
    return b


def test_two_durations_of_one_event_are_a_difference_with_provenance():
    fa, ar = fa_talks().build(), ar_talks().build()
    comparisons = compare_story([fa, ar], ENTITIES)
    (differ,) = by_status(comparisons, "differ")
    assert (differ.slot, differ.event) == ("duration", "talks")
    by_lang = {v.lang: v for v in differ.values}
    assert by_lang["fa"].value == "P2D" and by_lang["fa"].display == "2 days"
    assert by_lang["ar"].value == "P3D" and by_lang["ar"].display == "3 days"
    assert by_lang["fa"].via == ("Reuters",) and by_lang["ar"].via == ()
    assert by_lang["fa"].text == FA_TALKS and by_lang["fa"].outlet == "Payam"
    assert fa.text[by_lang["fa"].value_start:by_lang["fa"].value_end] == "۲ روز"
    assert "2 days and 3 days" in differ.note
    (place,) = by_status(comparisons, "agree", "place")
    assert {v.value for v in place.values} == {"loc-miami"}


def test_one_duration_in_other_units_agrees_and_says_so():
    comparisons = compare_story([fa_talks("P2D").build(), ar_talks("PT48H").build()], ENTITIES)
    assert not by_status(comparisons, "differ")
    (agree,) = by_status(comparisons, "agree", "duration")
    assert "normalised" in agree.note and "48 hours" in agree.note and "2 days" in agree.note


def test_a_place_inside_another_is_no_difference():
    comparisons = compare_story([fa_talks().build(), ar_talks("P2D", place="loc-florida").build()], ENTITIES)
    assert not by_status(comparisons, "differ")
    (agree,) = by_status(comparisons, "agree", "place")
    assert {v.display for v in agree.values} == {"Miami", "Florida"}
    assert "within" in agree.note


def test_magnitudes_far_apart_measure_different_things():
    comparisons = compare_story([fa_talks("PT2H").build(), ar_talks("P3D").build()], ENTITIES)
    assert not by_status(comparisons, "differ")
    assert {c.values[0].value for c in by_status(comparisons, "only_in_one", "duration")} == {"PT2H", "P3D"}


def test_a_report_in_one_city_and_a_meeting_in_another_may_both_hold():
    fa_text = "زلنسکی گفت منتظر است عمروف شخصاً در کی یف به او گزارش دهد."
    fa = ArticleBuilder(fa_text, "fa", "2025-12-06")
    zel, umerov = fa.mention("زلنسکی", "per-zelensky"), fa.mention("عمروف", "per-umerov")
    said = fa.attribution(fa_text, "منتظر است عمروف شخصاً در کی یف به او گزارش دهد", speaker=zel)
    fa.fact("گزارش", "report", participants=(zel, umerov), place=fa.mention("کی یف", "loc-kyiv"),
            modality="expected", attribution=said)
    ar_text = "من المتوقع أن يقدم عمروف تقريرا إلى زيلينسكي في لندن يوم الاثنين."
    ar = ArticleBuilder(ar_text, "ar", "2025-12-07")
    ar.fact("تقريرا", "report", participants=(ar.mention("عمروف", "per-umerov"), ar.mention("زيلينسكي", "per-zelensky")),
            place=ar.mention("لندن", "loc-london"), time=ar.time("يوم الاثنين", "2025-12-08"), modality="expected")
    comparisons = compare_story([fa.build(), ar.build()], ENTITIES)
    (differ,) = by_status(comparisons, "differ")
    assert differ.slot == "place" and {v.display for v in differ.values} == {"Kyiv", "London"}
    assert differ.note.startswith("may both hold") and "Mon 8 Dec 2025" in differ.note
    kyiv = next(v for v in differ.values if v.display == "Kyiv")
    assert kyiv.via == ("Volodymyr Zelensky",)


def test_a_planned_round_is_not_compared_with_the_round_just_held():
    en_text = "Araghchi held talks in Geneva on Tuesday."
    en = ArticleBuilder(en_text, "en", "2026-01-13")
    en.fact("talks", "talks", participants=(en.mention("Araghchi", "per-araghchi"),), place=en.mention("Geneva", "loc-geneva"),
            time=en.time("on Tuesday", "2026-01-13"))
    fa_text = "دور بعدی گفتوگوها با عراقچی هفته آینده در وین برگزار میشود."
    fa = ArticleBuilder(fa_text, "fa", "2026-01-13")
    fa.fact("گفتوگوها", "talks", participants=(fa.mention("عراقچی", "per-araghchi"),), place=fa.mention("وین", "loc-vienna"),
            modality="expected")
    comparisons = compare_story([en.build(), fa.build()], ENTITIES)
    assert not by_status(comparisons, "differ")
    assert len(by_status(comparisons, "only_in_one", "place")) == 2


def test_a_day_after_publication_is_planned_even_when_the_verb_said_otherwise():
    en_text = "The next round of talks is on Monday in Geneva."
    en = ArticleBuilder(en_text, "en", "2026-01-14")
    en.fact("talks", "talks", place=en.mention("Geneva", "loc-geneva"), time=en.time("on Monday", "2026-01-19"))
    ar_text = "وأضاف أن الجولة المقبلة من المحادثات ستعقد في فيينا يوم الثلاثاء."
    ar = ArticleBuilder(ar_text, "ar", "2026-01-14")
    ar.fact("المحادثات", "talks", place=ar.mention("فيينا", "loc-vienna"), time=ar.time("يوم الثلاثاء", "2026-01-20"),
            modality="expected")
    comparisons = compare_story([en.build(), ar.build()], ENTITIES)
    assert {c.slot for c in by_status(comparisons, "differ")} == {"place", "date"}


def test_rival_values_without_shared_anchors_are_not_a_difference():
    """Two strikes in each article, places named, nothing ties one report to the other."""
    en_text = "A strike hit Gaza. Another strike hit Rafah."
    en = ArticleBuilder(en_text, "en", "2026-01-10")
    en.fact("A strike hit Gaza", "attack", place=en.mention("Gaza", "loc-gaza"))
    en.fact("Another strike", "attack", place=en.mention("Rafah", "loc-rafah"))
    fa_text = "حمله‌ای در ژنو رخ داد. حمله دیگری در وین رخ داد."
    fa = ArticleBuilder(fa_text, "fa", "2026-01-10")
    fa.fact("حمله‌ای در ژنو", "attack", place=fa.mention("ژنو", "loc-geneva"))
    fa.fact("حمله دیگری", "attack", place=fa.mention("وین", "loc-vienna"))
    comparisons = compare_story([en.build(), fa.build()], ENTITIES)
    assert not by_status(comparisons, "differ")


def test_casualty_counts_differ_with_a_note_and_unnamed_counts_are_left_alone():
    en_text = "The quake injured 40 people, officials said. About 300 people gathered."
    en = ArticleBuilder(en_text, "en", "2026-01-07")
    en.fact("quake", "earthquake", quantities=(en.quantity("40 people", 40, "person", "injured"),))
    en.fact("gathered", "protest", quantities=(en.quantity("300 people", 300, "person"),))
    ar_text = "أسفر الزلزال عن إصابة 45 شخصا. وتجمع 250 شخصا."
    ar = ArticleBuilder(ar_text, "ar", "2026-01-08")
    ar.fact("الزلزال", "earthquake", quantities=(ar.quantity("45 شخصا", 45, "person", "injured"),))
    ar.fact("وتجمع", "earthquake", quantities=(ar.quantity("250 شخصا", 250, "person"),))
    comparisons = compare_story([en.build(), ar.build()], ENTITIES)
    (differ,) = by_status(comparisons, "differ")
    assert differ.slot == "injured" and {v.display for v in differ.values} == {"40 injured", "45 injured"}
    assert "often change" in differ.note and "2026-01-07 and 2026-01-08" in differ.note


def test_a_story_of_one_article_has_nothing_to_compare():
    assert compare_story([fa_talks().build()], ENTITIES) == ()
    assert compare_story([], ENTITIES) == ()


def test_the_result_does_not_depend_on_article_order():
    articles = [fa_talks().build(), ar_talks().build(), ar_talks("P2D", place="loc-florida", outlet="Sawt").build()]
    results = {compare_story(list(order), ENTITIES) for order in itertools.permutations(articles)}
    assert len(results) == 1


def test_the_same_statement_in_two_languages_is_one_statement_with_two_reports():
    fa_text = "عراقچی در پستی در ایکس نوشت که گفت‌وگو با ویتکاف مفید بود. او همچنین گفت که سفر به ژنو لغو شد."
    fa = ArticleBuilder(fa_text, "fa", "2026-01-10")
    speaker = fa.mention("عراقچی", "per-araghchi")
    fa.mention("ویتکاف", "per-witkoff")
    fa.attribution("عراقچی در پستی در ایکس نوشت که گفت‌وگو با ویتکاف مفید بود", "گفت‌وگو با ویتکاف مفید بود",
                   speaker=speaker, via=(medium_via("post on X"),))
    fa.attribution("او همچنین گفت که سفر به ژنو لغو شد", "سفر به ژنو لغو شد", speaker=speaker)
    ar_text = "كتب عراقجي على منصة إكس أن الحديث مع ويتكوف كان مفيدا."
    ar = ArticleBuilder(ar_text, "ar", "2026-01-11")
    ar.mention("ويتكوف", "per-witkoff")
    ar.attribution(ar_text, "الحديث مع ويتكوف كان مفيدا", speaker=ar.mention("عراقجي", "per-araghchi"),
                   via=(medium_via("post on X"),), direct=True)
    comparisons = compare_story([fa.build(), ar.build()], ENTITIES)
    (shared,) = by_status(comparisons, "agree", "quote")
    assert {v.lang for v in shared.values} == {"fa", "ar"}
    assert {v.display for v in shared.values} == {"Abbas Araghchi"}
    assert all(v.via == ("post on X",) for v in shared.values)
    assert "quoted directly in Arabic" in shared.note
    (alone,) = by_status(comparisons, "only_in_one", "quote")
    assert "ژنو" in alone.values[0].text


def test_unnamed_sources_need_shared_content_to_be_one_statement():
    fa_text = "یک منبع آگاه به آکسیوس گفت که عمروف و ویتکاف با زلنسکی دیدار کردند."
    fa = ArticleBuilder(fa_text, "fa", "2025-12-06")
    for piece, entity in (("عمروف", "per-umerov"), ("ویتکاف", "per-witkoff"), ("زلنسکی", "per-zelensky")):
        fa.mention(piece, entity)
    fa.attribution(fa_text, "عمروف و ویتکاف با زلنسکی دیدار کردند", kind=SpeakerKind.ANONYMOUS,
                   via=(outlet_via("Axios"),), role="informed source")
    ar_text = "وقال مصدر مطلع إن عمروف وويتكوف التقيا زيلينسكي. وقال مصدر آخر إن الأجواء كانت إيجابية."
    ar = ArticleBuilder(ar_text, "ar", "2025-12-07")
    for piece, entity in (("عمروف", "per-umerov"), ("ويتكوف", "per-witkoff"), ("زيلينسكي", "per-zelensky")):
        ar.mention(piece, entity)
    ar.attribution("وقال مصدر مطلع إن عمروف وويتكوف التقيا زيلينسكي", "عمروف وويتكوف التقيا زيلينسكي",
                   kind=SpeakerKind.ANONYMOUS, role="informed source")
    ar.attribution("وقال مصدر آخر إن الأجواء كانت إيجابية", "الأجواء كانت إيجابية", kind=SpeakerKind.ANONYMOUS,
                   role="another source")
    comparisons = compare_story([fa.build(), ar.build()], ENTITIES)
    (shared,) = by_status(comparisons, "agree", "quote")
    assert {v.display for v in shared.values} == {"an unnamed source"}
    (alone,) = by_status(comparisons, "only_in_one", "quote")
    assert alone.values[0].display == "another unnamed source"
