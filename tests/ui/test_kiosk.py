"""Kiosk mode: full screen, private, "End session", idle reset, and a guarded way out."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.admin_config import AdminConfig, hash_pin
from desktop.ui.window.main_window import MainWindow
from desktop.ui.workstation.kiosk_dialogs import countdown_text
from desktop.ui.workstation.station import Workstation

PIN = "4826"


# Idle time of the kiosks that are not testing the idle reset: long, so that a slow machine
# (searches waiting for a busy CPU) never ends their session in the middle of a test.
READING_IDLE_MS = 600_000
SHORT_IDLE_MS = 400


def kiosk(
    tmp_path: Path | None = None, *, idle_ms: int = READING_IDLE_MS, **admin: object
) -> Workstation:
    """A kiosk workstation (countdown 3 ticks of 0.1 s; idle as given)."""
    config = AdminConfig(mode="kiosk", **admin)  # type: ignore[arg-type]
    return Workstation.create(config, idle_ms=idle_ms, countdown_s=3, tick_ms=100)


def session_is_clean(window: MainWindow) -> None:
    """Nothing of the last reader is left in the window."""
    assert window.user_data.store.bookmarks() == [] and window.user_data.store.history() == []
    assert (
        window.user_data.store.visit_items() == []
        and window.user_data.store.recent_searches() == []
    )
    assert window.side.bookmarks.ids() == [] and window.side.history.ids() == []
    assert window.side.results.model.rowCount() == 0
    assert window.search_field.text() == ""
    assert window.pages.currentWidget() is window.pages.start_view
    assert (
        window.pages.answer_page.loaded is None
        and window.pages.answer_page.view.toPlainText() == ""
    )
    assert (
        window.pages.answer_page.find_bar.isHidden()
        and window.pages.answer_page.find_bar.field.text() == ""
    )
    assert window.pages.answer_page.references.isHidden()
    assert not window.actions_.back.isEnabled() and not window.actions_.forward.isEnabled()
    assert "Your recent searches" not in window.pages.start_view.toPlainText()
    assert window.actions_.visit_sheet.text() == "&Visit sheet"
    assert QApplication.activeModalWidget() is None


def test_kiosk_is_full_screen_private_and_locked(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(workstation=kiosk(), wait_search=False)
    assert window.isFullScreen() and window.privacy.private and window.user_data.store.in_memory
    assert window.kiosk_mode.end_button.isVisible()
    assert not window.actions_.theme_dark.isEnabled()
    assert not window.text_size.combo.isEnabled()
    assert not window.actions_.private_mode.isEnabled()
    window.showNormal()  # Escape, a window manager key...: it comes back to full screen
    QtBot(window).waitUntil(window.isFullScreen)


def test_a_kiosk_session_writes_nothing_anywhere(
    qtbot: QtBot, make_window, ui, user_dirs: list[Path], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    exports = tmp_path / "exports"
    exports.mkdir()
    before = ui.tree(*user_dirs)
    window = make_window(workstation=kiosk(export_folder=exports))
    ui.read_a_little(window)
    saved = window.printing.export_page_pdf()  # no dialog: straight into the export folder
    assert saved == exports / "Questions for my visit.pdf" and saved.stat().st_size > 0
    assert window.printing.export_page_pdf() == exports / "Questions for my visit (2).pdf"
    window.kiosk_mode.end_session()
    ui.read_a_little(window, "leg cramps")
    window.kiosk_mode.release()
    window.close()
    after = ui.tree(*user_dirs)
    assert [p for p in after if after[p] != before.get(p)] == []
    assert [p for p in before if p not in after] == []


def test_end_session_clears_everything(qtbot: QtBot, make_window, ui) -> None:  # type: ignore[no-untyped-def]
    window = make_window(workstation=kiosk())
    ui.read_a_little(window)
    ui.open_answer(window, "psma-car-t-barriers")
    window.pages.answer_page.find_bar.open_bar()
    qtbot.keyClicks(window.pages.answer_page.find_bar.field, "trial")
    window.pages.answer_page.show_reference(1)
    QApplication.clipboard().setText("something private")
    with qtbot.waitSignal(window.hub.session_did_end):
        qtbot.mouseClick(window.kiosk_mode.end_button, Qt.MouseButton.LeftButton)
    session_is_clean(window)
    assert QApplication.clipboard().text() == ""
    assert window.search_field.hasFocus()
    assert not window.kiosk_mode.idle_timer.isActive()  # a clean screen waits quietly
    # the window still works for the next person
    ui.read_a_little(window, "leg cramps")


def test_idle_kiosk_counts_down_then_resets(qtbot: QtBot, make_window, ui) -> None:  # type: ignore[no-untyped-def]
    window = make_window(workstation=kiosk())
    ui.read_a_little(window)
    window.kiosk_mode.idle_timer.setInterval(SHORT_IDLE_MS)  # then the reader walks away
    window.kiosk_mode.idle_timer.start()
    dialog = window.kiosk_mode.countdown
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    assert dialog.message.text() == countdown_text(3)
    assert window.user_data.store.bookmarks()  # nothing is cleared before the countdown ends
    with qtbot.waitSignal(window.hub.session_did_end, timeout=5_000):
        pass
    assert not dialog.isVisible()
    session_is_clean(window)


def test_keep_reading_and_any_activity_postpone_the_reset(qtbot: QtBot, make_window, ui) -> None:  # type: ignore[no-untyped-def]
    window = make_window(workstation=kiosk(idle_ms=SHORT_IDLE_MS))
    mode = window.kiosk_mode
    ended: list[bool] = []
    window.hub.session_did_end.connect(lambda: ended.append(True))
    ui.open_answer(window, "psma-car-t-barriers")
    qtbot.keyClick(window.pages.answer_page.view, Qt.Key.Key_Down)
    assert mode.idle_timer.isActive()
    qtbot.waitUntil(lambda: mode.idle_timer.remainingTime() < 200, timeout=2_000)
    qtbot.keyClick(window.pages.answer_page.view, Qt.Key.Key_Down)  # a key press starts it again
    assert mode.idle_timer.remainingTime() > 250
    qtbot.waitUntil(mode.countdown.isVisible, timeout=5_000)
    qtbot.mouseClick(mode.countdown.keep_button, Qt.MouseButton.LeftButton)
    assert not mode.countdown.isVisible() and mode.idle_timer.isActive()
    assert window.pages.answer_page.answer_id == "psma-car-t-barriers" and ended == []
    qtbot.waitUntil(mode.countdown.isVisible, timeout=5_000)
    qtbot.mouseClick(window.pages.answer_page.view.viewport(), Qt.MouseButton.LeftButton)  # a touch
    assert not mode.countdown.isVisible() and ended == []
    qtbot.waitUntil(lambda: bool(ended), timeout=5_000)  # left alone, it resets in the end


def test_wrong_pin_keeps_the_kiosk_right_pin_leaves(qtbot: QtBot, make_window) -> None:  # type: ignore[no-untyped-def]
    station = kiosk(kiosk_pin_hash=hash_pin(PIN, iterations=1000))
    window = make_window(workstation=station, wait_search=False)
    assert window.actions_.quit.isVisible()
    assert not window.close()  # Alt+F4, Ctrl+Q, the window manager's close button
    dialog = window.kiosk_mode.pin_dialog
    assert dialog is not None and dialog.isVisible() and window.isVisible()
    qtbot.keyClicks(dialog.field, "1111")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.isVisible() and window.isVisible() and not window.kiosk_mode.released
    assert "not right" in dialog.problem.text() and dialog.field.text() == ""
    qtbot.keyClicks(dialog.field, PIN)
    qtbot.mouseClick(dialog.leave_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.kiosk_mode.released


def test_the_administrators_key_combination_leaves(qtbot: QtBot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(workstation=kiosk(kiosk_exit_keys="Ctrl+Alt+Shift+K"), wait_search=False)
    qtbot.keyClick(window.search_field, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.isVisible()
    mods = (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.keyClick(window.search_field, Qt.Key.Key_K, mods)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_without_pin_or_keys_the_kiosk_cannot_be_left(qtbot: QtBot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(workstation=kiosk(), wait_search=False)
    assert not window.actions_.quit.isVisible()
    assert not window.close()
    window.actions_.quit.trigger()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.isVisible() and window.isFullScreen() and window.kiosk_mode.pin_dialog is None
    assert "End session" in window.statusBar().currentMessage()


def test_without_an_export_folder_there_is_no_pdf(qtbot: QtBot, make_window, ui) -> None:  # type: ignore[no-untyped-def]
    window = make_window(workstation=kiosk())
    ui.read_a_little(window)
    assert not window.actions_.export_pdf.isVisible()
    assert window.pages.visit_page.pdf_button.isHidden()
    assert window.actions_.print_.isVisible()  # a printer is still fine
    assert window.printing.export_page_pdf() is None
    assert QApplication.activeModalWidget() is None  # and no file dialog ever opened


def test_kiosk_printing_offers_no_print_to_file(
    qtbot: QtBot, make_window, ui, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

    seen: list[bool] = []

    def fake_exec(dialog: QPrintDialog) -> int:
        seen.append(dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile))
        return int(QPrintDialog.DialogCode.Rejected)

    monkeypatch.setattr(QPrintDialog, "exec", fake_exec)
    window = make_window(workstation=kiosk())
    ui.open_answer(window, "psma-car-t-barriers")
    window.actions_.print_.trigger()
    normal = make_window()
    ui.open_answer(normal, "psma-car-t-barriers")
    normal.actions_.print_.trigger()
    assert seen == [False, True]


def test_web_links_do_not_leave_the_kiosk(
    qtbot: QtBot, make_window, ui, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    opened: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    window = make_window(workstation=kiosk())
    ui.open_answer(window, "psma-car-t-barriers")
    assert window.pages.answer_page.show_reference(1)
    ui.click_link(window.pages.answer_page.references.text, lambda h: h.startswith("http"))
    assert opened == [] and told and "write down the address" in told[0]


def test_what_was_still_loading_is_not_shown_after_end_session(qtbot: QtBot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(workstation=kiosk())
    shown: list[str] = []
    window.answer_shown.connect(shown.append)
    window.navigation.open_answer("falls-prevention")
    window.search.show_topic("Diabetes")
    window.kiosk_mode.end_session()
    window.tasks.wait()
    qtbot.waitUntil(lambda: window.tasks.pending() == 0)
    assert shown == [] and window.pages.answer_page.loaded is None
    assert window.side.results.model.rowCount() == 0 and window.user_data.store.history() == []
