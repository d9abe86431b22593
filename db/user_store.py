"""UserStore: one reader's bookmarks, history, recent searches and visit sheet (user.db).

Qt-free. `UserStore.private()` keeps everything in an in-memory SQLite database, so private
and kiosk sessions write nothing to disk (no user.db is even created).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from db.failures import explain_os_error, explain_sqlite_error, is_damage
from db.migrations import apply_migrations
from db.records import Reference
from db.user_schema import USER_STEPS

MEMORY = ":memory:"
HISTORY_LIMIT = 500
SEARCHES_LIMIT = 50


class UserStoreError(Exception):
    """A user database that cannot be opened or written, with a one-line reason."""


class _Damaged(Exception):
    """SQLite's own check found damage in a file it could still open."""


USER_RESET_NOTICE = (
    "Your bookmarks and history were damaged and have been set aside; "
    "new ones are kept from now on."
)


def _set_aside(path: Path) -> Path:
    """Rename a damaged user.db (never delete it: someone may want to recover it)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    path.rename(target)
    for suffix in ("-journal", "-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


@dataclass(frozen=True)
class Bookmark:
    """An answer the reader kept."""

    answer_id: str
    question: str
    added_at: str
    revision: int | None = None
    snapshot: str | None = None


@dataclass(frozen=True)
class HistoryEntry:
    """An answer the reader opened, with the last time they did."""

    answer_id: str
    question: str
    viewed_at: str


@dataclass(frozen=True)
class VisitAnswer:
    """The answer a visit-sheet question came from: title, review date and references."""

    answer_id: str
    question: str
    reviewed: str | None = None
    references: tuple[Reference, ...] = ()
    revision: int | None = None
    snapshot: str | None = None


@dataclass(frozen=True)
class VisitItem:
    """One question to ask at the visit, with the reader's note."""

    id: int
    answer_id: str
    text: str
    note: str
    added_at: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class UserStore:
    """Per-user data. Small and fast; one instance per thread."""

    def __init__(self, path: Path | str = MEMORY) -> None:
        self.path = path if path == MEMORY else Path(path)
        self.in_memory = path == MEMORY
        # where a damaged user.db was moved (the window says so with USER_RESET_NOTICE)
        self.set_aside: Path | None = None
        try:
            try:
                self._open()
            except (sqlite3.DatabaseError, _Damaged) as exc:
                if self.in_memory or not (isinstance(exc, _Damaged) or is_damage(exc)):
                    raise
                if hasattr(self, "conn"):
                    self.conn.close()
                self.set_aside = _set_aside(Path(path))
                self._open()
        except sqlite3.Error as exc:
            raise UserStoreError(f"cannot open {path}: {explain_sqlite_error(exc)}") from exc
        except OSError as exc:
            raise UserStoreError(f"cannot open {path}: {explain_os_error(exc)}") from exc

    def _open(self) -> None:
        """Connect, check the file is whole (it is small: about a millisecond), migrate."""
        if not self.in_memory:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(self.path), check_same_thread=False)
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA busy_timeout = 5000")
        if not self.in_memory and self.conn.execute("PRAGMA quick_check(1)").fetchall() != [
            ("ok",)
        ]:
            raise _Damaged()
        apply_migrations(self.conn, "patient-answers-user", USER_STEPS, throwaway=self.in_memory)

    @classmethod
    def private(cls) -> UserStore:
        """A store that lives in memory only and is gone when closed."""
        return cls(MEMORY)

    def private_copy(self) -> UserStore:
        """An in-memory store holding everything this one holds now (private mode starts from
        the reader's saved answers and writes nothing back)."""
        memory = UserStore.private()
        self.conn.backup(memory.conn)
        return memory

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> UserStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _write(self, sql: str, params: Sequence[object] = ()) -> int:
        """Run one statement in its own transaction; the number of rows changed."""
        with self.conn:
            return self.conn.execute(sql, params).rowcount

    # ------------------------------------------------------------ bookmarks
    def add_bookmark(
        self,
        answer_id: str,
        question: str,
        *,
        revision: int | None = None,
        snapshot: str | None = None,
    ) -> None:
        """Keep an answer (adding twice keeps the first time), with the revision it was saved at
        and a JSON copy of it (`snapshot`) so later updates can be compared with what was kept."""
        self._write(
            "INSERT OR IGNORE INTO bookmarks (answer_id, question, added_at, revision, snapshot) "
            "VALUES (?, ?, ?, ?, ?)",
            (answer_id, question, _now(), revision, snapshot),
        )

    def mark_saved_seen(
        self, answer_id: str, question: str, revision: int, snapshot: str | None
    ) -> int:
        """The reader has seen an updated saved answer: keep its new revision and copy in the
        bookmark and on the visit sheet. Returns how many saved places changed."""
        with self.conn:
            changed = 0
            for table in ("bookmarks", "visit_answers"):
                changed += self.conn.execute(
                    f"UPDATE {table} SET question = ?, revision = ?, snapshot = ? "
                    "WHERE answer_id = ?",
                    (question, revision, snapshot, answer_id),
                ).rowcount
        return changed

    def remove_bookmark(self, answer_id: str) -> bool:
        """Forget a bookmark; True when there was one."""
        return self._write("DELETE FROM bookmarks WHERE answer_id = ?", (answer_id,)) > 0

    def is_bookmarked(self, answer_id: str) -> bool:
        """True when this answer is bookmarked."""
        row = self.conn.execute("SELECT 1 FROM bookmarks WHERE answer_id = ?", (answer_id,))
        return row.fetchone() is not None

    def bookmarks(self) -> list[Bookmark]:
        """Bookmarks, newest first."""
        rows = self.conn.execute(
            "SELECT answer_id, question, added_at, revision, snapshot FROM bookmarks "
            "ORDER BY added_at DESC, rowid DESC"
        )
        return [Bookmark(*r) for r in rows]

    # -------------------------------------------------------------- history
    def record_view(self, answer_id: str, question: str) -> None:
        """Note that an answer was opened now; keeps the newest HISTORY_LIMIT entries."""
        with self.conn:
            self.conn.execute(
                "INSERT INTO history VALUES (?, ?, ?) ON CONFLICT(answer_id) DO UPDATE SET "
                "question = excluded.question, viewed_at = excluded.viewed_at",
                (answer_id, question, _now()),
            )
            self.conn.execute(
                "DELETE FROM history WHERE answer_id NOT IN "
                "(SELECT answer_id FROM history ORDER BY viewed_at DESC LIMIT ?)",
                (HISTORY_LIMIT,),
            )

    def history(self, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
        """Answers opened, most recent first."""
        rows = self.conn.execute("SELECT * FROM history ORDER BY viewed_at DESC LIMIT ?", (limit,))
        return [HistoryEntry(*r) for r in rows]

    def add_search(self, query: str) -> None:
        """Remember a search the reader made (blank ones are ignored)."""
        query = " ".join(query.split())
        if not query:
            return
        with self.conn:
            self.conn.execute(
                "INSERT INTO searches VALUES (?, ?) ON CONFLICT(query) DO UPDATE SET "
                "searched_at = excluded.searched_at",
                (query, _now()),
            )
            self.conn.execute(
                "DELETE FROM searches WHERE query NOT IN "
                "(SELECT query FROM searches ORDER BY searched_at DESC LIMIT ?)",
                (SEARCHES_LIMIT,),
            )

    def recent_searches(self, limit: int = 10) -> list[str]:
        """Searches made, most recent first."""
        rows = self.conn.execute(
            "SELECT query FROM searches ORDER BY searched_at DESC LIMIT ?", (limit,)
        )
        return [r[0] for r in rows]

    def clear_history(self) -> None:
        """Forget every answer opened and every search made."""
        with self.conn:
            self.conn.execute("DELETE FROM history")
            self.conn.execute("DELETE FROM searches")
        if not self.in_memory:
            self.conn.execute("VACUUM")  # leave no readable trace in free pages

    # ---------------------------------------------------------- visit sheet
    def add_visit_item(self, answer: VisitAnswer, text: str) -> VisitItem:
        """Add a question from an answer to the visit sheet (adding it again changes nothing)."""
        refs = json.dumps([vars(r) for r in answer.references], ensure_ascii=False)
        with self.conn:
            self.conn.execute(
                "INSERT INTO visit_answers (answer_id, question, reviewed, refs, revision, "
                "snapshot) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(answer_id) DO UPDATE "
                "SET question = excluded.question, reviewed = excluded.reviewed, "
                "refs = excluded.refs, revision = coalesce(excluded.revision, revision), "
                "snapshot = coalesce(excluded.snapshot, snapshot)",
                (
                    answer.answer_id,
                    answer.question,
                    answer.reviewed,
                    refs,
                    answer.revision,
                    answer.snapshot,
                ),
            )
            self.conn.execute(
                "INSERT OR IGNORE INTO visit_items (answer_id, text, added_at) VALUES (?, ?, ?)",
                (answer.answer_id, text, _now()),
            )
        row = self.conn.execute(
            "SELECT id, answer_id, text, note, added_at FROM visit_items "
            "WHERE answer_id = ? AND text = ?",
            (answer.answer_id, text),
        ).fetchone()
        return VisitItem(*row)

    def visit_items(self) -> list[VisitItem]:
        """Every question on the sheet, in the order they were added."""
        rows = self.conn.execute(
            "SELECT id, answer_id, text, note, added_at FROM visit_items ORDER BY id"
        )
        return [VisitItem(*r) for r in rows]

    def visit_answers(self) -> list[VisitAnswer]:
        """The answers the sheet's questions come from, in the order first used."""
        rows = self.conn.execute(
            "SELECT a.answer_id, a.question, a.reviewed, a.refs, a.revision, a.snapshot "
            "FROM visit_answers a "
            "JOIN (SELECT answer_id, min(id) AS first FROM visit_items GROUP BY answer_id) i "
            "ON i.answer_id = a.answer_id ORDER BY i.first"
        )
        return [
            VisitAnswer(
                aid,
                question,
                reviewed,
                tuple(Reference(**r) for r in json.loads(refs or "[]")),
                revision,
                snapshot,
            )
            for aid, question, reviewed, refs, revision, snapshot in rows
        ]

    def remove_visit_answer(self, answer_id: str) -> int:
        """Take every question of one answer off the sheet; how many were removed."""
        with self.conn:
            removed = self.conn.execute(
                "DELETE FROM visit_items WHERE answer_id = ?", (answer_id,)
            ).rowcount
            self._drop_unused_visit_answers()
        return removed

    def set_item_note(self, item_id: int, note: str) -> None:
        """Replace the note written under one question."""
        self._write("UPDATE visit_items SET note = ? WHERE id = ?", (note, item_id))

    def remove_visit_item(self, item_id: int) -> None:
        """Take one question off the sheet (its answer goes when it has no questions left)."""
        with self.conn:
            self.conn.execute("DELETE FROM visit_items WHERE id = ?", (item_id,))
            self._drop_unused_visit_answers()

    def clear_visit_sheet(self) -> None:
        """Empty the sheet, notes included."""
        with self.conn:
            self.conn.execute("DELETE FROM visit_items")
            self._drop_unused_visit_answers()
            self.conn.execute("DELETE FROM user_meta WHERE key = 'visit_note'")

    def _drop_unused_visit_answers(self) -> None:
        self.conn.execute(
            "DELETE FROM visit_answers WHERE answer_id NOT IN (SELECT answer_id FROM visit_items)"
        )

    def visit_note(self) -> str:
        """The sheet's general note ("other things to mention")."""
        row = self.conn.execute("SELECT value FROM user_meta WHERE key = 'visit_note'").fetchone()
        return row[0] if row else ""

    def set_visit_note(self, note: str) -> None:
        """Replace the sheet's general note."""
        self._write(
            "INSERT INTO user_meta VALUES ('visit_note', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (note,),
        )
