"""The Topics list: every topic with its number of answers, a filter box, and rows that come
in batches so a library of thousands of topics shows at once."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QVBoxLayout, QWidget

from db.records import TopicCount
from desktop.ui.panels.lists import (
    HTML_ROLE,
    ID_ROLE,
    CardDelegate,
    WrappingListView,
    card_html,
    open_on_activate,
)

_ROOT = QModelIndex()


#: Rows the Topics list holds at first, and adds each time it is scrolled to its end. Each
#: row's wrapped card is measured before the list paints (~0.3 ms a row): MedQuAD's 4,750
#: topics left the list blank for 1.5 s, and again after every filter key or width change.
TOPICS_BATCH = 200


class TopicsModel(QAbstractListModel):
    """Topics with counts, filtered by a part of their name; rows come in batches as the
    list is scrolled (fetchMore), so a library's thousands of topics show at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.topics: list[TopicCount] = []
        #: The topics that match the filter, in order; the first `fetched` are rows.
        self.matching: list[TopicCount] = []
        self.fetched = 0
        self._filter = ""

    def set_topics(self, topics: Sequence[TopicCount]) -> None:
        """Replace the topics (the filter stays)."""
        self.beginResetModel()
        self.topics = list(topics)
        self._refilter()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Keep the topics whose name holds this text (any case)."""
        self.beginResetModel()
        self._filter = text.strip().casefold()
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        """Topics that start with the text first ("diab": Diabetes, Diabetes insipidus), then
        those with a word that starts with it, then the rest that hold it, each by name."""
        key = self._filter
        if not key:
            self.matching = self.topics
        else:
            word_start = re.compile(rf"\b{re.escape(key)}")
            ranked: list[tuple[int, TopicCount]] = []
            for topic in self.topics:
                folded = topic.name.casefold()
                if key in folded:
                    closeness = (
                        0 if folded.startswith(key) else 1 if word_start.search(folded) else 2
                    )
                    ranked.append((closeness, topic))
            ranked.sort(key=lambda pair: pair[0])  # stable: by name within each
            self.matching = [topic for _, topic in ranked]
        self.fetched = min(TOPICS_BATCH, len(self.matching))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self.fetched

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self.fetched < len(self.matching)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if not parent.isValid():
            self._reveal(TOPICS_BATCH)

    def fetch_all(self) -> None:
        """Make every matching topic a row (End, or a letter typed to jump to a topic)."""
        self._reveal(len(self.matching))

    def _reveal(self, count: int) -> None:
        """Make up to `count` more matching topics rows, in one insertion."""
        more = min(count, len(self.matching) - self.fetched)
        if more <= 0:
            return
        self.beginInsertRows(_ROOT, self.fetched, self.fetched + more - 1)
        self.fetched += more
        self.endInsertRows()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= self.fetched:
            return None
        topic = self.matching[index.row()]
        noun = "answer" if topic.count == 1 else "answers"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{topic.name} ({topic.count} {noun})"
        if role == ID_ROLE:
            return topic.name
        if role == HTML_ROLE:  # a card like the results, bookmarks and history
            return card_html(topic.name, f"{topic.count:,} {noun}")
        return None


class TopicsPanel(QWidget):
    """Every topic with its number of answers, with a filter box."""

    topic_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter topics")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter topics")
        self.filter.setAccessibleDescription("Type part of a topic name to shorten the list")
        self.model = TopicsModel(self)
        self.filter.textChanged.connect(self._filter_changed)
        self.view = WrappingListView(self)
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setModel(self.model)
        self.view.setItemDelegate(CardDelegate(self.view))  # cards, like the other lists
        self.view.setAccessibleName("Topics")
        self._describe()
        open_on_activate(self.view, self.topic_chosen.emit)
        self.view.installEventFilter(self)
        self._following_end = False
        bar = self.view.verticalScrollBar()
        bar.rangeChanged.connect(self._follow_end)
        bar.actionTriggered.connect(self._stop_following)  # the reader scrolls: leave it
        self.filter.returnPressed.connect(self._choose_first)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)

    def set_topics(self, topics: Sequence[TopicCount]) -> None:
        """Fill the list."""
        self.model.set_topics(topics)
        self._describe()

    def _filter_changed(self, text: str) -> None:
        self._following_end = False
        self.model.set_filter(text)
        self._describe()

    def _describe(self) -> None:
        """Say how many topics the list holds (it shows them a batch at a time)."""
        n = len(self.model.matching)
        self.view.setAccessibleDescription(
            f"{n:,} topic{'' if n == 1 else 's'}. Press Enter on a topic to list its answers"
        )

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """End goes to the last topic, and a letter typed in the list to the first topic
        it starts (QListView's own jump), among all topics, not only the rows so far."""
        if obj is self.view and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            text = event.text()  # type: ignore[attr-defined]
            self._following_end = False
            if key == Qt.Key.Key_End:
                # QListView's own End stops at the rows laid out so far (Batched layout);
                # the rows added here are laid out in batches: the list follows them down
                self.model.fetch_all()
                last = self.model.index(self.model.rowCount() - 1, 0)
                if last.isValid():
                    self.view.setCurrentIndex(last)
                    self.view.scrollTo(last)
                    self._following_end = True
                return True
            if text.isprintable() and text.strip():
                self.model.fetch_all()
        return super().eventFilter(obj, event)

    def _follow_end(self) -> None:
        if self._following_end:
            self.view.scrollTo(self.view.currentIndex())

    def _stop_following(self) -> None:
        self._following_end = False

    def _choose_first(self) -> None:
        index = self.model.index(0, 0)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.setFocus()
