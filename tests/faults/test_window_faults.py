"""Issue 13 item 2 in the window: damaged content.db and user.db are set aside, the window
opens, says so, and search works. Real widgets (pytest-qt, offscreen), real damaged files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fault_cli import damage_header, damage_pages
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.content_health import RESET_NOTICE, read_or_repair
from desktop.core.paths import DataDir
from desktop.core.reader.prefetch import Prefetch
from desktop.core.reader.start import load_start
from desktop.ui.app import make_application, open_user_store
from desktop.ui.panels.lists import ID_ROLE
from desktop.ui.window.main_window import MainWindow
from desktop.ui.workstation.station import Workstation

Opener = Callable[[DataDir], tuple[MainWindow, str]]


@pytest.fixture
def open_window(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> Iterator[Opener]:
    """Open the window the way `patient-answers gui` does (start page read ahead through
    read_or_repair, user.db through open_user_store)."""
    make_application()
    opened: list[MainWindow] = []

    def opener(data_dir: DataDir) -> tuple[MainWindow, str]:
        station = Workstation(private=False)
        store, note = open_user_store(data_dir, private=False)
        window = MainWindow(
            data_dir, station.settings(tmp_path / "settings.ini"), store, workstation=station
        )
        qtbot.addWidget(window)
        opened.append(window)
        with qtbot.waitSignal(window.start_page_shown, timeout=20_000):
            window.start(Prefetch(read_or_repair, data_dir, load_start))
            window.show()
        qtbot.waitUntil(lambda: window.search.is_ready, timeout=30_000)
        return window, note

    yield opener
    for window in opened:
        if window.isVisible():
            window.close()
        window.tasks.wait()
        window.user_data.close()


def _results_after_typing(qtbot: QtBot, window: MainWindow, text: str) -> list[str]:
    model = window.side.results.model
    with qtbot.waitSignal(window.search.results_ready, timeout=20_000):
        window.search_field.setFocus()
        qtbot.keyClicks(window.search_field, text)
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=20_000)
    return [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())]


@pytest.mark.parametrize("damage", [damage_pages, damage_header], ids=["pages", "header"])
def test_the_window_opens_and_searches_on_damaged_content(
    qtbot: QtBot, open_window: Opener, sample_data: DataDir, damage: Callable[[Path], None]
) -> None:
    damage(sample_data.content_db)
    damaged = sample_data.content_db.read_bytes()
    window, _ = open_window(sample_data)
    assert window.statusBar().currentMessage() == RESET_NOTICE
    kept = list(sample_data.root.glob("content.db.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert "asthma-in-children" in _results_after_typing(qtbot, window, "asthma")


def test_a_damaged_user_db_is_set_aside_and_the_window_reads_on(
    qtbot: QtBot, open_window: Opener, sample_data: DataDir
) -> None:
    sample_data.user_db.write_bytes(b"this is not a database at all" * 200)
    window, note = open_window(sample_data)
    assert "set aside" in note
    assert list(sample_data.root.glob("user.db.damaged-*"))
    assert "asthma-in-children" in _results_after_typing(qtbot, window, "asthma")
    window.user_data.store.add_bookmark("asthma-in-children", "Asthma?")
    assert window.user_data.store.bookmarks()
