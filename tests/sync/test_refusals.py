"""Every feed the client must refuse: content unchanged afterwards, and a clear reason."""

from __future__ import annotations

import base64
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sync_helpers import Publisher, content, indexed, mark, sample_answers
from sync_server import FeedServer

from desktop.cli import main
from desktop.core.paths import DataDir
from desktop.core.search import index_state
from desktop.core.sync import SyncError, SyncOptions, sync
from desktop.core.sync.feed import Feed, parse_feed
from desktop.core.sync.keys import load_private, sign

FEED = "feed"


@pytest.fixture
def installed(
    sample_data: DataDir, server: FeedServer, tmp_path: Path, keypair, fast_retry
) -> tuple[DataDir, Publisher]:
    """A data folder at version 2 of the test feed, and a version 3 published but not synced."""
    publisher = Publisher(server.root / FEED, tmp_path / "work", keypair[0])
    base = sample_answers()
    publisher.publish(base)
    publisher.publish(mark(base, {base[0].id}))
    sync(
        sample_data,
        SyncOptions(
            feed=server.url, trusted_key_files=[keypair[1]], bundled_keys=False, retry=fast_retry
        ),
    )
    publisher.publish(mark(base, {base[0].id, base[1].id}))
    return sample_data, publisher


def _snapshot(data_dir: DataDir) -> tuple[object, ...]:
    return content(data_dir), indexed(data_dir), index_state(data_dir.index_dir, 2).status


def _rewrite(feed_dir: Path, key: Path, change: Callable[[dict], None]) -> None:
    """Re-sign feed.json after changing its data (a validly signed but hostile feed)."""
    data = json.loads((feed_dir / "feed.json").read_text())
    change(data)
    raw = (json.dumps(data) + "\n").encode()
    (feed_dir / "feed.json").write_bytes(raw)
    (feed_dir / "feed.json.sig").write_bytes(sign(load_private(key), raw))


def _feed(feed_dir: Path) -> Feed:
    return parse_feed((feed_dir / "feed.json").read_bytes())


def _unsigned(feed_dir: Path, keypair, other) -> None:
    (feed_dir / "feed.json.sig").unlink()


def _tampered(feed_dir: Path, keypair, other) -> None:
    raw = (feed_dir / "feed.json").read_bytes()
    (feed_dir / "feed.json").write_bytes(raw.replace(b'"publisher": "', b'"publisher": "Evil '))


def _truncated(feed_dir: Path, keypair, other) -> None:
    raw = (feed_dir / "feed.json").read_bytes()
    (feed_dir / "feed.json").write_bytes(raw[: len(raw) // 2])


def _wrong_key(feed_dir: Path, keypair, other) -> None:
    raw = (feed_dir / "feed.json").read_bytes()
    (feed_dir / "feed.json.sig").write_bytes(sign(load_private(other[0]), raw))


def _garbage_signature(feed_dir: Path, keypair, other) -> None:
    (feed_dir / "feed.json.sig").write_bytes(b"this is not a signature\n")


def _short_signature(feed_dir: Path, keypair, other) -> None:
    (feed_dir / "feed.json.sig").write_bytes(base64.b64encode(b"x" * 32))


def _oversized_feed(feed_dir: Path, keypair, other) -> None:
    _rewrite(feed_dir, keypair[0], lambda d: d.update(padding="x" * (5 * 1024 * 1024)))


def _oversized_pack(feed_dir: Path, keypair, other) -> None:
    def grow(data: dict) -> None:
        for delta in data["deltas"]:
            delta["size"] = 5 * 1024**3
        data["snapshot"]["size"] = 5 * 1024**3

    _rewrite(feed_dir, keypair[0], grow)


def _pack_longer_than_promised(feed_dir: Path, keypair, other) -> None:
    ref = _feed(feed_dir).deltas[-1]
    with open(feed_dir / ref.path, "ab") as handle:
        handle.write(b"more bytes than the signed size")


def _pack_changed(feed_dir: Path, keypair, other) -> None:
    ref = _feed(feed_dir).deltas[-1]
    path = feed_dir / ref.path
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _pack_short(feed_dir: Path, keypair, other) -> None:
    ref = _feed(feed_dir).deltas[-1]
    path = feed_dir / ref.path
    path.write_bytes(path.read_bytes()[:-10])


def _older(feed_dir: Path, keypair, other) -> None:
    def roll_back(data: dict) -> None:
        data["latest"] = 1
        data["snapshot"]["version"] = 1
        data["deltas"] = []

    _rewrite(feed_dir, keypair[0], roll_back)


def _bad_path(feed_dir: Path, keypair, other) -> None:
    _rewrite(feed_dir, keypair[0], lambda d: d["deltas"][-1].update(path="../../etc/passwd"))


def _future_format(feed_dir: Path, keypair, other) -> None:
    _rewrite(feed_dir, keypair[0], lambda d: d.update(format=2))


CASES = [
    ("unsigned", _unsigned, "unsigned", "not signed"),
    ("tampered", _tampered, "signature", "does not verify"),
    ("truncated", _truncated, "signature", "cut short"),
    ("wrong key", _wrong_key, "signature", "untrusted key"),
    ("garbage signature", _garbage_signature, "signature", "not a base64 signature"),
    ("short signature", _short_signature, "signature", "not an Ed25519 signature"),
    ("oversized feed.json", _oversized_feed, "oversized", "limit"),
    ("oversized pack", _oversized_pack, "oversized", "limit"),
    (
        "pack longer than signed",
        _pack_longer_than_promised,
        "oversized",
        "larger than the feed says",
    ),
    ("pack changed", _pack_changed, "corrupt", "does not match its sha256"),
    ("pack cut short", _pack_short, "corrupt", "shorter than the feed says"),
    ("older than installed", _older, "older", "older than the installed version 2"),
    ("pack path outside the feed", _bad_path, "invalid", "is not packs/"),
    ("unknown format", _future_format, "invalid", "format 2 is not supported"),
]


@pytest.mark.parametrize(("name", "spoil", "kind", "words"), CASES, ids=[c[0] for c in CASES])
def test_refused_and_nothing_changes(
    installed, server: FeedServer, keypair, other_keypair, fast_retry, name, spoil, kind, words
) -> None:
    data_dir, publisher = installed
    before = _snapshot(data_dir)
    spoil(publisher.out, keypair, other_keypair)
    options = SyncOptions(
        feed=server.url, trusted_key_files=[keypair[1]], bundled_keys=False, retry=fast_retry
    )
    with pytest.raises(SyncError) as caught:
        sync(data_dir, options)
    assert caught.value.kind == kind
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)
    assert _snapshot(data_dir) == before


def test_the_cli_says_why_in_one_line(
    installed, server: FeedServer, keypair, other_keypair, capsys
) -> None:
    data_dir, publisher = installed
    _wrong_key(publisher.out, keypair, other_keypair)
    code = main(
        [
            "sync",
            "--data-dir",
            str(data_dir.root),
            "--feed",
            server.url,
            "--trusted-key",
            str(keypair[1]),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "signature does not verify" in err


def test_plain_http_is_refused_except_for_this_machine(sample_data: DataDir, keypair) -> None:
    before = content(sample_data)
    for url in ("http://example.org/feed/", "http://10.0.0.5/feed", "ftp://example.org/feed"):
        with pytest.raises(SyncError) as caught:
            sync(sample_data, SyncOptions(feed=url, trusted_key_files=[keypair[1]]))
        assert caught.value.kind in ("insecure", "config")
        assert "https://" in str(caught.value)
    assert content(sample_data) == before


def test_a_missing_feed_says_so(
    sample_data: DataDir, server: FeedServer, keypair, fast_retry
) -> None:
    shutil.rmtree(server.root, ignore_errors=True)
    server.root.mkdir()
    with pytest.raises(SyncError) as caught:
        sync(
            sample_data,
            SyncOptions(feed=server.url, trusted_key_files=[keypair[1]], retry=fast_retry),
        )
    assert caught.value.kind == "unavailable" and "feed.json not found" in str(caught.value)


def test_an_unreachable_server_is_offline(sample_data: DataDir, keypair, fast_retry) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SyncError) as caught:
        sync(
            sample_data,
            SyncOptions(
                feed=f"http://127.0.0.1:{port}/feed/",
                trusted_key_files=[keypair[1]],
                retry=fast_retry,
            ),
        )
    assert caught.value.kind == "offline" and "connection refused" in str(caught.value)


def test_an_empty_snapshot_is_refused(
    sample_data: DataDir, server: FeedServer, tmp_path: Path, keypair, fast_retry
) -> None:
    from desktop.core.sync.packs import Delete, write_pack

    publisher = Publisher(server.root / FEED, tmp_path / "work", keypair[0])
    publisher.publish(sample_answers()[:3])
    empty = write_pack([Delete("nothing")], publisher.out / "packs", 1)
    _rewrite(publisher.out, keypair[0], lambda d: d.update(snapshot=empty.to_json()))
    before = _snapshot_v1(sample_data)
    with pytest.raises(SyncError) as caught:
        sync(
            sample_data,
            SyncOptions(feed=server.url, trusted_key_files=[keypair[1]], retry=fast_retry),
        )
    assert "holds no published answers" in str(caught.value)
    assert _snapshot_v1(sample_data) == before


def _snapshot_v1(data_dir: DataDir) -> tuple[object, ...]:
    return content(data_dir), indexed(data_dir), index_state(data_dir.index_dir, 1).status
