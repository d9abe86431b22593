"""Windows notice content that another process installed (a `sync` run, a cron job)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db.store import ContentStore
from db.user_store import UserStore
from desktop.core.paths import DataDir
from desktop.core.sync.keys import fingerprint, load_public
from desktop.ui.panels.lists import ID_ROLE
from desktop.ui.settings import Settings
from desktop.ui.window.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]


def _second_window(qtbot: QtBot, data_dir: DataDir) -> MainWindow:
    """Another reader's window on the same folder (private, so it keeps its own store)."""
    window = MainWindow(data_dir, Settings(private=True), UserStore.private())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.start_page_shown, timeout=10_000):
        window.start()
        window.show()
    qtbot.waitUntil(lambda: window.search.is_ready, timeout=20_000)
    return window


def _found(qtbot: QtBot, window: MainWindow, text: str) -> set[str]:
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000):
        window.search.search_now(text)
    model = window.side.results.model
    return {model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())}


@pytest.mark.slow
def test_two_windows_pick_up_what_a_sync_installed(
    qtbot: QtBot, make_window, sample_data: DataDir, feed
) -> None:  # type: ignore[no-untyped-def]
    feed_dir, pub, changed = feed
    first = make_window()
    second = _second_window(qtbot, sample_data)
    for window in (first, second):
        window.content_watch.timer.setInterval(100)
    assert _found(qtbot, first, "zebracornium") == set()
    sync = subprocess.Popen(
        [sys.executable, "-m", "desktop", "sync", "--json", "--data-dir", str(sample_data.root),
         "--feed", str(feed_dir), "--trusted-key", str(pub),
         "--trust-new-key", fingerprint(load_public(pub))],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    searches = 0
    while searches == 0 or sync.poll() is None:  # both windows keep working meanwhile
        for window in (first, second):
            assert _found(qtbot, window, "asthma inhaler")
            searches += 1
    out, err = sync.communicate()
    assert sync.returncode == 0, err
    assert json.loads(out.splitlines()[-1])["to_version"] == 2
    for window in (first, second):
        qtbot.waitUntil(
            lambda w=window: w.status_area.content_label.text().startswith("Content version 2")
        )
        qtbot.waitUntil(lambda w=window: w.search.is_ready, timeout=20_000)
        assert set(changed) <= _found(qtbot, window, "zebracornium")


def test_no_reload_while_a_sync_is_still_finishing(
    qtbot: QtBot, window: MainWindow, sample_data: DataDir
) -> None:
    watcher = window.content_watch
    updates: list[int] = []
    window.hub.content_did_update.connect(updates.append)
    with ContentStore(sample_data.content_db) as store:
        store.set_meta(content_version=5, pending_index='{"version": 5}')
    assert watcher.check()
    qtbot.waitUntil(lambda: not watcher.running)
    assert updates == [] and watcher.retry.isActive()  # the index is not ready yet
    with ContentStore(sample_data.content_db) as store:
        store.delete_meta("pending_index")
    watcher.retry.setInterval(10)
    watcher.retry.start()
    qtbot.waitUntil(lambda: updates == [5])
    qtbot.waitUntil(lambda: window.status_area.content_label.text().startswith("Content version 5"))


def test_bringing_the_window_to_the_front_checks(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    assert window.content_watch.timer.interval() == 30_000
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert window.content_watch.running  # a look at content.db is on its way
    qtbot.waitUntil(lambda: not window.content_watch.running)
