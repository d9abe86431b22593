"""Issue 13 F: storage that is not what it seems gets one line in every reading command;
a busy database is said to be busy; the damaged-file message is for real damage only."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fault_cli import assert_ok, assert_one_line_failure, patient_answers, set_sql

from desktop.core.paths import DataDir

READERS: dict[str, list[str]] = {
    "info": ["info"],
    "search": ["search", "asthma"],
    "show": ["show", "asthma-in-children"],
    "sync": ["sync", "--feed", "/nonexistent/feed"],
    "gui": ["gui", "--smoke"],
}


def _foreign(db: Path) -> None:
    db.unlink()
    set_sql(
        db,
        "CREATE TABLE answers (id INTEGER PRIMARY KEY, text TEXT)",
        "INSERT INTO answers (text) VALUES ('forty-two')",
    )


def _newer(db: Path) -> None:
    set_sql(db, "PRAGMA user_version = 99")


def _wordy_version(db: Path) -> None:
    set_sql(db, "UPDATE meta SET value = 'seven' WHERE key = 'content_version'")


STRANGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "not ours": (_foreign, "not a Patient Answers content database"),
    "newer schema": (_newer, "newer version of Patient Answers"),
    "content version not a number": (_wordy_version, "not a number"),
}


@pytest.mark.parametrize("strange", STRANGE)
@pytest.mark.parametrize("command", READERS)
def test_strange_storage_gets_one_line(command: str, strange: str, sample_data: DataDir) -> None:
    make, words = STRANGE[strange]
    make(sample_data.content_db)
    before = sample_data.content_db.read_bytes()
    out = patient_answers(*READERS[command], data_dir=sample_data.root)
    line = assert_one_line_failure(out, words)
    assert "damaged and have been reset" not in out.stderr, line
    assert sample_data.content_db.read_bytes() == before  # not ours to reset


@pytest.mark.parametrize("command", ["search", "show"])
def test_asks_that_are_not_json_still_read(command: str, sample_data: DataDir) -> None:
    set_sql(sample_data.content_db, "UPDATE answers SET asks = '{not json'")
    out = patient_answers(*READERS[command], data_dir=sample_data.root)
    assert_ok(out)
    assert "asthma" in out.stdout.lower()


@pytest.fixture
def held_busy(sample_data: DataDir) -> Iterator[DataDir]:
    """Another process holds an exclusive lock on content.db (a long commit, a backup)."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys\n"
            f"c = sqlite3.connect({str(sample_data.content_db)!r}, isolation_level=None)\n"
            "c.execute('BEGIN EXCLUSIVE')\n"
            "print('held', flush=True)\n"
            "sys.stdin.readline()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    try:
        yield sample_data
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)


@pytest.mark.parametrize("command", ["info", "search"])
def test_a_busy_database_is_said_to_be_busy(command: str, held_busy: DataDir) -> None:
    out = patient_answers(*READERS[command], data_dir=held_busy.root)
    assert_one_line_failure(out, "busy", "try again")
    assert "not a Patient Answers" not in out.stderr and "damaged" not in out.stderr
    assert not list(held_busy.root.glob("content.db.damaged-*"))
