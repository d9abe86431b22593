"""Search as you type: debounced, run on the "search" worker lane, stale results dropped.

The controller owns the search box, the Results list and the "Preparing search" bar: typing
searches soon (the last word also as a prefix), a pause in typing searches the words as finished
(so the list a reader stops at is the one `patient-answers search` prints), Enter opens the
first result, a topic or a suggestion lists its answers.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QProgressBar, QStatusBar

from desktop.core.paths import DataDir
from desktop.core.reader.answers import ListedAnswer, load_topic
from desktop.core.reader.search import RESULTS_LIMIT, Reading, SearchEngine, SearchPage
from desktop.core.reader.start import load_topics
from desktop.core.reader.user_data import UserData
from desktop.ui.panels.side_panel import SidePanel
from desktop.ui.settings import Settings
from desktop.ui.tasks import TaskRunner
from desktop.ui.window.actions import Actions
from desktop.ui.window.hub import Hub

DEBOUNCE_MS = 180
#: A pause this long after the results of typing: the words are taken as finished.
SETTLE_MS = 700
LANE = "search"


EASIER_KEY = "search/prefer_easier"


class SearchController(QObject):
    """Turns text into SearchPage results without ever waiting on the UI thread."""

    results_ready = Signal(object)  # SearchPage
    ready = Signal(int)  # answers searchable
    failed = Signal(str)
    progress = Signal(int, int)

    def __init__(
        self,
        data_dir: DataDir,
        tasks: TaskRunner,
        hub: Hub,
        user_data: UserData,
        field: QLineEdit,
        side: SidePanel,
        progress_bar: QProgressBar,
        status: QStatusBar,
        actions: Actions,
        parent: QObject | None = None,
        *,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.tasks = tasks
        self.hub = hub
        self.user_data = user_data
        self.field = field
        self.side = side
        self.progress_bar = progress_bar
        self.status = status
        self.engine = SearchEngine(data_dir)
        self.settings = settings
        if settings is not None:
            stored = settings.value(EASIER_KEY, False)  # an ini file gives back "true"/"false"
            actions.prefer_easier.setChecked(stored is True or str(stored).lower() == "true")
        self.engine.prefer_easier = actions.prefer_easier.isChecked()
        actions.prefer_easier.toggled.connect(self.set_prefer_easier)
        self.generation = 0
        self.session = 0  # raised by reset(): a topic still loading is not listed
        self.pending_text = ""
        self.reading: Reading = "typing"
        self.is_ready = False
        self.open_first_pending = False
        self.last_page: SearchPage | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._dispatch)
        self.settle_timer = QTimer(self)
        self.settle_timer.setSingleShot(True)
        self.settle_timer.setInterval(SETTLE_MS)
        self.settle_timer.timeout.connect(self._settle)
        field.textChanged.connect(self.search_soon)
        field.returnPressed.connect(self.open_first_result)
        field.installEventFilter(self)
        self.results_ready.connect(self._show_results)
        self.ready.connect(self._ready)
        self.failed.connect(self._failed)
        self.progress.connect(self._index_progress)
        side.results.answer_chosen.connect(self._open_from_results)
        side.results.suggestion_chosen.connect(self.search_for)
        side.topics.topic_chosen.connect(hub.topic_requested)
        hub.topic_requested.connect(self.show_topic)
        hub.search_requested.connect(self.search_for)
        hub.content_did_update.connect(lambda _: self.prepare())
        actions.focus_search.triggered.connect(self.focus_search)

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
        self.reading = "typing"
        self.generation += 1
        self.engine.latest = self.generation
        self.settle_timer.stop()
        self.timer.start()

    def set_prefer_easier(self, on: bool) -> None:
        """View ▸ Prefer easier answers: remembered (unless private) and the search run again."""
        self.engine.prefer_easier = on
        if self.settings is not None:
            self.settings.set_value(EASIER_KEY, on)
        if self.field.text().strip():
            self.search_now(self.field.text())

    def search_now(self, text: str) -> None:
        """Search for text, every word finished, without waiting (Enter, "Did you mean")."""
        self.search_soon(text)
        self.timer.stop()
        self.reading = "whole"
        self._dispatch()

    def _settle(self) -> None:
        """Typing paused on results of a prefix search: search the words as finished (not
        when the reader has already gone into the list: it is not swapped under the keys)."""
        page = self.last_page
        if page is None or page.whole_words or page.generation != self.generation:
            return
        if self.side.results.view.hasFocus():
            return
        # nothing found while typing: the pause asks for the whole words' answer, even none
        self.reading = "settle" if page.total else "whole"
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
            RESULTS_LIMIT,
            self.reading,
            serial=LANE,
            owner=self,
            on_success=self._deliver,
            on_failure=lambda exc: self.failed.emit(f"Search failed: {exc}"),
        )

    def _deliver(self, page: SearchPage | None) -> None:
        if page is None or page.generation != self.generation:
            return  # a newer search is on its way (or settling kept the prefix results)
        shown = self.last_page
        self.last_page = page
        if not page.whole_words and page.query.strip():
            self.settle_timer.start()
        elif shown is not None and shown.generation == page.generation and same_list(shown, page):
            return  # settling changed nothing: the list, its selection and scroll stay
        self.results_ready.emit(page)

    # ------------------------------------------------------- box and results
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Down/Page Down in the search box moves to the results list."""
        if obj is self.field and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            results = self.side.results
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and results.model.rowCount():
                self.side.setCurrentWidget(results)
                results.view.setFocus()
                return True
        return super().eventFilter(obj, event)

    def focus_search(self) -> None:
        """Put the cursor in the search box, text selected."""
        self.field.setFocus()
        self.field.selectAll()

    def search_for(self, text: str) -> None:
        """Search for text at once (a suggestion or a recent search)."""
        self.field.setText(text)
        self.search_now(text)
        self.side.setCurrentWidget(self.side.results)

    def _show_results(self, page: SearchPage) -> None:
        for row in page.rows:
            for member, _source in row.group:
                self.user_data.groups[member] = row.group
        self.side.results.show_search(page)
        if page.query.strip():
            self.side.setCurrentWidget(self.side.results)
        if self.open_first_pending:
            self.open_first_pending = False
            self.open_first_result()

    def open_first_result(self) -> None:
        """Enter in the search box: open the selected or first result."""
        text = self.field.text()
        page = self.last_page
        if not text.strip():
            return
        if page is None or page.query != text or self.timer.isActive():
            self.open_first_pending = True
            self.search_now(text)
            return
        answer_id = self.side.results.first_id()
        if answer_id:
            self._open_from_results(answer_id)

    def _open_from_results(self, answer_id: str) -> None:
        self.user_data.store.add_search(self.field.text())
        self.hub.answer_requested.emit(answer_id)

    def show_topic(self, topic: str) -> None:
        """List a topic's answers in the results tab."""
        self.side.setCurrentWidget(self.side.results)
        session = self.session
        self.tasks.run(
            load_topic,
            self.data_dir.content_db,
            topic,
            owner=self,
            on_success=lambda rows: self._topic_loaded(session, topic, rows),
        )

    def _topic_loaded(self, session: int, topic: str, rows: list[ListedAnswer]) -> None:
        if session == self.session:  # else the reader ended the session meanwhile
            self.side.results.show_topic(topic, rows)

    def load_topics_list(self) -> None:
        """Fill the Topics list (every topic with its count) in the background."""
        self.tasks.run(
            load_topics,
            self.data_dir.content_db,
            owner=self,
            on_success=self.side.topics.set_topics,
            on_failure=lambda e: self.status.showMessage(
                f"The list of topics could not be read: {e}", 8000
            ),
        )

    def _ready(self, _count: int) -> None:
        self.progress_bar.hide()
        self.hub.search_did_become_ready.emit()

    def _failed(self, message: str) -> None:
        self.progress_bar.hide()
        self.status.showMessage(message, 15000)

    def _index_progress(self, done: int, total: int) -> None:
        if total:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(done)
            self.progress_bar.show()

    def reset(self) -> None:
        """An empty search box and results list; nothing of the last search comes back."""
        self.session += 1
        self.open_first_pending = False
        self.search_soon("")
        self.timer.stop()
        self.last_page = None
        self.user_data.groups.clear()
        self.field.blockSignals(True)
        self.field.clear()
        self.field.blockSignals(False)
        self.side.results.show_message("Type in the search box to see answers here.")
        self.side.topics.filter.clear()
        self.side.setCurrentWidget(self.side.results)

    def shutdown(self) -> None:
        """Close the index once the lane is idle."""
        self.timer.stop()
        self.settle_timer.stop()
        self.generation += 1
        self.engine.latest = self.generation
        self.tasks.wait()
        self.engine.close()


def same_list(a: SearchPage, b: SearchPage) -> bool:
    """True when two pages list the same entries with the same heading (an empty page's
    heading also says whether the last word was still being typed)."""
    same = (a.rows, a.total, a.suggestion, a.partial) == (b.rows, b.total, b.suggestion, b.partial)
    return same and (a.total > 0 or a.unfinished == b.unfinished)
