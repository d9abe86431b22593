"""The reader window: search, lists, the page, the status bar; wiring lives here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from db.user_store import UserStore
from desktop.core.paths import DataDir
from desktop.core.reader.navigation import NavHistory
from desktop.core.reader.timing import mark
from desktop.core.resources import resources_dir
from desktop.ui.controllers.content_watch import ContentWatcher
from desktop.ui.controllers.search import SearchController
from desktop.ui.panels.document_view import DocumentView, reading_point_size
from desktop.ui.panels.lists import prepare_painting
from desktop.ui.panels.side_panel import SidePanel
from desktop.ui.panels.text_size import TextSizeControl
from desktop.ui.settings import Settings
from desktop.ui.tasks import TaskRunner
from desktop.ui.theme import apply_theme, resolve
from desktop.ui.window.actions import build_actions
from desktop.ui.window.hub import Hub
from desktop.ui.window.window_library import WindowLibrary
from desktop.ui.window.window_logic import WindowLogic
from desktop.ui.window.window_looks import WindowLooks
from desktop.ui.window.window_privacy import WindowPrivacy
from desktop.ui.workstation.station import Workstation

if TYPE_CHECKING:
    from desktop.ui.panels.answer_page import AnswerPage
    from desktop.ui.panels.visit_sheet import VisitSheetPage


FIRST_PAINT_WAIT_MS = 300  # a hidden window still prepares search and its pages


def app_icon() -> QIcon:
    """The app icon from its pixel-exact PNGs (16-256 px); the SVG scales blurrily when small."""
    folder = resources_dir() / "icons" / "app"
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        png = folder / f"patient-answers-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    return icon


class MainWindow(WindowLogic, WindowLibrary, WindowLooks, WindowPrivacy, QMainWindow):
    """The one main window of a session."""

    start_page_shown = Signal()
    answer_shown = Signal(str)
    visit_sheet_shown = Signal()

    def __init__(
        self,
        data_dir: DataDir,
        settings: Settings,
        store: UserStore,
        *,
        hub: Hub | None = None,
        tasks: TaskRunner | None = None,
        workstation: Workstation | None = None,
    ) -> None:
        QMainWindow.__init__(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # before any widget exists: nothing to repaint
            apply_theme(app, resolve(settings.theme))
        self.data_dir = data_dir
        self.settings = settings
        self.store = store
        self.workstation = workstation or Workstation(private=settings.private)
        self.kiosk = self.workstation.kiosk
        self.hub = hub or Hub(self)
        self.tasks = tasks or TaskRunner(self)
        self.nav = NavHistory()
        self.search = SearchController(data_dir, self.tasks, self)
        self.start_data = None
        self.theme = "light"
        self.scale = settings.text_scale
        self._loading_id: str | None = None
        self.session = 0  # raised by "End session": late results of the last one are dropped
        self._open_first_pending = False
        self._painted = False
        self._after_paint: list[tuple[Callable[[], object], int]] = []
        self.setWindowTitle("Patient Answers")
        self.setAccessibleName("Patient Answers")
        self.setWindowIcon(app_icon())
        self._build_widgets()
        self.actions_ = build_actions(self)
        self.check_updates_action = self.actions_.check_updates
        self._build_toolbar()
        self._build_status_bar()
        self.connect_everything()
        self.build_privacy()
        self.content_watch = ContentWatcher(self)
        self.kiosk_mode = None
        if self.kiosk:
            from desktop.ui.workstation.kiosk import KioskMode

            self.kiosk_mode = KioskMode(self, self.workstation)
        self._splitter_restored = False
        if not self.kiosk:
            self.restore_window_state()

    # ---------------------------------------------------------------- layout
    def _build_widgets(self) -> None:
        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText("Search: type a question or a few words")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName("Search")
        self.search_field.setAccessibleDescription(
            "Type a question or a few words. Results appear as you type. Press Enter to open "
            "the first answer, or the Down arrow to move to the results."
        )
        self.search_field.setMinimumWidth(220)
        self.search_field.installEventFilter(self)
        self.side = SidePanel(self)
        self.start_view = DocumentView(
            "Start page", "Recently updated answers and topics. Use Tab to move between links."
        )
        # The answer page and the visit sheet are made on first use (see answer_page): the
        # first paint shows only the start page.
        self._answer_page: AnswerPage | None = None
        self._visit_page: VisitSheetPage | None = None
        self.stack = QStackedWidget(self)
        self.stack.setAccessibleName("Page")
        self.stack.addWidget(self.start_view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.side)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([340, 860])
        self.setCentralWidget(self.splitter)
        self.resize(1200, 800)

    # ------------------------------------------------- pages made on first use
    @property
    def answer_page(self) -> AnswerPage:
        """The answer page. Made on first use, or just after the first paint (build_pages),
        so that the window appears sooner; it then follows the theme and text size."""
        if self._answer_page is None:
            from desktop.ui.panels.answer_page import AnswerPage

            page = self._answer_page = AnswerPage(self)
            self.stack.addWidget(page)
            self.actions_.find.triggered.connect(page.find_bar.open_bar)
            for view in page.document_views():
                view.link_activated.connect(self._link)
                view.set_look(self.theme, self.scale)
        return self._answer_page

    @property
    def visit_page(self) -> VisitSheetPage:
        """The visit sheet page, made on first use like the answer page."""
        if self._visit_page is None:
            from desktop.ui.panels.visit_sheet import VisitSheetPage

            page = self._visit_page = VisitSheetPage(self.store, self)
            self.stack.addWidget(page)
            page.changed.connect(self.hub.visit_sheet_did_change)
            page.print_requested.connect(self.print_page)
            page.pdf_requested.connect(lambda: self.export_page_pdf())
            page.set_keeping(self.private, self.kiosk)
            page.set_scale(self.scale)
        return self._visit_page

    def build_pages(self) -> None:
        """Make the pages not yet made (after the first paint, so the first answer is quick).
        A window already closed makes nothing: its stores may be closed too."""
        if self.isVisible():
            _ = self.answer_page, self.visit_page
            prepare_painting(self.side.results.view)

    def built_document_views(self) -> list[DocumentView]:
        """The rich-text views made so far (they follow theme and text size)."""
        views = [self.start_view]
        if self._answer_page is not None:
            views.extend(self._answer_page.document_views())
        return views

    def _build_toolbar(self) -> None:
        a = self.actions_
        bar = QToolBar("Main toolbar", self)
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        bar.setAccessibleName("Main toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addActions([a.back, a.forward, a.home])
        bar.addSeparator()
        bar.addWidget(self.search_field)
        bar.addSeparator()
        self.text_size = TextSizeControl(self)
        bar.addWidget(self.text_size)
        bar.addSeparator()
        bar.addActions([a.bookmark, a.visit_sheet])
        self.addToolBar(bar)
        self.toolbar = bar
        for button in bar.findChildren(QToolButton):
            action = button.defaultAction()
            if action is not None:
                button.setAccessibleName(action.text().replace("&", ""))
                button.setAccessibleDescription(action.statusTip())

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.content_label = QLabel("Loading…", self)
        self.content_label.setAccessibleName("Content version")
        self.count_label = QLabel("", self)
        self.count_label.setAccessibleName("Number of answers")
        self.update_label = QLabel("", self)
        self.update_label.setAccessibleName("Update status")
        self.index_progress = QProgressBar(self)
        self.index_progress.setAccessibleName("Preparing search")
        self.index_progress.setMaximumWidth(180)
        self.index_progress.setFormat("Preparing search %p%")
        self.index_progress.hide()
        status.addPermanentWidget(self.index_progress)
        status.addPermanentWidget(self.update_label)
        status.addPermanentWidget(self.count_label)
        status.addPermanentWidget(self.content_label)

    def set_update_status(self, text: str) -> None:
        """Show what the updater is doing or last did (the sync controller calls this)."""
        self.update_label.setText(text)
        self.update_label.setAccessibleDescription(text)

    # ------------------------------------------------------------ keyboard
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Down/Page Down in the search box moves to the results list."""
        if obj is self.search_field and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.side.results.model.rowCount():
                self.side.setCurrentWidget(self.side.results)
                self.side.results.view.setFocus()
                return True
        return super().eventFilter(obj, event)

    def focus_next_area(self) -> None:
        """F6: search box -> list -> page -> search box."""
        areas: list[QWidget] = [self.search_field, self._current_list(), self._current_page_focus()]
        focus = QApplication.focusWidget()
        current = next((i for i, w in enumerate(areas) if focus is w or w.isAncestorOf(focus)), -1)
        areas[(current + 1) % len(areas)].setFocus()

    def _current_list(self) -> QWidget:
        panel = self.side.currentWidget()
        return getattr(panel, "view", panel)

    def _current_page_focus(self) -> QWidget:
        page = self.stack.currentWidget()
        return self.answer_page.view if page is self._answer_page else page

    # ------------------------------------------------------- after first paint
    def after_first_paint(self, fn: Callable[[], object], delay_ms: int = 0) -> None:
        """Run fn `delay_ms` after the window has painted itself (or after now, if it has):
        work that can wait, such as opening the search index, does not delay what the reader
        first sees. A window never painted (hidden) runs it after FIRST_PAINT_WAIT_MS."""
        if self._painted:
            QTimer.singleShot(delay_ms, fn)
            return
        if not self._after_paint:
            QTimer.singleShot(FIRST_PAINT_WAIT_MS, self._run_after_paint)
        self._after_paint.append((fn, delay_ms))

    def _run_after_paint(self) -> None:
        waiting, self._after_paint = self._after_paint, []
        for fn, delay_ms in waiting:
            if delay_ms:
                QTimer.singleShot(delay_ms, fn)
            else:
                fn()

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """The first paint releases the work waiting for it (see after_first_paint)."""
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            mark("first paint")
            QTimer.singleShot(0, self._run_after_paint)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """On the first show, size the lists for the text size (unless the reader chose)."""
        super().showEvent(event)
        if not getattr(self, "_shown_once", False):
            self._shown_once = True
            if not self._splitter_restored:
                QTimer.singleShot(0, self._fit_side_panel)

    # ----------------------------------------------------------------- close
    def closeEvent(self, event: QCloseEvent) -> None:
        """Save notes and window state, stop background work (a kiosk asks for the PIN)."""
        if self.kiosk_mode is not None and not self.kiosk_mode.allow_close():
            event.ignore()
            return
        self.content_watch.stop()
        if self._visit_page is not None:
            self._visit_page.flush_notes()
        self.save_window_state()
        self.search.shutdown()
        super().closeEvent(event)

    def restore_window_state(self) -> None:
        """Put the window back where the reader left it."""
        geometry = self.settings.bytes_value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = self.settings.bytes_value("window/splitter")
        self._splitter_restored = splitter is not None and self.splitter.restoreState(splitter)

    def save_window_state(self) -> None:
        """Remember size, place and splitter (nothing is written when private)."""
        self.settings.set_value("window/geometry", self.saveGeometry())
        self.settings.set_value("window/splitter", self.splitter.saveState())
        self.settings.sync()

    def point_size(self) -> float:
        """The list text size for the current scale."""
        return reading_point_size() * self.scale * 0.92
