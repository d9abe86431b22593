"""A push button whose text is shortened with "…" to the width it has."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPushButton, QStyle, QStyleOptionButton, QWidget


class ElidedButton(QPushButton):
    """A button with text longer than a narrow pane can hold (the "Did you mean" of a long
    question at 300 %): its text ends in "…" where it would be cut, and never loses its
    start (a centred text too wide was cut at both ends). The whole text is its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = ""

    def set_full_text(self, text: str) -> None:
        """Show `text`, shortened to fit."""
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def _elide(self) -> None:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        empty = QSize(0, self.fontMetrics().height())
        frame = (
            self.style()
            .sizeFromContents(QStyle.ContentsType.CT_PushButton, option, empty, self)
            .width()
        )  # the button's frame and padding around no text
        room = max(0, self.width() - frame)
        super().setText(
            self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, room)
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._elide()
