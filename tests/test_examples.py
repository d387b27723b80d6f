"""The example corpus is well-formed, and its gold (examples/expected.json) matches its texts."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from newsweave.ingest import read_inputs
from newsweave.model import IngestProblem, RawArticle
from newsweave.settings import Settings

from tests.paths import REPO

EXAMPLES = REPO / "examples"
CORPUS = EXAMPLES / "corpus"
ZWNJ = "\u200c"


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads((EXAMPLES / "corpus.manifest.json").read_text(encoding="utf-8"))["articles"]


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ingested() -> tuple[dict[str, RawArticle], list[IngestProblem]]:
    """Everything ingest yields for the corpus folder, keyed by source relative to it."""
    articles: dict[str, RawArticle] = {}
    problems: list[IngestProblem] = []
    for item in read_inputs([CORPUS], settings=Settings()):
        if isinstance(item, IngestProblem):
            problems.append(item)
        else:
            articles[str(Path(item.source.replace(str(CORPUS), "").lstrip("/")))] = item
    return articles, problems


@pytest.fixture(scope="module")
def by_id(manifest: dict, ingested) -> dict[str, RawArticle]:
    articles, _ = ingested
    return {aid: articles[meta["source"]] for aid, meta in manifest.items()}


def _full_text(raw: RawArticle) -> str:
    return f"{raw.title or ''}\n{raw.text}"


def test_every_file_ingests_without_problems(ingested, manifest):
    articles, problems = ingested
    assert problems == []
    assert sorted(articles) == sorted(meta["source"] for meta in manifest.values())


def test_corpus_size_and_languages(manifest):
    langs = Counter(meta["lang"] for meta in manifest.values())
    assert len(manifest) >= 15
    assert all(langs[code] >= 4 for code in ("fa", "ar", "en")), langs


def test_formats_present(manifest):
    suffixes = Counter(Path(meta["file"]).suffix for meta in manifest.values())
    assert suffixes[".txt"] >= 3 and suffixes[".jsonl"] >= 2 and suffixes[".rss"] >= 2 and suffixes[".html"] >= 1
    feed = (CORPUS / "payam-news.rss").read_text(encoding="utf-8")
    assert "+0330</pubDate>" in feed


def test_manifest_and_expected_name_the_same_articles(manifest, expected):
    assert set(manifest) == set(expected["articles"])
    for aid, meta in manifest.items():
        gold = expected["articles"][aid]
        assert (CORPUS / meta["file"]).is_file(), aid
        assert {k: gold[k] for k in ("file", "lang", "outlet", "published", "title")} == {
            k: meta[k] for k in ("file", "lang", "outlet", "published", "title")
        }


def test_article_lengths_are_news_sized(by_id, expected):
    for aid, raw in by_id.items():
        body = raw.text
        for line in expected["articles"][aid]["boilerplate"]:
            body = body.replace(line, "")
        words = len(body.split())
        assert 150 <= words <= 450, (aid, words)


def test_metadata_carried_by_the_inputs_matches_the_manifest(by_id, manifest):
    for aid, raw in by_id.items():
        meta = manifest[aid]
        assert raw.title == meta["title"], aid
        if meta["file"].endswith(".txt"):
            assert raw.published is None and raw.outlet is None, "txt files carry no metadata"
        else:
            assert raw.published is not None and raw.published.isoformat() == meta["published"], aid
            assert raw.outlet == meta["outlet"], aid


def test_detected_language_matches_the_manifest(by_id, manifest):
    from newsweave.text.language import detect_language

    for aid, raw in by_id.items():
        assert detect_language(raw.text)[0] == manifest[aid]["lang"], aid


def test_gold_spans_are_in_the_texts(by_id, expected):
    for aid, gold in expected["articles"].items():
        text = _full_text(by_id[aid])
        for name, forms in gold["entities"].items():
            for form in forms:
                assert form in text, (aid, name, form)
        for time in gold["time_expressions"]:
            assert time["text"] in text, (aid, time["text"])
        for clitic in gold.get("clitics", []):
            assert clitic["written"] in text and clitic["written"].endswith(clitic["name"].split()[0]), clitic


def test_boilerplate_lines_are_in_the_text_and_short(by_id, expected):
    for aid, gold in expected["articles"].items():
        lines = by_id[aid].text.splitlines()
        for line in gold["boilerplate"]:
            assert line in lines and len(line) < 90, (aid, line)


def test_html_chrome_is_not_in_the_extracted_text(by_id, expected):
    for aid, gold in expected["articles"].items():
        for junk in gold.get("html_dropped", []):
            assert junk not in by_id[aid].text.splitlines(), junk


def test_persian_writing_variants(by_id, expected):
    stripped = [aid for aid, g in expected["articles"].items() if g["zwnj_stripped"]]
    assert stripped and all(ZWNJ not in _full_text(by_id[aid]) for aid in stripped)
    kept = [aid for aid, g in expected["articles"].items() if g["lang"] == "fa" and not g["zwnj_stripped"]]
    assert kept and all(ZWNJ in by_id[aid].text for aid in kept)
    calendars = Counter(t["calendar"] for g in expected["articles"].values() for t in g["time_expressions"])
    assert calendars["jalali"] >= 3 and calendars["hijri"] >= 1


def test_time_values_are_iso_and_durations_have_number_words(expected):
    iso = re.compile(r"^(\d{4}-\d{2}-\d{2}(/\d{4}-\d{2}-\d{2})?|P(\d+[YWD])|PT\d+H)$")
    durations = []
    for gold in expected["articles"].values():
        for time in gold["time_expressions"]:
            assert (time["value"] is None) == (time["kind"] == "vague"), time
            if time["value"] is not None:
                assert iso.match(time["value"]), time
            if time["kind"] == "duration":
                durations.append(time["text"])
    for words in ("ساعتين", "سه ساعت", "ثلاثة أيام", "five hours"):
        assert any(words in text for text in durations), words


def test_stories_span_languages_and_cover_every_article(expected):
    articles = expected["articles"]
    stories = expected["stories"]
    assert len(stories) >= 4
    seen = Counter(aid for story in stories for aid in story["articles"])
    assert set(seen) == set(articles) and set(seen.values()) == {1}, "each article is in exactly one story"
    for story in stories:
        assert len({articles[aid]["lang"] for aid in story["articles"]}) >= 2, story["id"]


def test_storylines_and_traps_join_different_events_with_shared_actors(expected):
    stories = {s["id"]: s for s in expected["stories"]}
    assert len(expected["storylines"]) >= 1
    for line in expected["storylines"]:
        first, second = (stories[sid] for sid in line["stories"])
        assert first["date"] < second["date"] and first["event"] != second["event"]
        assert set(first["actors"]) & set(second["actors"]), line["id"]
    for trap in expected["not_same_story"]:
        assert all(sid in stories for sid in trap["stories"])


def test_differences_are_within_one_story_and_cover_each_kind(expected):
    stories = {s["id"]: set(s["articles"]) for s in expected["stories"]}
    for diff in expected["differences"]:
        assert set(diff["values"]) <= stories[diff["story"]] and len(diff["values"]) >= 2, diff["slot"]
        assert len({json.dumps(v["value"]) for v in diff["values"].values()}) >= 2, diff["slot"]
    assert {"duration", "place", "date", "quantity"} <= {d["kind"] for d in expected["differences"]}
    for only in expected["only_in_one"]:
        assert only["article"] in stories[only["story"]]
    for quote in expected["shared_quotes"]:
        langs = {expected["articles"][aid]["lang"] for aid in quote["articles"]}
        assert quote["articles"] and set(quote["articles"]) <= stories[quote["story"]] and len(langs) >= 2


def test_attribution_chains_are_recorded(expected):
    vias = [via for g in expected["articles"].values() for a in g["attributions"] for via in a["via"]]
    kinds = Counter(a["speaker_kind"] for g in expected["articles"].values() for a in g["attributions"])
    assert {"Reuters", "IRNA", "X (social network)", "Telegram"} <= set(vias)
    assert kinds["anonymous"] >= 5 and kinds["group"] >= 3 and kinds["role"] >= 1


def _shingles(text: str, size: int = 7) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.replace(ZWNJ, ""))
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_no_sentence_is_copied_from_the_seed_articles(seed_texts, by_id):
    seed = set().union(*(_shingles(text) for text in seed_texts.values()))
    for aid, raw in by_id.items():
        copied = _shingles(_full_text(raw)) & seed
        assert not copied, (aid, sorted(copied)[:3])


# --- the synthetic benchmark corpus (bench/generate.py) -------------------------------------


def test_generator_is_deterministic_sized_and_multilingual(tmp_path):
    from bench.generate import iter_articles, write_corpus

    first = list(iter_articles(60, seed=7))
    assert first == list(iter_articles(60, seed=7))
    assert first != list(iter_articles(60, seed=8))
    assert {a.lang for a in first} == {"fa", "ar", "en"}
    assert len({a.text for a in first}) == 60, "every article differs"
    sizes = [len(a.text.encode()) for a in first]
    assert 2800 <= min(sizes) and max(sizes) <= 4000
    events = Counter(a.event for a in first)
    multi = [e for e, n in events.items() if n >= 2]
    assert multi and all(len({a.lang for a in first if a.event == e}) == events[e] for e in multi)
    write_corpus(25, tmp_path / "txt", "txt", seed=7)
    files = sorted((tmp_path / "txt").rglob("*.txt"))
    assert len(files) == 25 and files[0].read_text(encoding="utf-8").split("\n\n", 1)[0] == first[0].title


def test_generated_jsonl_ingests_with_metadata(tmp_path):
    from bench.generate import write_corpus

    write_corpus(30, tmp_path, "jsonl", seed=3)
    items = list(read_inputs([tmp_path], settings=Settings()))
    assert len(items) == 30 and all(isinstance(i, RawArticle) for i in items)
    assert all(i.published is not None and i.outlet and i.lang_hint in {"fa", "ar", "en"} for i in items)


def test_bench_table_shows_ratio_to_the_baseline():
    from bench.registry import Measurement
    from bench.run import table

    rows = [Measurement("base", 1000, 2.0, baseline=None), Measurement("stage", 1000, 4.0, baseline="base")]
    text = table({"demo": rows})
    assert "1.00× (base)" in text and "0.50×" in text and "| 250 |" in text
