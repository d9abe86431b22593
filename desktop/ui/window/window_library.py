"""The reader's own things: bookmarks, history, the visit sheet, printing and PDF.

A mixin of MainWindow, like window_logic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from db.user_store import VisitAnswer
from desktop.core.reader.pages import day_text

if TYPE_CHECKING:
    from desktop.ui.window.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class WindowLibrary(_Base):
    """Bookmarks, history, visit sheet and printing of the main window."""

    # ------------------------------------------------- bookmarks and history
    def toggle_bookmark(self) -> None:
        """Ctrl+D: bookmark the answer shown, or remove its bookmark."""
        loaded = self.answer_page.loaded
        if loaded is None or self.stack.currentWidget() is not self.answer_page:
            return
        if self.store.is_bookmarked(loaded.answer.id):
            self.store.remove_bookmark(loaded.answer.id)
            self.statusBar().showMessage("Bookmark removed.", 4000)
        else:
            self.store.add_bookmark(loaded.answer.id, loaded.answer.question)
            self.statusBar().showMessage("Bookmarked. Find it under Bookmarks (Ctrl+3).", 4000)
        self.hub.bookmarks_did_change.emit()

    def refresh_bookmarks(self) -> None:
        """Reload the bookmarks list."""
        self.side.bookmarks.set_entries(
            [
                (b.answer_id, b.question, f"Kept on {day_text(b.added_at)}")
                for b in self.store.bookmarks()
            ]
        )
        self.update_actions()

    def refresh_history(self) -> None:
        """Reload the history list (and the start page's recent searches)."""
        self.side.history.set_entries(
            [
                (h.answer_id, h.question, f"Opened {day_text(h.viewed_at)}")
                for h in self.store.history()
            ]
        )
        self._render_start()

    def clear_history(self, confirm: bool = True) -> bool:
        """Forget opened answers, searches and back/forward; True when cleared."""
        if confirm:
            answer = QMessageBox.question(
                self,
                "Clear history?",
                "Forget the answers you opened and the searches you made on this computer? "
                "Bookmarks and your visit sheet stay.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.store.clear_history()
        current = self.nav.current
        self.nav = type(self.nav)()
        if current is not None:
            self.nav.visit(current)
        self.hub.history_did_change.emit()
        self.update_actions()
        self.statusBar().showMessage("History cleared.", 4000)
        return True

    # ------------------------------------------------------------ visit sheet
    def _sheet_texts(self, answer_id: str) -> set[str]:
        return {i.text for i in self.store.visit_items() if i.answer_id == answer_id}

    def add_to_visit_sheet(self, ask_index: int) -> None:
        """Add one "What to ask your doctor" question of the shown answer to the sheet."""
        loaded = self.answer_page.loaded
        if loaded is None or not 0 <= ask_index < len(loaded.answer.asks):
            return
        a = loaded.answer
        self.store.add_visit_item(
            VisitAnswer(a.id, a.question, a.reviewed, a.references), a.asks[ask_index]
        )
        self.statusBar().showMessage("Added to your visit sheet (Ctrl+Shift+V to see it).", 5000)
        self.hub.visit_sheet_did_change.emit()

    def add_all_to_visit_sheet(self) -> None:
        """Add every question of the shown answer to the sheet."""
        loaded = self.answer_page.loaded
        if loaded is not None:
            for n in range(len(loaded.answer.asks)):
                self.add_to_visit_sheet(n)

    def refresh_visit_sheet(self) -> None:
        """Reload the sheet page, the count on its button and the answer's marks."""
        count = len(self.store.visit_items())
        if self._visit_page is not None:  # else it reads the sheet when it is made
            self._visit_page.reload()
        text = f"&Visit sheet ({count})" if count else "&Visit sheet"
        self.actions_.visit_sheet.setText(text)
        page = self._answer_page
        if page is not None and page.answer_id:
            page.mark_on_sheet(self._sheet_texts(page.answer_id))
        self.update_actions()

    # ------------------------------------------------------------- printing
    def _printable(self) -> tuple[str, str, bool] | None:
        """(html, title, large print) of the current page, or None."""
        if self.stack.currentWidget() is self.visit_page and self.store.visit_items():
            from desktop.core.reader.pages import visit_sheet_html

            self.visit_page.flush_notes()
            html = visit_sheet_html(
                self.store.visit_answers(), self.store.visit_items(), self.store.visit_note()
            )
            return html, "Questions for my visit", True
        if self.stack.currentWidget() is self.answer_page and self.answer_page.loaded:
            from desktop.core.render import render_answer

            answer = self.answer_page.loaded.answer
            return render_answer(answer), answer.question, False
        return None

    def print_page(self) -> None:
        """Print the answer or the visit sheet."""
        from desktop.ui.controllers.printing import print_with_dialog

        page = self._printable()
        if page is not None:
            print_with_dialog(
                self, page[0], large_print=page[2], title=page[1], to_file=not self.kiosk
            )

    def export_page_pdf(self, path=None):  # type: ignore[no-untyped-def]
        """Save the answer or the visit sheet as PDF; the path written, or None.

        A kiosk never opens a file dialog: it saves into the administrator's export folder
        (and offers no PDF at all without one)."""
        from desktop.ui.controllers.printing import (
            ask_pdf_path,
            export_pdf,
            free_pdf_path,
            safe_file_name,
        )

        page = self._printable()
        station = self.workstation
        if page is None or not station.pdf_allowed:
            return None
        name = safe_file_name(page[1])
        if path is None and station.kiosk:
            assert station.export_folder is not None
            path = free_pdf_path(station.export_folder, name)
        if path is None:
            path = ask_pdf_path(self, name, folder=station.export_folder, private=self.private)
        if path is None:
            return None
        export_pdf(page[0], path, large_print=page[2], title=page[1])
        if not path.exists():
            self.statusBar().showMessage(f"The PDF could not be saved in {path.parent}.", 10000)
            return None
        self.statusBar().showMessage(f"Saved {path}", 10000)
        return path
