"""The glossary tables of content.db (db layer: the SQL lives here; see desktop.core.glossary)."""

from __future__ import annotations

from collections.abc import Iterable

from db.records import GlossaryEntry
from db.store import ContentStore

_COLUMNS = "term, definition, source, answer_id"


def _has_table(store: ContentStore, name: str) -> bool:
    row = store.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


def replace_glossary(store: ContentStore, entries: Iterable[GlossaryEntry]) -> int:
    """Put a freshly built glossary in place of the old one, in one transaction."""
    rows = [(e.key, e.term, e.definition, e.source, e.answer_id) for e in entries]
    with store.transaction():
        store.conn.execute("DELETE FROM glossary")
        store.conn.executemany(
            f"INSERT OR REPLACE INTO glossary (key, {_COLUMNS}) VALUES (?, ?, ?, ?, ?)", rows
        )
    return len(rows)


def glossary_entries(store: ContentStore) -> list[GlossaryEntry]:
    """Every defined term, by key ([] for a content.db made before glossaries)."""
    if not _has_table(store, "glossary"):
        return []
    rows = store.conn.execute(f"SELECT {_COLUMNS} FROM glossary ORDER BY key")
    return [GlossaryEntry(*row) for row in rows]


def glossary_entry(store: ContentStore, key: str) -> GlossaryEntry | None:
    """One term's definition by its key, or None."""
    if not _has_table(store, "glossary"):
        return None
    row = store.conn.execute(f"SELECT {_COLUMNS} FROM glossary WHERE key = ?", (key,)).fetchone()
    return None if row is None else GlossaryEntry(*row)


def upsert_feed_glossary(store: ContentStore, entries: Iterable[GlossaryEntry]) -> int:
    """Reviewed entries sent by a feed (`{"op": "glossary"}`); they outrank the bundled file."""
    rows = [(e.key, e.term, e.definition, e.source) for e in entries]
    store.conn.executemany(
        "INSERT OR REPLACE INTO glossary_feed (key, term, definition, source) VALUES (?, ?, ?, ?)",
        rows,
    )
    return len(rows)


def replace_feed_glossary(store: ContentStore, entries: Iterable[GlossaryEntry]) -> int:
    """The reviewed entries a feed sent replace the ones it sent before (inside the caller's
    transaction: a sync applies them with its answers)."""
    store.conn.execute("DELETE FROM glossary_feed")
    return upsert_feed_glossary(store, entries)


def feed_glossary(store: ContentStore) -> list[GlossaryEntry]:
    """The reviewed entries feeds have sent."""
    if not _has_table(store, "glossary_feed"):
        return []
    rows = store.conn.execute("SELECT term, definition, source FROM glossary_feed ORDER BY key")
    return [GlossaryEntry(*row) for row in rows]


def what_is_answer_ids(store: ContentStore) -> list[str]:
    """Published answers asking "What is/are ...?": the ones a definition can come from."""
    rows = store.conn.execute(
        "SELECT id FROM answers WHERE status = 'published' AND "
        "(question LIKE 'what is %' OR question LIKE 'what are %') ORDER BY id"
    )
    return [row[0] for row in rows]
