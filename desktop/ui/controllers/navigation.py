"""Which page is shown: the start page, answers, the visit sheet; back and forward; links.

Answers are read off the UI thread (desktop.core.reader.answers); a page clicked away before
it arrived is not shown. Links in any page become requests on the hub (an answer, a topic, a
search, a visit sheet question), so no panel calls into another.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QStatusBar

from db.user_store import UserStore
from desktop.core import saved
from desktop.core.content_health import read_or_repair
from desktop.core.paths import DataDir
from desktop.core.reader.answers import LoadedAnswer, load_answer
from desktop.core.reader.navigation import Location, NavHistory
from desktop.core.reader.pages import with_recent_searches
from desktop.core.reader.start import StartData, load_start
from desktop.core.reader.user_data import UserData
from desktop.ui.panels.pages import PageStack
from desktop.ui.tasks import TaskRunner
from desktop.ui.window.actions import Actions
from desktop.ui.window.hub import Hub


class NavigationController(QObject):
    """Shows pages, keeps back/forward, follows links, enables the actions that fit."""

    start_page_shown = Signal()
    answer_shown = Signal(str)
    visit_sheet_shown = Signal()

    def __init__(
        self,
        data_dir: DataDir,
        tasks: TaskRunner,
        hub: Hub,
        user_data: UserData,
        pages: PageStack,
        actions: Actions,
        status: QStatusBar,
        content_label: QLabel,
        count_label: QLabel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.tasks = tasks
        self.hub = hub
        self.user_data = user_data
        self.pages = pages
        self.actions = actions
        self.status = status
        self.content_label = content_label
        self.count_label = count_label
        self.nav = NavHistory()
        self.start_data: StartData | None = None
        self.session = 0  # raised by reset(): late answers of the last session are dropped
        self._loading_id: str | None = None
        a = actions
        a.back.triggered.connect(self.go_back)
        a.forward.triggered.connect(self.go_forward)
        a.home.triggered.connect(lambda: self.show_start())
        a.visit_sheet.triggered.connect(lambda: self.show_visit_sheet())
        pages.start_view.link_activated.connect(self.follow_link)
        pages.page_made.connect(self._page_made)
        pages.currentChanged.connect(lambda _: self.update_actions())
        hub.answer_requested.connect(self.open_answer)
        hub.content_did_update.connect(self._content_updated)
        hub.history_did_change.connect(self.render_start)
        hub.private_did_change.connect(lambda _: self.render_start())
        for news in (
            hub.bookmarks_did_change,
            hub.history_did_change,
            hub.visit_sheet_did_change,
            hub.private_did_change,
        ):
            news.connect(lambda *_: self.update_actions())

    def _page_made(self, page: object) -> None:
        answer_page = self.pages.made_answer_page()
        if answer_page is not None and page is answer_page:
            for view in answer_page.document_views():
                view.link_activated.connect(self.follow_link)

    # ------------------------------------------------------------ start page
    def start(self, data: StartData | None) -> None:
        """Show the start page read ahead (`data`), or read it now in the background."""
        self.update_actions()
        if data is None:
            self.load_start_page()
        else:
            self._start_loaded(data)

    def load_start_page(self) -> None:
        """Fetch topics, recent answers and counts in the background."""
        self.tasks.run(
            read_or_repair,  # damaged content is set aside and reset (take_reset says so)
            self.data_dir,
            load_start,
            owner=self,
            on_success=self._start_loaded,
            on_failure=lambda e: self.pages.start_view.set_page(
                f"<h1>The answers cannot be opened</h1><p>{e}</p>"
            ),
        )

    def _start_loaded(self, data: StartData) -> None:
        self.start_data = data
        self.render_start()
        self.content_label.setText(data.installed.version_line())
        self.count_label.setText(f"{data.installed.answers:,} answers")
        if self.nav.current is None:
            self.show_start()
        self.start_page_shown.emit()

    def render_start(self) -> None:
        """The start page with the reader's recent searches."""
        if self.start_data is not None:
            self.pages.start_view.set_page(
                with_recent_searches(self.start_data.html, self.user_data.store.recent_searches(5)),
                keep_scroll=True,
            )

    # ----------------------------------------------------------------- pages
    def show_start(self, record: bool = True) -> None:
        """Show the start page: from its top when the reader goes there (Alt+Home, the
        toolbar), where it was when they come back to it (Back)."""
        self.pages.setCurrentWidget(self.pages.start_view)
        if record:
            self.nav.visit(Location("start"))
            self.pages.start_view.verticalScrollBar().setValue(0)
        self.update_actions()

    def show_visit_sheet(self, record: bool = True) -> None:
        """Show the visit sheet."""
        page = self.pages.visit_page
        self.pages.setCurrentWidget(page)
        if record:
            self.nav.visit(Location("visit"))
        self.update_actions()
        page.setFocus()
        self.visit_sheet_shown.emit()

    def open_answer(self, answer_id: str, record: bool = True) -> None:
        """Load and show an answer (off the UI thread)."""
        if not answer_id:
            return
        page = self.pages.answer_page
        if answer_id == page.answer_id and answer_id != self._loading_id:
            self._answer_ready(answer_id, page.loaded, record)
            return
        self._loading_id = answer_id
        session = self.session
        self.tasks.run(
            load_answer,
            self.data_dir.content_db,
            answer_id,
            5,
            self.user_data.groups.get(answer_id, ()),
            owner=self,
            on_success=lambda loaded: self._answer_loaded(session, answer_id, loaded, record),
            on_failure=lambda e: self.status.showMessage(
                f"This answer could not be opened: {e}", 8000
            ),
        )

    def _answer_loaded(
        self, session: int, answer_id: str, loaded: LoadedAnswer | None, record: bool
    ) -> None:
        if session == self.session:  # else the reader ended the session meanwhile
            self._answer_ready(answer_id, loaded, record)

    def _answer_ready(self, answer_id: str, loaded: LoadedAnswer | None, record: bool) -> None:
        if self._loading_id not in (None, answer_id):
            return  # the reader asked for another answer meanwhile
        self._loading_id = None
        notice = ""
        if loaded is None:
            loaded, notice = kept_withdrawn(self.user_data.store, answer_id)
        if loaded is None:
            self.nav.forget("answer", answer_id)
            self.status.showMessage("That answer is no longer available.", 8000)
            return
        page = self.pages.answer_page
        if loaded is not page.loaded:
            page.show_answer(loaded, self.user_data.sheet_texts(answer_id))
        page.set_notice(notice or saved.update_notice_html(self.user_data.store, loaded.answer))
        self.pages.setCurrentWidget(page)
        if record:
            self.nav.visit(Location("answer", answer_id))
        self.user_data.store.record_view(answer_id, loaded.answer.question)
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

    def follow_link(self, kind: str, value: str) -> None:
        """A link in a page: ask for what it points to."""
        if kind == "answer":
            self.hub.answer_requested.emit(value)
        elif kind == "topic":
            self.hub.topic_requested.emit(value)
        elif kind == "search":
            self.hub.search_requested.emit(value)
        elif kind == "reference":
            self.pages.answer_page.show_reference(int(value))
        elif kind == "visit":
            self.hub.visit_question_requested.emit(int(value))
        elif kind == "saved":
            self.keep_shown_revision(value)
        elif kind == "term":
            self.pages.answer_page.show_term(value)

    def keep_shown_revision(self, answer_id: str) -> None:
        """The reader read what changed: saved places now hold the revision shown."""
        page = self.pages.made_answer_page()
        if page is None or page.loaded is None or page.loaded.answer.id != answer_id:
            return
        saved.mark_seen(self.user_data.store, page.loaded.answer)
        page.set_notice("")
        self.status.showMessage("Your saved copy is now this version.", 6000)
        self.hub.bookmarks_did_change.emit()
        self.hub.visit_sheet_did_change.emit()

    def update_actions(self) -> None:
        """Enable what makes sense on the current page."""
        a, store = self.actions, self.user_data.store
        page = self.pages.made_answer_page()
        on_answer = self.pages.showing_answer()
        on_sheet = self.pages.showing_visit_sheet()
        a.back.setEnabled(self.nav.can_go_back())
        a.forward.setEnabled(self.nav.can_go_forward())
        a.bookmark.setEnabled(on_answer)
        a.find.setEnabled(on_answer)
        loaded = page.loaded if page is not None and on_answer else None
        a.add_all_to_sheet.setEnabled(loaded is not None and bool(loaded.answer.asks))
        a.print_.setEnabled(on_answer or (on_sheet and bool(store.visit_items())))
        a.export_pdf.setEnabled(a.print_.isEnabled())
        answer_id = loaded.answer.id if loaded is not None else None
        a.bookmark.setChecked(bool(answer_id and store.is_bookmarked(answer_id)))
        a.bookmark.setText("&Bookmarked" if a.bookmark.isChecked() else "&Bookmark")

    def _content_updated(self, _version: int) -> None:
        self.load_start_page()
        page = self.pages.made_answer_page()
        if page is not None and page.answer_id and self.pages.currentWidget() is page:
            page.loaded = None
            current = self.nav.current
            self.open_answer(current.value if current else "", record=False)

    def reset(self) -> None:
        """Forget where the reader went; back to a clean start page."""
        self.session += 1
        self._loading_id = None
        self.nav.clear()
        page = self.pages.made_answer_page()
        if page is not None:
            page.reset()
        self.pages.start_view.verticalScrollBar().setValue(0)
        self.render_start()
        self.show_start()


def kept_withdrawn(store: UserStore, answer_id: str) -> tuple[LoadedAnswer | None, str]:
    """A saved answer that is no longer in the library, in the form the reader kept, with the
    "Withdrawn by the publisher" banner; (None, "") when nothing was kept."""
    from desktop.core.render import render_answer_html

    kept = saved.kept_copy(store, answer_id)
    if kept is None or kept[1] is None:
        return None, ""
    snapshot = kept[1]
    return LoadedAnswer(snapshot, render_answer_html(snapshot)), saved.withdrawn_notice_html(
        snapshot
    )
