"""UserStore: bookmarks, history, searches and the visit sheet, on disk and in memory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from db.records import Reference
from db.user_store import HISTORY_LIMIT, UserStore, UserStoreError, VisitAnswer

REFS = (
    Reference(1, "NCI. CAR T cells.", url="https://www.cancer.gov"),
    Reference(2, "A trial. doi:10.1/x", doi="10.1/x", pmid="123"),
)


@pytest.fixture(params=["file", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> UserStore:
    """A user store of each kind."""
    s = UserStore(tmp_path / "user.db") if request.param == "file" else UserStore.private()
    yield s
    s.close()


def test_bookmarks_add_list_remove(store: UserStore) -> None:
    store.add_bookmark("a", "Question A?")
    store.add_bookmark("b", "Question B?")
    store.add_bookmark("a", "Question A again?")
    assert [b.answer_id for b in store.bookmarks()] == ["b", "a"]
    assert store.bookmarks()[1].question == "Question A?"
    assert store.is_bookmarked("a") and not store.is_bookmarked("c")
    assert store.remove_bookmark("a") is True
    assert store.remove_bookmark("a") is False
    assert [b.answer_id for b in store.bookmarks()] == ["b"]


def test_history_keeps_one_row_per_answer_newest_first(store: UserStore) -> None:
    store.record_view("a", "A?")
    store.record_view("b", "B?")
    store.record_view("a", "A (new title)?")
    entries = store.history()
    assert [e.answer_id for e in entries] == ["a", "b"]
    assert entries[0].question == "A (new title)?"


def test_history_is_capped(store: UserStore) -> None:
    for n in range(HISTORY_LIMIT + 5):
        store.record_view(f"id{n}", "Q")
    entries = store.history(limit=10_000)
    assert len(entries) == HISTORY_LIMIT
    assert entries[0].answer_id == f"id{HISTORY_LIMIT + 4}"


def test_searches_are_normalised_deduplicated_and_cleared_with_history(store: UserStore) -> None:
    store.add_search("  heart   attack ")
    store.add_search("asthma")
    store.add_search("heart attack")
    store.add_search("   ")
    assert store.recent_searches() == ["heart attack", "asthma"]
    store.record_view("a", "A?")
    store.clear_history()
    assert store.history() == [] and store.recent_searches() == []


def test_clear_history_stays_cleared_after_reopening(tmp_path: Path) -> None:
    with UserStore(tmp_path / "user.db") as s:
        s.record_view("a", "A secret question?")
        s.add_search("secret search")
        s.clear_history()
    with UserStore(tmp_path / "user.db") as s:
        assert s.history() == [] and s.recent_searches() == []
    assert b"secret" not in (tmp_path / "user.db").read_bytes()


def test_visit_sheet_groups_questions_by_answer_with_references(store: UserStore) -> None:
    psma = VisitAnswer("psma", "PSMA CAR-T?", "2026-05-12", REFS)
    statins = VisitAnswer("statins", "Statins and muscle pain?", "2024-01-02")
    first = store.add_visit_item(psma, "Can I join a trial?")
    store.add_visit_item(statins, "Should I stop my statin?")
    store.add_visit_item(psma, "What are the side effects?")
    again = store.add_visit_item(psma, "Can I join a trial?")
    assert again.id == first.id
    assert [i.text for i in store.visit_items()] == [
        "Can I join a trial?",
        "Should I stop my statin?",
        "What are the side effects?",
    ]
    answers = store.visit_answers()
    assert [a.answer_id for a in answers] == ["psma", "statins"]
    assert answers[0] == psma
    assert answers[1].references == ()


def test_visit_notes_removal_and_clear(store: UserStore) -> None:
    item = store.add_visit_item(VisitAnswer("a", "A?"), "Ask this?")
    other = store.add_visit_item(VisitAnswer("b", "B?"), "And this?")
    store.set_item_note(item.id, "Bring my list of medicines")
    store.set_visit_note("Feeling tired since March")
    assert store.visit_items()[0].note == "Bring my list of medicines"
    assert store.visit_note() == "Feeling tired since March"
    store.remove_visit_item(other.id)
    assert [a.answer_id for a in store.visit_answers()] == ["a"]
    store.clear_visit_sheet()
    assert store.visit_items() == [] and store.visit_answers() == [] and store.visit_note() == ""


def test_data_survives_reopening(tmp_path: Path) -> None:
    with UserStore(tmp_path / "user.db") as s:
        s.add_bookmark("a", "A?")
        s.add_visit_item(VisitAnswer("a", "A?", None, REFS), "Ask?")
    with UserStore(tmp_path / "user.db") as s:
        assert [b.answer_id for b in s.bookmarks()] == ["a"]
        assert s.visit_answers()[0].references == REFS
        applied = s.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid").fetchall()
        assert applied == [("0001_initial",), ("0002_saved_revisions",)]
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == 2


def test_private_store_creates_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with UserStore.private() as s:
        s.add_bookmark("a", "A?")
        s.record_view("a", "A?")
        assert s.in_memory
    assert list(tmp_path.iterdir()) == []


def test_unwritable_location_raises_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(UserStoreError, match="cannot open"):
        UserStore(blocker / "user.db")


def _damage(path: Path, header: bool) -> bytes:
    with open(path, "r+b") as handle:
        if header:
            handle.write(os.urandom(100))
        else:
            size = handle.seek(0, os.SEEK_END)
            handle.seek(4096)
            handle.write(os.urandom(size - 4096))
    return path.read_bytes()


@pytest.mark.parametrize("header", [True, False], ids=["header", "pages"])
def test_a_damaged_user_db_is_set_aside_and_a_new_one_used(tmp_path: Path, header: bool) -> None:
    path = tmp_path / "user.db"
    with UserStore(path) as store:
        for n in range(200):  # several pages, so damage past the first page is real damage
            store.add_bookmark(f"answer-{n}", "A question " * 20)
        assert store.set_aside is None
    damaged = _damage(path, header)
    with UserStore(path) as store:
        assert store.set_aside is not None and store.set_aside.read_bytes() == damaged
        assert store.bookmarks() == []
        store.add_bookmark("asthma", "Asthma?")
        assert [b.answer_id for b in store.bookmarks()] == ["asthma"]
    with UserStore(path) as store:  # the new file is whole: nothing more is set aside
        assert store.set_aside is None
    assert len(list(tmp_path.glob("user.db.damaged-*"))) == 1


def test_a_user_db_that_cannot_be_read_is_an_error_not_a_reset(tmp_path: Path) -> None:
    folder = tmp_path / "is-a-file"
    folder.write_text("x", encoding="utf-8")
    with pytest.raises(UserStoreError):
        UserStore(folder / "user.db")
    assert folder.read_text(encoding="utf-8") == "x"
