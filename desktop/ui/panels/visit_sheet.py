"""The visit sheet page: questions gathered from several answers, notes, print and PDF."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFont, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from db.user_store import UserStore, VisitAnswer, VisitItem
from desktop.core.reader.dates import day_text
from desktop.core.reader.user_data import UserData
from desktop.core.saved import STATUS_LABELS, SavedStatus
from desktop.ui.panels.document_view import reading_point_size

LARGE_PRINT = 1.25  # the sheet is at least 125 %, or the reader's text size when larger
INTRO = (
    "Questions to take to your next appointment. Add them with “+ Add to visit sheet” under "
    "“What to ask your doctor” in any answer. Write notes under each question; "
)
KEPT = "they are kept on this computer."
KEPT_PRIVATE = "they are not saved: print the sheet before you close Patient Answers."
KEPT_KIOSK = "they are not saved: print the sheet before you end your session."


def _label(text: str, parent: QWidget, *, bold: bool = False, role: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    if role:
        label.setAccessibleName(role)
    return label


class NoteEdit(QPlainTextEdit):
    """A notes box that saves itself shortly after the reader stops typing."""

    def __init__(self, save: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._save = save
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._timer.start)

    def flush(self) -> None:
        """Save now if a change is waiting."""
        if self._timer.isActive() or self.document().isModified():
            self._timer.stop()
            self._save(self.toPlainText())
            self.document().setModified(False)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.flush()
        super().focusOutEvent(event)


class VisitSheetPage(QWidget):
    """Shows and edits the visit sheet; print and PDF go through the window."""

    changed = Signal()
    print_requested = Signal()
    pdf_requested = Signal()

    def __init__(self, user_data: UserData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user_data = user_data
        self.scale = 1.0
        self.notes: list[NoteEdit] = []
        #: Each answer's state against the installed content (set by the library controller).
        self.states: dict[str, SavedStatus] = {}
        title = QLabel("Your visit sheet", self)
        title.setAccessibleName("Your visit sheet")
        self.title = title
        intro = _label(INTRO + KEPT, self)
        self.intro = intro
        self.print_button = QPushButton("Print…", self)
        self.pdf_button = QPushButton("Save as PDF…", self)
        self.clear_button = QPushButton("Clear the sheet", self)
        for button, what in (
            (self.print_button, "Print the visit sheet in large print"),
            (self.pdf_button, "Save the visit sheet as a PDF file"),
            (self.clear_button, "Remove every question and note"),
        ):
            button.setAccessibleName(button.text().rstrip("…"))
            button.setAccessibleDescription(what)
        self.print_button.clicked.connect(self.print_requested)
        self.pdf_button.clicked.connect(self.pdf_requested)
        self.clear_button.clicked.connect(self._clear)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        # Everything scrolls as one page, the title and buttons too: at 300 % a fixed title
        # and introduction took three quarters of the pane, and a take-home code could not
        # be scrolled wholly into sight for a phone to read it.
        self.sheet = QWidget(self)
        # The scroll area makes its widget at least as tall as its minimum size, and wrapped
        # labels report their minimum at their narrowest (three times as tall): the sheet's
        # height comes from heightForWidth at the width it has instead, so it ends after its
        # last item rather than ~860 px of blank further down.
        self.sheet.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.body = QWidget(self.sheet)
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 8, 0, 0)
        sheet_layout = QVBoxLayout(self.sheet)
        sheet_layout.setContentsMargins(12, 8, 12, 12)
        sheet_layout.addWidget(title)
        sheet_layout.addWidget(intro)
        sheet_layout.addLayout(buttons)
        sheet_layout.addWidget(self.body)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.sheet)
        self.scroll_area.setAccessibleName("Visit sheet")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area, 1)
        self.reload()

    @property
    def store(self) -> UserStore:
        """The reader's store in use now (private mode and "End session" swap it)."""
        return self.user_data.store

    # ------------------------------------------------------------------ view
    def set_keeping(self, private: bool, kiosk: bool = False) -> None:
        """Say whether notes are kept (private and kiosk sessions keep nothing)."""
        kept = KEPT_KIOSK if kiosk else KEPT_PRIVATE if private else KEPT
        self.intro.setText(INTRO + kept)

    def set_scale(self, scale: float) -> None:
        """Apply the reader's text size (the sheet itself is in large print)."""
        self.scale = scale
        self.reload()

    def _font(self, factor: float = 1.0, bold: bool = False) -> QFont:
        scale = max(self.scale, LARGE_PRINT)
        if factor > 1:  # headings grow less than the text at large sizes
            factor = 1 + (factor - 1) / scale**0.5
        font = QFont(self.font())
        font.setPointSizeF(reading_point_size() * scale * factor)
        font.setBold(bold)
        return font

    def reload(self) -> None:
        """Rebuild the sheet from the store."""
        self.flush_notes()
        self.notes = []
        while self.body_layout.count():
            layout_item = self.body_layout.takeAt(0)
            widget = layout_item.widget() if layout_item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.title.setFont(self._font(1.5, bold=True))
        self.intro.setFont(self._font(0.8))
        items = self.store.visit_items()
        answers = self.store.visit_answers()
        self.print_button.setEnabled(bool(items))
        self.pdf_button.setEnabled(bool(items))
        self.clear_button.setEnabled(bool(items))
        if not items:
            empty = _label(
                "Your visit sheet is empty. Open an answer and choose “+ Add to "
                "visit sheet” next to a question you want to ask.",
                self.body,
                role="The visit sheet is empty",
            )
            empty.setFont(self._font())
            self.body_layout.addWidget(empty)
        by_answer: dict[str, list[VisitItem]] = {}
        for item in items:
            by_answer.setdefault(item.answer_id, []).append(item)
        number = 0
        for answer in answers:
            number = self._add_answer(answer, by_answer.get(answer.answer_id, []), number)
        if items:
            heading = _label("Other things to mention", self.body, bold=True)
            heading.setFont(self._font(1.1, bold=True))
            self.body_layout.addWidget(heading)
            general = self._note_box(
                self.store.visit_note(), self.store.set_visit_note, "Other things to mention"
            )
            self.body_layout.addWidget(general)
            self._add_take_home(items)
        self.body_layout.addStretch(1)

    def _add_take_home(self, items: list[VisitItem]) -> None:
        """QR codes holding the questions and notes as text, for any phone camera: dark on
        light with a quiet zone in both themes, so phones read them off the screen."""
        from desktop.core.take_home import sheet_text, take_home_codes

        heading = _label("Take these questions home", self.body, bold=True)
        heading.setFont(self._font(1.1, bold=True))
        self.body_layout.addWidget(heading)
        hint = _label(
            "Scan with your phone's camera: the questions and notes appear as text you can "
            "save. Nothing is sent anywhere and nothing is kept on this computer.",
            self.body,
        )
        hint.setFont(self._font(0.8))
        self.body_layout.addWidget(hint)
        self.take_home_codes = take_home_codes(sheet_text(items, self.store.visit_note()))
        codes = QWidget(self.body)  # one widget, so reload() removes it like the others
        codes.setAccessibleName("Take-home QR codes")
        row = QHBoxLayout(codes)
        row.setContentsMargins(0, 0, 0, 0)
        for code in self.take_home_codes:
            picture = QPixmap()
            picture.loadFromData(code.png(scale=4))
            label = QLabel(codes)
            label.setPixmap(picture)
            label.setFixedSize(picture.size())  # never squeezed: a phone needs every module
            label.setAccessibleName(f"Take-home QR code. {code.caption}")
            label.setToolTip(code.caption)
            caption = _label(code.caption, codes)
            caption.setFont(self._font(0.8))
            caption.setMaximumWidth(picture.width())
            column = QVBoxLayout()
            column.addWidget(label, 0, Qt.AlignmentFlag.AlignLeft)
            column.addWidget(caption)
            row.addLayout(column)
        row.addStretch(1)
        self.body_layout.addWidget(codes)
        self.take_home_widget = codes

    def _add_answer(self, answer: VisitAnswer, items: list[VisitItem], number: int) -> int:
        box = QFrame(self.body)
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setAccessibleName(f"Questions from: {answer.question}")
        layout = QVBoxLayout(box)
        title = _label(answer.question, box, bold=True)
        title.setFont(self._font(1.1, bold=True))
        layout.addWidget(title)
        state = STATUS_LABELS.get(self.states.get(answer.answer_id, SavedStatus.CURRENT), "")
        if state:
            note = _label(state, box, role=f"{answer.question}: {state}")
            note.setObjectName("savedState")
            note.setFont(self._font(0.9, bold=True))
            layout.addWidget(note)
        if answer.reviewed:
            when = _label(f"From an answer last reviewed {day_text(answer.reviewed)}", box)
            when.setFont(self._font(0.8))
            layout.addWidget(when)
        for item in items:
            number += 1
            row = QHBoxLayout()
            question = _label(f"{number}. {item.text}", box, bold=True)
            question.setFont(self._font(bold=True))
            remove = QPushButton("Remove", box)
            remove.setAccessibleName(f"Remove question {number}")
            remove.setAccessibleDescription(item.text)
            remove.clicked.connect(lambda _=False, i=item.id: self._remove(i))
            row.addWidget(question, 1)
            row.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
            layout.addLayout(row)
            layout.addWidget(
                self._note_box(
                    item.note,
                    partial(self._save_item_note, item.id),
                    f"Notes for question {number}",
                )
            )
        if answer.references:
            refs = "\n".join(f"{r.number}. {r.text}" for r in answer.references)
            label = _label(f"Where this comes from:\n{refs}", box, role="References")
            label.setFont(self._font(0.8))
            layout.addWidget(label)
        self.body_layout.addWidget(box)
        return number

    def _save_item_note(self, item_id: int, text: str) -> None:
        self.store.set_item_note(item_id, text)

    def _note_box(self, text: str, save: Callable[[str], None], name: str) -> NoteEdit:
        edit = NoteEdit(save, self.body)
        edit.setPlainText(text)
        edit.document().setModified(False)
        edit.setPlaceholderText("Write your notes here")
        edit.setAccessibleName(name)
        edit.setAccessibleDescription("Your own notes; they are saved as you type.")
        edit.setFont(self._font(0.9))
        line = edit.fontMetrics().lineSpacing()
        edit.setFixedHeight(int(line * 3.6) + 12)
        self.notes.append(edit)
        return edit

    # --------------------------------------------------------------- actions
    def flush_notes(self) -> None:
        """Save any note still being typed."""
        for edit in self.notes:
            edit.flush()

    def _remove(self, item_id: int) -> None:
        self.flush_notes()
        self.store.remove_visit_item(item_id)
        self.changed.emit()

    def _clear(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self,
            "Clear the visit sheet?",
            "Remove every question and note from your visit sheet? This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.store.clear_visit_sheet()
            self.notes = []
            self.changed.emit()
