"""Saved answers across a real update: v1 feed, save, v2 edits one and deletes another, sync."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sync_helpers import Publisher, sample_answers

from db.store import ContentStore
from db.user_store import UserStore
from desktop.core import saved
from desktop.core.paths import DataDir
from desktop.core.saved_diff import answer_changes, changes_text
from desktop.core.sync import SyncOptions, sync

REPO = Path(__file__).resolve().parents[2]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_saved_answers_report_changed_and_withdrawn_after_a_sync(
    sample_data: DataDir, tmp_path: Path, keypair
) -> None:
    base = sample_answers()
    edited, deleted, kept = base[0], base[1], base[2]
    publisher = Publisher(tmp_path / "feed", tmp_path / "work", keypair[0])
    publisher.publish(base)
    options = SyncOptions(feed=str(publisher.out), trusted_key_files=[keypair[1]])
    sync(sample_data, options)
    data = str(sample_data.root)
    for answer_id in (edited.id, deleted.id, kept.id):
        assert cli("saved", "add", answer_id, "--data-dir", data).returncode == 0
    assert cli("saved", "add", edited.id, "--visit", "--data-dir", data).returncode == 0

    new_summary = "A clearer summary written for this update. It says something new."
    v2 = [a for a in base if a.id != deleted.id]
    v2[0] = edited.with_changes(summary=new_summary, revision=edited.revision + 1)
    publisher.publish(v2)
    sync(sample_data, options)

    run = cli("saved", "--json", "--data-dir", data)
    assert run.returncode == 0, run.stderr
    rows = {(r["id"], r["kind"]): r for r in json.loads(run.stdout)["saved"]}
    assert rows[(edited.id, "bookmark")]["status"] == "changed"
    assert rows[(edited.id, "bookmark")]["saved_revision"] == edited.revision
    assert rows[(edited.id, "bookmark")]["current_revision"] == edited.revision + 1
    assert rows[(edited.id, "visit")]["status"] == "changed"
    assert rows[(deleted.id, "bookmark")]["status"] == "withdrawn"
    assert rows[(deleted.id, "bookmark")]["current_revision"] is None
    assert rows[(kept.id, "bookmark")]["status"] == "current"

    with (
        UserStore(sample_data.user_db) as user,
        ContentStore(sample_data.content_db, readonly=True) as content,
    ):
        # A sync grades the reading level of the answers it installed.
        assert content.ungraded_answer_ids() == []
        assert edited.id in content.reading_grades([edited.id])
        entries = saved.saved_answers(user, content)
        assert saved.changed_message(saved.changed_count(entries)) == (
            "2 of your saved answers changed"
        )
        gone = next(e for e in entries if e.answer_id == deleted.id)
        # The withdrawn answer stays readable in the form the reader kept.
        assert gone.snapshot is not None and gone.snapshot.body == deleted.body
        changed = next(e for e in entries if e.answer_id == edited.id)
        current = content.get_answer(edited.id)
        assert changed.snapshot is not None and current is not None
        diff = changes_text(answer_changes(changed.snapshot, current))
        assert "Summary (changed)" in diff and f"+ {new_summary.split('. ')[0]}." in diff
        assert "**" not in diff and "[1]" not in diff
        # Reading the update makes it current again, in both places it was saved.
        assert saved.mark_seen(user, current) == 2
        statuses = {
            e.status for e in saved.saved_answers(user, content) if e.answer_id == edited.id
        }
        assert statuses == {saved.SavedStatus.CURRENT}
