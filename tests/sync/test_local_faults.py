"""Issue 13 A, C and E: sync deletes only what it made; a full disk or an unwritable folder
during a sync is one line and loses nothing, and what follows the commit is resumed; build
and sync never write the same data folder at once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sync_helpers import Publisher, content, error_lines, mark, sample_answers, trust_args
from sync_server import FeedServer

from desktop.cli import main
from desktop.core.paths import DataDir
from desktop.core.resources import sample_content_dir
from desktop.core.search import index_state
from desktop.core.sync import SyncError, SyncOptions, sync
from desktop.core.sync.hooks import HOOK_ENV
from desktop.core.sync.keys import data_keys_dir
from desktop.core.writer_lock import WriterLock

REPO = Path(__file__).resolve().parents[2]
# Root without its override of file modes: chmod means what it says (see tests/as_nobody.py).
NO_OVERRIDE = [
    "setpriv",
    "--inh-caps=-dac_override,-dac_read_search",
    "--bounding-set=-dac_override,-dac_read_search",
]


def _options(url: str, keypair, fast_retry) -> SyncOptions:
    return SyncOptions(
        feed=url, trusted_key_files=[keypair[1]], bundled_keys=False, retry=fast_retry
    )


@pytest.fixture
def publisher(server: FeedServer, tmp_path: Path, keypair) -> Publisher:
    publisher = Publisher(server.root / "feed", tmp_path / "work", keypair[0])
    publisher.publish(sample_answers())
    return publisher


# ------------------------------------------------------------------ A: only what it made
def test_sync_deletes_only_the_files_it_wrote(
    sample_data: DataDir, server: FeedServer, publisher, keypair, fast_retry
) -> None:
    """A data folder may be a home folder: its Downloads and anything else stay."""
    root = sample_data.root
    mine = {
        root / "downloads" / "holiday.jpg": b"jpeg",
        root / "downloads" / ("ab" * 32 + ".jsonl.gz"): b"a file named like a pack",
        root / "Downloads" / "letter.pdf": b"pdf",
        sample_data.downloads_dir / "notes.txt": b"mine",
        sample_data.downloads_dir / ("cd" * 32 + ".jsonl.gz.part"): b"named like a part",
    }
    for path, data in mine.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert sync(sample_data, _options(server.url, keypair, fast_retry)).status == "updated"
    publisher.publish(mark(sample_answers(), {sample_answers()[0].id}))
    assert sync(sample_data, _options(server.url, keypair, fast_retry)).method == "delta"
    assert sync(sample_data, _options(server.url, keypair, fast_retry)).status == "current"
    for path, data in mine.items():
        assert path.read_bytes() == data, path
    left = {p.name for p in sample_data.downloads_dir.iterdir()}
    assert left == {"notes.txt", "cd" * 32 + ".jsonl.gz.part"}  # sync's own files are gone


# ------------------------------------------------------------------ E: one writer
def test_build_and_sync_exclude_each_other(
    sample_data: DataDir, server: FeedServer, publisher, keypair, fast_retry, capsys
) -> None:
    before = content(sample_data)
    with WriterLock(sample_data.content_dir):  # a build (or another sync) is writing
        with pytest.raises(SyncError) as caught:
            sync(sample_data, _options(server.url, keypair, fast_retry))
        code = main(["build", str(sample_content_dir()), "--data-dir", str(sample_data.root)])
    assert caught.value.kind == "busy" and "another update is running" in str(caught.value)
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "another update is running" in err
    assert content(sample_data) == before and server.paths() == []


def test_a_build_during_a_real_sync_waits_its_turn(
    sample_data: DataDir, server: FeedServer, publisher, keypair, tmp_path: Path
) -> None:
    """Two processes: a sync paused inside its transaction, then `build` on the same folder."""
    marker = tmp_path / "paused"
    env = {**os.environ, HOOK_ENV: f"before-commit:pause:{marker}"}
    run = [sys.executable, "-m", "desktop"]
    data = ["--data-dir", str(sample_data.root)]
    syncing = subprocess.Popen(
        [*run, "sync", *data, "--feed", server.url, *trust_args(keypair[1])],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        for _ in range(1200):  # bounded wait for the real condition
            if marker.exists() or syncing.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), syncing.communicate()
        build = subprocess.run(
            [*run, "build", str(sample_content_dir()), *data],
            cwd=REPO, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert build.returncode == 1 and "another update is running" in build.stderr
        assert len(error_lines(build.stderr)) == 1
    finally:
        syncing.kill()
        syncing.wait(30)
    again = subprocess.run(
        [*run, "sync", *data, "--feed", server.url], cwd=REPO, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert content(sample_data)["feed"] == "test-feed"


# ------------------------------------------------------------------ C: full disk
@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 24 MB tmpfs: a real file system that really fills up."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root and CAP_SYS_ADMIN)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _on_disk(built_sample: DataDir, disk: Path) -> DataDir:
    target = disk / "data"
    shutil.copytree(built_sample.root, target)
    return DataDir(target)


def test_a_full_disk_while_committing_keeps_the_old_answers_and_their_index(
    built_sample: DataDir, small_disk: Path, server: FeedServer, publisher, keypair,
    fast_retry, monkeypatch,
) -> None:  # fmt: skip
    data_dir = _on_disk(built_sample, small_disk)
    before = content(data_dir)
    longer = [  # content.db must grow at COMMIT for the full disk to matter there
        a.with_changes(body=f"{a.body}\n\n" + " ".join(f"word{i}" for i in range(4000)))
        for a in sample_answers()
    ]
    publisher.publish(longer)
    filler = small_disk / "filler"
    monkeypatch.setenv(HOOK_ENV, f"before-commit:fill:{filler}")
    with pytest.raises(SyncError) as caught:
        sync(data_dir, _options(server.url, keypair, fast_retry))
    assert caught.value.kind == "disk" and "the disk is full" in str(caught.value)
    assert "\n" not in str(caught.value)
    filler.unlink()
    assert content(data_dir) == before
    # The failed commit did not invalidate the index of the answers that stayed.
    assert index_state(data_dir.index_dir, int(before["version"])).status == "ok"  # type: ignore[call-overload]
    monkeypatch.delenv(HOOK_ENV)
    assert sync(data_dir, _options(server.url, keypair, fast_retry)).status == "updated"


def test_a_full_disk_while_rebuilding_the_index_is_finished_by_the_next_sync(
    built_sample: DataDir, small_disk: Path, server: FeedServer, publisher, keypair,
    fast_retry, monkeypatch,
) -> None:  # fmt: skip
    data_dir = _on_disk(built_sample, small_disk)
    filler = small_disk / "filler"
    monkeypatch.setenv(HOOK_ENV, f"index-building:fill:{filler}")
    with pytest.raises(SyncError) as caught:
        sync(data_dir, _options(server.url, keypair, fast_retry))
    assert caught.value.kind == "index" and "the disk is full" in str(caught.value)
    assert "version 1 of the answers is installed" in str(caught.value)
    assert not list(data_dir.index_dir.glob(".build-*"))  # no half-built index left
    assert content(data_dir)["version"] == 1
    filler.unlink()
    monkeypatch.delenv(HOOK_ENV)
    result = sync(data_dir, _options(server.url, keypair, fast_retry))
    assert result.status == "current"
    assert index_state(data_dir.index_dir, 1).status == "ok"


# ------------------------------------------------------------------ C: unwritable folders
def _no_override_possible() -> bool:
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("setpriv"):
        return False
    probe = subprocess.run([*NO_OVERRIDE, "true"], capture_output=True)
    return probe.returncode == 0


needs_no_override = pytest.mark.skipif(
    not _no_override_possible(), reason="needs root and setpriv to drop the mode override"
)


def _cli_without_override(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NO_OVERRIDE, sys.executable, "-m", "desktop", *args],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@needs_no_override
def test_an_unwritable_trusted_keys_folder_loses_no_key_and_installs_nothing(
    sample_data: DataDir, server: FeedServer, publisher, keypair
) -> None:
    keys = data_keys_dir(sample_data.root)
    keys.mkdir()
    keys.chmod(0o555)
    before = content(sample_data)
    data = ["--data-dir", str(sample_data.root), "--feed", server.url]
    run = _cli_without_override("sync", *data, *trust_args(keypair[1]))
    assert run.returncode == 1 and len(error_lines(run.stderr)) == 1, run.stderr
    assert "cannot remember the key" in run.stderr and "nothing was installed" in run.stderr
    assert content(sample_data) == before
    keys.chmod(0o755)
    again = _cli_without_override("sync", *data, *trust_args(keypair[1]))
    assert again.returncode == 0, again.stderr
    assert len(list(keys.glob("*.pub"))) == 1


def _lock_tree(path: Path, mode: int) -> None:
    for item in [path, *path.rglob("*")]:
        if item.is_dir():
            item.chmod(mode)


@needs_no_override
def test_an_unwritable_index_after_the_commit_is_one_line_and_resumed(
    sample_data: DataDir, server: FeedServer, publisher, keypair
) -> None:
    data = ["--data-dir", str(sample_data.root), "--feed", server.url]
    assert _cli_without_override("sync", *data, *trust_args(keypair[1])).returncode == 0
    publisher.publish(mark(sample_answers(), {sample_answers()[0].id}))  # a delta
    _lock_tree(sample_data.index_dir, 0o555)
    run = _cli_without_override("sync", *data)
    _lock_tree(sample_data.index_dir, 0o755)
    assert run.returncode == 1 and len(error_lines(run.stderr)) == 1, run.stderr
    assert "version 2 of the answers is installed" in run.stderr
    assert content(sample_data)["version"] == 2
    again = _cli_without_override("sync", *data)
    assert again.returncode == 0, again.stderr
    assert index_state(sample_data.index_dir, 2).status == "ok"


@needs_no_override
def test_an_unwritable_index_before_a_snapshot_commits_changes_nothing(
    sample_data: DataDir, server: FeedServer, publisher, keypair
) -> None:
    before = content(sample_data)
    _lock_tree(sample_data.index_dir, 0o555)
    data = ["--data-dir", str(sample_data.root), "--feed", server.url]
    run = _cli_without_override("sync", *data, *trust_args(keypair[1]))
    _lock_tree(sample_data.index_dir, 0o755)
    assert run.returncode == 1 and len(error_lines(run.stderr)) == 1, run.stderr
    assert "installed answers are unchanged" in run.stderr
    assert content(sample_data) == before
    assert index_state(sample_data.index_dir, int(before["version"])).status == "ok"  # type: ignore[call-overload]


def test_a_disk_already_full_while_downloading_is_one_line(
    built_sample: DataDir, small_disk: Path, server: FeedServer, publisher, keypair,
    fast_retry,
) -> None:  # fmt: skip
    from desktop.core.sync.hooks import _fill

    data_dir = _on_disk(built_sample, small_disk)
    before = content(data_dir)
    _fill(small_disk / "filler")
    with pytest.raises(SyncError) as caught:
        sync(data_dir, _options(server.url, keypair, fast_retry))
    assert caught.value.kind == "disk" and "\n" not in str(caught.value)
    assert content(data_dir) == before
    (small_disk / "filler").unlink()
    assert sync(data_dir, _options(server.url, keypair, fast_retry)).status == "updated"
