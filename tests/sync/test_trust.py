"""Issue 14 item 7: trust is visible and deliberate. A key offered on the command line is
used only once its fingerprint is confirmed; it is then kept bound to the feed it verified,
listed and removed with `patient-answers keys`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sync_helpers import Publisher, content, sample_answers, trust_args
from sync_server import FeedServer

from desktop.core.paths import DataDir
from desktop.core.sync import SyncError, SyncOptions, sync
from desktop.core.sync.keys import data_keys_dir, fingerprint, load_public

REPO = Path(__file__).resolve().parents[2]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], cwd=REPO, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


@pytest.fixture
def published(server: FeedServer, tmp_path: Path, keypair) -> Publisher:
    publisher = Publisher(server.root / "feed", tmp_path / "work", keypair[0])
    publisher.publish(sample_answers()[:8])
    return publisher


def test_a_new_key_shows_its_fingerprint_and_is_not_used_unconfirmed(
    sample_data: DataDir, server: FeedServer, published, keypair
) -> None:
    before = content(sample_data)
    run = cli("sync", "--data-dir", str(sample_data.root), "--feed", server.url,
              "--trusted-key", str(keypair[1]))  # fmt: skip
    shown = fingerprint(load_public(keypair[1]))
    assert run.returncode == 1 and run.stderr.count("\n") == 1
    assert shown in run.stderr and "--trust-new-key" in run.stderr
    assert content(sample_data) == before
    assert not data_keys_dir(sample_data.root).exists()  # nothing remembered silently
    assert not [p for p in server.paths() if p.startswith("feed/packs/")]  # nothing fetched


def test_a_wrong_fingerprint_is_refused(
    sample_data: DataDir, server: FeedServer, published, keypair, other_keypair
) -> None:
    before = content(sample_data)
    wrong = fingerprint(load_public(other_keypair[1])).replace(" ", "")
    run = cli("sync", "--data-dir", str(sample_data.root), "--feed", server.url,
              "--trusted-key", str(keypair[1]), "--trust-new-key", wrong)  # fmt: skip
    assert run.returncode == 1 and "is not that of the key that signed" in run.stderr
    assert content(sample_data) == before and not data_keys_dir(sample_data.root).exists()


def test_a_confirmed_key_is_kept_bound_to_its_feed_listed_and_removed(
    sample_data: DataDir, server: FeedServer, published, keypair, tmp_path: Path, fast_retry
) -> None:
    data = ["--data-dir", str(sample_data.root)]
    run = cli("sync", *data, "--feed", server.url, *trust_args(keypair[1]))
    assert run.returncode == 0, run.stderr
    kept = list(data_keys_dir(sample_data.root).glob("*.pub"))
    assert len(kept) == 1 and "# feed test-feed" in kept[0].read_text()
    # Later syncs need no key at all ...
    published.publish(sample_answers()[:9])
    assert cli("sync", *data).returncode == 0
    # ... but the same key may not vouch for another feed on this computer.
    other = Publisher(server.root / "other", tmp_path / "work-other", keypair[0], "other-feed")
    other.publish(sample_answers()[:3])
    before = content(sample_data)
    with pytest.raises(SyncError) as caught:
        sync(sample_data, SyncOptions(feed=f"{server.url}../other/", retry=fast_retry))
    assert caught.value.kind == "signature" and "trusts only for feed test-feed" in str(
        caught.value
    )
    assert content(sample_data) == before
    # `keys` lists it with its fingerprint and feed, and removes it.
    listed = cli("keys", *data, "--json")
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    mine = [r for r in rows if r["kind"] == "remembered"]
    shown = fingerprint(load_public(keypair[1]))
    assert [(r["fingerprint"], r["feed"]) for r in mine] == [(shown, "test-feed")]
    assert shown in cli("keys", *data).stdout
    gone = cli("keys", *data, "remove", shown.replace(" ", ":"))
    assert gone.returncode == 0 and "Removed key" in gone.stdout
    assert not list(data_keys_dir(sample_data.root).glob("*.pub"))
    published.publish(sample_answers()[:10])
    again = cli("sync", *data)
    assert again.returncode == 1 and "does not verify" in again.stderr
    missing = cli("keys", *data, "remove", "0000")
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1


def test_a_key_kept_by_an_older_version_serves_only_the_installed_feed(
    sample_data: DataDir, server: FeedServer, published, keypair, tmp_path: Path, fast_retry
) -> None:
    """Older versions kept keys without a feed line: bound to the feed already installed."""
    sync(sample_data, SyncOptions(feed=server.url, trusted_key_files=[keypair[1]],
                                  retry=fast_retry))  # fmt: skip
    folder = data_keys_dir(sample_data.root)
    folder.mkdir()
    (folder / "legacy.pub").write_bytes(keypair[1].read_bytes())
    published.publish(sample_answers()[:9])
    assert sync(sample_data, SyncOptions(feed=server.url, retry=fast_retry)).to_version == 2
    other = Publisher(server.root / "other", tmp_path / "work-other", keypair[0], "other-feed")
    other.publish(sample_answers()[:3])
    with pytest.raises(SyncError) as caught:
        sync(sample_data, SyncOptions(feed=f"{server.url}../other/", retry=fast_retry))
    assert caught.value.kind == "signature"


def test_keys_named_by_the_administrator_need_no_confirmation(
    sample_data: DataDir, server: FeedServer, published, keypair, fast_retry
) -> None:
    """The administrator file is the machine owner's word: its keys are used as given, and
    not copied into the data folder (the file stays the one place that names them)."""
    options = SyncOptions(feed=server.url, trusted_key_files=[keypair[1]], retry=fast_retry)
    assert sync(sample_data, options).status == "updated"
    assert not data_keys_dir(sample_data.root).exists()
