"""Issue 14 item 6 in the window: whatever an update's failure quotes is shown as plain text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from desktop.core.sync import SyncOptions
from desktop.ui.window.main_window import MainWindow

HTML = "<h1>Call 555-0199 now</h1><img src='file:///etc/passwd'>"


def test_a_failed_update_is_shown_as_plain_text(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    feed = tmp_path / HTML.replace("/", "_")  # a feed folder that is not there, named in HTML
    options = SyncOptions(feed=str(feed), bundled_keys=False)
    controller = window.add_sync(options, start_delay_ms=3_600_000, watch_network=False)
    with qtbot.waitSignal(controller.check_finished, timeout=60_000) as finished:
        controller.check(manual=True)
    reason = finished.args[0].reason
    assert "<h1>" in reason  # the words really are there to be misread as HTML
    label = window.status_area.update_label
    assert label.textFormat() == Qt.TextFormat.PlainText
    shown = QTextDocument()
    shown.setHtml(label.toolTip())  # how Qt renders a tooltip that looks like HTML
    assert "<h1>Call 555-0199 now" in shown.toPlainText()  # shown as written, not as HTML
