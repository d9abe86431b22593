"""ContentStore: typed reads and transactional writes over content.db."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from db.answer_rows import ANSWER_COLUMNS, ANSWER_FIELDS, answers_from_rows, write_answers
from db.content_file import StoreBusy, StoreDamaged, StoreError, connect, store_error
from db.migrations import CONTENT_STEPS, apply_content_migrations
from db.records import Answer, AnswerState, LicenceCount, Synonym, TopicCount

# Opening errors live in db.content_file; they are imported from here everywhere.
__all__ = ["ContentStore", "StoreBusy", "StoreDamaged", "StoreError", "store_error"]

_ANSWER_COLUMN_NAMES = frozenset(ANSWER_FIELDS)
_OUR_TABLES = frozenset({"answers", "topics", "answer_topics", "answer_references", "meta"})
_VERSION_TEXT = re.compile(r"[0-9]{1,18}")


_PUBLISHED_TOPICS = (
    "FROM topics t JOIN answer_topics at ON at.topic_id = t.id "
    "JOIN answers a ON a.id = at.answer_id AND a.status = 'published' GROUP BY t.id"
)


class ContentStore:
    """The answer database. One instance per thread; cheap to open."""

    def __init__(self, path: Path | str, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.conn = connect(self.path, readonly)
        self._savepoints = 0
        try:
            self._check_ours(new_ok=not readonly)
            if not readonly:
                apply_content_migrations(self.conn)
        except sqlite3.Error as exc:
            self.conn.close()
            raise store_error(exc, self.path) from exc
        except StoreError:
            self.conn.close()
            raise

    def _check_ours(self, *, new_ok: bool) -> None:
        """Refuse, in one sentence, a file that is not ours, from a newer app, or whose
        content version is not a number; an empty file is fine when we are creating it."""
        schema = self.conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {
            name
            for (name,) in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if new_ok and not tables:
            return
        if schema > len(CONTENT_STEPS):
            raise StoreError(
                f"{self.path} was made by a newer version of Patient Answers (schema {schema}; "
                f"this version reads up to {len(CONTENT_STEPS)}): update Patient Answers"
            )
        columns = {row[1] for row in self.conn.execute("PRAGMA table_info(answers)")}
        if not (_OUR_TABLES <= tables and _ANSWER_COLUMN_NAMES <= columns):
            raise StoreError(
                f"{self.path} is not a Patient Answers content database: move it away, or "
                "choose another data folder with --data-dir"
            )
        self.content_version()

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> ContentStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[ContentStore]:
        """All writes inside commit together or not at all (nested blocks are savepoints)."""
        if self.conn.in_transaction:
            self._savepoints += 1
            name = f"pa_{self._savepoints}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            self.conn.rollback()
            raise
        self.conn.commit()

    def hold_writes_until_commit(self, wait_seconds: float = 120) -> None:
        """For a long sync transaction: dirty pages stay in memory until COMMIT (so a killed
        transaction leaves the file untouched), and a writer waits out readers."""
        self.conn.execute("PRAGMA cache_spill = OFF")
        self.conn.execute("PRAGMA cache_size = -262144")
        self.conn.execute(f"PRAGMA busy_timeout = {int(wait_seconds * 1000)}")

    @contextmanager
    def unjournaled(self) -> Iterator[ContentStore]:
        """Fast writes with no rollback journal, for a file that is built aside and renamed
        into place only when complete; the journal is back on before the file is used."""
        self.conn.execute("PRAGMA journal_mode = OFF")
        self.conn.execute("PRAGMA synchronous = OFF")
        try:
            yield self
        finally:
            self.conn.execute("PRAGMA journal_mode = DELETE")

    # ---------------------------------------------------------------- reads
    def get_answer(self, answer_id: str) -> Answer | None:
        """One answer by id (withdrawn ones too), or None."""
        row = self.conn.execute(
            f"SELECT {ANSWER_COLUMNS} FROM answers WHERE id = ?", (answer_id,)
        ).fetchone()
        if row is None:
            return None
        return answers_from_rows(self.conn, [row])[0]

    def answers(
        self, ids: Sequence[str] | None = None, *, include_withdrawn: bool = False
    ) -> Iterator[Answer]:
        """Stream answers (all, or the given ids) in id order, in batches."""
        where = "" if include_withdrawn else "WHERE status = 'published'"
        if ids is None:
            cursor = self.conn.execute(f"SELECT {ANSWER_COLUMNS} FROM answers {where} ORDER BY id")
            while batch := cursor.fetchmany(500):
                yield from answers_from_rows(self.conn, batch)
            return
        id_list = list(ids)
        for start in range(0, len(id_list), 500):
            chunk = id_list[start : start + 500]
            marks = ",".join("?" * len(chunk))
            # "+status": look rows up by id (the primary key); without the "+" SQLite walks
            # the status index, i.e. every published answer (~5 ms per search on MedQuAD).
            extra = "" if include_withdrawn else "AND +status = 'published'"
            rows = self.conn.execute(
                f"SELECT {ANSWER_COLUMNS} FROM answers WHERE id IN ({marks}) {extra}", chunk
            ).fetchall()
            by_id = {a.id: a for a in answers_from_rows(self.conn, rows)}
            yield from (by_id[i] for i in chunk if i in by_id)

    def count_answers(self) -> int:
        """Number of published answers."""
        row = self.conn.execute("SELECT count(*) FROM answers WHERE status = 'published'")
        return int(row.fetchone()[0])

    def answer_states(self, ids: Iterable[str]) -> dict[str, AnswerState]:
        """Status and question of those of `ids` that exist (withdrawn ones too)."""
        found: dict[str, AnswerState] = {}
        id_list = list(ids)
        for start in range(0, len(id_list), 500):
            chunk = id_list[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for answer_id, status, question in self.conn.execute(
                f"SELECT id, status, question FROM answers WHERE id IN ({marks})", chunk
            ):
                found[answer_id] = AnswerState(status, question)
        return found

    def licence_counts(self) -> list[LicenceCount]:
        """Licences of published answers, most used first (answers without one left out)."""
        rows = self.conn.execute(
            "SELECT license, source, count(*) FROM answers WHERE status = 'published' "
            "AND license != '' GROUP BY license, source ORDER BY count(*) DESC, source"
        )
        return [LicenceCount(licence, source, count) for licence, source, count in rows]

    def topics(self) -> list[TopicCount]:
        """Topics that hold published answers, with counts, by name."""
        rows = self.conn.execute(
            f"SELECT t.name, count(*) {_PUBLISHED_TOPICS} ORDER BY t.name COLLATE NOCASE"
        )
        return [TopicCount(name, count) for name, count in rows]

    def topic_names(self) -> set[str]:
        """Every topic's name, withdrawn answers' topics too (a build checks them)."""
        return {name for (name,) in self.conn.execute("SELECT name FROM topics")}

    def biggest_topics(self, limit: int) -> tuple[list[TopicCount], int]:
        """The `limit` largest topics (by name) and how many topics there are in all: what
        the start page shows, in one pass and a few rows instead of thousands."""
        rows = self.conn.execute(
            f"SELECT t.name, count(*) AS n, count(*) OVER () {_PUBLISHED_TOPICS} "
            "ORDER BY n DESC, t.name LIMIT ?",
            (limit,),
        ).fetchall()
        total = rows[0][2] if rows else 0
        ordered = sorted(rows, key=lambda row: row[0].casefold())
        return [TopicCount(name, count) for name, count, _ in ordered], total

    def answer_ids_in_topic(self, topic: str, limit: int = 1000) -> list[str]:
        """Ids of published answers in a topic, by question."""
        rows = self.conn.execute(
            "SELECT a.id FROM answers a JOIN answer_topics at ON at.answer_id = a.id "
            "JOIN topics t ON t.id = at.topic_id "
            "WHERE t.name = ? COLLATE NOCASE AND a.status = 'published' "
            "ORDER BY a.question COLLATE NOCASE LIMIT ?",
            (topic, limit),
        )
        return [r[0] for r in rows]

    def recently_reviewed(self, limit: int = 8) -> list[Answer]:
        """The most recently reviewed published answers (start page)."""
        rows = self.conn.execute(
            f"SELECT {ANSWER_COLUMNS} FROM answers WHERE status = 'published' "
            "AND reviewed IS NOT NULL ORDER BY reviewed DESC, id LIMIT ?",
            (limit,),
        ).fetchall()
        return answers_from_rows(self.conn, rows) if rows else []

    def related_ids(self, answer_id: str, limit: int = 5) -> list[str]:
        """Published answers sharing the most topics with this one."""
        rows = self.conn.execute(
            "SELECT other.answer_id, count(*) AS shared FROM answer_topics mine "
            "JOIN answer_topics other ON other.topic_id = mine.topic_id "
            "AND other.answer_id != mine.answer_id "
            "JOIN answers a ON a.id = other.answer_id AND a.status = 'published' "
            "WHERE mine.answer_id = ? GROUP BY other.answer_id "
            "ORDER BY shared DESC, a.reviewed DESC LIMIT ?",
            (answer_id, limit),
        )
        return [r[0] for r in rows]

    def synonyms(self) -> list[Synonym]:
        """All synonym pairs."""
        return [Synonym(*r) for r in self.conn.execute("SELECT term, synonym, kind FROM synonyms")]

    def overview_openings(self, chars: int) -> list[tuple[str, str]]:
        """(subject, first `chars` characters of the body) of every overview answer ("What
        is X?", or of no known kind): where answers give their subject's other names. Only
        overviews are read: half the cost, ~90 % of the names (search.aliases)."""
        rows = self.conn.execute(
            "SELECT focus, substr(body, 1, ?) FROM answers "
            "WHERE focus != '' AND question_type IN ('information', '')",
            (chars,),
        )
        return [(str(subject), str(opening or "")) for subject, opening in rows]

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        """One meta value (content_version, feed, built_at...)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else row[0]

    def all_meta(self) -> dict[str, str]:
        """Every meta value."""
        return dict(self.conn.execute("SELECT key, value FROM meta"))

    def content_version(self) -> int:
        """The installed content version (0 when never set); StoreError when it is not a
        whole number (the file is damaged or not ours)."""
        value = str(self.get_meta("content_version", "0") or "0")
        if not _VERSION_TEXT.fullmatch(value):
            raise StoreError(
                f"{self.path} holds content version {value[:40]!r}, which is not a number: "
                "it is damaged or not ours; run 'patient-answers sync' or 'build' to replace it"
            )
        return int(value)

    # --------------------------------------------------------------- writes
    def upsert_answers(self, answers: Iterable[Answer]) -> int:
        """Insert or replace answers with their topics and references, in one transaction."""
        with self.transaction():
            return write_answers(self.conn, answers)

    # ------------------------------------------------------- reading levels
    def _has_table(self, name: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        return row is not None

    def ungraded_answer_ids(self) -> list[str]:
        """Published answers with no reading grade yet (new or edited since last graded)."""
        rows = self.conn.execute(
            "SELECT a.id FROM answers a LEFT JOIN reading_levels r ON r.answer_id = a.id "
            "WHERE a.status = 'published' AND r.answer_id IS NULL ORDER BY a.id"
        )
        return [r[0] for r in rows]

    def set_reading_grades(self, grades: Mapping[str, float | None]) -> None:
        """Store reading grades by answer id (None: nothing to grade), in one transaction."""
        with self.transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO reading_levels (answer_id, grade) "
                "SELECT ?, ? WHERE EXISTS (SELECT 1 FROM answers WHERE id = ?)",
                [(answer_id, grade, answer_id) for answer_id, grade in grades.items()],
            )

    def reading_grades(self, ids: Sequence[str]) -> dict[str, float]:
        """Stored grades of these answers (answers without one are left out)."""
        result: dict[str, float] = {}
        id_list = list(ids)
        if not self._has_table("reading_levels"):  # an older content.db opened read-only
            return result
        for start in range(0, len(id_list), 500):
            chunk = id_list[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT answer_id, grade FROM reading_levels WHERE answer_id IN ({marks}) "
                "AND grade IS NOT NULL",
                chunk,
            )
            result.update((answer_id, float(grade)) for answer_id, grade in rows)
        return result

    def delete_answers(self, ids: Iterable[str]) -> int:
        """Remove answers (their topics and references go with them)."""
        with self.transaction():
            deleted = 0
            for answer_id in ids:
                deleted += self.conn.execute(
                    "DELETE FROM answers WHERE id = ?", (answer_id,)
                ).rowcount
            self.conn.execute(
                "DELETE FROM topics WHERE id NOT IN (SELECT DISTINCT topic_id FROM answer_topics)"
            )
        return deleted

    def delete_all_answers(self) -> None:
        """Empty the answers and topics (a full snapshot replaces them); synonyms and meta stay."""
        with self.transaction():
            self.conn.execute("DELETE FROM answers")
            self.conn.execute("DELETE FROM topics")

    def replace_synonyms(self, synonyms: Iterable[Synonym]) -> int:
        """Replace the whole synonyms table."""
        rows = {(s.term.strip().lower(), s.synonym.strip().lower()): s.kind for s in synonyms}
        with self.transaction():
            self.conn.execute("DELETE FROM synonyms")
            self.conn.executemany(
                "INSERT INTO synonyms (term, synonym, kind) VALUES (?,?,?)",
                [(t, s, k) for (t, s), k in rows.items() if t and s and t != s],
            )
        return len(rows)

    def set_meta(self, **values: object) -> None:
        """Write meta values (stringified) in one transaction."""
        with self.transaction():
            self.conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [(k, str(v)) for k, v in values.items()],
            )

    def delete_meta(self, key: str) -> None:
        """Remove one meta value (absent keys are fine)."""
        with self.transaction():
            self.conn.execute("DELETE FROM meta WHERE key = ?", (key,))
