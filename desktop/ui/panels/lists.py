"""List models and the rich-text delegate used for search results and topic answers."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QPalette, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyledItemDelegate, QWidget

if TYPE_CHECKING:
    # QStyle, QStyleOptionViewItem and QPainter are imported where rows are painted: PySide
    # builds a class's Python enums when it is first touched (QStyle alone takes 6 ms), and
    # the window's first paint has no rows to paint.
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

from desktop.core.reader.answers import ListedAnswer
from desktop.core.reader.labels import confidence_label
from desktop.core.reader.publishers import publishers_text
from desktop.ui.theme import document_css

ID_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
_TAGS = re.compile(r"<[^>]+>")
PAD = 8
_ROOT = QModelIndex()


def plain(fragment: str) -> str:
    """HTML fragment -> text (for screen readers)."""
    return html.unescape(_TAGS.sub("", fragment))


def row_html(row: ListedAnswer) -> str:
    """How one answer looks in a list: question, snippet, confidence and topics."""
    parts = [f'<p class="q"><b>{html.escape(row.question)}</b></p>']
    if row.snippet_html:
        parts.append(f'<p class="snippet">{row.snippet_html}</p>')
    meta = []
    if confidence_label(row.confidence):
        meta.append(
            f'<span class="badge badge-{row.confidence}">&nbsp;'
            f"{confidence_label(row.confidence)}&nbsp;</span>"
        )
    if row.reading:
        meta.append(f'<span class="reading">{html.escape(row.reading)}</span>')
    if row.topics:
        meta.append('<span class="muted">' + html.escape(", ".join(row.topics[:4])) + "</span>")
    if meta:
        parts.append('<p class="meta">' + " &nbsp; ".join(meta) + "</p>")
    who = publishers_line(row)
    if who:
        parts.append(f'<p class="meta"><span class="muted">{html.escape(who)}</span></p>')
    return "".join(parts)


def publishers_line(row: ListedAnswer) -> str:
    """ "NHLBI · MedlinePlus · NIH Senior Health — Collected 2017–2019 · no review date"."""
    who = publishers_text(row.sources)
    return " — ".join(x for x in (who, row.dated) if x)


def row_text(row: ListedAnswer) -> str:
    """What a screen reader says for one answer row."""
    bits = [row.question]
    if row.snippet_html:
        bits.append(plain(row.snippet_html))
    if confidence_label(row.confidence):
        bits.append(confidence_label(row.confidence))
    if row.reading:
        bits.append(row.reading)
    if row.topics:
        bits.append("Topics: " + ", ".join(row.topics))
    if row.sources:
        bits.append("From " + publishers_text(row.sources))
    if row.dated:
        bits.append(row.dated)
    return ". ".join(bits)


class AnswerListModel(QAbstractListModel):
    """Answers shown as rich rows (results of a search or a topic)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ListedAnswer] = []
        self._html: list[str] = []

    def set_rows(self, rows: Sequence[ListedAnswer]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self.rows = list(rows)
        self._html = [row_html(r) for r in self.rows]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.question
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return row_text(row)
        if role == ID_ROLE:
            return row.id
        if role == HTML_ROLE:
            return self._html[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and row.reading_tip:
            return row.reading_tip  # the reading grade behind the label
        return None


class RichTextDelegate(QStyledItemDelegate):
    """Paints HTML rows that wrap to the view's width (so big text never clips)."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view
        self.theme = "light"
        self._css: dict[bool, str] = {}

    def set_theme(self, theme: str) -> None:
        """Use a theme's document colours for badges and text."""
        self.theme = theme
        self._css.clear()

    def _document(
        self,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        width: float,
        selected: bool = False,
    ) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        if selected not in self._css:
            pal = self.view.palette()
            fg = pal.color(
                QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            ).name()
            extra = (
                f" body {{ color: {fg}; }} p {{ margin-top: 0px; margin-bottom: 4px; }}"
                f" .q {{ color: {fg}; }} .snippet {{ color: {fg}; }}"
                + (f" .muted {{ color: {fg}; }}" if selected else "")
            )
            css = re.sub(r"line-height: \d+%;", "", document_css(self.theme))
            self._css[selected] = css + extra
        doc.setDefaultStyleSheet(self._css[selected])
        doc.setHtml(index.data(HTML_ROLE) or "")
        wrap = doc.defaultTextOption()
        wrap.setWrapMode(wrap.WrapMode.WrapAtWordBoundaryOrAnywhere)  # no word is cut off
        doc.setDefaultTextOption(wrap)
        doc.setTextWidth(max(50.0, width))
        return doc

    def _width(self) -> float:
        """The text width of a card as paint() gets it: QListView paints a row in the
        viewport's width less its spacing on both sides (not the row's visualRect, which is
        the full width). Measured wider, a line could wrap once more when painted and the
        card's last line (the confidence badge) was cut to a coloured sliver."""
        return self.view.viewport().width() - 2 * self.view.spacing() - 2 * PAD

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        from PySide6.QtGui import QAbstractTextDocumentLayout
        from PySide6.QtWidgets import QStyle

        self.initStyleOption(option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        style = option.widget.style() if option.widget else self.view.style()
        text = option.text
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = text
        doc = self._document(option, index, option.rect.width() - 2 * PAD, selected)
        if doc.size().height() > option.rect.height() - 2 * PAD + 1:
            # laid out for another width or text size (a font or width change not yet laid
            # out): lay the rows out again rather than cut the card's last line (the badge)
            self.view.scheduleDelayedItemsLayout()
        painter.save()
        painter.translate(option.rect.left() + PAD, option.rect.top() + PAD)
        clip = QRectF(0, 0, option.rect.width() - 2 * PAD, option.rect.height() - 2 * PAD)
        painter.setClipRect(clip)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.clip = clip
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        self.initStyleOption(option, index)
        doc = self._document(option, index, self._width())
        height = math.ceil(doc.size().height())
        return QSize(int(self._width()) + 2 * PAD, height + 2 * PAD + 2)


class CardDelegate(RichTextDelegate):
    """Rows drawn as cards like the search results (bookmarks, history), in the colours of
    the palette in use: these lists need no call when the theme changes."""

    def _document(
        self,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        width: float,
        selected: bool = False,
    ) -> QTextDocument:
        theme = "dark" if self.view.palette().base().color().lightness() < 128 else "light"
        if theme != self.theme:
            self.set_theme(theme)
        return super()._document(option, index, width, selected)


def card_html(title: str, detail: str) -> str:
    """A saved answer as a card: its question, and the small print under it."""
    parts = [f'<p class="q"><b>{html.escape(title)}</b></p>']
    if detail:
        parts.append(f'<p class="meta"><span class="muted">{html.escape(detail)}</span></p>')
    return "".join(parts)


def prepare_painting(view: QListView) -> None:
    """Pay, in a quiet moment, PySide's one-time costs of painting the first rows (QStyle's
    enums, and the widget-class lookup of the first viewport() call: about 15 ms together),
    so that the first search results do not stall typing."""
    from PySide6.QtGui import QAbstractTextDocumentLayout  # noqa: F401
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem  # noqa: F401

    view.viewport()


class WrappingListView(QListView):
    """A list whose rows re-wrap when the view is resized or the font changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSpacing(1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()


def open_on_activate(view: QListView, emit) -> None:  # type: ignore[no-untyped-def]
    """Enter, double-click or a single click on a row opens it."""
    view.activated.connect(lambda index: emit(index.data(ID_ROLE)))
    view.clicked.connect(lambda index: emit(index.data(ID_ROLE)))
