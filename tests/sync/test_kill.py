"""SIGKILL of a `patient-answers sync` process at each named point of the apply, then checks:
content.db still opens read-only, holds the old or the new content (never a mix), the index
never claims to be current when it is not, a reader's search agrees with content.db, and the
next sync completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sync_helpers import (
    MARK,
    Publisher,
    assert_index_truthful,
    indexed,
    mark,
    sample_answers,
    trust_args,
)
from sync_server import FeedServer

from db.records import Answer
from db.store import ContentStore
from desktop.core.paths import DataDir
from desktop.core.search import SearchService, index_state
from desktop.core.sync import SyncOptions, sync
from desktop.core.sync.hooks import HOOK_ENV
from desktop.core.sync.index_steps import PENDING

REPO = Path(__file__).resolve().parents[2]


def _kill_at(point: str, data_dir: DataDir, url: str, pub: Path, tmp_path: Path) -> None:
    """Run `sync` in a subprocess, wait until it pauses at `point`, and SIGKILL it."""
    marker = tmp_path / f"reached-{point}"
    env = {**os.environ, HOOK_ENV: f"{point}:pause:{marker}"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "desktop",
            "sync",
            "--data-dir",
            str(data_dir.root),
            "--feed",
            url,
            *trust_args(pub),
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not marker.exists():
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"sync ended before {point}: {proc.returncode} {out!r} {err!r}")
        assert time.monotonic() < deadline, f"sync never reached {point}"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL


def _db(data_dir: DataDir) -> dict[str, str]:
    """Published answers by id -> summary, read the way the window reads (read-only)."""
    with ContentStore(data_dir.content_db, readonly=True) as store:
        return {a.id: a.summary for a in store.answers()}


def _expected(answers: list[Answer]) -> dict[str, str]:
    return {a.id: a.summary for a in answers if a.status == "published"}


def _reader_agrees(data_dir: DataDir) -> None:
    """What a reader does at start: make the index current, then search; results match the db."""
    with SearchService.for_data_dir(data_dir) as service:
        found = {h.id for h in service.search(MARK, limit=500).results}
    marked = {i for i, summary in _db(data_dir).items() if MARK in summary}
    assert found == marked
    assert_index_truthful(data_dir)


def _finishes(data_dir: DataDir, url: str, pub: Path, new: dict[str, str], version: int) -> None:
    result = sync(data_dir, SyncOptions(feed=url, trusted_key_files=[pub], bundled_keys=False))
    assert result.to_version == version
    assert _db(data_dir) == new
    assert index_state(data_dir.index_dir, version).status == "ok"
    assert set(indexed(data_dir)) == set(new)
    with ContentStore(data_dir.content_db, readonly=True) as store:
        assert store.get_meta(PENDING) is None
    assert not list(data_dir.downloads_dir.glob("*"))


DELTA_POINTS = [
    ("downloaded", "old"),
    ("before-commit", "old"),
    ("after-commit", "new"),
    ("after-index", "new"),
]


@pytest.mark.parametrize(("point", "state"), DELTA_POINTS, ids=[p for p, _ in DELTA_POINTS])
def test_kill_during_a_delta(
    sample_data: DataDir, server: FeedServer, tmp_path: Path, keypair, point: str, state: str
) -> None:
    publisher = Publisher(server.root / "feed", tmp_path / "work", keypair[0])
    base = sample_answers()
    publisher.publish(base)
    sync(
        sample_data,
        SyncOptions(feed=server.url, trusted_key_files=[keypair[1]], bundled_keys=False),
    )
    changed = mark(base, {a.id for a in base[:6]})
    v2 = changed[:-2] + [base[7].with_changes(id="added-answer", summary=f"New {MARK}.")]
    publisher.publish(v2)
    old, new = _expected(base), _expected(v2)
    _kill_at(point, sample_data, server.url, keypair[1], tmp_path)
    assert _db(sample_data) == (old if state == "old" else new)
    assert_index_truthful(sample_data)
    _reader_agrees(sample_data)
    _finishes(sample_data, server.url, keypair[1], new, 2)


SNAPSHOT_POINTS = [
    ("before-commit", "old"),
    ("after-commit", "new"),
    ("index-building", "new"),
    ("after-index", "new"),
]


@pytest.mark.parametrize(("point", "state"), SNAPSHOT_POINTS, ids=[p for p, _ in SNAPSHOT_POINTS])
def test_kill_during_a_snapshot_install(
    sample_data: DataDir, server: FeedServer, tmp_path: Path, keypair, point: str, state: str
) -> None:
    base = sample_answers()
    # The feed is at version 1, like the installed sample content: the index stamp must not
    # make the old index look current for the new content.
    with ContentStore(sample_data.content_db, readonly=True) as store:
        assert store.content_version() == 1
    publisher = Publisher(server.root / "feed", tmp_path / "work", keypair[0])
    v1 = mark(base[:25], {a.id for a in base[:5]})
    publisher.publish(v1)
    old, new = _expected(base), _expected(v1)
    _kill_at(point, sample_data, server.url, keypair[1], tmp_path)
    assert _db(sample_data) == (old if state == "old" else new)
    assert_index_truthful(sample_data)
    _reader_agrees(sample_data)
    _finishes(sample_data, server.url, keypair[1], new, 1)


def _bulky(base: list[Answer], count: int) -> list[Answer]:
    """Many answers with long bodies: a transaction far bigger than SQLite's page cache."""
    filler = " ".join(f"word{n}" for n in range(600))
    return base + [
        base[n % len(base)].with_changes(id=f"bulk-{n:05d}", body=f"{filler} {n}")
        for n in range(count)
    ]


@pytest.mark.slow
def test_kill_before_commit_of_a_big_transaction_leaves_no_hot_journal(
    sample_data: DataDir, server: FeedServer, tmp_path: Path, keypair
) -> None:
    base = sample_answers()
    publisher = Publisher(server.root / "feed", tmp_path / "work", keypair[0])
    big = _bulky(base, 1500)
    publisher.publish(big)
    _kill_at("before-commit", sample_data, server.url, keypair[1], tmp_path)
    assert _db(sample_data) == _expected(base)  # opened read-only: no rollback was needed
    _reader_agrees(sample_data)
    _finishes(sample_data, server.url, keypair[1], _expected(big), 1)
