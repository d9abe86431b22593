"""The right-hand side of the window: the start page, the answer page and the visit sheet.

Only the start page exists at the first paint; the answer page and the visit sheet are made
on first use (or just after the first paint, see `make_all`), so that the window appears
sooner. `page_made` tells whoever styles or wires a page that it now exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from desktop.core.reader.user_data import UserData
from desktop.ui.panels.document_view import DocumentView

if TYPE_CHECKING:
    from desktop.ui.panels.answer_page import AnswerPage
    from desktop.ui.panels.visit_sheet import VisitSheetPage


class PageStack(QStackedWidget):
    """One page shown at a time; the two big ones made when first needed."""

    #: A page was just made (the AnswerPage or the VisitSheetPage).
    page_made = Signal(QWidget)

    def __init__(self, user_data: UserData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Page")
        self.user_data = user_data
        self.start_view = DocumentView(
            "Start page", "Recently updated answers and topics. Use Tab to move between links."
        )
        self.addWidget(self.start_view)
        self._answer_page: AnswerPage | None = None
        self._visit_page: VisitSheetPage | None = None

    @property
    def answer_page(self) -> AnswerPage:
        """The answer page (made now if it was not yet)."""
        if self._answer_page is None:
            from desktop.ui.panels.answer_page import AnswerPage

            page = self._answer_page = AnswerPage(self)
            self.addWidget(page)
            self.page_made.emit(page)
        return self._answer_page

    @property
    def visit_page(self) -> VisitSheetPage:
        """The visit sheet page (made now if it was not yet)."""
        if self._visit_page is None:
            from desktop.ui.panels.visit_sheet import VisitSheetPage

            page = self._visit_page = VisitSheetPage(self.user_data, self)
            self.addWidget(page)
            self.page_made.emit(page)
        return self._visit_page

    def made_answer_page(self) -> AnswerPage | None:
        """The answer page if it exists (asking never makes it)."""
        return self._answer_page

    def made_visit_page(self) -> VisitSheetPage | None:
        """The visit sheet page if it exists (asking never makes it)."""
        return self._visit_page

    def make_all(self) -> None:
        """Make the pages not made yet (after the first paint, so the first answer is quick)."""
        _ = self.answer_page, self.visit_page

    def document_views(self) -> list[DocumentView]:
        """The rich-text views made so far (they follow theme and text size)."""
        views = [self.start_view]
        if self._answer_page is not None:
            views.extend(self._answer_page.document_views())
        return views

    def showing_answer(self) -> bool:
        """True when an answer is on screen."""
        page = self._answer_page
        return page is not None and self.currentWidget() is page and page.loaded is not None

    def showing_visit_sheet(self) -> bool:
        """True when the visit sheet is on screen."""
        return self._visit_page is not None and self.currentWidget() is self._visit_page

    def flush_notes(self) -> None:
        """Save visit sheet notes still being typed (before a store swap or at close)."""
        if self._visit_page is not None:
            self._visit_page.flush_notes()
