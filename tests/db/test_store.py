"""ContentStore on real SQLite files: writes, reads, transactions, read-only opens."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db.answer_rules import validate_answer
from db.migrations import CONTENT_STEPS, apply_migrations
from db.records import Answer, Reference, Synonym
from db.store import ContentStore, StoreBusy, StoreDamaged, StoreError, store_error


def _answer(answer_id: str, topics: tuple[str, ...] = ("Heart",), **kw: object) -> Answer:
    base = dict(
        id=answer_id,
        question=f"Question {answer_id}?",
        summary="Short.",
        body="## A\nText [1].\n",
        topics=topics,
        references=(Reference(1, "NHS. Heart attack.", url="https://www.nhs.uk/"),),
        reviewed="2025-01-02",
        confidence="high",
    )
    base.update(kw)
    return Answer(**base)  # type: ignore[arg-type]


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    a = _answer(
        "a1",
        topics=("Heart", "Diabetes"),
        asks=("Ask this?",),
        source="S",
        source_url="https://example.org",
        license="CC BY 4.0",
        focus="F",
        question_type="t",
        revision=3,
    )
    with ContentStore(tmp_path / "c.db") as store:
        store.upsert_answers([a])
        assert store.get_answer("a1") == a
        assert store.get_answer("missing") is None


def test_topics_counts_and_related(tmp_path: Path) -> None:
    with ContentStore(tmp_path / "c.db") as store:
        store.upsert_answers(
            [
                _answer("a", ("Heart", "Diabetes")),
                _answer("b", ("Heart",)),
                _answer("c", ("Sleep",)),
                _answer("w", ("Heart",), status="withdrawn"),
            ]
        )
        assert [(t.name, t.count) for t in store.topics()] == [
            ("Diabetes", 1),
            ("Heart", 2),
            ("Sleep", 1),
        ]
        assert store.related_ids("a") == ["b"]
        assert store.count_answers() == 3
        assert store.answer_ids_in_topic("Heart") == ["a", "b"]
        biggest, total = store.biggest_topics(2)  # withdrawn answers do not count
        assert [(t.name, t.count) for t in biggest] == [("Diabetes", 1), ("Heart", 2)]
        assert total == 3
        assert store.biggest_topics(10) == (store.topics(), 3)


def test_upsert_replaces_and_delete_cascades(tmp_path: Path) -> None:
    with ContentStore(tmp_path / "c.db") as store:
        store.upsert_answers([_answer("a")])
        store.upsert_answers([_answer("a", ("Lungs",), question="New?")])
        got = store.get_answer("a")
        assert got is not None and got.question == "New?" and got.topics == ("Lungs",)
        assert store.delete_answers(["a"]) == 1
        assert store.conn.execute("SELECT count(*) FROM answer_references").fetchone()[0] == 0
        assert store.topics() == []


def test_failed_write_rolls_back_everything(tmp_path: Path) -> None:
    with ContentStore(tmp_path / "c.db") as store:
        store.upsert_answers([_answer("keep")])
        bad = _answer("bad", confidence="certain")  # violates the CHECK constraint
        with pytest.raises(sqlite3.IntegrityError):
            store.upsert_answers([_answer("new"), bad])
        assert [a.id for a in store.answers()] == ["keep"]


def test_foreign_keys_are_on(tmp_path: Path) -> None:
    with ContentStore(tmp_path / "c.db") as store:
        with pytest.raises(sqlite3.IntegrityError):
            store.conn.execute("INSERT INTO answer_topics VALUES ('ghost', 1, 0)")


def test_meta_synonyms_and_readonly(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with ContentStore(path) as store:
        store.set_meta(content_version=4, feed="local")
        store.replace_synonyms([Synonym("Heart Attack", "myocardial infarction", "lay")])
    with ContentStore(path, readonly=True) as ro:
        assert ro.content_version() == 4
        assert ro.synonyms() == [Synonym("heart attack", "myocardial infarction", "lay")]
        with pytest.raises(sqlite3.OperationalError):
            ro.set_meta(content_version=5)


def test_readonly_open_of_missing_or_foreign_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no content database"):
        ContentStore(tmp_path / "nope.db", readonly=True)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(StoreError, match="not a Patient Answers"):
        ContentStore(other, readonly=True)


def test_validate_answer_names_problems() -> None:
    assert validate_answer(_answer("ok")) == []
    problems = validate_answer(_answer("bad id!", question=" ", summary="", body=" "))
    assert any("id" in p for p in problems) and any("question" in p for p in problems)
    assert any("empty" in p for p in problems)


def test_dict_round_trip_and_unknown_fields() -> None:
    a = _answer("x", asks=("Q?",))
    assert Answer.from_dict(a.to_dict()) == a
    with pytest.raises(ValueError, match="unknown field"):
        Answer.from_dict({**a.to_dict(), "colour": "red"})


def test_readonly_open_rolls_back_a_writer_killed_mid_commit(tmp_path: Path) -> None:
    """Copy the files of a transaction in flight: that is what a SIGKILL leaves on disk."""
    import shutil

    live = tmp_path / "live"
    live.mkdir()
    with ContentStore(live / "c.db") as store:
        store.upsert_answers([_answer(f"a{i}", body="x" * 2000) for i in range(200)])
        store.set_meta(content_version=1)
    writer = sqlite3.connect(live / "c.db")
    writer.execute("PRAGMA cache_size = 1")  # force pages out to the file before COMMIT
    writer.execute("BEGIN")
    writer.execute("UPDATE answers SET body = ? ", ("changed " * 500,))
    writer.execute("UPDATE meta SET value = '2' WHERE key = 'content_version'")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for name in ("c.db", "c.db-journal"):
        shutil.copyfile(live / name, crashed / name)
    writer.rollback()
    writer.close()
    assert (crashed / "c.db-journal").stat().st_size > 0
    with ContentStore(crashed / "c.db", readonly=True) as store:
        assert store.content_version() == 1
        answer = store.get_answer("a7")
        assert answer is not None and answer.body == "x" * 2000


def test_migrations_are_recorded_and_skipped_once_applied(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with ContentStore(path) as store:
        applied = store.conn.execute("SELECT name FROM _sqlite_migrations").fetchall()
        assert applied == [(name,) for name, _ in CONTENT_STEPS]
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(CONTENT_STEPS)
    with ContentStore(path) as store:  # second open: nothing applied twice
        assert store.conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(
            CONTENT_STEPS
        )


def test_a_database_of_the_first_schema_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    conn = sqlite3.connect(path)
    apply_migrations(conn, "patient-answers-content", CONTENT_STEPS[:1])
    conn.execute("INSERT INTO answers (id, question) VALUES ('a1', 'Old answer?')")
    conn.commit()
    conn.close()
    with ContentStore(path) as store:
        assert store.count_answers() == 1
        plan = store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM answers WHERE status = 'published'"
        ).fetchall()
        assert "answers_published" in str(plan)
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(CONTENT_STEPS)


def test_nested_transactions_roll_back_only_the_inner_part(tmp_path: Path) -> None:
    with ContentStore(tmp_path / "c.db") as store:
        with store.transaction():
            store.upsert_answers([_answer("outer")])
            with pytest.raises(RuntimeError), store.transaction():
                store.upsert_answers([_answer("inner")])
                raise RuntimeError("inner fails")
        assert [a.id for a in store.answers()] == ["outer"]


def _filled(tmp_path: Path) -> Path:
    path = tmp_path / "content.db"
    with ContentStore(path) as store:
        store.upsert_answers([_answer("a1")])
        store.set_meta(content_version=3)
    return path


def test_refusals_say_what_is_wrong_without_calling_it_damage(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(CONTENT_STEPS) + 5}")
    conn.commit()
    with pytest.raises(StoreError, match="newer version of Patient Answers") as newer:
        ContentStore(path, readonly=True)
    with pytest.raises(StoreError, match="newer version"):
        ContentStore(path)  # nor written by an older app
    conn.execute(f"PRAGMA user_version = {len(CONTENT_STEPS)}")
    conn.execute("UPDATE meta SET value = '3.5' WHERE key = 'content_version'")
    conn.commit()
    with pytest.raises(StoreError, match="not a number") as wordy:
        ContentStore(path, readonly=True)
    conn.execute("UPDATE meta SET value = '3' WHERE key = 'content_version'")
    conn.execute("UPDATE answers SET asks = '{not json'")
    conn.commit()
    conn.close()
    with ContentStore(path, readonly=True) as store:  # derived from the body: reads as none
        answer = store.get_answer("a1")
        assert answer is not None and answer.asks == ()
    for caught in (newer, wordy):
        assert not isinstance(caught.value, StoreDamaged)


def test_a_table_named_answers_is_not_enough(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE answers (id TEXT, question TEXT)")
    conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a Patient Answers content database"):
        ContentStore(path, readonly=True)
    with pytest.raises(StoreError, match="not a Patient Answers content database"):
        ContentStore(path)


def test_damage_and_busy_are_told_apart(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA busy_timeout = 0")
        with pytest.raises(sqlite3.OperationalError) as locked:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.close()
        assert isinstance(store_error(locked.value, path), StoreBusy)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with open(path, "r+b") as handle:
        handle.write(b"\x00" * 100)
    with pytest.raises(StoreDamaged, match="damaged"):
        ContentStore(path, readonly=True)


def test_an_unreadable_path_is_not_called_damaged(tmp_path: Path) -> None:
    folder = tmp_path / "a-file"
    folder.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        ContentStore(folder / "content.db", readonly=True)
    assert not isinstance(caught.value, StoreDamaged)
    assert "damaged" not in str(caught.value)
