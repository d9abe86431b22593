"""The pages Read aloud can read, seen as blocks of text, and how each shows the sentence read.

An answer is a DocumentView: its QTextDocument gives the blocks (with each run's document
position, link and superscript), and the sentence is marked with an ExtraSelection, so the
page itself, the reader's own selection and the caret are left alone. The visit sheet is made
of labels and note boxes: each is a block; the sentence is selected in its label (or marked in
its note box) and the sheet scrolls to it.
"""

from __future__ import annotations

from typing import Protocol

import shiboken6
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QScrollArea, QTextEdit, QWidget

from desktop.core.read_aloud import Block, Run, Sentence, blocks_from_text
from desktop.ui.panels.document_view import DocumentView

#: The highlight of the sentence being read, per theme: (background, text); contrast >= 7:1.
HIGHLIGHT = {"light": ("#ffe680", "#1b1f24"), "dark": ("#5c4a00", "#ffffff")}


class Surface(Protocol):
    """A page Read aloud can read."""

    page: QWidget

    def blocks(self) -> list[Block]:
        """The page as blocks of text, with document positions."""

    def show_sentence(self, sentence: Sentence | None) -> None:
        """Highlight this sentence and keep it on screen (None: no highlight)."""

    def alive(self) -> bool:
        """False once the page's widgets have been replaced (the sentences are stale)."""


def document_blocks(doc: QTextDocument) -> list[Block]:
    """A laid-out document as blocks of runs (one run per text fragment)."""
    blocks = []
    block = doc.begin()
    while block.isValid():
        runs = []
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                fmt = fragment.charFormat()
                runs.append(
                    Run(
                        fragment.position(),
                        fragment.text(),
                        fmt.anchorHref() if fmt.isAnchor() else "",
                        fmt.verticalAlignment()
                        == QTextCharFormat.VerticalAlignment.AlignSuperScript,
                    )
                )
            it += 1
        blocks.append(
            Block(
                tuple(runs),
                heading=block.blockFormat().headingLevel(),
                listed=block.textList() is not None,
            )
        )
        block = block.next()
    return blocks


def _selection(
    edit: QTextEdit | QPlainTextEdit, start: int, end: int, theme: str
) -> QTextEdit.ExtraSelection:
    background, text = HIGHLIGHT.get(theme, HIGHLIGHT["light"])
    selection = QTextEdit.ExtraSelection()
    cursor = QTextCursor(edit.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    selection.cursor = cursor
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(background))
    fmt.setForeground(QColor(text))
    selection.format = fmt
    return selection


class DocumentSurface:
    """An answer page (or any DocumentView) read aloud."""

    def __init__(self, view: DocumentView, page: QWidget) -> None:
        self.view = view
        self.page = page

    def blocks(self) -> list[Block]:
        return document_blocks(self.view.document())

    def alive(self) -> bool:
        return shiboken6.isValid(self.view)

    def show_sentence(self, sentence: Sentence | None) -> None:
        if sentence is None:
            self.view.setExtraSelections([])
            return
        end = min(sentence.end, self.view.document().characterCount() - 1)
        start = min(sentence.start, end)
        self.view.setExtraSelections([_selection(self.view, start, end, self.view.theme)])
        self._scroll_to(start, end)

    def _scroll_to(self, start: int, end: int) -> None:
        """Keep the whole sentence on screen, a little below the top when it moves."""
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(start)
        top = self.view.cursorRect(cursor).top()
        cursor.setPosition(end)
        bottom = self.view.cursorRect(cursor).bottom()
        height = self.view.viewport().height()
        if top < 0 or bottom > height:
            bar = self.view.verticalScrollBar()
            bar.setValue(bar.value() + top - max(0, min(height // 4, height - (bottom - top))))


class SheetSurface:
    """The visit sheet read aloud: its title, questions and notes, not its buttons or the
    references ("Where this comes from") and take-home codes."""

    def __init__(self, sheet: QWidget, scroll_area: QScrollArea, title: QLabel) -> None:
        self.page = sheet
        self.scroll = scroll_area
        self.title = title
        self.parts: list[tuple[QWidget, int]] = []  # each block's widget and start position

    def _widgets(self) -> list[QWidget]:
        body = getattr(self.page, "body", None)
        found: list[QWidget] = [self.title]
        if body is None:
            return found
        shown = [w for w in body.findChildren(QWidget) if not w.isHidden()]  # not the replaced
        shown.sort(key=lambda w: (w.mapTo(body, QPoint(0, 0)).y(), w.mapTo(body, QPoint(0, 0)).x()))
        for widget in shown:  # in reading order: top to bottom
            if isinstance(widget, QLabel) and widget.text().startswith("Take these questions"):
                break  # the take-home codes and what follows are for the eye
            if isinstance(widget, QPlainTextEdit) and widget.toPlainText().strip():
                found.append(widget)
            elif (
                isinstance(widget, QLabel)
                and widget.text().strip()
                and widget.accessibleName() != "References"
                and widget.pixmap().isNull()
            ):
                found.append(widget)
        return found

    def blocks(self) -> list[Block]:
        blocks: list[Block] = []
        self.parts = []
        position = 0
        for widget in self._widgets():
            text = (
                widget.toPlainText()
                if isinstance(widget, QPlainTextEdit)
                else widget.text()
                if isinstance(widget, QLabel)
                else ""
            )
            for block in blocks_from_text(text, position):
                self.parts.append((widget, position))
                blocks.append(block)
            position += len(text) + 1
        return blocks

    def alive(self) -> bool:
        return all(shiboken6.isValid(widget) for widget, _ in self.parts)

    def show_sentence(self, sentence: Sentence | None) -> None:
        for widget, _ in self.parts:
            if not shiboken6.isValid(widget):
                continue
            if isinstance(widget, QLabel):
                widget.setSelection(0, 0)
            elif isinstance(widget, QPlainTextEdit):
                widget.setExtraSelections([])
        if sentence is None or not 0 <= sentence.block < len(self.parts):
            return
        widget, offset = self.parts[sentence.block]
        start, end = sentence.start - offset, sentence.end - offset
        if isinstance(widget, QLabel):
            widget.setSelection(start, end - start)
        elif isinstance(widget, QPlainTextEdit):
            theme = getattr(self.page, "theme", "light")
            widget.setExtraSelections([_selection(widget, start, end, theme)])
        if widget is not self.title:
            self.scroll.ensureWidgetVisible(widget)
