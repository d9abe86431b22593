"""Text size, colours and the About box of the main window (a mixin, like window_logic)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from desktop.ui.theme import apply_theme, resolve, scale_interface

if TYPE_CHECKING:
    from desktop.ui.window.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class WindowLooks(_Base):
    """Text size and theme of the main window."""

    # ----------------------------------------------------------------- looks
    def text_size_step(self, direction: int) -> float:
        """The next text size up or down."""
        from desktop.ui.panels.text_size import step

        return step(self.scale, direction)

    def set_scale(self, scale: float, save: bool = True) -> None:
        """Apply a text scale to the pages and lists (remembered unless private)."""
        from desktop.ui.settings import TEXT_SCALE, clamp_scale

        if save and self.settings.is_locked(TEXT_SCALE):
            return  # the administrator fixed the text size
        self.scale = clamp_scale(scale)
        if save:
            self.settings.text_scale = self.scale
        scale_interface(self.scale)  # menus, toolbar, tabs, status bar, dialogs
        self.text_size.show_scale(self.scale)
        for view in self.built_document_views():
            view.set_look(self.theme, self.scale)
        self.side.set_scale(self.point_size())
        self._fit_side_panel()
        font = self.search_field.font()
        font.setPointSizeF(max(QApplication.font().pointSizeF(), self.point_size() * 0.9))
        self.search_field.setFont(font)
        if self._visit_page is not None:
            self._visit_page.set_scale(self.scale)
        self.hub.text_scale_did_change.emit(self.scale)

    def _fit_side_panel(self) -> None:
        """Give the lists more room as text grows (up to 45 % of the window)."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total <= 0:
            return
        side = min(int(total * 0.45), int(340 * (0.6 + 0.4 * self.scale)))
        self.splitter.setSizes([side, total - side])

    def set_theme(self, theme: str, save: bool = True) -> None:
        """System, light or dark; paints the widgets and the documents."""
        from desktop.ui.settings import THEME

        if save and self.settings.is_locked(THEME):
            theme = self.settings.theme  # the administrator fixed the colours
        elif save:
            self.settings.theme = theme
        a = self.actions_
        {"system": a.theme_system, "light": a.theme_light, "dark": a.theme_dark}[
            theme if theme in ("system", "light", "dark") else "system"
        ].setChecked(True)
        self._apply_resolved(resolve(theme))

    def _apply_resolved(self, resolved: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, resolved)
        self.theme = resolved
        for view in self.built_document_views():
            view.set_look(resolved, self.scale)
        self.side.results.delegate.set_theme(resolved)
        if self.side.results.model.rowCount():  # (an empty list has nothing to repaint)
            self.side.results.view.viewport().update()
        self.hub.theme_did_change.emit(resolved)

    def _system_scheme_changed(self, *_: object) -> None:
        if self.settings.theme == "system":
            self._apply_resolved(resolve("system"))

    def show_about(self) -> None:
        """The About box (the content's licences are looked up first, off the UI thread)."""
        from desktop.core.reader.loading import load_licences

        self.tasks.run(
            load_licences,
            self.data_dir.content_db,
            owner=self,
            on_success=self._open_about,
            on_failure=lambda _: self._open_about(()),
        )

    def _open_about(self, licences: tuple[tuple[str, str, int], ...]) -> None:
        from desktop.ui.dialogs.about import AboutDialog

        data = self.start_data
        self.about_dialog = AboutDialog(
            data.content_version if data else None,
            data.answer_count if data else None,
            licences,
            self.theme,
            self.scale,
            self,
        )
        self.about_dialog.open()
