"""What the window does: wiring, navigation, loading pages, search.

A mixin of MainWindow (which builds the widgets); window_library and window_looks hold the
rest, so that no module grows too long.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication

from desktop.core.reader.loading import (
    LoadedAnswer,
    Prefetch,
    StartData,
    load_answer,
    load_start,
    load_topic,
    load_topics,
)
from desktop.core.reader.navigation import Location
from desktop.core.reader.pages import day_text, with_recent_searches

if TYPE_CHECKING:
    from desktop.ui.window.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


# Background reading that can wait a moment after the first paint: opening the search index
# (Whoosh) and listing every topic would otherwise compete with the first answer opened.
BACKGROUND_DELAY_MS = 150


class WindowLogic(_Base):
    """Behaviour of the main window."""

    def connect_everything(self) -> None:
        """Wire actions, panels, the hub and the search controller."""
        a, hub, side = self.actions_, self.hub, self.side
        a.back.triggered.connect(self.go_back)
        a.forward.triggered.connect(self.go_forward)
        a.home.triggered.connect(lambda: self.show_start())
        a.focus_search.triggered.connect(self.focus_search)
        a.bookmark.triggered.connect(self.toggle_bookmark)
        a.add_all_to_sheet.triggered.connect(self.add_all_to_visit_sheet)
        a.visit_sheet.triggered.connect(lambda: self.show_visit_sheet())
        a.print_.triggered.connect(self.print_page)
        a.export_pdf.triggered.connect(lambda: self.export_page_pdf())  # not (checked=False)
        a.bigger.triggered.connect(lambda: self.set_scale(self.text_size_step(1)))
        a.smaller.triggered.connect(lambda: self.set_scale(self.text_size_step(-1)))
        a.reset_size.triggered.connect(lambda: self.set_scale(1.0))
        a.theme_system.triggered.connect(lambda: self.set_theme("system"))
        a.theme_light.triggered.connect(lambda: self.set_theme("light"))
        a.theme_dark.triggered.connect(lambda: self.set_theme("dark"))
        for action, panel in (
            (a.show_results, side.results),
            (a.show_topics, side.topics),
            (a.show_bookmarks, side.bookmarks),
            (a.show_history, side.history),
        ):
            action.triggered.connect(lambda _=False, p=panel: self.show_panel(p))
        a.next_pane.triggered.connect(self.focus_next_area)
        a.clear_history.triggered.connect(lambda: self.clear_history())
        a.about.triggered.connect(self.show_about)
        a.quit.triggered.connect(self.close)
        self.text_size.scale_chosen.connect(self.set_scale)
        self.search_field.textChanged.connect(self.search.search_soon)
        self.search_field.returnPressed.connect(self.open_first_result)
        self.search.results_ready.connect(self._show_results)
        self.search.ready.connect(self._search_ready)
        self.search.failed.connect(self._search_failed)
        self.search.progress.connect(self._index_progress)
        side.results.answer_chosen.connect(self._open_from_results)
        side.results.suggestion_chosen.connect(self.search_for)
        side.topics.topic_chosen.connect(hub.topic_requested)
        side.bookmarks.answer_chosen.connect(hub.answer_requested)
        side.history.answer_chosen.connect(hub.answer_requested)
        assert side.history.button is not None
        side.history.button.clicked.connect(lambda: self.clear_history())
        self.start_view.link_activated.connect(self._link)  # other pages: when made
        hub.answer_requested.connect(self.open_answer)
        hub.topic_requested.connect(self.show_topic)
        hub.bookmarks_did_change.connect(self.refresh_bookmarks)
        hub.history_did_change.connect(self.refresh_history)
        hub.visit_sheet_did_change.connect(self.refresh_visit_sheet)
        hub.content_did_update.connect(self._content_updated)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)
        self.stack.currentChanged.connect(lambda _: self.update_actions())

    def start(self, start_data: Prefetch[StartData] | None = None) -> None:
        """Show the start page and open search in the background; apply remembered looks.

        `start_data` is the start page already being read (run_app starts reading it before
        the window exists); without it, or when it failed, it is read in the background."""
        self.set_theme(self.settings.theme, save=False)
        self.set_scale(self.settings.text_scale, save=False)
        self.refresh_bookmarks()
        self.refresh_history()
        self.refresh_visit_sheet()
        self.update_actions()
        self.content_watch.start()
        data = None
        if start_data is not None:
            try:
                data = start_data.result()
            except Exception:  # noqa: BLE001  (read again below, where failures are shown)
                data = None
        if data is None:
            self.load_start_page()
        else:
            self._start_loaded(data)

    # ------------------------------------------------------------ navigation
    def load_start_page(self) -> None:
        """Fetch topics, recent answers and counts in the background."""
        self.tasks.run(
            load_start,
            self.data_dir.content_db,
            owner=self,
            on_success=self._start_loaded,
            on_failure=lambda e: self.start_view.set_page(
                f"<h1>The answers cannot be opened</h1><p>{e}</p>"
            ),
        )

    def _start_loaded(self, data: StartData) -> None:
        self.start_data = data
        self._render_start()
        self.after_first_paint(self.load_topics_list, BACKGROUND_DELAY_MS)
        when = day_text(data.meta.get("updated_at") or data.meta.get("built_at"))
        self.content_label.setText(
            f"Content version {data.content_version}" + (f" · {when}" if when else "")
        )
        self.count_label.setText(f"{data.answer_count:,} answers")
        if self.nav.current is None:
            self.show_start()
        if not self.search.is_ready:
            # after the first paint, so index loading does not slow the start
            self.after_first_paint(self.search.prepare, BACKGROUND_DELAY_MS)
        self.after_first_paint(self.build_pages)  # likewise the answer page and visit sheet
        self.start_page_shown.emit()

    def load_topics_list(self) -> None:
        """Fill the Topics list (every topic with its count) in the background."""
        self.tasks.run(
            load_topics,
            self.data_dir.content_db,
            owner=self,
            on_success=self.side.topics.set_topics,
            on_failure=lambda e: self.statusBar().showMessage(
                f"The list of topics could not be read: {e}", 8000
            ),
        )

    def _render_start(self) -> None:
        if self.start_data is not None:
            self.start_view.set_page(
                with_recent_searches(self.start_data.html, self.store.recent_searches(5)),
                keep_scroll=True,
            )

    def show_start(self, record: bool = True) -> None:
        """Show the start page."""
        self.stack.setCurrentWidget(self.start_view)
        if record:
            self.nav.visit(Location("start"))
        self.update_actions()

    def show_visit_sheet(self, record: bool = True) -> None:
        """Show the visit sheet."""
        self.stack.setCurrentWidget(self.visit_page)
        if record:
            self.nav.visit(Location("visit"))
        self.update_actions()
        self.visit_page.setFocus()
        self.visit_sheet_shown.emit()

    def open_answer(self, answer_id: str, record: bool = True) -> None:
        """Load and show an answer (off the UI thread)."""
        if not answer_id:
            return
        if answer_id == self.answer_page.answer_id and answer_id != self._loading_id:
            self._answer_ready(answer_id, self.answer_page.loaded, record)
            return
        self._loading_id = answer_id
        session = self.session
        self.tasks.run(
            load_answer,
            self.data_dir.content_db,
            answer_id,
            owner=self,
            on_success=lambda loaded: (
                session == self.session and self._answer_ready(answer_id, loaded, record)
            ),
            on_failure=lambda e: self.statusBar().showMessage(
                f"This answer could not be opened: {e}", 8000
            ),
        )

    def _answer_ready(self, answer_id: str, loaded: LoadedAnswer | None, record: bool) -> None:
        if self._loading_id not in (None, answer_id):
            return  # the reader asked for another answer meanwhile
        self._loading_id = None
        if loaded is None:
            self.nav.forget("answer", answer_id)
            self.statusBar().showMessage("That answer is no longer available.", 8000)
            return
        if loaded is not self.answer_page.loaded:
            self.answer_page.show_answer(loaded, self._sheet_texts(answer_id))
        self.stack.setCurrentWidget(self.answer_page)
        if record:
            self.nav.visit(Location("answer", answer_id))
        self.store.record_view(answer_id, loaded.answer.question)
        self.hub.history_did_change.emit()
        self.update_actions()
        self.answer_shown.emit(answer_id)

    def _go(self, location: Location | None) -> None:
        if location is None:
            return
        if location.kind == "answer":
            self.open_answer(location.value, record=False)
        elif location.kind == "visit":
            self.show_visit_sheet(record=False)
        else:
            self.show_start(record=False)
        self.update_actions()

    def go_back(self) -> None:
        """Back to the previous page."""
        if self.nav.can_go_back():
            self._go(self.nav.back())

    def go_forward(self) -> None:
        """Forward again."""
        if self.nav.can_go_forward():
            self._go(self.nav.forward())

    def _link(self, kind: str, value: str) -> None:
        if kind == "answer":
            self.hub.answer_requested.emit(value)
        elif kind == "topic":
            self.hub.topic_requested.emit(value)
        elif kind == "search":
            self.search_for(value)
        elif kind == "reference":
            self.answer_page.show_reference(int(value))
        elif kind == "visit":
            self.add_to_visit_sheet(int(value))

    def show_panel(self, panel) -> None:  # type: ignore[no-untyped-def]
        """Bring a side tab forward and put the keyboard in it."""
        self.side.setCurrentWidget(panel)
        target = panel.filter if panel is self.side.topics else panel.view
        target.setFocus()

    def update_actions(self) -> None:
        """Enable what makes sense on the current page."""
        a = self.actions_
        page = self._answer_page
        current = self.stack.currentWidget()
        on_answer = page is not None and current is page and bool(page.loaded)
        on_sheet = self._visit_page is not None and current is self._visit_page
        a.back.setEnabled(self.nav.can_go_back())
        a.forward.setEnabled(self.nav.can_go_forward())
        a.bookmark.setEnabled(on_answer)
        a.find.setEnabled(on_answer)
        has_asks = on_answer and bool(page.loaded.answer.asks)  # type: ignore[union-attr]
        a.add_all_to_sheet.setEnabled(has_asks)
        a.print_.setEnabled(on_answer or (on_sheet and bool(self.store.visit_items())))
        a.export_pdf.setEnabled(a.print_.isEnabled())
        answer_id = page.answer_id if page is not None else None
        a.bookmark.setChecked(bool(on_answer and answer_id and self.store.is_bookmarked(answer_id)))
        a.bookmark.setText("&Bookmarked" if a.bookmark.isChecked() else "&Bookmark")

    # ---------------------------------------------------------------- search
    def focus_search(self) -> None:
        """Put the cursor in the search box, text selected."""
        self.search_field.setFocus()
        self.search_field.selectAll()

    def search_for(self, text: str) -> None:
        """Search for text at once (a suggestion or a recent search)."""
        self.search_field.setText(text)
        self.search.search_now(text)
        self.side.setCurrentWidget(self.side.results)

    def _show_results(self, page) -> None:  # type: ignore[no-untyped-def]
        self.side.results.show_search(page)
        if page.query.strip():
            self.side.setCurrentWidget(self.side.results)
        if self._open_first_pending:
            self._open_first_pending = False
            self.open_first_result()

    def open_first_result(self) -> None:
        """Enter in the search box: open the selected or first result."""
        text = self.search_field.text()
        page = self.search.last_page
        if not text.strip():
            return
        if page is None or page.query != text or self.search.timer.isActive():
            self._open_first_pending = True
            self.search.search_now(text)
            return
        answer_id = self.side.results.first_id()
        if answer_id:
            self._open_from_results(answer_id)

    def _open_from_results(self, answer_id: str) -> None:
        self.store.add_search(self.search_field.text())
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
            on_success=lambda rows: (
                session == self.session and self.side.results.show_topic(topic, rows)
            ),
        )

    def _search_ready(self, count: int) -> None:
        self.index_progress.hide()
        self.hub.search_did_become_ready.emit()

    def _search_failed(self, message: str) -> None:
        self.index_progress.hide()
        self.statusBar().showMessage(message, 15000)

    def _index_progress(self, done: int, total: int) -> None:
        if total:
            self.index_progress.setRange(0, total)
            self.index_progress.setValue(done)
            self.index_progress.show()

    def _content_updated(self, version: int) -> None:
        self.load_start_page()
        self.search.prepare()
        page = self._answer_page
        if page is not None and page.answer_id and self.stack.currentWidget() is page:
            self.answer_page.loaded = None
            self.open_answer(self.nav.current.value if self.nav.current else "", record=False)
