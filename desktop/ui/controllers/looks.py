"""Text size and colours: the pages, the lists and the search box follow them together.

The reader's choice is remembered in Settings (not when private); a setting the
administrator fixed is applied but not changed from the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QSplitter, QWidget

from desktop.ui.panels.document_view import reading_point_size
from desktop.ui.panels.pages import PageStack
from desktop.ui.panels.side_panel import SidePanel
from desktop.ui.panels.text_size import TextSizeControl, step
from desktop.ui.settings import TEXT_SCALE, THEME, Settings, clamp_scale
from desktop.ui.theme import apply_theme, resolve, scale_interface
from desktop.ui.window.actions import Actions
from desktop.ui.window.hub import Hub


class LooksController(QObject):
    """Theme and text size of one window."""

    def __init__(
        self,
        settings: Settings,
        hub: Hub,
        actions: Actions,
        text_size: TextSizeControl,
        pages: PageStack,
        side: SidePanel,
        splitter: QSplitter,
        search_field: QLineEdit,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.hub = hub
        self.actions = actions
        self.text_size = text_size
        self.pages = pages
        self.side = side
        self.splitter = splitter
        self.search_field = search_field
        self.theme = "light"  # resolved: "light" or "dark"
        self.scale = settings.text_scale
        a = actions
        a.bigger.triggered.connect(lambda: self.set_scale(step(self.scale, 1)))
        a.smaller.triggered.connect(lambda: self.set_scale(step(self.scale, -1)))
        a.reset_size.triggered.connect(lambda: self.set_scale(1.0))
        a.theme_system.triggered.connect(lambda: self.set_theme("system"))
        a.theme_light.triggered.connect(lambda: self.set_theme("light"))
        a.theme_dark.triggered.connect(lambda: self.set_theme("dark"))
        text_size.scale_chosen.connect(self.set_scale)
        pages.page_made.connect(self._page_made)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    def _page_made(self, page: QWidget) -> None:
        for view in self.pages.document_views():
            view.set_look(self.theme, self.scale)
        if page is self.pages.made_visit_page():
            self.pages.visit_page.set_scale(self.scale)

    def point_size(self) -> float:
        """The list text size for the current scale."""
        return reading_point_size() * self.scale * 0.92

    # ------------------------------------------------------------- text size
    def set_scale(self, scale: float, save: bool = True) -> None:
        """Apply a text scale to the pages and lists (remembered unless private)."""
        if save and self.settings.is_locked(TEXT_SCALE):
            return  # the administrator fixed the text size
        self.scale = clamp_scale(scale)
        if save:
            self.settings.text_scale = self.scale
        scale_interface(self.scale)  # menus, toolbar, tabs, status bar, dialogs
        self.text_size.show_scale(self.scale)
        for view in self.pages.document_views():
            view.set_look(self.theme, self.scale)
        self.side.set_scale(self.point_size())
        self.fit_side_panel()
        font = self.search_field.font()
        font.setPointSizeF(max(QApplication.font().pointSizeF(), self.point_size() * 0.9))
        self.search_field.setFont(font)
        sheet = self.pages.made_visit_page()
        if sheet is not None:
            sheet.set_scale(self.scale)

    def fit_side_panel(self) -> None:
        """Give the lists more room as text grows (up to 45 % of the window)."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total <= 0:
            return
        side = min(int(total * 0.45), int(340 * (0.6 + 0.4 * self.scale)))
        self.splitter.setSizes([side, total - side])

    # --------------------------------------------------------------- colours
    def set_theme(self, theme: str, save: bool = True) -> None:
        """System, light or dark; paints the widgets and the documents."""
        if save and self.settings.is_locked(THEME):
            theme = self.settings.theme  # the administrator fixed the colours
        elif save:
            self.settings.theme = theme
        a = self.actions
        {"system": a.theme_system, "light": a.theme_light, "dark": a.theme_dark}[
            theme if theme in ("system", "light", "dark") else "system"
        ].setChecked(True)
        self._apply_resolved(resolve(theme))

    def _apply_resolved(self, resolved: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, resolved)
        self.theme = resolved
        for view in self.pages.document_views():
            view.set_look(resolved, self.scale)
        results = self.side.results
        results.delegate.set_theme(resolved)
        if results.model.rowCount():  # (an empty list has nothing to repaint)
            results.view.viewport().update()
        self.hub.theme_did_change.emit(resolved)

    def _system_scheme_changed(self, *_: object) -> None:
        if self.settings.theme == "system":
            self._apply_resolved(resolve("system"))

    def reset(self) -> None:
        """Back to the remembered (or administrator's) colours and text size."""
        self.set_theme(self.settings.theme, save=False)
        self.set_scale(self.settings.text_scale, save=False)
