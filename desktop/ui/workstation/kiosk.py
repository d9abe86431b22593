"""Kiosk mode: full screen, "End session", idle reset, and a guarded way out.

Activity anywhere in the app (keys, mouse, touch) starts or restarts the idle timer; when it
runs out, a countdown asks "Still reading?" and then the window wipes the session, exactly
as "End session" does. A clean session waits quietly: the timer starts again with the next
touch. The window leaves kiosk mode only with the administrator PIN or the administrator's
key combination; without either, only the operating system's session can end it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QSizePolicy, QToolBar

from desktop.ui.theme import follow_interface
from desktop.ui.workstation.kiosk_dialogs import CountdownDialog, PinDialog
from desktop.ui.workstation.station import Workstation

if TYPE_CHECKING:
    from desktop.ui.window.main_window import MainWindow

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
    }
)
KIOSK_NOTE = (
    "This screen is shared. Nothing you read is saved, and it clears itself when left alone. "
    "When you have finished, press “End session”."
)
STAYS_OPEN = "This screen stays open. Use “End session” to clear it for the next person."
END_SESSION_STYLE = (
    "QPushButton#end-session { background-color: palette(highlight);"
    " color: palette(highlighted-text); font-weight: bold; padding: 8px 22px;"
    " border: 2px solid palette(highlight); border-radius: 6px; }"
    " QPushButton#end-session:focus { border: 3px solid palette(window-text); }"
)


class KioskMode(QObject):
    """Everything kiosk about one window."""

    def __init__(self, window: MainWindow, station: Workstation) -> None:
        super().__init__(window)
        self.window = window
        self.station = station
        self.released = False
        self.pin_dialog: PinDialog | None = None
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(station.idle_ms)
        self.idle_timer.timeout.connect(self._idle)
        self.countdown = CountdownDialog(station.countdown_s, station.tick_ms, window)
        self.countdown.expired.connect(self.end_session)
        self.countdown.rejected.connect(self.idle_timer.start)
        self.end_button = self._end_button()
        self._limit_window()
        self.exit_shortcut: QShortcut | None = None
        keys = QKeySequence(station.exit_keys or "")
        if not keys.isEmpty():
            self.exit_shortcut = QShortcut(keys, window)
            self.exit_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            self.exit_shortcut.activated.connect(self.leave)
        if not station.can_leave:  # the quit keys are locked: say so when pressed
            quit_action = window.actions_.quit
            for keys in quit_action.shortcuts():
                locked = QShortcut(keys, window)
                locked.setContext(Qt.ShortcutContext.ApplicationShortcut)
                locked.activated.connect(self.say_it_stays)
            quit_action.setShortcuts([])  # (hidden, it would only make the keys ambiguous)
        self.note_timer = QTimer(self)
        self.note_timer.setSingleShot(True)
        self.note_timer.setInterval(8000)
        self.note_timer.timeout.connect(self._plain_note)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def _end_button(self) -> QPushButton:
        """A bar of its own under the toolbar (never pushed out of sight on small screens):
        what this screen does, and the big "End session" button."""
        window = self.window
        window.addToolBarBreak()
        bar = QToolBar("Shared screen", window)
        bar.setObjectName("kiosk-bar")
        bar.setMovable(False)
        bar.setAccessibleName("Shared screen")
        bar.setContentsMargins(0, 2, 8, 2)
        self.bar = bar
        self.note = QLabel(KIOSK_NOTE, bar)
        self.note.setWordWrap(True)
        self.note.setAccessibleName(KIOSK_NOTE)
        self.note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.note.setContentsMargins(8, 0, 12, 0)
        bar.addWidget(self.note)
        button = QPushButton("End session", bar)
        button.setObjectName("end-session")
        button.setAccessibleName("End session")
        button.setAccessibleDescription(
            "Clear everything you looked at on this screen and go back to the start page"
        )
        button.setToolTip("Clear everything you looked at and go back to the start page")
        follow_interface(button, 1.3)  # larger than the rest, and grows with the text size
        button.setMinimumHeight(44)
        button.setStyleSheet(END_SESSION_STYLE)
        button.clicked.connect(self.end_session)
        bar.addWidget(button)
        window.addToolBar(bar)
        window.actions_.end_session.setVisible(True)
        window.actions_.end_session.triggered.connect(self.end_session)
        return button

    def _limit_window(self) -> None:
        """No PDF without an export folder; no Quit when the kiosk cannot be left."""
        a = self.window.actions_
        if not self.station.pdf_allowed:
            a.export_pdf.setVisible(False)
            self.window.pages.visit_page.pdf_button.hide()
        else:  # no dialog: straight into the administrator's folder
            a.export_pdf.setText("Save as P&DF")
            a.export_pdf.setStatusTip(f"Save this page as a PDF in {self.station.export_folder}")
            self.window.pages.visit_page.pdf_button.setText("Save as PDF")
        if not self.station.can_leave:
            a.quit.setVisible(False)
        a.quit.setText("&Close the kiosk…")
        a.quit.setStatusTip("Close this screen (needs the administrator PIN)")

    # ------------------------------------------------------------- activity
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Any key, click, scroll or touch restarts the idle timer (and stops a countdown)."""
        kind = event.type()
        if kind in ACTIVITY and not self.released:
            if self.countdown.isVisible():
                self.countdown.reject()
            self.idle_timer.start()
        elif kind == QEvent.Type.WindowStateChange and obj is self.window:
            QTimer.singleShot(0, self._stay_full_screen)
        return False

    def _stay_full_screen(self) -> None:
        if not self.released and self.window.isVisible() and not self.window.isFullScreen():
            self.window.showFullScreen()

    def _idle(self) -> None:
        if not self.released:
            self.countdown.start()

    def end_session(self) -> None:
        """Wipe everything in memory and go back to the start page."""
        self.countdown.stop()
        self.idle_timer.stop()  # a clean screen waits for the next person's first touch
        self.window.wipe_session()

    # ----------------------------------------------------------------- exit
    def allow_close(self) -> bool:
        """The window may close: the kiosk was left. Otherwise ask for the PIN (if any)."""
        app = QGuiApplication.instance()
        if self.released or (isinstance(app, QGuiApplication) and app.isSavingSession()):
            return True  # the operating system's session is ending: never stand in its way
        if self.station.admin.kiosk_pin_hash:
            self.ask_pin()
        else:
            self.say_it_stays()
        return False

    def say_it_stays(self) -> None:
        """A key or the window's close button tried to leave a kiosk that cannot be left:
        say so where the reader looks (the banner, highlighted, and the status bar)."""
        self.note.setText(STAYS_OPEN)
        self.note.setAccessibleName(STAYS_OPEN)
        self.note.setStyleSheet(
            "QLabel { background-color: palette(highlight); color: palette(highlighted-text);"
            " font-weight: bold; border-radius: 4px; padding: 4px 8px; }"
        )
        self.window.statusBar().showMessage(STAYS_OPEN, 8000)
        self.note_timer.start()

    def _plain_note(self) -> None:
        self.note.setText(KIOSK_NOTE)
        self.note.setAccessibleName(KIOSK_NOTE)
        self.note.setStyleSheet("")

    def ask_pin(self) -> PinDialog:
        """Open the administrator PIN dialog (one at a time)."""
        if self.pin_dialog is None or not self.pin_dialog.isVisible():
            self.pin_dialog = PinDialog(self.station.admin.try_pin, self.window)
            self.pin_dialog.accepted.connect(self.leave)
            self.pin_dialog.show()  # modal for the whole app (open() would be window-modal)
        return self.pin_dialog

    def release(self) -> None:
        """Stop being a kiosk (the window may now close)."""
        self.released = True
        self.idle_timer.stop()
        self.countdown.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def leave(self) -> None:
        """The PIN or the key combination was right: close the window."""
        self.release()
        self.window.close()
