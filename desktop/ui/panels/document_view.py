"""DocumentView: a QTextBrowser that shows our HTML with the theme's CSS and routes its links."""

from __future__ import annotations

from PySide6.QtCore import QRect, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QWidget

from desktop.core.reader.links import link_target
from desktop.ui.theme import base_point_size, document_css

READING_CHARACTERS = 80  # longest comfortable line, in average characters


def reading_point_size() -> float:
    """The document font size at 100 %: a little larger than the desktop's UI font (as the
    desktop set it: the interface itself grows with the text size, see scale_interface)."""
    return max(11.0, base_point_size() * 1.2)


def heading_css(scale: float) -> str:
    """Heading sizes in points that grow less than the text at large sizes (no 50 pt titles)."""
    base = reading_point_size() * scale
    h1 = base * min(1.55, max(1.15, 1.5 - 0.3 * (scale - 1)))
    h2 = base * min(1.3, max(1.1, 1.25 - 0.07 * (scale - 1)))
    summary = base * min(1.2, max(1.05, 1.15 - 0.05 * (scale - 1)))
    return (
        f" h1 {{ font-size: {h1:.1f}pt; }} h2 {{ font-size: {h2:.1f}pt; }}"
        f" .summary {{ font-size: {summary:.1f}pt; }}"
    )


def confirm_external(parent: QWidget | None, url: str) -> bool:
    """Ask before leaving the app for a web page; True when the reader agrees."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Open a web page?")
    box.setText("This link opens a web page in your internet browser, outside Patient Answers.")
    box.setInformativeText(f"{url}\n\nIt needs an internet connection. Open it?")
    open_button = box.addButton("Open in browser", QMessageBox.ButtonRole.AcceptRole)
    stay = box.addButton("Stay here", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    return box.clickedButton() is open_button


#: The Qt property a kiosk window carries (set by the main window), read by the links inside.
KIOSK_PROPERTY = "patientAnswersKiosk"


def in_kiosk(widget: QWidget | None) -> bool:
    """True inside a kiosk window (or a dialog of one)."""
    while widget is not None:
        if widget.property(KIOSK_PROPERTY) is True:
            return True
        widget = widget.parentWidget()
    return False


def open_external(parent: QWidget | None, url: str) -> bool:
    """Open a web link in the system browser after the reader confirms; True when opened.

    A kiosk never opens a browser (it would leave the kiosk): it shows the address instead."""
    if in_kiosk(parent):
        QMessageBox.information(
            parent,
            "Web pages do not open here",
            f"This screen does not open web pages. To read it later, write down the address:"
            f"\n\n{url}",
        )
        return False
    if not confirm_external(parent, url):
        return False
    if QDesktopServices.openUrl(QUrl(url)):
        return True
    QMessageBox.information(
        parent,
        "No web browser",
        "No web browser could be opened on this computer. To read the page on another device, "
        f"use this address:\n\n{url}",
    )
    return False


class DocumentView(QTextBrowser):
    """Read-only rich text; our links come out as `link_activated(kind, value)`."""

    link_activated = Signal(str, str)
    #: A link got the mouse or the keyboard focus (Tab): (kind, value) as link_activated.
    link_highlighted = Signal(str, str)

    def __init__(
        self, name: str, description: str, parent: QWidget | None = None, *, column: bool = True
    ) -> None:
        super().__init__(parent)
        self.column = column  # keep lines to a readable length in wide windows
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)
        self.anchorClicked.connect(self._on_anchor)
        self.highlighted.connect(
            lambda url: self.link_highlighted.emit(*link_target(url.toString()))
        )
        self.page_html = ""
        self.theme = "light"
        self.scale = 1.0
        self._apply_font()

    def _apply_font(self) -> None:
        font = QFont(self.font())
        font.setPointSizeF(reading_point_size() * self.scale)
        self.setFont(font)  # QTextEdit hands the widget font to its document

    def set_look(self, theme: str, scale: float) -> None:
        """Use a theme's CSS and a text scale; the page is laid out again, scroll kept."""
        if theme == self.theme and scale == self.scale:
            return
        self.theme, self.scale = theme, scale
        self._apply_font()
        if self.page_html:  # an empty view gets its CSS with its first page
            self.set_page(self.page_html, keep_scroll=True)

    def set_page(self, html: str, *, keep_scroll: bool = False) -> None:
        """Show an HTML fragment (already sanitized or built by us)."""
        bar = self.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if keep_scroll and bar.maximum() else 0.0
        self.page_html = html
        self.document().setDefaultStyleSheet(document_css(self.theme) + heading_css(self.scale))
        self._apply_font()
        self.setHtml(html)
        self._fit_width(force=True)
        if keep_scroll:
            bar.setValue(round(fraction * bar.maximum()))

    def _fit_width(self, force: bool = False) -> None:
        """Keep lines to a readable length: wide windows get a centred column."""
        longest = QFontMetricsF(self.font()).averageCharWidth() * READING_CHARACTERS
        side = max(12.0, (self._viewport_width() - longest) / 2) if self.column else 8.0
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        if force or abs(fmt.leftMargin() - side) > 2:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(10 if self.column else 4)
            fmt.setBottomMargin(24 if self.column else 4)
            root.setFrameFormat(fmt)

    def _viewport_width(self) -> int:
        """The text area's width, worked out without viewport(): PySide's first viewport()
        call looks up the Python class of every Qt widget type (about 9 ms at startup)."""
        width = self.maximumViewportSize().width()
        bar = self.verticalScrollBar()
        return width - bar.width() if bar.isVisible() else width

    def focused_link_rects(self) -> list[QRect]:
        """The line boxes (viewport pixels) of the link the keyboard is on, if any."""
        cursor = self.textCursor()
        if not (self.hasFocus() and cursor.hasSelection() and cursor.charFormat().isAnchor()):
            return []
        probe = QTextCursor(self.document())
        lines: dict[int, QRect] = {}
        for position in range(cursor.selectionStart(), cursor.selectionEnd() + 1):
            probe.setPosition(position)
            box = self.cursorRect(probe)
            line = lines.get(box.top())
            lines[box.top()] = box if line is None else line.united(box)
        return [r.adjusted(-3, -1, 3, 1) for r in lines.values() if r.width() > 2]

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt marks the link reached with Tab by a faint dotted box: ring it clearly (2 px,
        in the link colour, which has 3:1 contrast with the page in both themes)."""
        super().paintEvent(event)
        rects = self.focused_link_rects()
        if rects:
            painter = QPainter(self.viewport())
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pen = QPen(self.palette().color(QPalette.ColorRole.Link), 2)
            painter.setPen(pen)
            for rect in rects:
                painter.drawRoundedRect(rect, 3, 3)
            painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-centre the reading column."""
        super().resizeEvent(event)
        self._fit_width()

    def _on_highlight(self, url: QUrl) -> None:
        if not url.isEmpty():
            self.link_highlighted.emit(*link_target(url.toString()))

    def _on_anchor(self, url: QUrl) -> None:
        kind, value = link_target(url.toString())
        if kind == "anchor":
            self.scrollToAnchor(value)
        elif kind == "external":
            open_external(self, value)
        else:
            self.link_activated.emit(kind, value)
