"""Choosing what to download: a delta chain when it exists and is smaller, else the snapshot."""

from __future__ import annotations

import pytest

from desktop.core.sync import SyncError
from desktop.core.sync.client import plan
from desktop.core.sync.feed import Feed, PackRef


def _ref(to: int, size: int, start: int | None = None) -> PackRef:
    sha = f"{to:02d}{start or 0:02d}".ljust(64, "a")
    return PackRef(f"packs/{sha}.jsonl.gz", sha, size, to=to, from_=start)


def _feed(latest: int, deltas: list[tuple[int, int, int]], snapshot_size: int = 1000) -> Feed:
    return Feed(
        "f",
        "p",
        latest,
        "",
        _ref(latest, snapshot_size),
        tuple(_ref(to, size, start) for start, to, size in deltas),
    )


def test_the_chain_from_the_installed_version() -> None:
    feed = _feed(4, [(1, 2, 10), (2, 3, 10), (3, 4, 10)])
    packs, full = plan(feed, "f", 2)
    assert not full and [(p.from_, p.to) for p in packs] == [(2, 3), (3, 4)]


def test_a_gap_in_the_chain_means_the_snapshot() -> None:
    feed = _feed(4, [(1, 2, 10), (3, 4, 10)])
    packs, full = plan(feed, "f", 1)
    assert full and packs == [feed.snapshot]


def test_a_chain_bigger_than_the_snapshot_means_the_snapshot() -> None:
    feed = _feed(3, [(1, 2, 600), (2, 3, 600)])
    assert plan(feed, "f", 1) == ([feed.snapshot], True)


def test_another_feed_or_a_local_build_gets_the_snapshot() -> None:
    feed = _feed(3, [(1, 2, 10), (2, 3, 10)])
    assert plan(feed, "local", 1) == ([feed.snapshot], True)
    assert plan(feed, "other", 1) == ([feed.snapshot], True)


def test_an_older_feed_is_refused() -> None:
    with pytest.raises(SyncError) as caught:
        plan(_feed(3, []), "f", 5)
    assert caught.value.kind == "older"
