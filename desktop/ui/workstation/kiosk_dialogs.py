"""The kiosk's two dialogs: "Still reading?" before an idle reset, and the administrator PIN."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def kiosk_dialog(dialog: QDialog, name: str) -> None:
    """Frameless and modal: no title bar to drag, close or minimise (a way around the
    kiosk), the whole app waits for it, and a border drawn by us (app.qss) frames it."""
    dialog.setObjectName(name)
    dialog.setWindowFlags(Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)


def countdown_text(seconds: int) -> str:
    """ "Still reading?" and, on the next line, "This screen will reset in 15 seconds." """
    unit = "second" if seconds == 1 else "seconds"
    return f"Still reading?\nThis screen will reset in {seconds} {unit}."


class CountdownDialog(QDialog):
    """Counts down before an idle kiosk resets; "Keep reading" (or Escape) stops it."""

    #: The countdown reached zero: reset now.
    expired = Signal()

    def __init__(self, seconds: int, tick_ms: int = 1000, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.seconds = max(1, seconds)
        self.left = self.seconds
        self.setWindowTitle("Still reading?")
        self.setAccessibleName("Still reading?")
        kiosk_dialog(self, "kiosk-countdown")
        self.message = QLabel(countdown_text(self.seconds), self)
        self.message.setWordWrap(True)
        self.message.setAccessibleDescription("Time left")
        font = QFont(self.message.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.message.setFont(font)
        detail = QLabel(
            "Everything you looked at will be cleared, so that the next person cannot see it.",
            self,
        )
        detail.setWordWrap(True)
        detail_font = QFont(detail.font())
        detail_font.setPointSizeF(detail_font.pointSizeF() * 1.15)
        detail.setFont(detail_font)
        self.keep_button = QPushButton("Keep reading", self)
        self.keep_button.setObjectName("keep-reading")
        self.keep_button.setAccessibleName("Keep reading")
        self.keep_button.setAccessibleDescription("Stay on this page; nothing is cleared")
        self.keep_button.setDefault(True)
        self.keep_button.setMinimumHeight(48)
        self.keep_button.setFont(font)
        self.keep_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(self.message)
        layout.addWidget(detail)
        layout.addWidget(self.keep_button)
        self.setMinimumWidth(460)
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        """Show the dialog and count down from the full time."""
        self.left = self.seconds
        self.message.setText(countdown_text(self.left))
        self.show()
        self.raise_()
        self.activateWindow()
        self.keep_button.setFocus()
        self.timer.start()

    def _tick(self) -> None:
        self.left -= 1
        if self.left > 0:
            self.message.setText(countdown_text(self.left))
            return
        self.timer.stop()
        self.hide()
        self.expired.emit()

    def stop(self) -> None:
        """Stop counting and hide (nothing is reset)."""
        self.timer.stop()
        self.hide()

    def reject(self) -> None:
        """Keep reading."""
        self.timer.stop()
        super().reject()


class PinDialog(QDialog):
    """Asks for the administrator PIN; a wrong PIN keeps the kiosk and says so."""

    def __init__(self, check: Callable[[str], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = check
        self.setWindowTitle("Leave the kiosk")
        self.setAccessibleName("Leave the kiosk")
        kiosk_dialog(self, "kiosk-pin")
        heading = QLabel("Leave the kiosk", self)  # no title bar: the dialog says what it is
        heading_font = QFont(heading.font())
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        heading.setFont(heading_font)
        intro = QLabel(
            "This screen is set up for everyone to use. To close it, type the administrator PIN.",
            self,
        )
        intro.setWordWrap(True)
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName("Administrator PIN")
        self.field.setPlaceholderText("Administrator PIN")
        self.problem = QLabel("", self)
        self.problem.setAccessibleDescription("PIN result")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(self)
        self.leave_button = buttons.addButton(
            "Close the kiosk", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        self.leave_button.setDefault(True)
        self.leave_button.clicked.connect(self.try_pin)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.field)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def try_pin(self) -> bool:
        """Accept when the PIN is right; otherwise say so (and how long to wait: the check is
        AdminConfig.try_pin, which delays guesses) and stay open."""
        verdict = self.check(self.field.text())
        if verdict:
            self.accept()
            return True
        self.field.clear()
        message = getattr(verdict, "message", "")
        self.problem.setText(message or "That PIN is not right. The kiosk stays open.")
        self.field.setFocus()
        return False
