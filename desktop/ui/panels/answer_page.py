"""The answer page: the answer itself, find in page, and the reference shown for a citation."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.records import GlossaryEntry, Reference
from desktop.core.reader.answers import LoadedAnswer
from desktop.core.reader.labels import ON_SHEET as ON_SHEET  # (tests read what it says)
from desktop.core.reader.pages import reference_panel_html
from desktop.ui.panels.document_view import DocumentView


class FindBar(QFrame):
    """Find in page: type, Enter for next, Shift+Enter for previous, Escape to close."""

    def __init__(self, view: DocumentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find a word in this answer")
        self.field.setAccessibleName("Find in this answer")
        self.field.setAccessibleDescription(
            "Type a word; press Enter for the next match, "
            "Shift+Enter for the previous one, Escape to close."
        )
        self.previous_button = QPushButton("Previous", self)
        self.next_button = QPushButton("Next", self)
        self.close_button = QPushButton("Close", self)
        self.status = QLabel("", self)
        self.status.setAccessibleName("Find result")
        for button, text in (
            (self.previous_button, "Find the previous match"),
            (self.next_button, "Find the next match"),
            (self.close_button, "Close the find bar"),
        ):
            button.setAccessibleName(button.text())
            button.setAccessibleDescription(text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.status)
        layout.addWidget(self.close_button)
        self.field.textChanged.connect(lambda _: self.find_match(from_start=True))
        self.field.returnPressed.connect(self.find_match)
        self.next_button.clicked.connect(lambda: self.find_match())
        self.previous_button.clicked.connect(lambda: self.find_match(backward=True))
        self.close_button.clicked.connect(self.close_bar)
        QShortcut(QKeySequence("Shift+Return"), self.field, lambda: self.find_match(backward=True))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        """Show the bar and put the cursor in it."""
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        """Hide the bar and go back to the text."""
        self.hide()
        self.view.setFocus()

    def matches(self) -> list[QTextCursor]:
        """Every match of the find text in the page, in reading order."""
        text = self.field.text()
        doc = self.view.document()
        found: list[QTextCursor] = []
        cursor = QTextCursor(doc)
        while text:
            cursor = doc.find(text, cursor)
            if cursor.isNull():
                break
            found.append(QTextCursor(cursor))
        return found

    def find_match(self, *, backward: bool = False, from_start: bool = False) -> bool:
        """Move to the next (or previous) match and say which it is ("3 of 17"); True when
        one was found. While typing (`from_start`) the search starts where the reader is
        (the match shown, else the top of what is on screen), so the page does not jump."""
        found = self.matches()
        if not found:
            self.status.setText("Not found" if self.field.text() else "")
            self.status.setAccessibleDescription(self.status.text())
            return False
        current = self.view.textCursor()
        if from_start:
            on_screen = self.view.viewport().rect().contains(self.view.cursorRect(current))
            start = (
                current.selectionStart()
                if current.hasSelection() and on_screen
                else self.view.cursorForPosition(QPoint(0, 0)).position()
            )
            index = next((i for i, c in enumerate(found) if c.selectionStart() >= start), 0)
        elif backward:
            before = [i for i, c in enumerate(found) if c.selectionEnd() < current.selectionEnd()]
            index = before[-1] if before else len(found) - 1  # wrap around
        else:
            here = current.selectionStart()
            after = [i for i, c in enumerate(found) if c.selectionStart() > here]
            index = after[0] if after else 0  # wrap around
        self.view.setTextCursor(found[index])
        self.view.ensureCursorVisible()
        self.status.setText(f"{index + 1} of {len(found)}")
        self.status.setAccessibleDescription(f"Match {index + 1} of {len(found)}")
        return True


class ReferencePanel(QFrame):
    """Shows the full text of a cited reference, with its web links."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Reference")
        self.text = DocumentView(
            "Reference details",
            "The full reference. Its links open in your browser after you confirm.",
            self,
            column=False,
        )
        self.text.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.close_button = QPushButton("Close reference", self)
        self.close_button.setAccessibleName("Close reference")
        self.close_button.setAccessibleDescription("Hide the reference and go back to the answer")
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        self.reference: Reference | None = None
        self.hide()

    def show_reference(self, ref: Reference) -> None:
        """Show one reference and move focus to it (screen readers read it out)."""
        self.reference = ref
        self.show_html(reference_panel_html(ref), "Reference", "Close reference")

    def show_html(self, html: str, name: str, close_label: str) -> None:
        """Show our own HTML (a reference, a term's definition) and move focus to it."""
        self.setAccessibleName(name)
        self.close_button.setText(close_label)
        self.close_button.setAccessibleName(close_label)
        self.show()
        self.text.set_page(html)
        self._fit_height()
        self.text.setFocus()

    def _fit_height(self) -> None:
        """As tall as the reference needs, up to a third of the page."""
        doc = self.text.document()
        doc.setTextWidth(self.text.viewport().width())
        wanted = int(doc.size().height()) + 2 * self.text.frameWidth() + 4
        parent = self.parentWidget()
        limit = max(80, (parent.height() if parent is not None else 600) // 3)
        self.text.setFixedHeight(min(wanted, limit))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the height fitted when the width changes."""
        super().resizeEvent(event)
        if self.isVisible():
            self._fit_height()


class AnswerPage(QWidget):
    """An answer with find-in-page and the reference panel."""

    visit_item_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = DocumentView(
            "Answer", "The answer you are reading. Use Tab to move between its links.", self
        )
        self.view.link_highlighted.connect(self._term_tip)
        self.find_bar = FindBar(self.view, self)
        self.references = ReferencePanel(self)
        self.references.close_button.clicked.connect(self.close_reference)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.references)
        self.loaded: LoadedAnswer | None = None
        self.on_sheet: set[str] = set()
        #: Our own HTML above the answer: "Updated since you saved it" or "Withdrawn".
        self.notice = ""

    @property
    def answer_id(self) -> str | None:
        """The id of the answer shown, if any."""
        return self.loaded.answer.id if self.loaded else None

    def show_answer(self, loaded: LoadedAnswer, on_sheet: set[str]) -> None:
        """Show a loaded answer from the top."""
        self.loaded = loaded
        self.on_sheet = set(on_sheet)
        self.notice = ""
        self.references.hide()
        self.view.set_page(self._page())
        self.view.verticalScrollBar().setValue(0)

    def mark_on_sheet(self, on_sheet: set[str]) -> None:
        """Say which "What to ask" questions are already on the visit sheet."""
        if self.loaded is None or on_sheet == self.on_sheet:
            return
        self.on_sheet = set(on_sheet)
        self.view.set_page(self._page(), keep_scroll=True)

    def set_notice(self, notice: str) -> None:
        """Show (or with "" remove) the note above the answer about its saved copy."""
        if notice != self.notice:
            self.notice = notice
            self.view.set_page(self._page(), keep_scroll=True)

    def _page(self) -> str:
        """The answer with "On your visit sheet" after the questions already on it."""
        if self.loaded is None:
            return ""
        asks = self.loaded.answer.asks
        on_sheet = {n for n, ask in enumerate(asks) if ask in self.on_sheet}
        return self.notice + self.loaded.rendered.page(on_sheet)

    def show_reference(self, number: int) -> bool:
        """Show reference N of the current answer; False when there is no such reference."""
        if self.loaded is None:
            return False
        for ref in self.loaded.answer.references:
            if ref.number == number:
                self.references.show_reference(ref)
                return True
        return False

    def term(self, key: str) -> GlossaryEntry | None:
        """A glossary term marked on the answer shown."""
        return self.loaded.glossary.get(key) if self.loaded is not None else None

    def show_term(self, key: str) -> bool:
        """Show a marked term's definition, where it comes from and a link to the full answer
        in the panel under the answer; False when the term is not known here."""
        entry = self.term(key)
        if entry is None:
            return False
        self.references.show_html(term_panel_html(entry), "Definition", "Close definition")
        return True

    def _term_tip(self, kind: str, value: str) -> None:
        """Hovering a term, or reaching it with Tab, shows its definition at once."""
        entry = self.term(value) if kind == "term" else None
        if entry is None:
            return
        from PySide6.QtGui import QCursor
        from PySide6.QtWidgets import QToolTip

        rect = self.view.cursorRect()
        near = self.view.viewport().mapToGlobal(rect.bottomLeft())
        under_mouse = self.view.viewport().underMouse()
        QToolTip.showText(
            QCursor.pos() if under_mouse else near,
            f"{entry.term}: {entry.definition}\n(Source: {entry.source}. Press Enter for more.)",
            self.view,
        )

    def document_views(self) -> list[DocumentView]:
        """The rich-text views on this page (they follow theme and text size)."""
        return [self.view, self.references.text]

    def close_reference(self) -> None:
        """Hide the reference and return to the text."""
        self.references.hide()
        self.view.setFocus()

    def reset(self) -> None:
        """Show nothing, find and reference closed (a kiosk's next reader starts clean)."""
        self.find_bar.field.clear()
        self.find_bar.hide()
        self.references.hide()
        self.loaded = None
        self.on_sheet = set()
        self.notice = ""
        self.view.set_page("")


def term_panel_html(entry: GlossaryEntry) -> str:
    """A term's definition for the panel under the answer."""
    import html

    from desktop.core.reader.links import answer_href

    more = (
        f'<p><a href="{answer_href(entry.answer_id)}">Read the full answer</a></p>'
        if entry.answer_id
        else ""
    )
    return (
        f"<p><b>{html.escape(entry.term)}</b>: {html.escape(entry.definition)}</p>"
        f'<p class="muted">Source: {html.escape(entry.source)}</p>{more}'
    )
