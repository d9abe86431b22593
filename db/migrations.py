"""Schema versions of content.db, applied in order by sqlite-utils Migrations.

sqlite-utils takes ~80 ms to import, so the window would pay for it at every start. Once all
migrations are applied we record their count in PRAGMA user_version; an up-to-date database
is then opened without importing sqlite-utils at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any, Protocol


class Executes(Protocol):
    """What a migration step may use: execute(). sqlite-utils' Database has it, and so has a
    plain sqlite3 connection, which runs the steps of a throwaway database without importing
    sqlite-utils."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...


Migration = Callable[[Executes], None]


def apply_migrations(
    conn: sqlite3.Connection,
    set_name: str,
    steps: list[tuple[str, Migration]],
    *,
    throwaway: bool = False,
) -> None:
    """Apply pending steps with sqlite-utils Migrations (skipped when user_version says done).

    A `throwaway` database (in memory, gone when closed) needs no record of what was
    applied: its steps simply run, without importing sqlite-utils.
    """
    if conn.execute("PRAGMA user_version").fetchone()[0] >= len(steps):
        return
    if throwaway:
        for _, step in steps:
            step(conn)
        conn.execute(f"PRAGMA user_version = {len(steps)}")
        conn.commit()
        return
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(set_name)
    for name, step in steps:
        migrations(name=name)(step)
    migrations.apply(Database(conn))
    conn.execute(f"PRAGMA user_version = {len(steps)}")
    conn.commit()


def _initial(db: Executes) -> None:
    """Answers, topics, references, synonyms and meta."""
    db.execute(
        """CREATE TABLE answers (
            id TEXT PRIMARY KEY,
            question TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            confidence TEXT CHECK (confidence IN ('high', 'moderate', 'low')),
            reviewed TEXT,
            language TEXT NOT NULL DEFAULT 'en',
            body TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            source_url TEXT NOT NULL DEFAULT '',
            license TEXT NOT NULL DEFAULT '',
            focus TEXT NOT NULL DEFAULT '',
            question_type TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'published'
                CHECK (status IN ('published', 'withdrawn')),
            revision INTEGER NOT NULL DEFAULT 1,
            asks TEXT NOT NULL DEFAULT '[]'
        )"""
    )
    db.execute("CREATE TABLE topics (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
    db.execute(
        """CREATE TABLE answer_topics (
            answer_id TEXT NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
            topic_id INTEGER NOT NULL REFERENCES topics(id),
            position INTEGER NOT NULL,
            PRIMARY KEY (answer_id, topic_id)
        )"""
    )
    db.execute("CREATE INDEX answer_topics_topic ON answer_topics(topic_id)")
    db.execute(
        """CREATE TABLE answer_references (
            answer_id TEXT NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            text TEXT NOT NULL,
            url TEXT,
            doi TEXT,
            pmid TEXT,
            PRIMARY KEY (answer_id, number)
        )"""
    )
    db.execute(
        """CREATE TABLE synonyms (
            term TEXT NOT NULL,
            synonym TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'lay',
            PRIMARY KEY (term, synonym)
        )"""
    )
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("CREATE INDEX answers_reviewed ON answers(reviewed)")


def _published_index(db: Executes) -> None:
    """Published answers by review date, without reading whole rows. On MedQuAD counting
    them drops from 11 ms to under 1 ms, the topic counts halve, and "recently reviewed"
    (the start page) drops from 10 ms to nothing."""
    db.execute("CREATE INDEX answers_published ON answers(status, reviewed DESC, id)")


def _reading_levels(db: Executes) -> None:
    """Each answer's reading grade (desktop.core.reading_level), computed when content is built
    or synced. Derived data, not part of the answer: a row goes with its answer (cascade) and
    an edited answer is graded again."""
    db.execute(
        """CREATE TABLE reading_levels (
            answer_id TEXT PRIMARY KEY REFERENCES answers(id) ON DELETE CASCADE,
            grade REAL
        )"""
    )


def _glossary(db: Executes) -> None:
    """Plain-words definitions (desktop.core.glossary): `glossary` is derived (rebuilt after
    every build and sync from the content and the reviewed entries); `glossary_feed` holds the
    reviewed entries a feed sent with `{"op": "glossary"}`, which outrank the bundled file."""
    db.execute(
        """CREATE TABLE glossary (
            key TEXT PRIMARY KEY, term TEXT NOT NULL, definition TEXT NOT NULL,
            source TEXT NOT NULL, answer_id TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE glossary_feed (
            key TEXT PRIMARY KEY, term TEXT NOT NULL, definition TEXT NOT NULL,
            source TEXT NOT NULL
        )"""
    )


CONTENT_STEPS: list[tuple[str, Migration]] = [
    ("0001_initial", _initial),
    ("0002_published_index", _published_index),
    ("0003_reading_levels", _reading_levels),
    ("0004_glossary", _glossary),
]


def apply_content_migrations(conn: sqlite3.Connection) -> None:
    """Bring content.db to the current schema."""
    apply_migrations(conn, "patient-answers-content", CONTENT_STEPS)
