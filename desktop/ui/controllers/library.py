"""The reader's own things in the window: bookmarks, history and the visit sheet.

What is kept lives in desktop.core.reader.user_data (user.db, or memory when private); this
controller keeps the lists, the visit sheet page and their actions in step with it, and says
what changed on the hub.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QStatusBar, QWidget

from db.user_store import VisitAnswer
from desktop.core import saved
from desktop.core.reader.navigation import NavHistory
from desktop.core.reader.user_data import UserData
from desktop.ui.panels.pages import PageStack
from desktop.ui.panels.side_panel import SidePanel
from desktop.ui.window.actions import Actions
from desktop.ui.window.hub import Hub


class LibraryController(QObject):
    """Bookmarks, history and the visit sheet of one window."""

    def __init__(
        self,
        user_data: UserData,
        hub: Hub,
        actions: Actions,
        side: SidePanel,
        pages: PageStack,
        nav: NavHistory,
        status: QStatusBar,
        dialog_parent: QWidget,
        content_db: Path | None = None,
    ) -> None:
        super().__init__(dialog_parent)
        self.user_data = user_data
        self.hub = hub
        self.actions = actions
        self.side = side
        self.pages = pages
        self.nav = nav
        self.status = status
        self.dialog_parent = dialog_parent
        #: Saved answers are compared with this content (None: no "Updated" labels).
        self.content_db = content_db
        a = actions
        a.bookmark.triggered.connect(self.toggle_bookmark)
        a.add_all_to_sheet.triggered.connect(self.add_all_to_visit_sheet)
        a.clear_history.triggered.connect(lambda: self.clear_history())
        side.bookmarks.answer_chosen.connect(hub.answer_requested)
        side.history.answer_chosen.connect(hub.answer_requested)
        assert side.history.button is not None
        side.history.button.clicked.connect(lambda: self.clear_history())
        hub.bookmarks_did_change.connect(self.refresh_bookmarks)
        hub.history_did_change.connect(self.refresh_history)
        hub.visit_sheet_did_change.connect(self.refresh_visit_sheet)
        hub.visit_question_requested.connect(self.add_to_visit_sheet)
        hub.private_did_change.connect(lambda _: self.refresh_all())
        hub.content_did_update.connect(self._content_updated)
        pages.page_made.connect(self._page_made)

    def _page_made(self, page: QWidget) -> None:
        if page is self.pages.made_visit_page():
            self.pages.visit_page.changed.connect(self.hub.visit_sheet_did_change)
            self.pages.visit_page.states = self.saved_states()
            self.pages.visit_page.reload()

    def refresh_all(self) -> None:
        """Reload every list from the store in use."""
        self.refresh_bookmarks()
        self.refresh_history()
        self.refresh_visit_sheet()

    # ------------------------------------------------- bookmarks and history
    def toggle_bookmark(self) -> None:
        """Ctrl+D: bookmark the answer shown, or remove its bookmark."""
        if not self.pages.showing_answer():
            return
        loaded = self.pages.answer_page.loaded
        assert loaded is not None
        store = self.user_data.store
        if store.is_bookmarked(loaded.answer.id):
            store.remove_bookmark(loaded.answer.id)
            self.status.showMessage("Bookmark removed.", 4000)
        else:
            saved.bookmark(store, loaded.answer)
            self.status.showMessage("Bookmarked. Find it under Bookmarks (Ctrl+3).", 4000)
        self.hub.bookmarks_did_change.emit()

    def refresh_bookmarks(self) -> None:
        """Reload the bookmarks list."""
        labels = {k: saved.STATUS_LABELS[v] for k, v in self.saved_states().items()}
        self.side.bookmarks.set_entries(self.user_data.bookmark_rows(labels))

    def saved_states(self) -> dict[str, saved.SavedStatus]:
        """Bookmarks' and visit-sheet answers' states against the installed content."""
        if self.content_db is None:
            return {}
        return saved.saved_states(self.user_data.store, self.content_db)

    def _content_updated(self, _version: int) -> None:
        """After an update: the lists say what changed, and the status line says it once."""
        states = self.saved_states()
        self.refresh_bookmarks()
        self.refresh_visit_sheet()
        changed = sum(1 for s in states.values() if s is not saved.SavedStatus.CURRENT)
        if changed:
            self.status.showMessage(saved.changed_message(changed), 15000)

    def refresh_history(self) -> None:
        """Reload the history list."""
        self.side.history.set_entries(self.user_data.history_rows())

    def clear_history(self, confirm: bool = True) -> bool:
        """Forget opened answers, searches and back/forward; True when cleared."""
        if confirm:
            answer = QMessageBox.question(
                self.dialog_parent,
                "Clear history?",
                "Forget the answers you opened and the searches you made on this computer? "
                "Bookmarks and your visit sheet stay.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.user_data.store.clear_history()
        self.nav.clear(keep_current=True)
        self.hub.history_did_change.emit()
        self.status.showMessage("History cleared.", 4000)
        return True

    # ------------------------------------------------------------ visit sheet
    def add_to_visit_sheet(self, ask_index: int) -> None:
        """Add one "What to ask your doctor" question of the shown answer to the sheet."""
        page = self.pages.made_answer_page()
        loaded = page.loaded if page is not None else None
        if loaded is None or not 0 <= ask_index < len(loaded.answer.asks):
            return
        a = loaded.answer
        kept = VisitAnswer(
            a.id, a.question, a.reviewed, a.references, a.revision, saved.snapshot_json(a)
        )
        self.user_data.store.add_visit_item(kept, a.asks[ask_index])
        self.status.showMessage("Added to your visit sheet (Ctrl+Shift+V to see it).", 5000)
        self.hub.visit_sheet_did_change.emit()

    def add_all_to_visit_sheet(self) -> None:
        """Add every question of the shown answer to the sheet."""
        page = self.pages.made_answer_page()
        if page is not None and page.loaded is not None:
            for n in range(len(page.loaded.answer.asks)):
                self.add_to_visit_sheet(n)

    def refresh_visit_sheet(self) -> None:
        """Reload the sheet page, the count on its button and the answer's marks."""
        count = len(self.user_data.store.visit_items())
        sheet = self.pages.made_visit_page()
        if sheet is not None:  # else it reads the sheet when it is made
            sheet.states = self.saved_states()
            sheet.reload()
        self.actions.visit_sheet.setText(f"&Visit sheet ({count})" if count else "&Visit sheet")
        page = self.pages.made_answer_page()
        if page is not None and page.answer_id:
            page.mark_on_sheet(self.user_data.sheet_texts(page.answer_id))

    def reset(self) -> None:
        """A new, empty memory store: the next reader sees nothing of the last one."""
        sheet = self.pages.made_visit_page()
        if sheet is not None:
            sheet.notes = []  # nothing waiting to be saved into the old store
        self.user_data.start_afresh()
        self.refresh_all()
