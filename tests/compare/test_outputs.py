"""The dossier outside the HTML report: Markdown, the JSON ``comparison`` key, ``newsweave compare``."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.compare import compare_story
from newsweave.compare.dossier import build_dossier
from newsweave.compare.export import comparison_to_export
from newsweave.model import Story
from newsweave.report.markdown import dossier_markdown, md
from newsweave.store import open_store

from tests.compare.kit import ENTITIES, ArticleBuilder

FA = "به گزارش رویترز، ویتکاف به مدت ۲ روز در میامی مذاکره کرد."
AR = "عقد ويتكوف ثلاثة أيام من المفاوضات في ميامي | <b>*عاجل*</b>."
EN = "Witkoff held talks in Miami for three days, officials said."


def _articles():
    built = []
    for text, lang, piece, duration, value, names in (
        (FA, "fa", "مذاکره", "۲ روز", "P2D", ("ویتکاف", "میامی", "رویترز")),
        (AR, "ar", "المفاوضات", "ثلاثة أيام", "P3D", ("ويتكوف", "ميامي", None)),
        (EN, "en", "talks", "for three days", "P3D", ("Witkoff", "Miami", None)),
    ):
        b = ArticleBuilder(text, lang, "2025-12-07", outlet=f"{lang}-outlet")
        said = None
        if names[2]:
            said = b.attribution(text, text[text.index("ویتکاف"):-1], speaker=b.mention(names[2], "org-reuters"))
        b.fact(piece, "talks", participants=(b.mention(names[0], "per-witkoff"),), place=b.mention(names[1], "loc-miami"),
               duration=b.duration(duration, value), attribution=said)
        built.append(b.build())
    return built


def test_export_groups_articles_that_give_one_value():
    articles = _articles()
    differ = next(c for c in compare_story(articles, ENTITIES) if c.status == "differ")
    data = comparison_to_export(differ)
    assert set(data) == {"slot", "event", "status", "values", "note"}
    assert (data["slot"], data["event"], data["status"]) == ("duration", "talks", "differ")
    by_value = {v["value"]: v for v in data["values"]}
    assert by_value["P3D"]["articles"] == [articles[1].id, articles[2].id]
    assert by_value["P3D"]["langs"] == ["ar", "en"] and by_value["P3D"]["display"] == "3 days"
    assert by_value["P2D"]["via"] == [["Reuters"]] and by_value["P2D"]["text"] == [FA]
    json.dumps(data)


def test_markdown_dossier_reads_in_english_and_leaves_article_markup_inert():
    dossier = build_dossier(_articles(), ENTITIES)
    text = dossier_markdown(dossier)
    assert "### Where the sources differ (1)" in text
    assert ("- **talks in Miami — duration: 2 days (Persian outlet fa-outlet, according to Reuters) vs "
            "3 days (Arabic outlet ar-outlet; English outlet en-outlet)**") in text.splitlines()
    assert "<b>" not in text and "&lt;b&gt;\\*عاجل\\*&lt;/b&gt;" in text
    assert "\\|" in text  # a pipe in an article cannot break a table
    assert md("a\nb <i>") == "a b &lt;i&gt;"


def test_compare_command_prints_the_dossier_in_three_formats(tmp_path):
    db = tmp_path / "s.db"
    articles = _articles()
    with open_store(str(db)) as store:
        store.add_articles(articles)
        store.save_entities([ENTITIES["per-witkoff"], ENTITIES["loc-miami"], ENTITIES["org-reuters"]])
        store.save_stories([Story(id="st-miami", title="Miami talks", label="Talks in Miami",
                                  articles=tuple(a.id for a in articles))])
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(app, ["--db", str(db), "compare", *args], catch_exceptions=False)

    table = invoke("st-miami")
    assert table.exit_code == 0
    assert "where the sources differ (1)" in table.output and "3 days" in table.output
    data = json.loads(invoke("st-miami", "--format", "json").output)
    assert data["story"] == "st-miami"
    assert [c["status"] for c in data["comparison"]][0] == "differ"
    markdown = invoke("st-miami", "-f", "md").output
    assert markdown.startswith("## Talks in Miami") and "Where the sources differ (1)" in markdown
    missing = invoke("no-such-story")
    assert missing.exit_code == 1
    bad = invoke("st-miami", "--format", "xml")
    assert bad.exit_code == 2
