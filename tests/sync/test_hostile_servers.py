"""Issue 14 items 1, 6 and 8: a server that stalls, trickles, loops or lies. Every sync ends,
says why in one plain line, and leaves the installed answers readable and unchanged."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sync_helpers import Publisher, content, mark, sample_answers
from sync_server import FeedServer

from desktop.cli import main
from desktop.core.paths import DataDir
from desktop.core.sync import SyncError, SyncOptions, sync
from desktop.core.sync.limits import NetLimits
from desktop.core.sync.status import failed_line

FEED = "feed"
HTML = "<h1>Call 555-0199 now</h1><img src='file:///etc/passwd'>"


@pytest.fixture
def feed(server: FeedServer, tmp_path: Path, keypair) -> Publisher:
    """Version 1 of the test feed on the server (nothing installed from it yet)."""
    publisher = Publisher(server.root / FEED, tmp_path / "work", keypair[0])
    base = sample_answers()
    publisher.publish(mark(base, {base[0].id}))
    return publisher


def _pack(publisher: Publisher) -> str:
    import json

    data = json.loads((publisher.out / "feed.json").read_text())
    return f"{FEED}/{data['snapshot']['path']}"


def _refused(data_dir: DataDir, options: SyncOptions) -> SyncError:
    before = content(data_dir)
    with pytest.raises(SyncError) as caught:
        sync(data_dir, options)
    assert content(data_dir) == before  # the previous content is still there and readable
    message = str(caught.value)
    assert "\n" not in message and len(message) <= 400
    return caught.value


def _options(server: FeedServer, keypair, fast_retry, net: NetLimits) -> SyncOptions:
    return SyncOptions(
        feed=server.url,
        trusted_key_files=[keypair[1]],
        bundled_keys=False,
        retry=fast_retry,
        net=net,
    )


def test_a_trickle_of_one_byte_at_a_time_is_too_slow(
    sample_data: DataDir, server: FeedServer, feed, keypair, fast_retry, fast_net
) -> None:
    server.faults.trickle[_pack(feed)] = 0.05  # 20 bytes a second: under the 200 minimum
    error = _refused(sample_data, _options(server, keypair, fast_retry, fast_net))
    assert error.kind == "slow" and "minimum of 200 bytes a second" in str(error)


def test_a_feed_file_that_trickles_is_too_slow_too(
    sample_data: DataDir, server: FeedServer, feed, keypair, fast_retry, fast_net
) -> None:
    server.faults.trickle[f"{FEED}/feed.json"] = 0.05
    error = _refused(sample_data, _options(server, keypair, fast_retry, fast_net))
    assert error.kind == "slow"


def test_headers_that_trickle_are_cut_off(
    sample_data: DataDir, server: FeedServer, feed, keypair, fast_retry, fast_net
) -> None:
    """A byte of header every 0.1 s never trips a socket timeout; the watchdog does."""
    server.faults.trickle_headers[f"{FEED}/feed.json"] = 0.1
    error = _refused(sample_data, _options(server, keypair, fast_retry, fast_net))
    assert error.kind == "offline" and "did not answer within 1 s" in str(error)
    assert server.paths().count(f"{FEED}/feed.json") == fast_retry.attempts


def test_a_server_that_stalls_mid_body(
    sample_data: DataDir, server: FeedServer, feed, keypair, fast_retry, fast_net
) -> None:
    server.faults.stall.add(_pack(feed))
    error = _refused(sample_data, _options(server, keypair, fast_retry, fast_net))
    assert error.kind in ("offline", "slow")


def test_a_slow_but_steady_download_meets_the_overall_deadline(
    sample_data: DataDir, server: FeedServer, feed, keypair, fast_retry, fast_net
) -> None:
    """Fast enough for the minimum rate, too slow for the whole update's deadline."""
    server.faults.trickle[_pack(feed)] = 0.002  # ~500 bytes a second
    net = replace(fast_net, deadline=1.5, min_rate=50.0)
    error = _refused(sample_data, _options(server, keypair, fast_retry, net))
    assert error.kind == "timeout" and "1.5-second limit" in str(error)


def test_a_wrong_content_range_starts_the_pack_again(
    sample_data: DataDir, server: FeedServer, feed, keypair, fast_retry, fast_net
) -> None:
    pack = _pack(feed)
    server.faults.drop_after[pack] = 1000  # leaves a .part to resume
    server.faults.wrong_range = True  # ...which the server resumes at the wrong byte
    result = sync(sample_data, _options(server, keypair, fast_retry, fast_net))
    assert result.status == "updated"
    ranges = [r.range for r in server.requests if r.path == pack]
    assert ranges == [None, "bytes=1000-", None]


def test_a_connection_closed_mid_body_every_time_ends(
    sample_data: DataDir, server: FeedServer, feed, keypair, fast_retry, fast_net
) -> None:
    pack = _pack(feed)
    server.faults.ignore_range = True
    server.faults.always_drop_after[pack] = 500
    error = _refused(sample_data, _options(server, keypair, fast_retry, fast_net))
    assert error.kind == "offline" and "connection" in str(error)


def test_a_redirect_loop_is_one_line_and_exit_1(
    sample_data: DataDir, server: FeedServer, feed, capsys
) -> None:
    server.faults.redirect[f"{FEED}/feed.json"] = f"{server.url}feed.json"
    code = main(["sync", "--data-dir", str(sample_data.root), "--feed", server.url])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert "redirected too many times or in a loop" in err


@pytest.mark.parametrize(
    "target",
    [
        "ftp://example.org/feed.json",
        "http://example.org/feed.json",
        "file:///etc/passwd",
        "gopher://<h1>example.org</h1>/x",
    ],
)
def test_a_redirect_somewhere_not_allowed_is_one_line_and_exit_1(
    sample_data: DataDir, server: FeedServer, feed, capsys, target: str
) -> None:
    server.faults.redirect[f"{FEED}/feed.json"] = target
    before = content(sample_data)
    code = main(["sync", "--data-dir", str(sample_data.root), "--feed", server.url])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert "redirected to a" in err and "which is not allowed" in err
    assert "example.org" not in err and "passwd" not in err  # the server's words stay out
    assert content(sample_data) == before


def test_a_reason_phrase_is_never_shown(
    sample_data: DataDir, server: FeedServer, feed, keypair, fast_retry, fast_net
) -> None:
    server.faults.reason[f"{FEED}/feed.json"] = (403, HTML)
    error = _refused(sample_data, _options(server, keypair, fast_retry, fast_net))
    assert "HTTP 403 Forbidden" in str(error)
    assert "<" not in str(error) and "555" not in str(error)
    line = failed_line(error.kind, str(error), {})
    assert "<" not in line and len(line) <= 90


def test_a_response_that_is_not_http_is_never_quoted(
    sample_data: DataDir, server: FeedServer, feed, keypair, fast_retry, fast_net
) -> None:
    server.faults.raw[f"{FEED}/feed.json"] = (HTML + "\r\n\r\n").encode()
    error = _refused(sample_data, _options(server, keypair, fast_retry, fast_net))
    assert "not HTTP" in str(error) and "<" not in str(error) and "555" not in str(error)


def test_the_cli_takes_the_limits(sample_data: DataDir, server: FeedServer, feed, capsys) -> None:
    server.faults.trickle[f"{FEED}/feed.json"] = 0.05
    args = ["sync", "--data-dir", str(sample_data.root), "--feed", server.url]
    code = main([*args, "--min-rate", "500", "--stall", "1", "--deadline", "30"])
    err = capsys.readouterr().err
    assert code == 1 and "minimum of 500 bytes a second" in err and err.count("\n") == 1


@pytest.mark.parametrize("kind", ["slow", "timeout", "untrusted", "disk", "index", "apply"])
def test_the_window_status_line_is_short_plain_text(kind: str) -> None:
    reason = f"{HTML}\n\u202edetails " + "x" * 300
    line = failed_line(kind, reason, {})
    assert len(line) <= 90 and "\n" not in line and "\u202e" not in line
    if kind != "apply":
        assert "<" not in line
