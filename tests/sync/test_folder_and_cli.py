"""A folder feed (a USB stick), the `sync` command line, and one sync at a time."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sync_helpers import MARK, Publisher, content, indexed, mark, sample_answers, trust_args
from sync_server import FeedServer

from desktop.cli import main
from desktop.core.paths import DataDir
from desktop.core.sync import SyncError, SyncOptions, sync
from desktop.core.sync.keys import fingerprint, load_public
from desktop.core.sync.lock import SyncLock

REPO = Path(__file__).resolve().parents[2]


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`patient-answers ARGS` in a subprocess, as a script or cron job runs it."""
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_a_folder_feed_on_a_usb_stick(sample_data: DataDir, tmp_path: Path, keypair) -> None:
    publisher = Publisher(tmp_path / "published", tmp_path / "work", keypair[0])
    base = sample_answers()
    publisher.publish(base)
    publisher.publish(mark(base, {base[0].id}))
    stick = tmp_path / "usb" / "patient-answers-feed"
    shutil.copytree(publisher.out, stick)  # what a clinic does: copy the folder
    result = sync(sample_data, SyncOptions(feed=str(stick), trusted_key_files=[keypair[1]]))
    assert (result.method, result.to_version) == ("snapshot", 2)
    assert content(sample_data)["answers"][base[0].id][1].endswith(f"{MARK}.")
    publisher.publish(mark(base, {base[0].id, base[1].id}))
    shutil.rmtree(stick)
    shutil.copytree(publisher.out, stick)
    result = sync(sample_data, SyncOptions(feed=stick.as_uri(), trusted_key_files=[keypair[1]]))
    assert (result.method, result.to_version, result.updated) == ("delta", 3, 1)
    assert base[1].id in {c.id for c in result.changes}
    shutil.rmtree(tmp_path / "usb")
    with pytest.raises(SyncError) as caught:
        sync(sample_data, SyncOptions(feed=str(stick), trusted_key_files=[keypair[1]]))
    assert caught.value.kind == "offline" and "is the drive connected" in str(caught.value)


def test_sync_json_for_scripts_and_the_remembered_feed(
    sample_data: DataDir, server: FeedServer, tmp_path: Path, keypair
) -> None:
    publisher = Publisher(server.root / "feed", tmp_path / "work", keypair[0])
    publisher.publish(sample_answers())
    run = cli(
        "sync", "--json", "--data-dir", str(sample_data.root),
        "--feed", server.url, *trust_args(keypair[1]),
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert {line["event"] for line in lines[:-1]} == {"progress"}
    assert {line["stage"] for line in lines[:-1]} >= {"check", "download", "apply", "index"}
    final = lines[-1]
    assert final["event"] == "result" and final["ok"] is True
    assert (final["status"], final["to_version"], final["feed"]) == ("updated", 1, "test-feed")
    # No --feed: the one used last time, remembered in the data folder.
    again = cli(
        "sync", "--json", "--data-dir", str(sample_data.root), "--trusted-key", str(keypair[1])
    )
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout.splitlines()[-1])["status"] == "current"
    info = cli("info", "--json", "--data-dir", str(sample_data.root))
    facts = json.loads(info.stdout)
    assert (facts["feed"], facts["content_version"], facts["index_status"]) == (
        "test-feed",
        1,
        "ok",
    )


def test_sync_json_failure_and_exit_codes(sample_data: DataDir, keypair, capsys) -> None:
    code = main(
        [
            "sync",
            "--json",
            "--data-dir",
            str(sample_data.root),
            "--feed",
            "http://example.org/feed",
            "--trusted-key",
            str(keypair[1]),
        ]
    )
    out, err = capsys.readouterr()
    assert code == 1
    final = json.loads(out.splitlines()[-1])
    assert final["ok"] is False and final["kind"] == "insecure"
    assert err.startswith("patient-answers: refusing plain http://") and err.count("\n") == 1
    assert main(["sync", "--data-dir", str(sample_data.root)]) == 2
    assert "no feed configured" in capsys.readouterr().err
    assert (
        main(
            [
                "sync",
                "--data-dir",
                str(sample_data.root),
                "--feed",
                "x",
                "--trusted-key",
                str(sample_data.content_db),
            ]
        )
        == 2
    )
    assert "not a PEM public key" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["sync", "--bogus"])
    assert usage.value.code == 2


def test_only_one_sync_at_a_time(
    sample_data: DataDir, server: FeedServer, tmp_path: Path, keypair
) -> None:
    publisher = Publisher(server.root / "feed", tmp_path / "work", keypair[0])
    publisher.publish(sample_answers()[:5])
    before = content(sample_data)
    with SyncLock(sample_data.root):
        with pytest.raises(SyncError) as caught:
            sync(sample_data, SyncOptions(feed=server.url, trusted_key_files=[keypair[1]]))
    assert caught.value.kind == "busy" and "another update is running" in str(caught.value)
    assert content(sample_data) == before
    assert server.requests == []
    sync(sample_data, SyncOptions(feed=server.url, trusted_key_files=[keypair[1]]))
    assert set(indexed(sample_data)) == {a.id for a in sample_answers()[:5]}


def test_sync_takes_feed_and_keys_from_the_administrator_file(
    sample_data: DataDir, tmp_path: Path, keypair
) -> None:
    """The machine's scheduled `sync` needs no options: the admin file names feed and keys."""
    publisher = Publisher(tmp_path / "published", tmp_path / "work", keypair[0])
    publisher.publish(sample_answers())
    config = tmp_path / "config.toml"
    config.write_text(
        f'[content]\nfeed_url = "{publisher.out}"\ntrusted_keys = ["{keypair[1]}"]\n',
        encoding="utf-8",
    )
    env = {**os.environ, "PATIENT_ANSWERS_ADMIN_CONFIG": str(config)}
    run = cli("sync", "--json", "--data-dir", str(sample_data.root), env=env)
    assert run.returncode == 0, run.stderr
    final = json.loads(run.stdout.splitlines()[-1])
    assert (final["status"], final["to_version"]) == ("updated", 1)
    config.write_text("[content]\n", encoding="utf-8")  # without it: no feed, no key
    fresh = tmp_path / "fresh"
    run = cli("sync", "--data-dir", str(fresh), env=env)
    assert run.returncode == 2 and "no feed configured" in run.stderr


def test_a_shared_content_folder_is_synced_in_place(
    sample_data: DataDir, tmp_path: Path, keypair
) -> None:
    """Lock, downloads and remembered keys go with the machine's content, not the user."""
    publisher = Publisher(tmp_path / "published", tmp_path / "work", keypair[0])
    publisher.publish(sample_answers())
    user_view = DataDir(tmp_path / "some-user", sample_data.root)
    options = SyncOptions(
        feed=str(publisher.out),
        new_key_files=[keypair[1]],
        trust_new_key=fingerprint(load_public(keypair[1])),
    )
    result = sync(user_view, options)
    assert result.to_version == 1
    assert not (tmp_path / "some-user").exists()
    assert list((sample_data.root / "trusted-keys").iterdir())
