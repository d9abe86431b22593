"""Merging a saved-answers backup into a reader's user.db (db layer: the SQL lives here)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from db.user_store import Bookmark, UserStore, VisitAnswer, VisitItem


def merge_saved(
    user: UserStore,
    bookmarks: Sequence[Bookmark],
    visit_answers: Sequence[VisitAnswer],
    items: Sequence[VisitItem],
    note: str,
) -> tuple[int, int]:
    """Merge a backup in one transaction: what is already here wins, nothing is removed.

    Returns (bookmarks added, visit-sheet questions added). Items' `id` is ignored.
    """
    with user.conn:
        added_bookmarks = 0
        for b in bookmarks:
            added_bookmarks += user.conn.execute(
                "INSERT OR IGNORE INTO bookmarks (answer_id, question, added_at, revision, "
                "snapshot) VALUES (?, ?, ?, ?, ?)",
                (b.answer_id, b.question, b.added_at, b.revision, b.snapshot),
            ).rowcount
        for a in visit_answers:
            refs = json.dumps([vars(r) for r in a.references], ensure_ascii=False)
            user.conn.execute(
                "INSERT OR IGNORE INTO visit_answers (answer_id, question, reviewed, refs, "
                "revision, snapshot) VALUES (?, ?, ?, ?, ?, ?)",
                (a.answer_id, a.question, a.reviewed, refs, a.revision, a.snapshot),
            )
        added_items = 0
        for item in items:
            added_items += user.conn.execute(
                "INSERT OR IGNORE INTO visit_items (answer_id, text, note, added_at) "
                "VALUES (?, ?, ?, ?)",
                (item.answer_id, item.text, item.note, item.added_at),
            ).rowcount
        user.conn.execute(
            "DELETE FROM visit_answers WHERE answer_id NOT IN (SELECT answer_id FROM visit_items)"
        )
        mine = user.conn.execute("SELECT value FROM user_meta WHERE key = 'visit_note'").fetchone()
        current = mine[0] if mine else ""
        if note.strip() and note.strip() not in current:
            merged = f"{current}\n{note}".strip() if current else note
            user.conn.execute(
                "INSERT INTO user_meta VALUES ('visit_note', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (merged,),
            )
    return added_bookmarks, added_items
