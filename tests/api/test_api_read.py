"""The read endpoints over the woven example corpus: records, filters, pagination, bad requests."""

from __future__ import annotations

import pytest

from newsweave.report.json_export import export_document
from newsweave.store import open_store


@pytest.fixture(scope="module")
def exported(corpus_db) -> dict:
    """What `newsweave export` writes for the same store: the contract the API must match."""
    with open_store(str(corpus_db), readonly=True) as store:
        return export_document(store)


def test_health_reports_the_store_and_read_only_mode(client, exported):
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["articles"] == len(exported["articles"]) == 16
    assert body["read_only"] is True and body["url_ingest"] is False


def test_article_list_pages_through_every_article_in_export_order(client, exported):
    seen, offset = [], 0
    while offset is not None:
        body = client.get("/api/articles", params={"limit": 5, "offset": offset}).json()
        assert body["total"] == 16 and body["limit"] == 5 and len(body["items"]) <= 5
        seen += body["items"]
        offset = body["next_offset"]
    assert [a["id"] for a in seen] == [a["id"] for a in exported["articles"]]
    first = exported["articles"][0]
    assert {k: seen[0][k] for k in ("title", "lang", "published", "outlet", "source")} == {
        k: first[k] for k in ("title", "lang", "published", "outlet", "source")
    }


def test_article_list_filters_by_language_outlet_and_date(client, exported):
    persian = client.get("/api/articles", params={"lang": "fa"}).json()
    assert persian["total"] == sum(a["lang"] == "fa" for a in exported["articles"]) > 0
    assert {a["lang"] for a in persian["items"]} == {"fa"}

    wire = client.get("/api/articles", params={"outlet": "Meridian Wire"}).json()
    assert wire["total"] == 4 and {a["outlet"] for a in wire["items"]} == {"Meridian Wire"}

    january = client.get("/api/articles", params={"since": "2026-01-07", "until": "2026-01-10"}).json()
    dates = [a["published"] for a in january["items"]]
    assert dates and all("2026-01-07" <= d <= "2026-01-10" for d in dates)
    expected = [a for a in exported["articles"] if a["published"] and "2026-01-07" <= a["published"] <= "2026-01-10"]
    assert january["total"] == len(expected)

    combined = client.get("/api/articles", params={"lang": "ar", "outlet": "Meridian Wire"}).json()
    assert combined == {"items": [], "total": 0, "limit": 50, "offset": 0, "next_offset": None}


def test_one_article_is_the_export_record_with_its_story(client, exported):
    record = next(a for a in exported["articles"] if a["lang"] == "fa" and a["entities"])
    body = client.get(f"/api/articles/{record['id']}").json()
    story = body.pop("story")
    assert body == record
    assert story is None or story.startswith("st-")
    assert client.get(f"/api/articles/{record['id'][:8]}").json()["id"] == record["id"]  # unique prefix


def test_entities_list_most_mentioned_first_and_filters_by_type(client, exported):
    body = client.get("/api/entities", params={"limit": 500}).json()
    assert body["total"] == len(exported["entities"])
    counts = [len(e["articles"]) for e in body["items"]]
    assert counts == sorted(counts, reverse=True)
    assert sorted(body["items"], key=lambda e: e["id"]) == exported["entities"]
    places = client.get("/api/entities", params={"type": "LOC", "limit": 500}).json()
    assert places["total"] == sum(e["type"] == "LOC" for e in exported["entities"]) > 0
    assert {e["type"] for e in places["items"]} == {"LOC"}


def test_one_entity_has_its_names_and_a_page_of_its_articles(client, exported):
    entity = max(exported["entities"], key=lambda e: (len(e["articles"]), e["id"]))
    assert client.get(f"/api/entities/{entity['id']}").json() == entity
    articles = client.get(f"/api/entities/{entity['id']}/articles", params={"limit": 1}).json()
    assert articles["total"] == len(entity["articles"]) and len(articles["items"]) == 1
    assert articles["items"][0]["id"] == entity["articles"][0]
    assert articles["next_offset"] == (1 if len(entity["articles"]) > 1 else None)


def test_story_list_pages_and_matches_the_export(client, exported):
    first = client.get("/api/stories", params={"limit": 4}).json()
    rest = client.get("/api/stories", params={"limit": 4, "offset": first["next_offset"]}).json()
    assert first["next_offset"] == 4 and rest["next_offset"] is None
    assert first["items"] + rest["items"] == exported["stories"]


def test_one_story_has_its_comparison_and_dossier(client, exported):
    story = max(exported["stories"], key=lambda s: len(s["comparison"]))
    body = client.get(f"/api/stories/{story['id']}").json()
    dossier = body.pop("dossier")
    assert body == story and story["comparison"]
    assert {s["article"] for s in dossier["sources"]} == set(story["articles"])
    claims = dossier["differences"] + dossier["agreements"] + dossier["only_in_one"] + dossier["quotes"]
    assert len(claims) == len(story["comparison"])
    assert dossier["summary"] and dossier["title"]


def test_story_list_filters_by_storyline_and_date(client, exported):
    line = exported["storylines"][0]
    body = client.get("/api/stories", params={"storyline": line["id"]}).json()
    assert sorted(s["id"] for s in body["items"]) == sorted(line["stories"])
    late = client.get("/api/stories", params={"since": "2026-01-12"}).json()["items"]
    assert late and all((s["end"] or s["start"]) >= "2026-01-12" for s in late)


def test_storylines_and_their_timelines(client, exported):
    body = client.get("/api/storylines").json()
    assert body["items"] == exported["storylines"] and len(body["items"]) == 2
    line = exported["storylines"][1]
    assert client.get(f"/api/storylines/{line['id']}").json() == line
    events = client.get(f"/api/storylines/{line['id']}/timeline", params={"limit": 2}).json()
    assert events["total"] == len(line["timeline"]) and events["items"] == line["timeline"][:2]


def test_timeline_merges_every_storyline_in_date_order(client, exported):
    body = client.get("/api/timeline", params={"limit": 500}).json()
    assert body["total"] == sum(len(line["timeline"]) for line in exported["storylines"])
    dates = [e["date"] for e in body["items"]]
    assert dates == sorted(dates)
    assert {e["storyline"] for e in body["items"]} == {line["id"] for line in exported["storylines"]}
    cut = client.get("/api/timeline", params={"since": dates[-1][:10]}).json()
    assert 0 < cut["total"] < body["total"]


def test_search_finds_articles_in_any_script_and_pages(client, exported):
    body = client.get("/api/search", params={"q": "Muscat"}).json()
    assert body["items"] and all(set(hit) == {"id", "title", "snippet", "score"} for hit in body["items"])
    scores = [hit["score"] for hit in body["items"]]
    assert scores == sorted(scores, reverse=True)
    persian = client.get("/api/search", params={"q": "مسقط", "lang": "fa"}).json()["items"]
    langs = {a["id"]: a["lang"] for a in exported["articles"]}
    assert persian and {langs[h["id"]] for h in persian} == {"fa"}
    one = client.get("/api/search", params={"q": "Muscat", "limit": 1}).json()
    assert one["items"] == body["items"][:1]
    assert one["next_offset"] == (1 if len(body["items"]) > 1 else None)
    assert client.get("/api/search", params={"q": "zzqxnotaword"}).json()["items"] == []


@pytest.mark.parametrize("path, kind", [
    ("/api/articles/0000000000deadbeef", "article"),
    ("/api/entities/per-nobody-at-all", "entity"),
    ("/api/entities/per-nobody-at-all/articles", "entity"),
    ("/api/stories/st-0000000000000000", "story"),
    ("/api/storylines/sl-0000000000000000", "storyline"),
    ("/api/storylines/sl-0000000000000000/timeline", "storyline"),
])
def test_unknown_ids_are_404_naming_the_id(client, path, kind):
    response = client.get(path)
    assert response.status_code == 404
    body = response.json()
    assert kind in body["detail"] and path.split("/")[3] in body["detail"]
    assert body["code"] == "E400"


@pytest.mark.parametrize("path, params", [
    ("/api/articles", {"limit": 0}),
    ("/api/articles", {"limit": 501}),
    ("/api/articles", {"offset": -1}),
    ("/api/articles", {"limit": "many"}),
    ("/api/articles", {"since": "yesterday"}),
    ("/api/articles", {"until": "2026-02-30"}),
    ("/api/articles", {"until": "0"}),
    ("/api/entities", {"type": "PERSON"}),
    ("/api/stories", {"since": "2026/01/01"}),
    ("/api/search", {}),
    ("/api/search", {"q": ""}),
    ("/api/search", {"q": "   "}),
    ("/api/search", {"q": "Muscat", "offset": 5000}),
    ("/api/timeline", {"limit": 10_000}),
])
def test_bad_parameters_are_422_naming_the_parameter(client, path, params):
    response = client.get(path, params=params)
    assert response.status_code == 422
    named = {p for item in response.json()["detail"] for p in item["loc"]}
    assert named & (set(params) | {"q"})


@pytest.mark.parametrize("path", ["/api/articles", "/api/stories", "/api/timeline"])
def test_since_after_until_is_422(client, path):
    response = client.get(path, params={"since": "2026-02-01", "until": "2026-01-01"})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", "since"] and "after until" in error["msg"]


def test_openapi_document_lists_every_endpoint(client):
    doc = client.get("/api/openapi.json").json()
    assert set(doc["paths"]) >= {
        "/api/health", "/api/articles", "/api/articles/{article_id}", "/api/entities", "/api/entities/{entity_id}",
        "/api/entities/{entity_id}/articles", "/api/stories", "/api/stories/{story_id}", "/api/storylines",
        "/api/storylines/{storyline_id}", "/api/storylines/{storyline_id}/timeline", "/api/timeline", "/api/search",
        "/api/ingest", "/api/ingest/file", "/api/ingest/url",
    }
    assert not any(path.startswith(("/stories", "/static")) or path == "/" for path in doc["paths"])
    assert doc["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


def test_story_answers_are_cached_until_the_store_is_written(write_client, auth, store_copy, exported):
    from newsweave.api.records import StoryCache

    cache = StoryCache(str(store_copy))
    builds = []

    def build() -> bytes:
        builds.append(1)
        return b"built %d" % len(builds)

    story_id = exported["stories"][0]["id"]
    assert cache.get(story_id, build) == cache.get(story_id, build) == b"built 1"
    response = write_client.post("/api/ingest", json={"articles": [{
        "text": "Port officials in Basra said on Monday that two tankers were waiting to load crude oil.",
    }]}, headers=auth)
    assert response.status_code == 201
    assert cache.get(story_id, build) == b"built 2"
    assert write_client.get(f"/api/stories/{story_id}").json()["id"] == story_id


def test_a_server_store_is_never_served_from_the_cache():
    # Another process's writes to PostgreSQL leave no file mark, so a cached answer could go stale.
    from newsweave.api.records import StoryCache

    cache = StoryCache("postgresql://reader@127.0.0.1/news")
    builds = []

    def build() -> bytes:
        builds.append(1)
        return b"built %d" % len(builds)

    assert [cache.get(("api", "st-1"), build) for _ in range(2)] == [b"built 1", b"built 2"]


def test_story_list_reads_whole_stories_for_its_page_only_and_sees_writes(write_client, auth, store_copy, monkeypatch):
    """The web story list filters and counts every story from an index kept until the store is
    written; only the stories it shows are read whole."""
    import lxml.html

    from newsweave.api import web
    from newsweave.store.sql import SQLStore

    monkeypatch.setattr(web, "STORIES_PER_PAGE", 2)
    read_whole: list[str] = []
    get_story = SQLStore.get_story

    def counting_get_story(self, story_id):
        read_whole.append(story_id)
        return get_story(self, story_id)

    monkeypatch.setattr(SQLStore, "get_story", counting_get_story)
    listed = web._story_index
    indexed = []
    monkeypatch.setattr(web, "_story_index", lambda store: indexed.append(1) or listed(store))

    def shown() -> list[str]:
        response = write_client.get("/")
        assert response.status_code == 200
        return lxml.html.document_fromstring(response.text).xpath("//h2[@class='story-label']/a/@href")

    first = shown()
    assert len(first) == 2 and len(read_whole) == 2 and indexed == [1]
    assert shown() == first and indexed == [1], "the index is reused while the store is unchanged"
    response = write_client.post("/api/ingest", json={"articles": [{
        "text": "Harbour pilots in Aden said on Friday that a grain ship had docked after a week at anchor.",
        "published": "2099-01-02",
    }]}, headers=auth)
    assert response.status_code == 201
    newest = shown()
    assert indexed == [1, 1], "a write rebuilds the index"
    assert newest[0] not in first, "the story just written is listed first"


def test_timeline_page_is_built_once_until_the_store_is_written(write_client, auth, monkeypatch):
    from newsweave.api import web

    built = []
    body_of = web._timeline_page_body
    monkeypatch.setattr(web, "_timeline_page_body", lambda *args: built.append(args[2:]) or body_of(*args))
    first = write_client.get("/timeline")
    assert first.status_code == 200 and first.headers["content-type"].startswith("text/html")
    assert write_client.get("/timeline").text == first.text and len(built) == 1
    assert write_client.get("/timeline?since=2025-01-01").status_code == 200 and len(built) == 2
    response = write_client.post("/api/ingest", json={"articles": [{
        "text": "Harbour pilots in Aden said on Friday that a grain ship had docked after a week at anchor.",
        "published": "2099-01-02",
    }]}, headers=auth)
    assert response.status_code == 201
    assert write_client.get("/timeline").status_code == 200 and len(built) == 3
