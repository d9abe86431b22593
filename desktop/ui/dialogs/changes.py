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
        noun = "answer" if count == 1 else "answers"
        heading = QLabel(
            f"{when}: {count:,} {noun} changed." if when else "No update has been installed yet.",
            self,
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
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
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def _open(self, item: QListWidgetItem) -> None:
        answer_id = item.data(Qt.ItemDataRole.UserRole)
        if answer_id and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.answer_chosen.emit(answer_id)
            self.accept()
