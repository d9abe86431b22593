"""The permanent right-hand side of the status bar: search progress, updates, counts, version."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar


class StatusArea:
    """The status bar's labels (the controllers that fill them get the one they need)."""

    def __init__(self, status: QStatusBar) -> None:
        # A label's accessible name is what a screen reader reads (AT-SPI gives a label no
        # other text): left to Qt it is the label's text, so what each label is for goes in
        # its description instead of a name that would hide the value.
        self.content_label = QLabel("Loading…", status)
        self.content_label.setAccessibleDescription("Content version")
        self.count_label = QLabel("", status)
        self.count_label.setAccessibleDescription("Number of answers")
        self.update_label = QLabel("", status)
        self.update_label.setAccessibleDescription("Update status")
        self.update_label.setTextFormat(Qt.TextFormat.PlainText)  # may quote a failure
        self.index_progress = QProgressBar(status)
        self.index_progress.setAccessibleName("Preparing search")
        self.index_progress.setMaximumWidth(180)
        self.index_progress.setFormat("Preparing search %p%")
        self.index_progress.hide()
        status.addPermanentWidget(self.index_progress)
        status.addPermanentWidget(self.update_label)
        status.addPermanentWidget(self.count_label)
        status.addPermanentWidget(self.content_label)

    def set_update_status(self, text: str) -> None:
        """Show what the updater is doing or last did."""
        self.update_label.setText(text)
