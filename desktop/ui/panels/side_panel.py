"""The side panel: search results, topics, bookmarks and history, as tabs."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from desktop.core.reader.answers import ListedAnswer
from desktop.core.reader.search import SearchPage
from desktop.ui.panels.elided_button import ElidedButton
from desktop.ui.panels.lists import (
    HTML_ROLE,
    ID_ROLE,
    AnswerListModel,
    CardDelegate,
    RichTextDelegate,
    WrappingListView,
    card_html,
    open_on_activate,
)
from desktop.ui.panels.topics_list import TopicsPanel

HEADING_QUERY_CHARACTERS = 40


def short_query(query: str, limit: int = HEADING_QUERY_CHARACTERS) -> str:
    """The search words for the results heading: whole words, at most `limit` characters,
    "…" when shortened."""
    words = " ".join(query.split())
    if len(words) <= limit:
        return words
    cut = words[: limit + 1].rsplit(" ", 1)[0] if " " in words[:limit] else words[:limit]
    return cut.rstrip(" ,.;:?!") + "…"


class ResultsPanel(QWidget):
    """Search results or a topic's answers, with a heading and "Did you mean"."""

    answer_chosen = Signal(str)
    suggestion_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel("Type in the search box to see answers here.", self)
        self.heading.setWordWrap(True)
        # no fixed accessible name: a screen reader then reads the heading's own text ("25
        # answers for ...", "Nothing yet ..."), which a name would hide (AT-SPI has no text
        # of a label beside its name)
        self.suggestion = ElidedButton(self)
        self.suggestion.setAccessibleName("Did you mean")
        self.suggestion.setAccessibleDescription("Search for this spelling instead")
        self.suggestion.hide()
        # a long suggestion never widens the window (its text is shortened too)
        self.suggestion.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.suggestion.clicked.connect(
            lambda: self.suggestion_chosen.emit(self.suggestion.property("query"))
        )
        self.model = AnswerListModel(self)
        self.view = WrappingListView(self)
        self.view.setModel(self.model)
        self.delegate = RichTextDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setAccessibleName("Results")
        self.view.setAccessibleDescription("Answers that match. Press Enter to open one.")
        open_on_activate(self.view, self.answer_chosen.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.view, 1)

    def show_search(self, page: SearchPage) -> None:
        """Show the results of a search (a long question is shortened in the heading: it is
        in the search box above, and the list must keep its room)."""
        query = short_query(page.query)
        if not query:
            self.heading.setText("Type in the search box to see answers here.")
        elif page.total == 0 and page.unfinished:
            self.heading.setText(
                f"Nothing yet for “{query}”: keep typing, or press Enter to search."
            )
        elif page.total == 0:
            self.heading.setText(
                f"No answers found for “{query}”. Try other words, or fewer words."
            )
        else:
            noun = "answer" if page.total == 1 else "answers"
            shown = "" if page.total <= len(page.rows) else f" (showing the best {len(page.rows)})"
            partial = " (some of the text was too long to search in full)" if page.partial else ""
            self.heading.setText(f"{page.total:,} {noun} for “{query}”{shown}{partial}")
        self.heading.setAccessibleDescription(page.query.strip())
        if page.suggestion and page.suggestion.strip() != page.query.strip():
            self.suggestion.set_full_text(f"Did you mean: {short_query(page.suggestion)}?")
            self.suggestion.setAccessibleDescription(f"Search for: {page.suggestion}")
            self.suggestion.setProperty("query", page.suggestion)
            self.suggestion.show()
        else:
            self.suggestion.hide()
        self._set_rows(page.rows)

    def show_topic(self, topic: str, rows: Sequence[ListedAnswer]) -> None:
        """Show the answers of a topic."""
        noun = "answer" if len(rows) == 1 else "answers"
        self.heading.setText(f"{len(rows):,} {noun} about “{topic}”")
        self.suggestion.hide()
        self._set_rows(rows)

    def show_message(self, text: str) -> None:
        """Replace the list with a message."""
        self.heading.setText(text)
        self.suggestion.hide()
        self._set_rows([])

    def _set_rows(self, rows: Sequence[ListedAnswer]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def first_id(self) -> str | None:
        """The id of the selected (or else the first) row."""
        index = self.view.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, 0)
        return index.data(ID_ROLE) if index.isValid() else None


class SavedListPanel(QWidget):
    """Bookmarks or history: a list of answers and an optional button underneath."""

    answer_chosen = Signal(str)

    def __init__(
        self, name: str, empty_text: str, button_text: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.empty_text = empty_text
        self.model = QStandardItemModel(self)
        self.view = WrappingListView(self)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setModel(self.model)
        self.view.setItemDelegate(CardDelegate(self.view))  # cards, like the results
        self.view.setAccessibleName(name)
        self.view.setAccessibleDescription(f"{name}. Press Enter to open an answer.")
        self.empty = QLabel(empty_text, self)
        self.empty.setWordWrap(True)
        self.empty.setAccessibleName(f"{name} is empty")
        open_on_activate(self.view, self.answer_chosen.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        self.button: QPushButton | None = None
        if button_text:
            self.button = QPushButton(button_text, self)
            self.button.setAccessibleName(button_text)
            layout.addWidget(self.button)

    def set_entries(self, entries: Sequence[tuple[str, str, str]]) -> None:
        """(answer id, question, small print) rows, in order."""
        self.model.clear()
        for answer_id, question, note in entries:
            item = QStandardItem(f"{question}\n{note}" if note else question)
            item.setData(answer_id, ID_ROLE)
            item.setData(card_html(question, note), HTML_ROLE)
            item.setData(f"{question}. {note}", Qt.ItemDataRole.AccessibleTextRole)
            self.model.appendRow(item)
        self.empty.setVisible(not entries)
        if self.button is not None:
            self.button.setEnabled(bool(entries))

    def ids(self) -> list[str]:
        """The answer ids listed, in order."""
        return [self.model.item(r).data(ID_ROLE) for r in range(self.model.rowCount())]


TABS = (
    ("&Results", "Search results (Ctrl+1)"),
    ("&Topics", "Browse answers by topic (Ctrl+2)"),
    ("&Bookmarks", "Your bookmarks (Ctrl+3)"),
    ("&History", "Answers you opened (Ctrl+4)"),
)


class SidePanel(QWidget):
    """Results | Topics | Bookmarks | History.

    The tabs are a QTabBar, so a screen reader announces a page tab list with four page tabs
    (the buttons drawn as tabs before were announced as check boxes). The keyboard reaches them
    as in any tab list: Tab stops on the tab shown, the arrow keys move between tabs (and show
    their list); Alt+R/T/B/H and Ctrl+1 to Ctrl+4 choose them from anywhere. The API follows
    QTabWidget's."""

    currentChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Lists")
        self.setAccessibleDescription("Search results, topics, bookmarks and history")
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("side-pages")
        self.pages.setAccessibleName("List shown")
        self.tab_bar = tabs = QTabBar(self)
        tabs.setObjectName("side-tabs")
        tabs.setAccessibleName("Lists")
        tabs.setAccessibleDescription("Choose a list with the Left and Right arrow keys")
        tabs.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        tabs.setDrawBase(False)
        tabs.setExpanding(False)
        # every label whole ("T…" is no name): the panel is at least as wide as its tabs
        tabs.setUsesScrollButtons(False)
        tabs.setElideMode(Qt.TextElideMode.ElideNone)
        for index, (text, tip) in enumerate(TABS):
            tabs.addTab(text)
            tabs.setTabToolTip(index, tip)  # also the tab's accessible description
        self.results = ResultsPanel(self)
        self.topics = TopicsPanel(self)
        self.bookmarks = SavedListPanel(
            "Bookmarks",
            "No bookmarks yet. Open an answer and press Ctrl+D (or choose "
            "Bookmark) to keep it here.",
            parent=self,
        )
        self.history = SavedListPanel(
            "History", "Answers you open are listed here.", "Clear history", parent=self
        )
        for panel in (self.results, self.topics, self.bookmarks, self.history):
            self.pages.addWidget(panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(tabs)
        layout.addWidget(self.pages, 1)
        tabs.currentChanged.connect(self.pages.setCurrentIndex)
        self.pages.currentChanged.connect(self._current_changed)

    # QTabWidget's API, as the window uses it
    def setCurrentWidget(self, panel: QWidget) -> None:
        """Show one of the four lists."""
        self.pages.setCurrentWidget(panel)

    def currentWidget(self) -> QWidget | None:
        """The list shown."""
        return self.pages.currentWidget()

    def setCurrentIndex(self, index: int) -> None:
        """Show the list at `index` (0 results ... 3 history)."""
        self.pages.setCurrentIndex(index)

    def currentIndex(self) -> int:
        """The index of the list shown."""
        return self.pages.currentIndex()

    def count(self) -> int:
        """Four."""
        return self.pages.count()

    def _current_changed(self, index: int) -> None:
        self.tab_bar.setCurrentIndex(index)
        self.currentChanged.emit(index)

    def set_scale(self, point_size: float) -> None:
        """Use a text size (points) for every list and its labels."""
        for widget in (
            self.results.heading,
            self.results.suggestion,
            self.results.view,
            self.topics.filter,
            self.topics.view,
            self.bookmarks.view,
            self.bookmarks.empty,
            self.history.view,
            self.history.empty,
        ):
            font = QFont(widget.font())
            font.setPointSizeF(point_size)
            widget.setFont(font)
        for view in (self.results.view, self.topics.view, self.bookmarks.view, self.history.view):
            view.scheduleDelayedItemsLayout()

    def show_panel(self, panel: QWidget) -> None:
        """Bring a tab forward and put the keyboard in it (the topic filter, or the list)."""
        self.setCurrentWidget(panel)
        target = self.topics.filter if panel is self.topics else getattr(panel, "view", panel)
        target.setFocus()

    def first_index(self, view: QListView) -> QModelIndex:
        """The first row of a view (for keyboard moves)."""
        return view.model().index(0, 0)
