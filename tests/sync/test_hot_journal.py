"""Issue 13 D: a machine-wide, read-only content folder after a writer died inside COMMIT.

The writer is a real process with a tiny page cache, so changed pages reach content.db before
COMMIT; it is killed with SIGKILL, leaving a torn database file and a hot journal that only
someone allowed to write the folder could roll back. Every other user must read the last
committed content (or be told it is being updated), never "not a Patient Answers database".
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from as_nobody import as_nobody_possible, make_read_only_share, run_as_nobody, tree

from db.store import ContentStore
from desktop.core.paths import DataDir

needs_nobody = pytest.mark.skipif(
    not as_nobody_possible(), reason="needs root, setpriv, and a checkout readable by 'nobody'"
)

HALF = "HALF-WRITTEN"
WRITER = f"""
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 1")  # a tiny cache: changed pages spill into the file
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE answers SET summary = '{HALF} ' || summary, body = body || body")
print("inside", flush=True)
time.sleep(120)
"""


@pytest.fixture
def world_tmp() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="pa-hot-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _die_inside_a_transaction(db: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "inside"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(30)
    journal = db.with_name(db.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0


@needs_nobody
def test_readers_of_a_read_only_folder_get_the_last_committed_content(
    built_sample: DataDir, world_tmp: Path
) -> None:
    source = world_tmp / "source"
    shutil.copytree(built_sample.root, source)
    with ContentStore(source / "content.db", readonly=True) as store:
        committed = {a.id: a.summary for a in store.answers()}
    _die_inside_a_transaction(source / "content.db")
    setup = make_read_only_share(world_tmp, source)
    before = tree(setup.shared)
    info = run_as_nobody(setup, "info", "--json")
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["answers"] == len(committed)
    some_id = sorted(committed)[0]
    shown = run_as_nobody(setup, "show", some_id)
    assert shown.returncode == 0, shown.stderr
    assert HALF not in shown.stdout and committed[some_id].split()[0] in shown.stdout
    found = run_as_nobody(setup, "search", "asthma", "--json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["total"] > 0 and HALF not in found.stdout
    assert "not a Patient Answers" not in info.stderr + shown.stderr + found.stderr
    assert tree(setup.shared) == before  # the shared folder itself is left to its owner


def test_when_no_copy_can_be_made_the_reader_is_told_to_try_again(
    sample_data: DataDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No private folder for the copy (here: the temporary folder is a file): one sentence,
    "being updated", never the damaged-file or not-ours diagnosis."""
    import tempfile as tempfile_module

    from db import content_file as store_module
    from db.store import StoreBusy

    db = sample_data.content_db
    _die_inside_a_transaction(db)
    not_a_folder = tmp_path / "not-a-folder"
    not_a_folder.write_text("x")
    monkeypatch.setattr(tempfile_module, "tempdir", str(not_a_folder))
    monkeypatch.setattr(store_module, "cannot_roll_back", lambda path: True)  # opens go via it
    with pytest.raises(StoreBusy) as caught:
        ContentStore(db, readonly=True)
    assert "being updated; try again in a moment" in str(caught.value)
