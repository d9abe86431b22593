"""The window as a whole: smoke run, status bar, About, keyboard, accessibility, private mode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from db.store import ContentStore
from desktop import __version__
from desktop.core.paths import DataDir
from desktop.core.resources import sample_content_dir
from desktop.ui.window.main_window import MainWindow

# The sample answers grow as content is added: count them rather than hard-code a number.
SAMPLE_ANSWERS = len(list(sample_content_dir().glob("*.md")))


@pytest.mark.slow
def test_gui_smoke_prints_timings_and_exits_0(sample_data: DataDir) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop.cli",
            "gui",
            "--smoke",
            "--data-dir",
            str(sample_data.root),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1
    timings = json.loads(lines[0])
    assert set(timings) == {"startup_ms", "first_answer_ms", "rss_mb"}
    assert all(isinstance(v, float | int) and v > 0 for v in timings.values())
    assert not sample_data.user_db.exists()  # a smoke check leaves no trace


def test_status_bar_shows_content_and_the_update_slot(window: MainWindow) -> None:
    assert window.status_area.content_label.text().startswith("Content version 1 · ")
    assert window.status_area.count_label.text() == f"{SAMPLE_ANSWERS} answers"
    action = window.actions_.check_updates
    assert not action.isEnabled() and action.toolTip() == "Updates are not set up yet"
    window.status_area.set_update_status("Checked for updates today at 09:12")
    assert window.status_area.update_label.text() == "Checked for updates today at 09:12"


def test_about_shows_versions_and_licences(qtbot: QtBot, window: MainWindow) -> None:
    window.actions_.about.trigger()
    qtbot.waitUntil(lambda: window.about.dialog is not None and window.about.dialog.isVisible())
    text = window.about.dialog.view.toPlainText()
    assert (
        f"Version {__version__}" in text and f"Content version 1, {SAMPLE_ANSWERS} answers" in text
    )
    for words in (
        "GNU LGPL version 3",
        "Whoosh",
        "Python-Markdown",
        "nh3",
        "sqlite-utils",
        "cryptography",
        "platformdirs",
    ):
        assert words in text
    assert "CC BY 4.0" not in text  # the sample content carries no CC BY answers
    window.about.dialog.close()


def test_about_credits_medquad_when_cc_by_answers_are_installed(
    qtbot: QtBot, sample_data: DataDir, make_window
) -> None:  # type: ignore[no-untyped-def]
    with ContentStore(sample_data.content_db) as store:
        answer = store.get_answer("falls-prevention")
        assert answer is not None
        store.upsert_answers(
            [
                answer.with_changes(
                    id="GHR_0000001_Sec1",
                    source="GHR",
                    license="CC BY 4.0. From MedQuAD (Ben Abacha A, Demner-Fushman D. 2019)",
                )
            ]
        )
    window = make_window(wait_search=False)
    window.actions_.about.trigger()
    qtbot.waitUntil(lambda: window.about.dialog is not None)
    text = window.about.dialog.view.toPlainText()
    assert "MedQuAD" in text and "(CC BY 4.0)" in text
    assert "Creative Commons Attribution 4.0" in text
    window.about.dialog.close()


def test_every_control_has_an_accessible_name(qtbot: QtBot, window: MainWindow, ui) -> None:
    ui.open_answer(window, "psma-car-t-barriers")
    window.pages.answer_page.find_bar.open_bar()
    window.pages.answer_page.show_reference(1)
    missing = []
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(window):
            continue
        name = widget.accessibleName()
        if not name and isinstance(widget, QAbstractButton):
            name = widget.text()
        if not name.strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()}")
    assert missing == []


def test_keyboard_only_reading(qtbot: QtBot, window: MainWindow) -> None:
    window.pages.start_view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()
    qtbot.keyClicks(window.search_field, "leg cramps")
    qtbot.waitUntil(lambda: window.side.results.model.rowCount() > 0, timeout=10_000)
    with qtbot.waitSignal(window.answer_shown):
        qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    # F6 walks search box -> list -> page
    window.search_field.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.side.results.view.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.pages.answer_page.view.hasFocus()
    # Tab moves to links inside the answer; Enter on a "+ Add to visit sheet" link works
    view = window.pages.answer_page.view
    for _ in range(200):
        if view.textCursor().charFormat().anchorHref().startswith("pa-visit:"):
            break
        qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.textCursor().charFormat().anchorHref().startswith("pa-visit:")
    with qtbot.waitSignal(window.hub.visit_sheet_did_change):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()


def test_private_window_writes_nothing(
    qtbot: QtBot, make_window, tmp_path: Path, sample_data: DataDir, ui
) -> None:  # type: ignore[no-untyped-def]
    before = sorted(p.name for p in sample_data.root.iterdir())
    window = make_window(private=True)
    assert window.settings.file_path is None and window.user_data.store.in_memory
    ui.open_answer(window, "psma-car-t-barriers")
    window.library.toggle_bookmark()
    window.looks.set_scale(2.0)
    window.looks.set_theme("dark")
    window.close()
    assert sorted(p.name for p in sample_data.root.iterdir()) == before
    assert not (tmp_path / "settings.ini").exists()
    window.looks.set_theme("light")


def test_window_size_is_remembered(qtbot: QtBot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(wait_search=False)
    window.resize(700, 500)  # inside the 800x600 offscreen screen
    qtbot.waitUntil(lambda: window.size().width() == 700)
    again = make_window(wait_search=False)
    assert (again.width(), again.height()) == (700, 500)


def test_content_update_reloads_start_page_and_search(
    qtbot: QtBot, window: MainWindow, sample_data: DataDir
) -> None:
    with ContentStore(sample_data.content_db) as store:
        store.delete_answers(["falls-prevention"])
        store.set_meta(content_version=2)
    with qtbot.waitSignal(window.hub.search_did_become_ready, timeout=20_000):
        window.hub.content_did_update.emit(2)
    qtbot.waitUntil(
        lambda: window.status_area.count_label.text() == f"{SAMPLE_ANSWERS - 1} answers"
    )
    assert window.status_area.content_label.text().startswith("Content version 2")
    assert QApplication.instance() is not None
