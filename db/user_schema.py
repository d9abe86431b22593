"""Schema versions of user.db (bookmarks, history, recent searches, visit sheet), applied in
order by db.migrations; append new steps at the end, never edit one that has shipped."""

from __future__ import annotations

from db.migrations import Executes, Migration


def _initial(db: Executes) -> None:
    """Bookmarks, history, recent searches, visit sheet answers/items and small values."""
    db.execute(
        """CREATE TABLE bookmarks (
            answer_id TEXT PRIMARY KEY, question TEXT NOT NULL, added_at TEXT NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE history (
            answer_id TEXT PRIMARY KEY, question TEXT NOT NULL, viewed_at TEXT NOT NULL)"""
    )
    db.execute("CREATE INDEX history_viewed ON history(viewed_at)")
    db.execute("CREATE TABLE searches (query TEXT PRIMARY KEY, searched_at TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE visit_answers (
            answer_id TEXT PRIMARY KEY, question TEXT NOT NULL, reviewed TEXT,
            refs TEXT NOT NULL DEFAULT '[]')"""
    )
    db.execute(
        """CREATE TABLE visit_items (
            id INTEGER PRIMARY KEY,
            answer_id TEXT NOT NULL REFERENCES visit_answers(answer_id) ON DELETE CASCADE,
            text TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', added_at TEXT NOT NULL,
            UNIQUE (answer_id, text))"""
    )
    db.execute("CREATE TABLE user_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def _saved_revisions(db: Executes) -> None:
    """Saved answers remember the revision they were saved at and a copy of the answer, so a
    later update can say "Updated since you saved it" (and show what changed) and a withdrawn
    answer stays readable in the form the reader kept."""
    for table in ("bookmarks", "visit_answers"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN revision INTEGER")
        db.execute(f"ALTER TABLE {table} ADD COLUMN snapshot TEXT")


USER_STEPS: list[tuple[str, Migration]] = [
    ("0001_initial", _initial),
    ("0002_saved_revisions", _saved_revisions),
]
