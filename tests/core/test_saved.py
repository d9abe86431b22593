"""Saved answers: states against installed content, readable changes, backup and restore."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db.records import Answer
from db.store import ContentStore
from db.user_store import Bookmark, UserStore, VisitAnswer
from desktop.core import saved
from desktop.core.paths import DataDir
from desktop.core.saved_backup import BackupError, export_saved, import_saved
from desktop.core.saved_diff import ChangeKind, answer_changes, changes_html, plain_sentences

BODY = """## What it is

Fever is a **high temperature** [1]. Most fevers pass in a few days [2].

- Give fluids.
- Rest.

## References

1. NHS. High temperature (fever) in children.
2. NICE NG143.
"""


def answer(**changes: object) -> Answer:
    base = Answer(id="fever", question="What is a fever?", summary="A short summary.", body=BODY)
    return base.with_changes(**changes)


def test_status_compares_saved_revision_with_installed_content() -> None:
    assert saved.status_of(1, answer(revision=1)) is saved.SavedStatus.CURRENT
    assert saved.status_of(1, answer(revision=2)) is saved.SavedStatus.CHANGED
    assert saved.status_of(1, answer(status="withdrawn")) is saved.SavedStatus.WITHDRAWN
    assert saved.status_of(1, None) is saved.SavedStatus.WITHDRAWN  # id gone from a rebuild
    assert saved.status_of(None, answer(revision=5)) is saved.SavedStatus.CURRENT  # saved before


def test_changes_are_sentences_without_markdown() -> None:
    new_body = BODY.replace("Most fevers pass in a few days [2].", "See a GP after 5 days [2].")
    changes = answer_changes(answer(), answer(body=new_body, summary="A new summary."))
    by_part = {c.part: c for c in changes}
    assert set(by_part) == {"Summary", "What it is"}
    part = by_part["What it is"]
    assert part.kind is ChangeKind.CHANGED
    assert part.removed == ("Most fevers pass in a few days.",)
    assert part.added == ("See a GP after 5 days.",)
    html = changes_html(changes)
    assert "<del>Most fevers pass in a few days.</del>" in html and "**" not in html
    assert answer_changes(answer(), answer()) == []
    assert "Nothing a reader would see has changed" in changes_html([])
    assert plain_sentences("- **Rest** [1].\n- Drink [2, 3].") == ["Rest.", "Drink."]


def test_a_new_section_and_a_removed_one_are_named() -> None:
    new_body = BODY.replace("## What it is", "## When to get help now\n\n- Call 999.\n\n## What")
    changes = answer_changes(answer(), answer(body=new_body))
    kinds = {c.part: c.kind for c in changes}
    assert kinds["When to get help now"] is ChangeKind.ADDED
    assert kinds["What it is"] is ChangeKind.REMOVED


def test_saved_answers_against_a_real_content_db(sample_data: DataDir) -> None:
    with (
        ContentStore(sample_data.content_db) as content,
        UserStore(sample_data.user_db) as user,
    ):
        first, second = list(content.answers())[:2]
        saved.bookmark(user, first)
        user.add_visit_item(
            VisitAnswer(
                second.id, second.question, revision=1, snapshot=saved.snapshot_json(second)
            ),
            "What should I ask?",
        )
        with content.transaction():
            content.upsert_answers([first.with_changes(revision=first.revision + 1)])
            content.delete_answers([second.id])
        entries = {(e.answer_id, e.kind): e for e in saved.saved_answers(user, content)}
        assert entries[(first.id, saved.SavedKind.BOOKMARK)].status == "changed"
        assert entries[(first.id, saved.SavedKind.BOOKMARK)].label == "Updated since you saved it"
        gone = entries[(second.id, saved.SavedKind.VISIT)]
        assert gone.status == "withdrawn" and gone.label == "Withdrawn by the publisher"
        assert gone.snapshot is not None and gone.snapshot.question == second.question


def test_export_then_import_round_trips(tmp_path: Path) -> None:
    with UserStore(tmp_path / "a.db") as user:
        saved.bookmark(user, answer())
        item = user.add_visit_item(
            VisitAnswer("fever", "What is a fever?", "2026-01-02", answer().references, 1, None),
            "How long is too long?",
        )
        user.set_item_note(item.id, "ask about nights")
        user.set_visit_note("Bring the thermometer")
        counts = export_saved(user, tmp_path / "backup.json", "9.9")
    assert counts == {"bookmarks": 1, "questions": 1}
    data = json.loads((tmp_path / "backup.json").read_text())
    assert data["format"] == "patient-answers-saved" and data["app_version"] == "9.9"
    assert data["bookmarks"][0]["snapshot"]["question"] == "What is a fever?"
    with UserStore(tmp_path / "b.db") as other:
        other.set_visit_note("Mine")
        result = import_saved(other, tmp_path / "backup.json")
        assert (result.bookmarks_added, result.questions_added) == (1, 1)
        assert [b.answer_id for b in other.bookmarks()] == ["fever"]
        assert other.bookmarks()[0].revision == 1
        assert [(i.text, i.note) for i in other.visit_items()] == [
            ("How long is too long?", "ask about nights")
        ]
        assert other.visit_note() == "Mine\nBring the thermometer"
        again = import_saved(other, tmp_path / "backup.json")  # merging twice adds nothing
        assert (again.bookmarks_added, again.questions_added) == (0, 0)
        assert other.visit_note() == "Mine\nBring the thermometer"


@pytest.mark.parametrize(
    "content, says",
    [
        ('{"hello": 1}', "not a Patient Answers saved-answers backup"),
        ("not json", "not valid JSON"),
        ("[" * 100_000, "not valid JSON"),
        ('{"format": "patient-answers-saved", "format_version": 7}', "newer version"),
        (
            '{"format": "patient-answers-saved", "format_version": 1, '
            '"bookmarks": [{"id": "../etc", "question": "q", "added_at": "t"}]}',
            "is damaged",
        ),
        (
            '{"format": "patient-answers-saved", "format_version": 1, "visit_sheet": '
            '{"answers": [], "items": [{"answer_id": "x", "text": "q", "added_at": "t"}]}}',
            "is damaged",
        ),
    ],
)
def test_a_bad_or_foreign_file_changes_nothing(tmp_path: Path, content: str, says: str) -> None:
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")
    with UserStore(tmp_path / "u.db") as user:
        saved.bookmark(user, answer())
        with pytest.raises(BackupError, match=says):
            import_saved(user, path)
        assert [b.answer_id for b in user.bookmarks()] == ["fever"]
        assert user.visit_items() == []


def test_an_older_user_db_gains_revision_columns(tmp_path: Path) -> None:
    """A user.db made before saved revisions existed keeps its bookmarks after the upgrade."""
    import sqlite3

    from db.migrations import apply_migrations
    from db.user_store import USER_STEPS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    apply_migrations(conn, "patient-answers-user", USER_STEPS[:1])
    conn.execute("INSERT INTO bookmarks VALUES ('a', 'Q?', '2025-01-01T00:00:00')")
    conn.commit()
    conn.close()
    with UserStore(path) as user:
        assert user.bookmarks()[0] == Bookmark("a", "Q?", "2025-01-01T00:00:00", None, None)
        entries = saved.saved_answers(user, ContentStore(":memory:"))
        assert [(e.answer_id, e.status) for e in entries] == [("a", "withdrawn")]
