"""The About box: app and content versions, licences of what we bundle, content attributions."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desktop import __version__
from desktop.core.reader.pages import about_html
from desktop.ui.panels.document_view import DocumentView


class AboutDialog(QDialog):
    """Versions, licences and attributions, in plain words."""

    def __init__(
        self,
        content_version: int | None,
        answer_count: int | None,
        licences: tuple[tuple[str, str, int], ...],
        theme: str,
        scale: float,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Patient Answers")
        self.setAccessibleName("About Patient Answers")
        self.view = DocumentView(
            "About Patient Answers", "Versions, licences and where the answers come from", self
        )
        self.view.set_look(theme, scale)
        self.view.set_page(about_html(__version__, content_version, answer_count, licences))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        close.setAccessibleDescription("Close the About window")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)
        close.setFocus()
