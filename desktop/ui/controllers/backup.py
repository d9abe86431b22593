"""File ▸ Export saved answers / Import saved answers: the window's side of the backup that
`patient-answers saved export|import` makes (desktop.core.saved_backup does the work)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStatusBar, QWidget

from desktop import __version__
from desktop.core.reader.user_data import UserData
from desktop.core.saved_backup import BackupError, export_saved, import_saved
from desktop.ui.window.actions import Actions
from desktop.ui.window.hub import Hub
from desktop.ui.workstation.station import Workstation


class BackupController(QObject):
    """Export and import of bookmarks and the visit sheet (no file dialogs in a kiosk)."""

    def __init__(
        self,
        user_data: UserData,
        station: Workstation,
        hub: Hub,
        actions: Actions,
        status: QStatusBar,
        dialog_parent: QWidget,
    ) -> None:
        super().__init__(dialog_parent)
        self.user_data = user_data
        self.hub = hub
        self.status = status
        self.dialog_parent = dialog_parent
        for action in (actions.export_saved, actions.import_saved):
            action.setEnabled(not station.kiosk)  # a kiosk offers no file dialogs
        actions.export_saved.triggered.connect(lambda: self.export_to())
        actions.import_saved.triggered.connect(lambda: self.import_from())

    def export_to(self, path: Path | None = None) -> Path | None:
        """Write the backup (asking where when no path is given); the path written."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self.dialog_parent,
                "Export saved answers",
                str(Path.home() / "patient-answers-saved.json"),
                "Saved answers (*.json)",
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            counts = export_saved(self.user_data.store, path, __version__)
        except BackupError as exc:
            QMessageBox.warning(self.dialog_parent, "Export saved answers", str(exc))
            return None
        self.status.showMessage(
            f"Saved {counts['bookmarks']} bookmark(s) and {counts['questions']} visit sheet "
            f"question(s) to {path.name}.",
            8000,
        )
        return path

    def import_from(self, path: Path | None = None) -> bool:
        """Merge a backup (asking which when no path is given); True when it was imported."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self.dialog_parent,
                "Import saved answers",
                str(Path.home()),
                "Saved answers (*.json)",
            )
            if not chosen:
                return False
            path = Path(chosen)
        try:
            result = import_saved(self.user_data.store, path)
        except BackupError as exc:
            QMessageBox.warning(self.dialog_parent, "Import saved answers", str(exc))
            return False
        self.hub.bookmarks_did_change.emit()
        self.hub.visit_sheet_did_change.emit()
        self.status.showMessage(
            f"Added {result.bookmarks_added} bookmark(s) and {result.questions_added} visit "
            "sheet question(s).",
            8000,
        )
        return True

    def reset(self) -> None:
        """Nothing of its own to forget."""
