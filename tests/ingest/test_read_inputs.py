"""read_inputs end to end: every input kind, every bad input, order, stdin and the seeds."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from newsweave.ingest import read_bytes, read_inputs
from newsweave.model import IngestProblem, RawArticle
from newsweave.settings import Settings

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"
SETTINGS = Settings()

PERSIAN_BODY = (
    "شورای شهر در جلسه روز سه‌شنبه طرح توسعه خطوط اتوبوس برقی را تصویب کرد و اجرای آن از ماه آینده آغاز می‌شود."
)
ARABIC_BODY = "وافق المجلس البلدي يوم الثلاثاء على خطة لتوسيع خطوط الحافلات الكهربائية على أن يبدأ التنفيذ الشهر المقبل."


def read(*paths, **kwargs) -> list[RawArticle | IngestProblem]:
    return list(read_inputs([str(p) for p in paths], settings=kwargs.pop("settings", SETTINGS), **kwargs))


def only_article(items: list) -> RawArticle:
    assert len(items) == 1 and isinstance(items[0], RawArticle), items
    return items[0]


def only_problem(items: list) -> IngestProblem:
    assert len(items) == 1 and isinstance(items[0], IngestProblem), items
    return items[0]


# --- plain text -------------------------------------------------------------------------------


def test_text_file_with_headline() -> None:
    article = only_article(read(DATA / "fa_headline.txt"))
    assert article.title == "بازگشایی دوباره بازارچه مرزی پس از دو هفته؟"
    assert article.text.startswith("مسئولان استان روز دوشنبه")
    assert "\u200c" in article.text  # original characters are kept
    assert article.source == str(DATA / "fa_headline.txt")


def test_text_file_without_headline_keeps_first_line() -> None:
    article = only_article(read(DATA / "ar_no_headline.txt"))
    assert article.title is None
    assert article.text.startswith("أعلنت وزارة الزراعة")
    assert article.text.count("\n") == 2


def test_user_outlet_and_date_apply_to_text(tmp_path: Path) -> None:
    article = only_article(read(DATA / "en_headline.txt", outlet="Coast Post", published=dt.date(2025, 3, 1)))
    assert (article.outlet, article.published) == ("Coast Post", dt.date(2025, 3, 1))


def test_unknown_extension_that_decodes_as_text(tmp_path: Path) -> None:
    path = tmp_path / "story.article"
    path.write_text(f"Bus lines approved\n\n{ARABIC_BODY}\n", encoding="utf-8")
    article = only_article(read(path))
    assert article.title == "Bus lines approved" and article.text == ARABIC_BODY


def test_windows_1256_file(tmp_path: Path) -> None:
    path = tmp_path / "cp1256.txt"
    path.write_bytes(f"{ARABIC_BODY}\r\n{ARABIC_BODY}\r\n".encode("cp1256"))
    article = only_article(read(path))
    assert article.text == f"{ARABIC_BODY}\n{ARABIC_BODY}"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_unicode_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(f"خطوط جدید اتوبوس برقی\r\n\r\n{PERSIAN_BODY}\r\n".encode(encoding))
    article = only_article(read(path))
    assert article.title == "خطوط جدید اتوبوس برقی"
    assert article.text == PERSIAN_BODY


def test_html_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text((DATA / "page_ar.html").read_text(encoding="utf-8"), encoding="utf-8")
    article = only_article(read(path))
    assert "<p>" not in article.text and article.title == "افتتاح جسر جديد على النهر"


# --- HTML -------------------------------------------------------------------------------------


def test_html_page_text_and_metadata() -> None:
    article = only_article(read(DATA / "page_ar.html", outlet="ignored because the page names itself"))
    assert article.title == "افتتاح جسر جديد على النهر"
    assert article.text.startswith("افتتح محافظ المدينة")
    assert "أربعين مليون دولار" in article.text
    for noise in ("tracking", "font-family", "الرئيسية", "جميع الحقوق محفوظة"):
        assert noise not in article.text
    assert article.outlet == "أخبار المدينة"
    assert article.published == dt.date(2025, 11, 3)
    assert article.author == "سارة الحسن"
    assert article.url == "https://news.example.org/ar/bridge-opening"
    assert article.lang_hint == "ar"


def test_malformed_html_still_gives_text() -> None:
    article = only_article(read(DATA / "broken.html"))
    assert "Heavy snow forced the closure of schools" in article.text
    assert "Crews worked through the night" in article.text
    assert "<" not in article.text


def test_html_without_text_is_no_text() -> None:
    problem = only_problem(read(DATA / "tags_only.html"))
    assert problem.code == "no-text"


def test_short_html_fragment_falls_back_to_visible_text(tmp_path: Path) -> None:
    path = tmp_path / "fragment.htm"
    path.write_text("<div><p>The council approved the plan for electric buses.</p></div>", encoding="utf-8")
    assert only_article(read(path)).text == "The council approved the plan for electric buses."


# --- feeds ------------------------------------------------------------------------------------


def test_rss_entries_with_local_dates() -> None:
    items = read(DATA / "feed_fa.rss", published=dt.date(2000, 1, 1))
    first, second, third = items
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert first.source == f"{DATA / 'feed_fa.rss'}#1"
    assert first.title == "افزایش بارش‌ها در استان‌های شمالی"
    assert first.url == "https://fa.example.org/news/1001"
    assert first.outlet == "خبرگزاری نمونه"
    assert first.published == dt.date(2025, 12, 6)  # 01:30 +0330 is still the 6th locally
    assert first.lang_hint == "fa"
    assert first.text.count("\n\n") == 1 and "<p>" not in first.text
    assert second.published == dt.date(2025, 12, 5)
    assert isinstance(third, IngestProblem) and third.code == "missing-text"
    assert third.source.endswith("feed_fa.rss#3")


def test_atom_entry_with_html_content() -> None:
    article = only_article(read(DATA / "feed_en.atom", outlet="Fallback Outlet"))
    assert article.title == "Rail line reopens after repairs"
    assert article.url == "https://wire.example.com/rail-reopens"
    assert article.outlet == "Example Wire"
    assert article.author == "Tom Reyes"
    assert article.published == dt.date(2025, 12, 7)
    assert article.text.startswith("The coastal rail line reopened")
    assert "&lt;" not in article.text and "<p>" not in article.text


def test_feed_without_title_takes_user_outlet(tmp_path: Path) -> None:
    path = tmp_path / "untitled.rss"
    path.write_text(
        "<rss version='2.0'><channel><item><title>Buses</title>"
        f"<description>{ARABIC_BODY}</description></item></channel></rss>",
        encoding="utf-8",
    )
    assert only_article(read(path, outlet="Metro Daily")).outlet == "Metro Daily"


def test_broken_feed_is_bad_feed() -> None:
    problem = only_problem(read(DATA / "broken_feed.xml"))
    assert problem.code == "bad-feed" and "\n" not in problem.message


def test_xml_that_is_not_a_feed_is_bad_feed(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text("<?xml version='1.0'?><urlset><url><loc>https://a.example/</loc></url></urlset>", encoding="utf-8")
    assert only_problem(read(path)).code == "bad-feed"


# --- JSON lines -------------------------------------------------------------------------------


def test_jsonl_good_and_bad_lines() -> None:
    items = read(DATA / "articles.jsonl", outlet="Fallback", published=dt.date(2025, 1, 2))
    by_source = {item.source.rsplit(":", 1)[1]: item for item in items}
    assert sorted(by_source, key=int) == ["1", "2", "3", "5", "6", "7"]
    first = by_source["1"]
    assert (first.title, first.url, first.outlet, first.published, first.lang_hint) == (
        "Council backs library budget",
        "https://local.example.net/libraries",
        "Local Herald",
        dt.date(2025, 10, 14),
        "en",
    )
    second = by_source["2"]
    assert second.outlet == "Fallback" and second.published == dt.date(2025, 10, 15)
    assert by_source["3"].code == "bad-json"
    assert by_source["5"].code == "missing-text"
    assert by_source["6"].code == "bad-json"
    assert by_source["7"].published == dt.date(2025, 1, 2)  # unreadable date: the user's applies
    assert by_source["7"].lang_hint == "ar"


def test_nul_characters_escaped_in_json_are_dropped_from_every_field() -> None:
    record = {"title": "Bus\u0000 plan", "text": PERSIAN_BODY[:40] + "\u0000" + PERSIAN_BODY[40:], "outlet": "Herald\u0000"}
    article = only_article(list(read_bytes(json.dumps(record).encode(), "nul.jsonl", settings=SETTINGS, suffix=".jsonl")))
    assert (article.title, article.text, article.outlet) == ("Bus plan", PERSIAN_BODY, "Herald")


def test_json_file_with_a_list_of_articles(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(f'[{{"text": "{ARABIC_BODY}"}}, {{"text": ""}}]', encoding="utf-8")
    first, second = read(path)
    assert isinstance(first, RawArticle) and first.source == f"{path}#1"
    assert isinstance(second, IngestProblem) and second.code == "missing-text"


# --- bad inputs -------------------------------------------------------------------------------


def test_missing_path_is_not_found(tmp_path: Path) -> None:
    problem = only_problem(read(tmp_path / "nowhere.txt"))
    assert problem.code == "not-found" and problem.source == str(tmp_path / "nowhere.txt")


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert only_problem(read(tmp_path / "empty.txt")).code == "empty"


@pytest.mark.parametrize("name, data", [("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ("blob", b"\x00\x01\x02" * 100)])
def test_binary_file(tmp_path: Path, name: str, data: bytes) -> None:
    (tmp_path / name).write_bytes(data)
    assert only_problem(read(tmp_path / name)).code == "binary"


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Council approves bus plan.\n" * 20, encoding="utf-8")
    small_cap = Settings(max_input_bytes=100)
    problem = only_problem(read(path, settings=small_cap))
    assert problem.code == "too-large" and "100" in problem.message


def test_too_large_stdin_is_refused() -> None:
    items = list(read_inputs(["-"], settings=Settings(max_input_bytes=50), stdin=io.BytesIO(b"x" * 51)))
    assert only_problem(items).code == "too-large"


def test_undecodable_file(tmp_path: Path) -> None:
    (tmp_path / "mess.txt").write_bytes(bytes(range(0x80, 0x100)) * 8)
    assert only_problem(read(tmp_path / "mess.txt")).code == "encoding"


def test_too_short_text(tmp_path: Path) -> None:
    (tmp_path / "short.txt").write_text("Buses approved.\n", encoding="utf-8")
    problem = only_problem(read(tmp_path / "short.txt"))
    assert problem.code == "too-short" and "min_article_chars" in problem.message


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(PERSIAN_BODY, encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read any file (root)")
        assert only_problem(read(path)).code == "unreadable"
    finally:
        path.chmod(0o644)


def test_permission_error_while_reading_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(PERSIAN_BODY, encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    problem = only_problem(read(path))
    assert problem.code == "unreadable" and "permission" in problem.message


def test_bad_input_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    items = read(tmp_path / "missing.txt", tmp_path / "empty.txt", DATA / "en_headline.txt")
    assert [type(item).__name__ for item in items] == ["IngestProblem", "IngestProblem", "RawArticle"]
    assert all("\n" not in item.message for item in items[:2])


def test_a_single_bare_path_is_one_input() -> None:
    article = only_article(list(read_inputs(DATA / "en_headline.txt", settings=SETTINGS)))
    assert article.title == "Port workers end strike after wage deal"


# --- directories ------------------------------------------------------------------------------


def test_directory_walk_is_sorted_recursive_and_skips_non_articles() -> None:
    items = read(DATA / "corpus")
    sources = [Path(item.source).relative_to(DATA / "corpus").as_posix() for item in items]
    assert sources == ["a_first.txt", "b_nested/b_middle.txt", "b_nested/deeper/c_deep.txt", "z_short.txt"]
    assert isinstance(items[-1], IngestProblem) and items[-1].code == "too-short"


def test_directory_order_does_not_depend_on_creation_order(tmp_path: Path) -> None:
    names = ["m.txt", "a.txt", "z/b.txt", "c.txt", "z/a.txt"]
    for build, order in (("one", names), ("two", list(reversed(names)))):
        for name in order:
            path = tmp_path / build / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"{name} {PERSIAN_BODY}", encoding="utf-8")
    first = [Path(i.source).relative_to(tmp_path / "one") for i in read(tmp_path / "one")]
    second = [Path(i.source).relative_to(tmp_path / "two") for i in read(tmp_path / "two")]
    assert first == second == [Path(p) for p in ["a.txt", "c.txt", "m.txt", "z/a.txt", "z/b.txt"]]


def test_hidden_files_and_directories_are_skipped(tmp_path: Path) -> None:
    shutil.copytree(DATA / "corpus", tmp_path / "corpus")
    (tmp_path / "corpus" / ".notes.txt").write_text(PERSIAN_BODY, encoding="utf-8")
    (tmp_path / "corpus" / ".git").mkdir()
    (tmp_path / "corpus" / ".git" / "HEAD.txt").write_text(PERSIAN_BODY, encoding="utf-8")
    assert len(read(tmp_path / "corpus")) == 4


def test_explicit_png_is_binary_but_skipped_in_a_directory() -> None:
    assert only_problem(read(DATA / "corpus" / "picture.png")).code == "binary"


def test_directory_streams_lazily(tmp_path: Path) -> None:
    for number in range(5):
        (tmp_path / f"{number}.txt").write_text(f"{number} {ARABIC_BODY}", encoding="utf-8")
    items = read_inputs([tmp_path], settings=SETTINGS)
    first = next(items)
    (tmp_path / "4.txt").unlink()  # deleted after the walk started: reported, not raised
    rest = list(items)
    assert isinstance(first, RawArticle) and len(rest) == 4
    assert isinstance(rest[-1], IngestProblem) and rest[-1].code == "unreadable"


# --- standard input ---------------------------------------------------------------------------


def test_stdin_text() -> None:
    data = f"خطوط اتوبوس برقی\n\n{PERSIAN_BODY}\n".encode()
    article = only_article(list(read_inputs(["-"], settings=SETTINGS, stdin=io.BytesIO(data))))
    assert article.source == "<stdin>" and article.title == "خطوط اتوبوس برقی"


def test_stdin_sniffs_jsonl() -> None:
    data = f'{{"text": "{ARABIC_BODY}", "published": "2025-05-04"}}\n{{"title": "no text"}}\n'.encode()
    items = list(read_inputs(["-"], settings=SETTINGS, stdin=io.BytesIO(data)))
    assert [i.source for i in items] == ["<stdin>:1", "<stdin>:2"]
    assert items[0].published == dt.date(2025, 5, 4) and items[1].code == "missing-text"


@pytest.mark.parametrize("fixture, expected_title", [("page_ar.html", "افتتاح جسر جديد على النهر"), ("feed_en.atom", "Rail line reopens after repairs")])
def test_stdin_sniffs_html_and_feeds(fixture: str, expected_title: str) -> None:
    stdin = io.BytesIO((DATA / fixture).read_bytes())
    article = only_article(list(read_inputs(["-"], settings=SETTINGS, stdin=stdin)))
    assert article.title == expected_title


def test_read_bytes_uses_suffix_hint() -> None:
    article = only_article(list(read_bytes((DATA / "page_ar.html").read_bytes(), "upload", settings=SETTINGS, suffix=".html")))
    assert article.source == "upload" and article.lang_hint == "ar"


# --- the seed articles ------------------------------------------------------------------------


def test_seed_directory_gives_two_articles(seeds_dir: Path, seed_texts: dict[str, str]) -> None:
    items = read(seeds_dir)
    assert len(items) == 2 and all(isinstance(item, RawArticle) for item in items)
    fa, ar = items
    first_fa_line = seed_texts["fa"].split("\n", 1)[0].strip()
    assert fa.title == first_fa_line and first_fa_line not in fa.text
    assert ar.title is None
    assert ar.text == seed_texts["ar"].strip()
    assert fa.text == seed_texts["fa"].split("\n", 1)[1].lstrip("\n").rstrip()
