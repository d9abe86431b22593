"""The window's toolbars: going about (Back, Forward, Start page, search) and reading (text
size, colours, Bookmark, Visit sheet, Read aloud).

Two toolbars rather than one, so that at large text sizes the second moves to a row of its
own instead of running past the window's edge (a QToolBar cannot wrap). When even a row each
is too narrow, Qt's "»" extension button shows what does not fit (see ExtensionStyle). Every
button is a Tab stop with a name, in reading order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import (
    QLineEdit,
    QMainWindow,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QToolBar,
    QToolButton,
    QWidget,
)

from desktop.ui.panels.colours_button import ColoursButton
from desktop.ui.panels.text_size import TextSizeControl

if TYPE_CHECKING:
    from desktop.ui.window.actions import Actions

EXTENSION = "qt_toolbar_ext_button"  # the name Qt gives a toolbar's "»" button
SLACK = 8  # pixels kept free on a one-row toolbar, so that rounding never flips the rows


class SearchField(QLineEdit):
    """The search box: it asks the toolbar for `wanted` pixels (the room left on a one-row
    toolbar) but can be squeezed to its minimum. A minimum that large would make a narrowing
    window's toolbar hide the box for a moment, and the keyboard focus would leave it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wanted = 0

    def own_width(self) -> int:
        """The width it asks for without the room added."""
        return max(super().sizeHint().width(), self.minimumWidth())

    def sizeHint(self) -> QSize:
        return QSize(max(self.own_width(), self.wanted), super().sizeHint().height())


class ExtensionStyle(QProxyStyle):
    """Fusion with a "»" button as wide as a line of the toolbar's text is high: Fusion's
    12 px, less the app's button border and padding, left no room to draw the "»" at all."""

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        if metric == QStyle.PixelMetric.PM_ToolBarExtensionExtent:
            line = widget.fontMetrics().height() if widget is not None else 16
            return max(28, round(line * 1.5))
        return super().pixelMetric(metric, option, widget)


def _bar(title: str, name: str, window: QMainWindow) -> QToolBar:
    bar = QToolBar(title, window)
    bar.setObjectName(name)
    bar.setMovable(False)
    bar.setAccessibleName(title)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return bar


class Toolbars(QObject):
    """Builds both toolbars into a window and keeps them on one row while they fit."""

    def __init__(self, window: QMainWindow, a: Actions, search_field: SearchField) -> None:
        super().__init__(window)
        self.window = window
        self.search_field = search_field
        self.main = main = _bar("Main toolbar", "main-toolbar", window)
        main.addActions([a.back, a.forward, a.home])
        main.addSeparator()
        main.addWidget(search_field)
        self.reading = reading = _bar("Reading toolbar", "reading-toolbar", window)
        self.text_size = TextSizeControl(window)
        reading.addWidget(self.text_size)
        self.colours = ColoursButton(a.theme_system, a.theme_light, a.theme_dark, window)
        reading.addWidget(self.colours)
        reading.addSeparator()
        reading.addActions([a.bookmark, a.visit_sheet, a.read_aloud])
        window.addToolBar(main)
        window.addToolBar(reading)
        self.broken = False
        buttons = {b.defaultAction(): b for bar in self.bars for b in bar.findChildren(QToolButton)}
        self.chain: list[QWidget] = [buttons[a.back], buttons[a.forward], buttons[a.home]]
        self.chain += [search_field, self.text_size, self.colours]
        self.chain += [buttons[a.bookmark], buttons[a.visit_sheet], buttons[a.read_aloud]]
        for button in self.buttons():
            action = button.defaultAction()
            if action is not None:
                button.setAccessibleName(action.text().replace("&", ""))
                button.setAccessibleDescription(action.statusTip())
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # every control a Tab stop
        self.extension_style = ExtensionStyle("Fusion")
        for bar in self.bars:
            extension = bar.findChild(QToolButton, EXTENSION)
            if extension is not None:
                bar.setStyle(self.extension_style)  # the bar sizes it, the button draws it
                extension.setStyle(self.extension_style)
                extension.setAccessibleName(f"More of the {bar.windowTitle().lower()}")
                extension.setToolTip("More buttons")
        self.refocus = False
        window.installEventFilter(self)
        search_field.installEventFilter(self)

    @property
    def bars(self) -> tuple[QToolBar, QToolBar]:
        """Both toolbars, in reading order."""
        return self.main, self.reading

    def buttons(self) -> list[QToolButton]:
        """Every button of both toolbars (the "»" extension buttons too)."""
        return [b for bar in self.bars for b in bar.findChildren(QToolButton)]

    def fit(self) -> None:
        """One row while both toolbars fit the window's width, two rows when not. On one
        row the search box takes the room left over (Qt would give it to the last toolbar);
        on a row of its own the main toolbar stretches it anyway."""
        search = self.search_field
        needed = sum(bar.sizeHint().width() for bar in self.bars)
        needed += search.own_width() - search.sizeHint().width()  # as if nothing were added
        broken = needed > self.window.width()
        spare = 0 if broken else max(0, self.window.width() - needed - SLACK)
        if broken != self.broken:
            self.broken = broken
            if broken:
                self.window.insertToolBarBreak(self.reading)
            else:
                self.window.removeToolBarBreak(self.reading)
        wanted = search.own_width() + spare if spare else 0
        if search.wanted != wanted:
            search.wanted = wanted
            search.updateGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Fit again when the window's width or the toolbars' sizes (text size) change; give
        the search box its focus back when a narrowing toolbar hid it for a moment."""
        if watched is self.search_field:
            if event.type() == QEvent.Type.Hide:
                # Qt lays the toolbar out in the new width before the window's own handlers
                # see it: the box is hidden, then shown again on the row fit() makes
                self.refocus = self.window.focusWidget() is self.search_field
            elif event.type() == QEvent.Type.Show and self.refocus:
                self.refocus = False
                self.search_field.setFocus()
            return False
        if watched is self.window and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.LayoutRequest,
            QEvent.Type.Show,
        ):
            self.fit()
        return False
