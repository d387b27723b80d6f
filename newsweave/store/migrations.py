"""SQLite schema as an ordered list of migrations; ``PRAGMA user_version`` says how many ran.

Each migration runs in its own transaction together with the version bump, so a store is
always at exactly one version. Never edit a released migration: append a new one.
"""

from __future__ import annotations

import sqlite3
from typing import Callable, Sequence

Migration = Sequence[str] | Callable[[sqlite3.Connection], None]

_V1_ARTICLES = (
    """CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        outlet TEXT,
        title TEXT,
        published TEXT,
        lang TEXT NOT NULL,
        lang_confidence REAL NOT NULL,
        text TEXT NOT NULL,
        created TEXT NOT NULL,
        annotations TEXT NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX articles_by_published ON articles(published, id)",
    "CREATE INDEX articles_by_lang ON articles(lang, published)",
    "CREATE INDEX articles_by_outlet ON articles(outlet, published)",
    # Contentless: the index holds match keys of title and text, and the pieces of their
    # ZWNJ-joined words (parts); rowid = articles.seq.
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, parts, content='', tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TABLE outlet_lines (
        outlet TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        article TEXT NOT NULL,
        PRIMARY KEY (outlet, fingerprint, article)
    ) WITHOUT ROWID""",
)

_V2_ENTITIES = (
    """CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        label TEXT NOT NULL,
        data TEXT NOT NULL
    )""",
    "CREATE INDEX entities_by_type ON entities(type)",
    """CREATE TABLE entity_names (
        entity TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        lang TEXT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (entity, lang, name)
    ) WITHOUT ROWID""",
    "CREATE INDEX entity_names_by_lang ON entity_names(lang, entity)",
    """CREATE TABLE entity_articles (
        entity TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        article TEXT NOT NULL,
        PRIMARY KEY (entity, article)
    ) WITHOUT ROWID""",
    "CREATE INDEX entity_articles_by_article ON entity_articles(article)",
    """CREATE TABLE state (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
)

_V3_STORIES = (
    # A story's record is codec JSON in ``data``; what one filters on is in real columns.
    """CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        start TEXT,
        "end" TEXT,
        storyline TEXT,
        data TEXT NOT NULL
    )""",
    "CREATE INDEX stories_by_start ON stories(start, id)",
    "CREATE INDEX stories_by_storyline ON stories(storyline)",
    """CREATE TABLE story_articles (
        article TEXT PRIMARY KEY,
        story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE
    ) WITHOUT ROWID""",
    "CREATE INDEX story_articles_by_story ON story_articles(story)",
    """CREATE TABLE storylines (
        id TEXT PRIMARY KEY,
        start TEXT,
        "end" TEXT,
        data TEXT NOT NULL
    )""",
    "CREATE INDEX storylines_by_start ON storylines(start, id)",
    # Clustering features per article (day = proleptic ordinal), so a restart reloads the
    # active window without re-reading article texts.
    """CREATE TABLE story_features (
        article TEXT PRIMARY KEY,
        day INTEGER,
        data TEXT NOT NULL
    ) WITHOUT ROWID""",
    "CREATE INDEX story_features_by_day ON story_features(day)",
)

MIGRATIONS: tuple[Migration, ...] = (_V1_ARTICLES, _V2_ENTITIES, _V3_STORIES)
LATEST = len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Run the pending migrations up to ``target``; the connection must be in autocommit mode."""
    version = current_version(conn)
    for number in range(version + 1, target + 1):
        step = MIGRATIONS[number - 1]
        conn.execute("BEGIN IMMEDIATE")
        try:
            if callable(step):
                step(conn)
            else:
                for statement in step:
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        version = number
    return version
