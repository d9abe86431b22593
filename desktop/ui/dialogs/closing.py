"""Close every dialog and box a window opened (a kiosk's "End session" leaves none behind)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget


def is_ours(window: QWidget, widget: QWidget) -> bool:
    """True when `widget` was opened by `window` (its parent chain reaches it)."""
    parent = widget.parentWidget()
    while parent is not None:
        if parent is window:
            return True
        parent = parent.parentWidget()
    return False


def close_dialogs_of(window: QWidget) -> None:
    """Reject and close the visible top-level widgets `window` opened."""
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible() and is_ours(window, widget):
            if isinstance(widget, QDialog | QMessageBox):
                widget.reject()
            widget.close()
