"""Downloads survive dropped connections: .part files are resumed with HTTP Range."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_helpers import Publisher, content, indexed, sample_answers
from sync_server import FeedServer

from desktop.core.paths import DataDir
from desktop.core.sync import RetryPolicy, SyncError, SyncOptions, sync
from desktop.core.sync.feed import parse_feed


@pytest.fixture
def feed(server: FeedServer, tmp_path: Path, keypair) -> str:
    """A one-version feed; returns the request path of its snapshot pack."""
    publisher = Publisher(server.root / "feed", tmp_path / "work", keypair[0])
    publisher.publish(sample_answers())
    snapshot = parse_feed((publisher.out / "feed.json").read_bytes()).snapshot
    assert snapshot.size > 20_000
    return "feed/" + snapshot.path


def _options(server: FeedServer, keypair, retry: RetryPolicy) -> SyncOptions:
    return SyncOptions(
        feed=server.url, trusted_key_files=[keypair[1]], bundled_keys=False, retry=retry
    )


def test_a_dropped_connection_is_resumed_in_the_same_sync(
    sample_data: DataDir, server: FeedServer, feed: str, keypair, fast_retry
) -> None:
    server.faults.drop_after[feed] = 10_000
    result = sync(sample_data, _options(server, keypair, fast_retry))
    requests = [r for r in server.requests if r.path == feed]
    assert [r.range for r in requests] == [None, "bytes=10000-"]
    assert result.status == "updated" and result.bytes_downloaded == result.snapshot_bytes
    assert set(content(sample_data)["answers"]) == {a.id for a in sample_answers()}


def test_a_partial_download_is_kept_and_resumed_by_the_next_sync(
    sample_data: DataDir, server: FeedServer, feed: str, keypair
) -> None:
    before = content(sample_data)
    server.faults.drop_after[feed] = 12_345
    with pytest.raises(SyncError) as caught:
        sync(sample_data, _options(server, keypair, RetryPolicy(attempts=1)))
    assert caught.value.kind == "offline" and "after 12,345 of" in str(caught.value)
    parts = list(sample_data.downloads_dir.glob("*.part"))
    assert [p.stat().st_size for p in parts] == [12_345]
    assert content(sample_data) == before
    server.requests.clear()
    result = sync(sample_data, _options(server, keypair, RetryPolicy(attempts=1)))
    assert [r.range for r in server.requests if r.path == feed] == ["bytes=12345-"]
    assert result.bytes_downloaded == result.snapshot_bytes - 12_345
    assert set(indexed(sample_data)) == {a.id for a in sample_answers()}
    assert not list(sample_data.downloads_dir.glob("*"))


def test_a_server_that_ignores_range_is_read_from_the_start(
    sample_data: DataDir, server: FeedServer, feed: str, keypair, fast_retry
) -> None:
    server.faults.drop_after[feed] = 5_000
    server.faults.ignore_range = True
    result = sync(sample_data, _options(server, keypair, fast_retry))
    assert [r.range for r in server.requests if r.path == feed] == [None, "bytes=5000-"]
    assert result.bytes_downloaded == 5_000 + result.snapshot_bytes
    assert set(content(sample_data)["answers"]) == {a.id for a in sample_answers()}


def test_server_errors_are_retried_with_backoff(
    sample_data: DataDir, server: FeedServer, feed: str, keypair
) -> None:
    waits: list[float] = []
    server.faults.status["feed/feed.json"] = [503, 502]
    retry = RetryPolicy(attempts=4, backoff=0.5, sleep=waits.append)
    result = sync(sample_data, _options(server, keypair, retry))
    assert result.status == "updated"
    assert waits == [0.5, 1.0]
    assert server.paths()[:3] == ["feed/feed.json"] * 3


def test_retries_give_up_with_the_reason(
    sample_data: DataDir, server: FeedServer, feed: str, keypair
) -> None:
    server.faults.status["feed/feed.json"] = [503] * 5
    retry = RetryPolicy(attempts=3, backoff=0.01)
    with pytest.raises(SyncError) as caught:
        sync(sample_data, _options(server, keypair, retry))
    assert "HTTP 503" in str(caught.value)
    assert server.paths() == ["feed/feed.json"] * 3
