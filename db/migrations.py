"""Schema versions of content.db, applied in order by sqlite-utils Migrations."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

content_migrations = Migrations("patient-answers-content")


@content_migrations(name="0001_initial")
def _initial(db: Database) -> None:
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
