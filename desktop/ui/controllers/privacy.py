"""Private mode and the administrator's locks of one window.

Private mode swaps the reader's store for an in-memory copy and stops Settings writing, so from
that moment nothing about the reader reaches the disk; turning it off goes back to user.db
(what was done while private is dropped). Controls of settings the administrator fixed are
disabled, with a tooltip that says why.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from desktop.core.reader.user_data import UserData
from desktop.ui.panels.pages import PageStack
from desktop.ui.panels.text_size import TextSizeControl
from desktop.ui.settings import TEXT_SCALE, THEME, Settings
from desktop.ui.window.actions import Actions
from desktop.ui.window.hub import Hub
from desktop.ui.workstation.station import PRIVATE_WORDS, Workstation, window_title

#: (text, background, border) of the private badge; text contrast is 4.5:1 or more.
BADGE_COLOURS = {
    "light": ("#3d2e00", "#fff1c2", "#8a6d00"),
    "dark": ("#ffe9a8", "#3a3000", "#b39400"),
}


class PrivacyController(QObject):
    """The private badge, the Private mode toggle, the window title and the locks."""

    def __init__(
        self,
        settings: Settings,
        station: Workstation,
        user_data: UserData,
        hub: Hub,
        actions: Actions,
        text_size: TextSizeControl,
        pages: PageStack,
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self.settings = settings
        self.station = station
        self.user_data = user_data
        self.hub = hub
        self.actions = actions
        self.pages = pages
        self.window = window
        self.badge = QLabel(PRIVATE_WORDS, window)
        self.badge.setObjectName("private-badge")
        self.badge.setAccessibleName(PRIVATE_WORDS)
        self.badge.setToolTip(
            "History, bookmarks, your visit sheet and settings are kept only until the "
            "window closes."
        )
        window.statusBar().insertPermanentWidget(0, self.badge)
        action = actions.private_mode
        action.setChecked(settings.private)
        if station.private_locked:
            action.setEnabled(False)
            action.setToolTip(station.lock_reason)
            action.setStatusTip(station.lock_reason)
        action.toggled.connect(self.set_private)
        hub.theme_did_change.connect(self._paint_badge)
        pages.page_made.connect(self._page_made)
        self.locked_controls = self._lock(text_size)
        self._show_state("light")

    def _page_made(self, page: QWidget) -> None:
        if page is self.pages.made_visit_page():
            self.pages.visit_page.set_keeping(self.private, self.station.kiosk)

    def _lock(self, text_size: TextSizeControl) -> list[QAction]:
        """Disable the controls of settings the administrator fixed."""
        a = self.actions
        controls: list[QAction] = []
        if self.settings.is_locked(THEME):
            controls += [a.theme_system, a.theme_light, a.theme_dark]
        if self.settings.is_locked(TEXT_SCALE):
            controls += [a.bigger, a.smaller, a.reset_size]
            text_size.lock(self.station.lock_reason)
        for control in controls:
            control.setEnabled(False)
            control.setToolTip(self.station.lock_reason)
            control.setStatusTip(self.station.lock_reason)
        return controls

    @property
    def private(self) -> bool:
        """True while nothing about the reader is written."""
        return self.settings.private

    def set_private(self, private: bool) -> None:
        """Turn private mode on (nothing is written from now on) or off (saving again)."""
        action = self.actions.private_mode
        if private == self.private or self.station.private_locked:
            action.setChecked(self.private)
            return
        self.pages.flush_notes()
        status = self.window.statusBar()
        if private:
            self.settings.set_private(True)
            self.user_data.go_private()
            message = "Private mode is on. From now on nothing you read is saved."
        else:
            if not self.user_data.go_back_to_disk():
                action.setChecked(True)
                status.showMessage(
                    "Private mode stays on: this data folder cannot be written.", 8000
                )
                return
            self.settings.set_private(False)
            message = "Private mode is off. What you read is saved again."
        action.setChecked(private)
        self._show_state(None)
        status.showMessage(message, 8000)
        self.hub.private_did_change.emit(private)

    def _show_state(self, theme: str | None) -> None:
        private = self.private
        self.badge.setVisible(private)
        self.window.setWindowTitle(window_title(private))
        sheet = self.pages.made_visit_page()
        if sheet is not None:
            sheet.set_keeping(private, self.station.kiosk)
        if theme is not None:
            self._paint_badge(theme)

    def _paint_badge(self, theme: str) -> None:
        text, background, border = BADGE_COLOURS.get(theme, BADGE_COLOURS["light"])
        self.badge.setStyleSheet(
            f"QLabel#private-badge {{ color: {text}; background-color: {background};"
            f" border: 1px solid {border}; border-radius: 4px; padding: 1px 8px;"
            " font-weight: bold; }"
        )

    def reset(self) -> None:
        """Nothing of a session lives here: private mode and the locks stay as they are."""
