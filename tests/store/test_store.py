from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import sqlite3

import pytest
from store_samples import make_article

from newsweave.errors import NotFoundError, StoreError
from newsweave.model import Entity, EntityType, Mention
from newsweave.settings import Settings
from newsweave.store import open_store
from newsweave.store.base import linked_entities
from newsweave.store.migrations import LATEST, migrate


def test_add_is_idempotent_and_reports_what_is_new(store, fa_article, ar_article):
    assert store.add_articles([fa_article]) == [True]
    assert store.add_articles([fa_article, ar_article, ar_article]) == [False, True, False]
    assert store.count_articles() == 2
    assert store.get_article(fa_article.id) == fa_article


def test_add_of_a_changed_article_with_a_stored_id_keeps_the_stored_one(store, fa_article):
    store.add_articles([fa_article])
    altered = dataclasses.replace(fa_article, title="another title")
    assert store.add_articles([altered]) == [False]
    assert store.get_article(fa_article.id).title == fa_article.title


def test_get_article_by_unique_prefix(store, fa_article, ar_article):
    store.add_articles([fa_article, ar_article])
    assert store.get_article(fa_article.id[:8]) == fa_article
    with pytest.raises(NotFoundError, match="at least 6"):
        store.get_article(fa_article.id[:5])
    with pytest.raises(NotFoundError):
        store.get_article("ffffffffffffffff-none")


def test_ambiguous_prefix_is_reported(store):
    one = dataclasses.replace(make_article("first text", "en"), id="abcdef01")
    two = dataclasses.replace(make_article("second text", "en"), id="abcdef02")
    store.add_articles([one, two])
    with pytest.raises(NotFoundError, match="several"):
        store.get_article("abcdef")
    assert store.get_article("abcdef02") == two


def test_has_articles_handles_more_ids_than_one_query_takes(store, fa_article):
    store.add_articles([fa_article])
    ids = [f"missing-{i}" for i in range(1200)] + [fa_article.id]
    assert store.has_articles(ids) == {fa_article.id}


def test_iter_articles_orders_by_date_then_id_and_filters(store, fa_article, ar_article, en_article):
    undated = make_article("An undated note about the weather.", "en", outlet="example-en")
    store.add_articles([fa_article, undated, ar_article, en_article])
    assert [a.id for a in store.iter_articles()] == [en_article.id, fa_article.id, ar_article.id, undated.id]
    assert [a.id for a in store.iter_articles(lang="en")] == [en_article.id, undated.id]
    assert [a.id for a in store.iter_articles(outlet="example-ar")] == [ar_article.id]
    assert [a.id for a in store.iter_articles(since=dt.date(2025, 12, 7))] == [fa_article.id, ar_article.id]
    assert [a.id for a in store.iter_articles(until=dt.date(2025, 12, 7))] == [en_article.id, fa_article.id]
    assert [a.id for a in store.iter_articles(limit=2, offset=1)] == [fa_article.id, ar_article.id]
    assert store.count_articles(lang="en") == 2
    assert store.count_articles(since=dt.date(2025, 12, 7), until=dt.date(2025, 12, 7)) == 1


def test_failed_batch_stores_nothing_and_keeps_what_was_there(store, fa_article, ar_article, en_article):
    store.add_articles([fa_article])
    broken = dataclasses.replace(en_article, text=None)  # violates NOT NULL half-way through the batch
    with pytest.raises(StoreError):
        store.add_articles([ar_article, broken])
    assert store.count_articles() == 1
    assert store.has_articles([ar_article.id, en_article.id]) == set()
    assert store.search("مسقط") == []  # the index was rolled back too
    assert store.get_article(fa_article.id) == fa_article


def test_transaction_groups_writes_and_rolls_all_back(store, fa_article, ar_article):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add_articles([fa_article])
            store.record_outlet_lines("example-fa", fa_article.id, ["fp1", "fp2"])
            store.set_state("story-index", {"n": 1})
            raise RuntimeError("linking failed")
    assert store.count_articles() == 0
    assert store.outlet_line_counts("example-fa", ["fp1"]) == {}
    assert store.get_state("story-index") is None
    with store.transaction():
        store.add_articles([fa_article])
        with pytest.raises(StoreError):
            with store.transaction():
                store.add_articles([ar_article])
                raise StoreError("inner step failed")
    assert store.has_articles([fa_article.id, ar_article.id]) == {fa_article.id}


def test_update_articles_replaces_annotations(store, fa_article):
    store.add_articles([fa_article])
    linked = dataclasses.replace(
        fa_article, mentions=tuple(dataclasses.replace(m, entity=f"e-{i}") for i, m in enumerate(fa_article.mentions))
    )
    store.update_articles([linked])
    assert store.get_article(fa_article.id) == linked
    with pytest.raises(NotFoundError):
        store.update_articles([make_article("never stored", "en")])


def test_outlet_lines_count_distinct_articles(store):
    store.record_outlet_lines("site", "a1", ["menu", "footer", "menu"])
    store.record_outlet_lines("site", "a2", ["menu"])
    store.record_outlet_lines("site", "a2", ["menu"])
    store.record_outlet_lines("other", "a3", ["menu"])
    assert store.outlet_line_counts("site", ["menu", "footer", "unseen"]) == {"menu": 2, "footer": 1}
    many = [f"fp{i}" for i in range(1500)]
    store.record_outlet_lines("site", "a4", many)
    assert len(store.outlet_line_counts("site", many)) == 1500


def test_entities_upsert_load_and_filter(store, entity_muscat):
    person = Entity("per-1", EntityType.PERSON, "Jane Roe", {"en": ("Jane Roe",), "fa": ("جین رو",)}, ("a1",))
    store.save_entities([entity_muscat, person])
    assert store.get_entity("per-1") == person
    assert [e.id for e in store.load_entities()] == ["loc-muscat", "per-1"]
    assert [e.id for e in store.iter_entities(type=EntityType.PLACE)] == ["loc-muscat"]
    assert [e.id for e in store.iter_entities(lang="ar")] == ["loc-muscat"]
    renamed = dataclasses.replace(person, names={"ar": ("جين رو",)}, articles=("a1", "a2"), roles=("minister",))
    store.save_entities([renamed])
    assert store.get_entity("per-1") == renamed
    assert [e.id for e in store.iter_entities(lang="fa")] == ["loc-muscat"]
    assert [e.id for e in store.iter_entities(lang="ar", type=EntityType.PERSON)] == ["per-1"]
    with pytest.raises(NotFoundError):
        store.get_entity("per-404")


def test_encoded_records_load_in_another_process_as_the_store_reads_them(store, rich_article, fa_article, entity_muscat):
    """What the writer ships to a parallel engine's workers for comparing: the articles in the
    order asked, and a set of entities from which ``linked_entities`` picks what ``entities_of``
    gives (an entity no article of the set mentions may come along; none it mentions is left out)."""
    unrelated = Entity("per-9", EntityType.PERSON, "Jane Roe", {"en": ("Jane Roe",)}, (fa_article.id,))
    store.add_articles([rich_article, fa_article])
    store.save_entities([dataclasses.replace(entity_muscat, articles=(rich_article.id,)), unrelated])
    ids = [fa_article.id, rich_article.id]
    encoded = pickle.loads(pickle.dumps(store.encoded_articles(ids)))
    articles = [e.load() for e in encoded]
    assert articles == [store.get_article(i) for i in ids]
    shipped = pickle.loads(pickle.dumps(store.encoded_entities_of(ids)))
    known = {entity.id: entity for entity in (e.load() for e in shipped)}
    assert set(known) == {"loc-muscat", "per-9"}
    assert linked_entities(articles, known.get) == store.entities_of(articles) == {"loc-muscat": store.get_entity("loc-muscat")}
    assert store.encoded_entities_of([fa_article.id])[0].load() == unrelated
    with pytest.raises(NotFoundError):
        store.encoded_articles([fa_article.id, "0" * 20])


def test_state_holds_json_values(store):
    assert store.get_state("clusters") is None
    store.set_state("clusters", {"window": ["s1", "s2"], "next": 3})
    assert store.get_state("clusters") == {"window": ["s1", "s2"], "next": 3}
    store.set_state("clusters", [1])
    assert store.get_state("clusters") == [1]
    store.set_state("clusters", None)
    assert store.get_state("clusters") is None
    with pytest.raises(StoreError):
        store.set_state("bad", {1, 2})


def test_file_store_persists_uses_wal_and_opens_read_only(db_path, fa_article, entity_muscat):
    with open_store(db_path) as store:
        store.add_articles([fa_article])
        store.save_entities([entity_muscat])
        assert store.schema_version == LATEST
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    with open_store(db_path, readonly=True) as reader:
        assert reader.get_article(fa_article.id) == fa_article
        assert reader.get_entity("loc-muscat") == entity_muscat
        assert reader.search("تهران")[0].article_id == fa_article.id
        with pytest.raises(StoreError, match="read-only"):
            reader.add_articles([make_article("new text here", "en")])
        with pytest.raises(StoreError, match="read-only"):
            reader.set_state("x", 1)


def test_reader_sees_writes_of_an_open_writer(store_location, fa_article, ar_article):
    with open_store(store_location) as writer:
        writer.add_articles([fa_article])
        with open_store(store_location, readonly=True) as reader:
            writer.add_articles([ar_article])
            assert reader.count_articles() == 2


def test_reopened_store_keeps_everything_and_read_only_refuses_writes(store_location, fa_article, entity_muscat):
    with open_store(store_location) as store:
        store.add_articles([fa_article])
        store.save_entities([entity_muscat])
        store.set_state("clusters", {"next": 2})
    with open_store(store_location, readonly=True) as reader:
        assert reader.get_article(fa_article.id[:8]) == fa_article
        assert reader.get_entity("loc-muscat") == entity_muscat
        assert reader.get_state("clusters") == {"next": 2}
        assert reader.search("تهران")[0].article_id == fa_article.id
        for write in (lambda: reader.add_articles([make_article("new text here", "en")]),
                      lambda: reader.set_state("x", 1), lambda: reader.delete_stories(["s1"])):
            with pytest.raises(StoreError, match="read-only"):
                write()


def test_missing_store_read_only_is_a_clear_error(tmp_path):
    path = tmp_path / "nowhere.db"
    with pytest.raises(StoreError, match="no store at"):
        open_store(str(path), readonly=True)
    assert not path.exists()


def test_corrupt_file_names_the_path(tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database at all\n" * 200)
    for readonly in (False, True):
        with pytest.raises(StoreError) as info:
            open_store(str(path), readonly=readonly)
        assert str(path) in str(info.value)


def test_other_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a newsweave store"):
        open_store(str(path))


def test_directory_and_newer_schema_are_refused(tmp_path):
    with pytest.raises(StoreError, match="directory"):
        open_store(str(tmp_path))
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(str(path))


def test_v1_store_is_upgraded_to_the_latest_schema(db_path):
    conn = sqlite3.connect(db_path, isolation_level=None)
    assert migrate(conn, target=1) == 1
    conn.execute(
        "INSERT INTO articles (seq, id, source, outlet, title, published, lang, lang_confidence, text, created,"
        " annotations) VALUES (1, 'old0001', 'old.txt', 'site', 'Old', '2024-05-01', 'en', 0.9,"
        " 'An article stored by the first schema.', '2024-05-01T00:00:00+00:00',"
        " '{\"mentions\": [{\"start\": 3, \"end\": 10, \"text\": \"article\", \"type\": \"ORG\", \"key\": \"article\"}]}')"
    )
    conn.execute("INSERT INTO articles_fts (rowid, title, body, parts) VALUES (1, 'old', 'an article stored by the first schema.', '')")
    conn.close()
    with pytest.raises(StoreError, match="upgrade"):
        open_store(db_path, readonly=True)
    with open_store(db_path) as store:
        assert store.schema_version == LATEST
        old = store.get_article("old0001")
        assert old.published == dt.date(2024, 5, 1)
        assert old.mentions == (Mention(3, 10, "article", EntityType.ORG, "article"),)
        assert store.search("schema")[0].article_id == "old0001"
        store.save_entities([Entity("org-1", EntityType.ORG, "Article Org", {"en": ("article",)}, ("old0001",))])
        store.set_state("upgraded", True)
    with open_store(db_path, readonly=True) as reader:
        assert reader.get_state("upgraded") is True


def test_open_store_location_defaults_and_schemes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open_store(settings=Settings(db="from-settings.db")) as store:
        assert store.location == "from-settings.db"
    assert (tmp_path / "from-settings.db").exists()
    monkeypatch.setenv("NEWSWEAVE_DB", str(tmp_path / "from-env.db"))
    with open_store() as store:
        assert store.location.endswith("from-env.db")
    with open_store(f"sqlite:///{tmp_path / 'url.db'}") as store:
        assert (tmp_path / "url.db").exists()


def test_ids_sort_by_code_point_whatever_the_database_locale(store):
    ids = ["Zeta0001", "alpha001", "émile01", "ب-article", "Alpha002"]
    store.add_articles([dataclasses.replace(make_article(f"text number {i}", "en"), id=i) for i in ids])
    assert [a.id for a in store.iter_articles()] == sorted(ids)
    store.save_entities([Entity(i, EntityType.ORG, i, {"en": (i,)}) for i in ids])
    assert [e.id for e in store.iter_entities()] == sorted(ids)
    assert store.get_article("ب-arti").id == "ب-article"


def test_search_inside_an_open_transaction_keeps_it_usable(store, fa_article, ar_article):
    with store.transaction():
        store.add_articles([fa_article])
        assert store.search("(unbalanced") == []  # not syntax after all: plain words, none found
        assert store.search('"تهران')[0].article_id == fa_article.id
        store.add_articles([ar_article])
    assert store.count_articles() == 2
