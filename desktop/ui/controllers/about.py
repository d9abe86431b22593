"""Help > About: the content's licences are looked up off the UI thread, then the box opens."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from desktop.core.paths import DataDir
from desktop.core.reader.installed import load_licences
from desktop.core.reader.start import StartData
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.ui.dialogs.about import AboutDialog


class AboutController(QObject):
    """Opens the About box with the installed content's version, size and licences."""

    def __init__(
        self,
        data_dir: DataDir,
        tasks: TaskRunner,
        action: QAction,
        start_data: Callable[[], StartData | None],
        look: Callable[[], tuple[str, float]],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.data_dir = data_dir
        self.tasks = tasks
        self.start_data = start_data
        self.look = look
        self.window = window
        self.dialog: AboutDialog | None = None  # (made when first opened: not on the start path)
        action.triggered.connect(self.show_about)

    def show_about(self) -> None:
        """Look up the licences, then open the box (without them if they cannot be read)."""
        self.tasks.run(
            load_licences,
            self.data_dir.content_db,
            owner=self,
            on_success=self._open,
            on_failure=lambda _: self._open(()),
        )

    def _open(self, licences: tuple[tuple[str, str, int], ...]) -> None:
        from desktop.ui.dialogs.about import AboutDialog

        data = self.start_data()
        theme, scale = self.look()
        self.dialog = AboutDialog(
            data.installed.content_version if data else None,
            data.installed.answers if data else None,
            licences,
            theme,
            scale,
            self.window,
        )
        self.dialog.open()

    def reset(self) -> None:
        """The window closes its dialogs itself at the end of a session."""
