"""Closing the window while work runs: the work stops, the window closes, nothing half-written.

A real sync against a slow HTTP server on 127.0.0.1 (one byte every 20 ms: the snapshot would
take minutes to arrive), closed while it downloads.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from db.store import ContentStore
from desktop.core.sync import SyncOptions

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
from sync_server import FeedServer  # noqa: E402


def _content_version(content_db: Path) -> int:
    with ContentStore(content_db, readonly=True) as store:
        return store.content_version()


def test_closing_during_a_slow_sync_stops_it_and_keeps_the_content(
    qtbot: QtBot, make_window, feed, tmp_path: Path
) -> None:
    feed_dir, pub, _changed = feed
    root = tmp_path / "www"
    shutil.copytree(feed_dir, root / "feed")
    server = FeedServer(root)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        for pack in (root / "feed" / "packs").glob("*"):
            server.faults.trickle[f"/feed/packs/{pack.name}"] = 0.02
        window = make_window()
        before = _content_version(window.data_dir.content_db)
        options = SyncOptions(feed=server.url, trusted_key_files=[pub], bundled_keys=False)
        window.add_sync(options, start_delay_ms=3_600_000, watch_network=False)
        window.actions_.check_updates.trigger()
        qtbot.waitUntil(lambda: any("/packs/" in p for p in server.paths()), timeout=30_000)
        started = time.monotonic()
        window.close()
        assert not window.isVisible()
        # the sync's thread ends (it is not left downloading behind a closed window)
        qtbot.waitUntil(lambda: window.tasks.pending() == 0, timeout=10_000)
        took = time.monotonic() - started
        assert took < 10, f"closing took {took:.1f} s"  # a hang guard; the goal is 2 s
        assert window.sync is not None and window.sync.last_outcome is not None
        assert window.sync.last_outcome.kind == "cancelled"
        assert _content_version(window.data_dir.content_db) == before
        leftovers = [p.name for p in window.data_dir.content_dir.glob("*.building*")]
        assert leftovers == []
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_closing_during_an_index_build_stops_it_and_leaves_no_half_index(
    qtbot: QtBot, make_window, tmp_path: Path
) -> None:
    from db.records import Answer
    from desktop.core.paths import DataDir

    data_dir = DataDir(tmp_path / "big")
    data_dir.root.mkdir()
    words = "fever cough rash asthma diabetes heart kidney bone sleep pain".split()
    with ContentStore(data_dir.content_db) as store:  # enough answers for a long index build
        store.upsert_answers(
            Answer(
                id=f"a{n}",
                question=f"What is condition {n}?",
                summary=" ".join(words[(n + k) % 10] for k in range(60)),
                body="## More\n\n" + " ".join(words[(n * k) % 10] for k in range(400)),
            )
            for n in range(6000)
        )
        store.set_meta(content_version=1)
    window = make_window(data_dir=data_dir, wait_search=False)
    building: list[int] = []
    window.search.progress.connect(lambda done, total: building.append(done))
    qtbot.waitUntil(lambda: bool(building), timeout=60_000)  # the index build is under way
    started = time.monotonic()
    window.close()
    qtbot.waitUntil(lambda: window.tasks.pending() == 0, timeout=20_000)
    took = time.monotonic() - started
    assert took < 20, f"closing took {took:.1f} s"  # a hang guard; the goal is 2 s
    index = data_dir.index_dir
    assert not [p for p in index.glob(".build-*")], "a half-built index was left behind"
    assert not (index / "CURRENT").exists()  # nothing half-built was made the live index
