"""Private mode, the administrator's locks and wiping a session (a mixin of MainWindow).

Private mode swaps the reader's store for an in-memory copy and stops Settings writing, so from
that moment nothing about the reader reaches the disk; turning it off goes back to user.db
(what was done while private is dropped). `wipe_session` is the kiosk's "End session".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget

from db.user_store import UserStore, UserStoreError
from desktop.core.reader.navigation import NavHistory
from desktop.ui.settings import TEXT_SCALE, THEME
from desktop.ui.workstation.station import ADMIN_SET, PRIVATE_WORDS

if TYPE_CHECKING:
    from desktop.ui.window.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object

TITLE = "Patient Answers"
#: (text, background, border) of the private badge; text contrast is 4.5:1 or more.
BADGE_COLOURS = {
    "light": ("#3d2e00", "#fff1c2", "#8a6d00"),
    "dark": ("#ffe9a8", "#3a3000", "#b39400"),
}


def private_store_copy(store: UserStore) -> UserStore:
    """An in-memory store holding everything `store` holds now."""
    return store.private_copy()


class WindowPrivacy(_Base):
    """Private mode, locks and the session wipe of the main window."""

    def build_privacy(self) -> None:
        """The private badge in the status bar, the menu toggle and the locked controls."""
        self.private_badge = QLabel(PRIVATE_WORDS, self)
        self.private_badge.setObjectName("private-badge")
        self.private_badge.setAccessibleName(PRIVATE_WORDS)
        self.private_badge.setToolTip(
            "History, bookmarks, your visit sheet and settings are kept only until the "
            "window closes."
        )
        self.statusBar().insertPermanentWidget(0, self.private_badge)
        self._disk_store: UserStore | None = None if self.store.in_memory else self.store
        action = self.actions_.private_mode
        action.setChecked(self.settings.private)
        if self.workstation.private_locked:
            action.setEnabled(False)
            action.setToolTip(ADMIN_SET)
            action.setStatusTip(ADMIN_SET)
        action.toggled.connect(self.set_private)
        self.hub.theme_did_change.connect(self._paint_badge)
        self.apply_locks()
        self._show_private_state()

    # ---------------------------------------------------------------- locks
    def apply_locks(self) -> None:
        """Controls of settings the administrator fixed are disabled, with a tooltip why."""
        a = self.actions_
        controls: list[object] = []
        if self.settings.is_locked(THEME):
            controls += [a.theme_system, a.theme_light, a.theme_dark]
        if self.settings.is_locked(TEXT_SCALE):
            controls += [a.bigger, a.smaller, a.reset_size]
            self.text_size.lock(ADMIN_SET)
        for control in controls:
            control.setEnabled(False)  # type: ignore[attr-defined]
            control.setToolTip(ADMIN_SET)  # type: ignore[attr-defined]
            if hasattr(control, "setStatusTip"):
                control.setStatusTip(ADMIN_SET)
        self.locked_controls = controls

    # -------------------------------------------------------------- private
    @property
    def private(self) -> bool:
        """True while nothing about the reader is written."""
        return self.settings.private

    def set_private(self, private: bool) -> None:
        """Turn private mode on (nothing is written from now on) or off (saving again)."""
        if private == self.private or self.workstation.private_locked:
            self.actions_.private_mode.setChecked(self.private)
            return
        if self._visit_page is not None:
            self._visit_page.flush_notes()
        if private:
            self.settings.set_private(True)
            self._use_store(private_store_copy(self.store))
            message = "Private mode is on. From now on nothing you read is saved."
        else:
            store = self._disk_store
            if store is None:
                try:
                    store = self._disk_store = UserStore(self.data_dir.user_db)
                except UserStoreError:
                    self.actions_.private_mode.setChecked(True)
                    self.statusBar().showMessage(
                        "Private mode stays on: this data folder cannot be written.", 8000
                    )
                    return
            self.settings.set_private(False)
            self._use_store(store)
            message = "Private mode is off. What you read is saved again."
        self.actions_.private_mode.setChecked(private)
        self._show_private_state()
        self.statusBar().showMessage(message, 8000)
        self.hub.private_did_change.emit(private)

    def _use_store(self, store: UserStore) -> None:
        old = self.store
        self.store = store
        if self._visit_page is not None:
            self._visit_page.store = store
        if old is not self._disk_store and old is not store:
            old.close()
        self.refresh_bookmarks()
        self.refresh_history()
        self.refresh_visit_sheet()

    def _show_private_state(self) -> None:
        private = self.private
        self.private_badge.setVisible(private)
        self.setWindowTitle(f"{TITLE} — {PRIVATE_WORDS}" if private else TITLE)
        if self._visit_page is not None:
            self._visit_page.set_keeping(private, self.kiosk)
        self._paint_badge(self.theme)

    def _paint_badge(self, theme: str) -> None:
        text, background, border = BADGE_COLOURS.get(theme, BADGE_COLOURS["light"])
        self.private_badge.setStyleSheet(
            f"QLabel#private-badge {{ color: {text}; background-color: {background};"
            f" border: 1px solid {border}; border-radius: 4px; padding: 1px 8px;"
            " font-weight: bold; }"
        )

    def close_stores(self) -> None:
        """Close the reader's stores (at exit)."""
        for store in {id(s): s for s in (self.store, self._disk_store) if s}.values():
            store.close()

    # -------------------------------------------------------------- session
    def wipe_session(self) -> None:
        """Forget everything of this session and show the start page (kiosk "End session")."""
        for widget in QApplication.topLevelWidgets():
            if widget is not self and widget.isVisible() and self._is_ours(widget):
                if isinstance(widget, QDialog | QMessageBox):
                    widget.reject()
                widget.close()
        self.session += 1  # answers and topics still loading are not shown
        self.visit_page.notes = []  # nothing waiting to be saved into the old store
        self._loading_id = None
        self._open_first_pending = False
        fresh = UserStore.private()
        if self.store is not self._disk_store:
            self.store.close()
        self.store = fresh
        self.visit_page.store = fresh
        self.nav = NavHistory()
        self.search.search_soon("")
        self.search.timer.stop()
        self.search.last_page = None
        self.search_field.blockSignals(True)
        self.search_field.clear()
        self.search_field.blockSignals(False)
        self.side.results.show_message("Type in the search box to see answers here.")
        self.side.topics.filter.clear()
        self.side.setCurrentWidget(self.side.results)
        page = self.answer_page
        page.find_bar.field.clear()
        page.find_bar.hide()
        page.references.hide()
        page.loaded = None
        page.on_sheet = set()
        page.view.set_page("")
        self.set_theme(self.settings.theme, save=False)
        self.set_scale(self.settings.text_scale, save=False)
        self.refresh_bookmarks()
        self.refresh_history()
        self.refresh_visit_sheet()
        self.start_view.verticalScrollBar().setValue(0)
        self.show_start()
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()
        self.statusBar().clearMessage()
        self.focus_search()
        self.hub.session_did_end.emit()

    def _is_ours(self, widget: QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None:
            if parent is self:
                return True
            parent = parent.parentWidget()
        return False
