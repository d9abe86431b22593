"""Bookmarks, history and the visit sheet: listed, kept across restarts, cleared, exported."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.reader.dates import day_text
from desktop.ui.panels.answer_page import ON_SHEET
from desktop.ui.window.main_window import MainWindow

PSMA = "psma-car-t-barriers"
FALLS = "falls-prevention"


def test_bookmark_is_listed_and_survives_restart(qtbot: QtBot, make_window, ui) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.side.bookmarks.ids() == [] and not window.side.bookmarks.empty.isHidden()
    ui.open_answer(window, PSMA)
    qtbot.keyClick(window.pages.answer_page.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.side.bookmarks.ids() == [PSMA]
    assert window.actions_.bookmark.isChecked()
    restarted = make_window()
    assert restarted.side.bookmarks.ids() == [PSMA]
    with qtbot.waitSignal(restarted.answer_shown) as shown:
        restarted.actions_.show_bookmarks.trigger()
        qtbot.keyClick(restarted.side.bookmarks.view, Qt.Key.Key_Down)
        qtbot.keyClick(restarted.side.bookmarks.view, Qt.Key.Key_Return)
    assert shown.args == [PSMA]
    assert restarted.actions_.bookmark.isChecked()
    restarted.actions_.bookmark.trigger()  # Ctrl+D again removes it
    assert restarted.side.bookmarks.ids() == []


def test_history_lists_opened_answers(qtbot: QtBot, window: MainWindow, ui) -> None:
    ui.open_answer(window, PSMA)
    ui.open_answer(window, FALLS)
    assert window.side.history.ids() == [FALLS, PSMA]


def test_history_cleared_is_empty_and_stays_empty(
    qtbot: QtBot, make_window, ui, answer_yes
) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    ui.open_answer(window, PSMA)
    qtbot.keyClicks(window.search_field, "inhaler")
    qtbot.waitUntil(lambda: window.side.results.model.rowCount() > 0, timeout=10_000)
    with qtbot.waitSignal(window.answer_shown):
        qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert len(window.side.history.ids()) == 2
    window.actions_.home.trigger()
    assert "Your recent searches" in window.pages.start_view.toPlainText()
    window.actions_.show_history.trigger()
    qtbot.mouseClick(window.side.history.button, Qt.MouseButton.LeftButton)
    assert answer_yes == ["Clear history?"]
    assert window.side.history.ids() == []
    assert not window.side.history.empty.isHidden()
    assert not window.actions_.back.isEnabled()
    assert "Your recent searches" not in window.pages.start_view.toPlainText()
    qtbot.wait(50)  # let any late callback land: nothing may bring the history back
    assert window.side.history.ids() == [] and window.user_data.store.history() == []
    restarted = make_window()
    assert restarted.side.history.ids() == []
    assert restarted.user_data.store.recent_searches() == []


def test_clear_history_can_be_cancelled(qtbot: QtBot, window: MainWindow, ui, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    ui.open_answer(window, PSMA)
    assert window.library.clear_history() is False
    assert window.side.history.ids() == [PSMA]


def _add_ask(qtbot: QtBot, window: MainWindow, ui, n: int) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.hub.visit_sheet_did_change):
        ui.click_link(window.pages.answer_page.view, lambda h: h == f"pa-visit:{n}")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_visit_sheet_gathers_questions_and_exports_a_pdf(
    qtbot: QtBot, window: MainWindow, ui, tmp_path: Path
) -> None:
    ui.open_answer(window, PSMA)
    psma = window.pages.answer_page.loaded.answer  # type: ignore[union-attr]
    _add_ask(qtbot, window, ui, 0)
    _add_ask(qtbot, window, ui, 3)
    assert window.pages.answer_page.view.toPlainText().count(ON_SHEET) == 2
    ui.open_answer(window, FALLS)
    falls = window.pages.answer_page.loaded.answer  # type: ignore[union-attr]
    window.actions_.add_all_to_sheet.trigger()
    assert window.actions_.visit_sheet.text() == f"&Visit sheet ({2 + len(falls.asks)})"
    with qtbot.waitSignal(window.visit_sheet_shown):
        qtbot.keyClick(
            window,
            Qt.Key.Key_V,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    page = window.pages.visit_page
    first_note = page.notes[0]
    first_note.setFocus()
    qtbot.keyClicks(first_note, "Ask about the trial near Leeds")
    path = window.printing.export_page_pdf(tmp_path / "visit.pdf")
    assert window.user_data.store.visit_items()[0].note == "Ask about the trial near Leeds"
    text = ui.squash(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    for words in (
        psma.question,
        falls.question,
        psma.asks[0],
        psma.asks[3],
        *falls.asks,
        "Ask about the trial near Leeds",
        f"last reviewed {day_text(psma.reviewed)}",
        psma.references[0].text[:40],
    ):
        assert ui.squash(words) in text, words
    assert ui.squash(psma.asks[1]) not in text


def test_visit_sheet_remove_and_clear(qtbot: QtBot, window: MainWindow, ui, answer_yes) -> None:
    ui.open_answer(window, PSMA)
    _add_ask(qtbot, window, ui, 0)
    _add_ask(qtbot, window, ui, 1)
    window.navigation.show_visit_sheet()
    page = window.pages.visit_page
    remove = [
        b
        for b in page.findChildren(type(page.clear_button))
        if b.accessibleName() == "Remove question 1"
    ]
    with qtbot.waitSignal(window.hub.visit_sheet_did_change):
        qtbot.mouseClick(remove[0], Qt.MouseButton.LeftButton)
    assert [i.text for i in window.user_data.store.visit_items()] == [
        window.pages.answer_page.loaded.answer.asks[1]
    ]  # type: ignore[union-attr]
    with qtbot.waitSignal(window.hub.visit_sheet_did_change):
        qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert window.user_data.store.visit_items() == []
    assert not page.pdf_button.isEnabled()
