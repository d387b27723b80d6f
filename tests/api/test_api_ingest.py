"""Writes: JSON articles and file uploads need the token, store what is new, change nothing else."""

from __future__ import annotations

import json

import pytest

from newsweave.report.json_export import export_document
from newsweave.store import open_store

from tests.paths import EXAMPLES_DIR

NEW_ARTICLE = {
    "title": "Ferry service resumes between two Gulf ports",
    "text": (
        "A passenger ferry left the port of Bandar Abbas for Muscat on Tuesday, the first crossing since "
        "storms closed the route two weeks ago. The operator said 240 passengers were on board."
    ),
    "outlet": "Harbour Desk",
    "published": "2026-01-20",
}
HOSTILE_TEXT = (
    "Officials met in Doha on Monday <script>alert('x')</script> to review the convoy schedule "
    "<img src=x onerror=alert(1)> and agreed to meet again next week."
)


def snapshot(db) -> str:
    """Everything the store holds, as the export writes it."""
    with open_store(str(db), readonly=True) as store:
        return json.dumps(export_document(store), sort_keys=True, ensure_ascii=False)


def test_ingest_json_stores_a_new_article_that_reads_back(write_client, auth):
    response = write_client.post("/api/ingest", json={"articles": [NEW_ARTICLE]}, headers=auth)
    assert response.status_code == 201
    body = response.json()
    assert len(body["added"]) == 1 and body["unchanged"] == [] and body["skipped"] == []
    article = write_client.get(f"/api/articles/{body['added'][0]}").json()
    assert article["title"] == NEW_ARTICLE["title"] and article["outlet"] == "Harbour Desk"
    assert article["published"] == "2026-01-20" and article["lang"] == "en"
    assert any(m["text"] == "Muscat" for m in article["entities"])
    assert write_client.get("/api/health").json()["articles"] == 17


def test_reingesting_the_same_article_changes_nothing(write_client, auth, store_copy):
    first = write_client.post("/api/ingest", json={"articles": [NEW_ARTICLE]}, headers=auth).json()
    before = snapshot(store_copy)
    again = write_client.post("/api/ingest", json={"articles": [NEW_ARTICLE]}, headers=auth)
    assert again.status_code == 200
    assert again.json() == {"added": [], "unchanged": first["added"], "skipped": []}
    assert snapshot(store_copy) == before


def test_reuploading_a_corpus_file_reports_its_articles_unchanged(write_client, auth, store_copy):
    before = snapshot(store_copy)
    path = EXAMPLES_DIR / "meridian-wire.jsonl"
    response = write_client.post("/api/ingest/file", files={"file": (path.name, path.read_bytes())}, headers=auth)
    assert response.status_code == 200
    body = response.json()
    assert body["added"] == [] and len(body["unchanged"]) == 4
    assert snapshot(store_copy) == before


def test_upload_a_text_file_with_outlet_and_date_form_fields(write_client, auth):
    text = f"{NEW_ARTICLE['title']}\n\n{NEW_ARTICLE['text']}\n".encode("utf-8")
    response = write_client.post(
        "/api/ingest/file", files={"file": ("ferry.txt", text, "text/plain")},
        data={"outlet": "Port Bulletin", "published": "2026-01-21"}, headers=auth,
    )
    assert response.status_code == 201
    article = write_client.get(f"/api/articles/{response.json()['added'][0]}").json()
    assert article["source"] == "upload:ferry.txt"
    assert (article["outlet"], article["published"], article["title"]) == ("Port Bulletin", "2026-01-21", NEW_ARTICLE["title"])


def test_upload_in_windows_1256_is_decoded(write_client, auth):
    arabic = "اجتمع وزراء الخارجية في مسقط يوم الأحد لبحث تمديد الهدنة في السودان لمدة ثلاثة أيام."
    response = write_client.post("/api/ingest/file", files={"file": ("news.txt", arabic.encode("cp1256"))}, headers=auth)
    assert response.status_code == 201
    article = write_client.get(f"/api/articles/{response.json()['added'][0]}").json()
    assert article["text"] == arabic and article["lang"] == "ar"


def test_hostile_markup_in_an_article_comes_back_as_json_data(write_client, auth):
    response = write_client.post("/api/ingest", json={"articles": [{"text": HOSTILE_TEXT, "title": "<b>x</b>"}]},
                                 headers=auth)
    article_id = response.json()["added"][0]
    reply = write_client.get(f"/api/articles/{article_id}")
    assert reply.headers["content-type"] == "application/json"
    assert reply.headers["x-content-type-options"] == "nosniff"
    article = reply.json()
    assert article["text"] == HOSTILE_TEXT and article["title"] == "<b>x</b>"
    hits = write_client.get("/api/search", params={"q": "convoy schedule"}).json()["items"]
    assert [h["id"] for h in hits] == [article_id]


@pytest.mark.parametrize("headers, status", [
    ({}, 401),
    ({"Authorization": "Bearer not-the-token"}, 403),
    ({"Authorization": "Basic dXNlcjpwYXNz"}, 401),
])
def test_writes_without_the_right_token_are_refused_and_change_nothing(write_client, store_copy, headers, status):
    before = snapshot(store_copy)
    for response in (
        write_client.post("/api/ingest", json={"articles": [NEW_ARTICLE]}, headers=headers),
        write_client.post("/api/ingest/file", files={"file": ("a.txt", NEW_ARTICLE["text"].encode())}, headers=headers),
        write_client.post("/api/ingest/url", json={"url": "https://example.org/a"}, headers=headers),
    ):
        assert response.status_code == status
        assert "token" in response.json()["detail"]
    assert snapshot(store_copy) == before
    assert write_client.post("/api/ingest", json={"articles": [NEW_ARTICLE]}, headers=headers).status_code == status


def test_a_server_without_a_token_is_read_only(store_copy, make_client):
    client = make_client(store_copy)
    before = snapshot(store_copy)
    response = client.post("/api/ingest", json={"articles": [NEW_ARTICLE]}, headers={"Authorization": "Bearer x"})
    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    assert snapshot(store_copy) == before


def test_oversize_uploads_are_413_and_change_nothing(store_copy, make_client, auth):
    client = make_client(store_copy, serve_token="test-write-token", serve_max_upload_bytes=2_000)
    before = snapshot(store_copy)
    big = ("A long report about shipping schedules in the Gulf of Oman. " * 60).encode()
    response = client.post("/api/ingest/file", files={"file": ("big.txt", big)}, headers=auth)
    assert response.status_code == 413 and "2000 bytes" in response.json()["detail"]

    def chunks():  # no Content-Length: the limit is enforced while the body streams in
        for _ in range(10):
            yield big[:500]

    streamed = client.post("/api/ingest", content=chunks(), headers={**auth, "Content-Type": "application/json"})
    assert streamed.status_code == 413
    assert snapshot(store_copy) == before


def test_an_input_larger_than_max_input_bytes_is_refused_by_ingest(store_copy, make_client, auth):
    client = make_client(store_copy, serve_token="test-write-token", max_input_bytes=100)
    response = client.post("/api/ingest/file", files={"file": ("long.txt", NEW_ARTICLE["text"].encode())}, headers=auth)
    assert response.status_code == 422
    assert response.json()["skipped"][0]["code"] == "too-large"


@pytest.mark.parametrize("upload, problem", [
    (("empty.txt", b""), "empty"),
    (("image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4), "binary"),
    (("short.txt", b"Too short."), "too-short"),
    (("broken.jsonl", b'{"text": "unterminated\n'), "bad-json"),
])
def test_uploads_holding_no_article_are_422_with_the_problem(write_client, auth, store_copy, upload, problem):
    before = snapshot(store_copy)
    response = write_client.post("/api/ingest/file", files={"file": upload}, headers=auth)
    assert response.status_code == 422
    body = response.json()
    assert body["added"] == [] and [s["code"] for s in body["skipped"]] == [problem]
    assert upload[0] in body["detail"]
    assert snapshot(store_copy) == before


def test_a_mixed_batch_stores_the_good_articles_and_names_the_bad(write_client, auth):
    response = write_client.post("/api/ingest", json={"articles": [NEW_ARTICLE, {"text": "tiny"}]}, headers=auth)
    assert response.status_code == 201
    body = response.json()
    assert len(body["added"]) == 1
    assert body["skipped"] == [{"source": "api#2", "code": "too-short", "message": body["skipped"][0]["message"]}]


@pytest.mark.parametrize("payload", [
    {},
    {"articles": []},
    {"articles": [{"title": "no text"}]},
    {"articles": [{"text": ""}]},
    {"articles": "not a list"},
])
def test_malformed_json_bodies_are_422(write_client, auth, store_copy, payload):
    before = snapshot(store_copy)
    assert write_client.post("/api/ingest", json=payload, headers=auth).status_code == 422
    assert snapshot(store_copy) == before


def test_a_bad_published_date_is_422(write_client, auth):
    response = write_client.post("/api/ingest/file", files={"file": ("a.txt", NEW_ARTICLE["text"].encode())},
                                 data={"published": "20 January"}, headers=auth)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "published"] and "20 January" in error["msg"]


def test_a_non_json_body_is_422(write_client, auth):
    response = write_client.post("/api/ingest", content=b"{not json", headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 422
