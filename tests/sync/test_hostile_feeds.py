"""Issue 14 items 3 and 5: validly signed feeds that are malformed or absurd. One line each,
nothing installed; and a computer that took an absurd version recovers on the next snapshot."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sync_helpers import Publisher, content, hand_made_feed, sample_answers, upsert_line
from sync_server import FeedServer

from db.store import ContentStore
from desktop.cli import main
from desktop.core.paths import DataDir
from desktop.core.sync import SyncError, SyncOptions, sync

FEED = "feed"
GOOD = {"id": "good-answer", "question": "Is this a good answer?", "summary": "Yes, it is."}


def _options(server: FeedServer, keypair, fast_retry, fast_net) -> SyncOptions:
    return SyncOptions(
        feed=server.url,
        trusted_key_files=[keypair[1]],
        bundled_keys=False,
        retry=fast_retry,
        net=fast_net,
    )


def _deep(data: dict) -> None:
    data["extra"] = json.loads("[" * 50 + "]" * 50)  # fine at 50: made deeper in raw text


FEED_CHANGES: dict[str, Callable[[dict], None]] = {
    "latest is a string": lambda d: d.update(latest="1"),
    "latest is true": lambda d: d.update(latest=True),
    "latest is a float": lambda d: d.update(latest=1.0),
    "size is huge float": lambda d: d["snapshot"].update(size=1e300),
    "size is negative": lambda d: d["snapshot"].update(size=-5),
    "publisher is an object": lambda d: d.update(publisher={"name": "x"}),
    "published_at is a list": lambda d: d.update(published_at=["2026"]),
    "key_id is a number": lambda d: d.update(key_id=12),
    "publisher is a page": lambda d: d.update(publisher="x" * 5000),
    "deltas is an object": lambda d: d.update(deltas={"from": 1}),
    "a delta is a string": lambda d: d.update(deltas=["packs/x"]),
    "snapshot is a list": lambda d: d.update(snapshot=[1, 2]),
    "format is a list": lambda d: d.update(format=[1]),
    "feed id is a number": lambda d: d.update(feed=7),
    "too many deltas": lambda d: d.update(
        deltas=[dict(d["snapshot"], **{"from": i, "to": i + 1}) for i in range(1001)]
    ),
}


@pytest.mark.parametrize("name", sorted(FEED_CHANGES))
def test_a_malformed_signed_feed_is_one_line(
    sample_data: DataDir, server: FeedServer, keypair, fast_retry, fast_net, name: str
) -> None:
    hand_made_feed(server.root / FEED, keypair[0], [upsert_line(GOOD)], change=FEED_CHANGES[name])
    before = content(sample_data)
    with pytest.raises(SyncError) as caught:
        sync(sample_data, _options(server, keypair, fast_retry, fast_net))
    assert caught.value.kind in ("invalid", "oversized")
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 300
    assert content(sample_data) == before


@pytest.mark.parametrize(
    "raw",
    [
        b'{"format": 1, "extra": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",  # RecursionError
        b'{"format": 1, "latest": ' + b"9" * 5000 + b"}",  # beyond int()'s digit limit
        b'{"format": 1, "latest": 1e999}',
        b"\xff\xfe not utf-8",
    ],
    ids=["deep-nesting", "5000-digit-number", "infinity", "not-utf8"],
)
def test_raw_signed_feed_text_that_breaks_parsers_is_one_line(
    sample_data: DataDir, server: FeedServer, keypair, fast_retry, fast_net, raw: bytes, capsys
) -> None:
    from desktop.core.sync.keys import load_private, sign

    out = server.root / FEED
    out.mkdir()
    (out / "feed.json").write_bytes(raw)
    (out / "feed.json.sig").write_bytes(sign(load_private(keypair[0]), raw))
    before = content(sample_data)
    with pytest.raises(SyncError) as caught:
        sync(sample_data, _options(server, keypair, fast_retry, fast_net))
    assert caught.value.kind == "invalid" and "\n" not in str(caught.value)
    assert content(sample_data) == before


@pytest.mark.parametrize("latest", [10**30, 2**63, 1_000_000_001])
def test_an_implausible_version_is_refused(
    sample_data: DataDir, server: FeedServer, keypair, fast_retry, fast_net, latest: int
) -> None:
    def absurd(data: dict) -> None:
        data["latest"] = latest
        data["snapshot"]["version"] = latest

    hand_made_feed(server.root / FEED, keypair[0], [upsert_line(GOOD)], change=absurd)
    before = content(sample_data)
    with pytest.raises(SyncError) as caught:
        sync(sample_data, _options(server, keypair, fast_retry, fast_net))
    assert caught.value.kind == "invalid" and "no genuine feed reaches" in str(caught.value)
    assert content(sample_data) == before


@pytest.mark.parametrize("stored", [str(10**30), str(2**63), "1000000001"])
def test_a_computer_that_took_an_absurd_version_recovers_on_a_new_snapshot(
    sample_data: DataDir, server: FeedServer, tmp_path: Path, keypair, fast_retry, stored: str
) -> None:
    """What an older app left behind: the feed's id with an absurd version. A genuine signed
    snapshot of the same feed replaces it instead of being refused as 'older'."""
    with ContentStore(sample_data.content_db) as store:
        store.set_meta(content_version=stored, feed="test-feed")
    publisher = Publisher(server.root / FEED, tmp_path / "work", keypair[0])
    publisher.publish(sample_answers()[:6])
    result = sync(
        sample_data,
        SyncOptions(
            feed=server.url, trusted_key_files=[keypair[1]], bundled_keys=False, retry=fast_retry
        ),
    )
    assert (result.status, result.method, result.to_version) == ("updated", "snapshot", 1)
    assert content(sample_data)["version"] == 1
    publisher.publish(sample_answers()[:7])  # and genuine versions are taken from then on
    again = sync(
        sample_data,
        SyncOptions(
            feed=server.url, trusted_key_files=[keypair[1]], bundled_keys=False, retry=fast_retry
        ),
    )
    assert (again.method, again.to_version) == ("delta", 2)


def test_the_cli_says_one_line_for_a_malformed_feed(
    sample_data: DataDir, server: FeedServer, keypair, capsys
) -> None:
    hand_made_feed(
        server.root / FEED,
        keypair[0],
        [upsert_line(GOOD)],
        change=lambda d: d.update(publisher={"<b>": 1}),
    )
    config = ["--data-dir", str(sample_data.root), "--feed", server.url]
    code = main(["sync", *config, "--trusted-key", str(keypair[1]), "--trust-new-key", "x"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "publisher must be text" in err
