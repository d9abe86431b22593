"""Content updates in the window: the status line, the "What changed" list, quiet failures."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.sync import SyncOptions, generate_keypair
from desktop.core.sync.status import offline_line, updated_line
from desktop.ui.controllers.sync import SyncController
from desktop.ui.panels.lists import ID_ROLE
from desktop.ui.window.main_window import MainWindow

CHANGED = 3  # the `feed` fixture (conftest) changes 3 answers


def _controller(window: MainWindow, feed_dir: Path, pub: Path) -> SyncController:
    options = SyncOptions(feed=str(feed_dir), trusted_key_files=[pub], bundled_keys=False)
    return window.add_sync(options, start_delay_ms=3_600_000, watch_network=False)


def test_status_line_after_a_sync(qtbot: QtBot, window: MainWindow, feed) -> None:
    feed_dir, pub, changed = feed
    controller = _controller(window, feed_dir, pub)
    assert window.actions_.check_updates.isEnabled()
    with qtbot.waitSignal(window.hub.content_did_update, timeout=60_000) as updated:
        window.actions_.check_updates.trigger()
    assert updated.args == [2]
    assert window.status_area.update_label.text() == f"Updated just now · {CHANGED} answers changed"
    qtbot.waitUntil(lambda: window.status_area.content_label.text().startswith("Content version 2"))
    qtbot.waitUntil(lambda: window.search.is_ready, timeout=20_000)
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000):
        window.search.search_now("Revised")
    model = window.side.results.model
    assert set(changed) <= {model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())}

    dialog = controller.changes_dialog()
    rows = [dialog.list.item(r).text() for r in range(dialog.list.count())]
    assert len(rows) == CHANGED and all(r.startswith("Updated: ") for r in rows)
    with qtbot.waitSignal(window.answer_shown, timeout=10_000) as shown:
        dialog.list.itemActivated.emit(dialog.list.item(0))
    assert shown.args == [dialog.list.item(0).data(Qt.ItemDataRole.UserRole)]


def test_checking_again_says_up_to_date(qtbot: QtBot, window: MainWindow, feed) -> None:
    feed_dir, pub, _ = feed
    controller = _controller(window, feed_dir, pub)
    with qtbot.waitSignal(controller.check_finished, timeout=60_000):
        controller.check(manual=True)
    with qtbot.waitSignal(controller.check_finished, timeout=60_000) as second:
        controller.check(manual=True)
    assert second.args[0].result.status == "current"
    assert window.statusBar().currentMessage() == "No new answers: you have the latest."
    assert window.status_area.update_label.text().startswith("Updated just now · 3 answers changed")


def test_offline_shows_the_date_of_the_content(qtbot: QtBot, window: MainWindow, feed) -> None:
    feed_dir, pub, _ = feed
    controller = _controller(window, feed_dir, pub)
    with qtbot.waitSignal(controller.check_finished, timeout=60_000):
        controller.check()
    shutil.rmtree(feed_dir.parent)  # the USB stick is gone
    with qtbot.waitSignal(controller.check_finished, timeout=60_000) as done:
        controller.check()
    assert done.args[0].kind == "offline"
    today = datetime.now(UTC)
    assert (
        window.status_area.update_label.text()
        == f"Offline — content from {today.day} {today:%B %Y}"
    )
    assert "is the drive connected" in window.status_area.update_label.toolTip()


def test_a_refused_feed_fails_quietly_with_the_reason(
    qtbot: QtBot, window: MainWindow, feed
) -> None:
    feed_dir, _, _ = feed
    stranger = feed_dir.parent / "stranger.key"
    generate_keypair(stranger)
    controller = _controller(window, feed_dir, stranger.with_name("stranger.key.pub"))
    before = window.status_area.content_label.text()
    with qtbot.waitSignal(window.hub.sync_did_fail, timeout=60_000) as failed:
        controller.check()
    assert "signature does not verify" in failed.args[0]
    assert window.status_area.update_label.text().startswith("Update failed: feed.json signature")
    assert window.status_area.content_label.text() == before
    from PySide6.QtWidgets import QApplication

    assert QApplication.activeModalWidget() is None


def test_status_words() -> None:
    now = datetime(2026, 5, 15, 12, tzinfo=UTC)
    meta = {
        "updated_at": (now - timedelta(days=3)).isoformat(),
        "last_changes": json.dumps({"added": 2, "updated": 9, "removed": 1, "items": []}),
        "feed_published_at": "2026-05-12T08:00:00+00:00",
    }
    assert updated_line(meta, now) == "Updated 3 days ago · 12 answers changed"
    assert offline_line(meta) == "Offline — content from 12 May 2026"
    assert updated_line({"built_at": "2026-05-01T00:00:00+00:00"}, now) == "Content from 1 May 2026"
