"""Search as you type: debounced, run on the "search" worker lane, stale results dropped."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.paths import DataDir
from desktop.core.reader.loading import SearchEngine, SearchPage
from desktop.ui.tasks import TaskRunner

DEBOUNCE_MS = 180
LANE = "search"


class SearchController(QObject):
    """Turns text into SearchPage results without ever waiting on the UI thread."""

    results_ready = Signal(object)  # SearchPage
    ready = Signal(int)  # answers searchable
    failed = Signal(str)
    progress = Signal(int, int)

    def __init__(self, data_dir: DataDir, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.engine = SearchEngine(data_dir)
        self.generation = 0
        self.pending_text = ""
        self.is_ready = False
        self.last_page: SearchPage | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._dispatch)

    def prepare(self) -> None:
        """Check or rebuild the index in the background, then open it."""
        self.is_ready = False
        self.tasks.run(
            self.engine.prepare,
            progress=True,
            serial=LANE,
            owner=self,
            on_progress=lambda d, t: self.progress.emit(d, t or 0),
            on_success=self._prepared,
            on_failure=self._prepare_failed,
        )

    def _prepared(self, count: int) -> None:
        self.is_ready = True
        self.ready.emit(count)
        if self.pending_text.strip():
            self._dispatch()

    def _prepare_failed(self, exc: BaseException) -> None:
        self.failed.emit(f"Search is not available: {exc}")

    def search_soon(self, text: str) -> None:
        """Search for text after a short pause in typing."""
        self.pending_text = text
        self.generation += 1
        self.engine.latest = self.generation
        self.timer.start()

    def search_now(self, text: str) -> None:
        """Search for text without waiting (Enter, "Did you mean")."""
        self.search_soon(text)
        self.timer.stop()
        self._dispatch()

    def _dispatch(self) -> None:
        text = self.pending_text
        generation = self.generation
        if not text.strip():
            self._deliver(SearchPage(generation, text, 0, None, (), 0.0))
            return
        if not self.is_ready:
            return  # _prepared dispatches the waiting text
        self.tasks.run(
            self.engine.search,
            generation,
            text,
            serial=LANE,
            owner=self,
            on_success=self._deliver,
            on_failure=lambda exc: self.failed.emit(f"Search failed: {exc}"),
        )

    def _deliver(self, page: SearchPage | None) -> None:
        if page is None or page.generation != self.generation:
            return  # a newer search is on its way
        self.last_page = page
        self.results_ready.emit(page)

    def shutdown(self) -> None:
        """Close the index once the lane is idle."""
        self.timer.stop()
        self.generation += 1
        self.engine.latest = self.generation
        self.tasks.wait()
        self.engine.close()
