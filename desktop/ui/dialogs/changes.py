"""The "What changed" dialog: the answers the last update added, corrected or removed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.sync.apply import Change

CHANGE_WORDS = {"added": "New", "updated": "Updated", "removed": "Removed"}


def heading_text(count: int, when: str) -> str:
    """One sentence on the last update, also when it changed nothing."""
    if not when:
        return "No update has been installed yet. The answers are the ones that came with the app."
    if count == 0:
        return f"{when}: the last update changed no answers. Everything you read is as before."
    noun = "answer" if count == 1 else "answers"
    return f"{when}: {count:,} {noun} changed. Press Enter on one to open it."


class ChangesDialog(QDialog):
    """The answers the last update added, corrected or removed; Enter opens one."""

    answer_chosen = Signal(str)

    def __init__(
        self, count: int, changes: list[Change], when: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("What changed")
        self.setAccessibleName("What changed in the last update")
        layout = QVBoxLayout(self)
        self.heading = QLabel(heading_text(count, when), self)
        self.heading.setWordWrap(True)
        self.heading.setAccessibleDescription("What changed")
        layout.addWidget(self.heading)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Changed answers")
        for change in changes:
            item = QListWidgetItem(
                f"{CHANGE_WORDS.get(change.change, change.change)}: {change.question}", self.list
            )
            item.setData(Qt.ItemDataRole.UserRole, change.id)
            if change.change == "removed":
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        if len(changes) < count:
            QListWidgetItem(f"… and {count - len(changes):,} more", self.list).setFlags(
                Qt.ItemFlag.NoItemFlags
            )
        self.list.itemActivated.connect(self._open)
        # Nothing listed: the sentence above says so, and no empty box stands beside it.
        self.list.setVisible(self.list.count() > 0)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 420 if self.list.count() else 160)

    def _open(self, item: QListWidgetItem) -> None:
        answer_id = item.data(Qt.ItemDataRole.UserRole)
        if answer_id and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.answer_chosen.emit(answer_id)
            self.accept()
