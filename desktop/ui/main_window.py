"""The reader window: search, lists, the page, the status bar; wiring lives here."""

from __future__ import annotations

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
from desktop.core.resources import resources_dir
from desktop.ui.actions import build_actions
from desktop.ui.answer_page import AnswerPage
from desktop.ui.content_watch import ContentWatcher
from desktop.ui.document_view import DocumentView, reading_point_size
from desktop.ui.hub import Hub
from desktop.ui.navigation import NavHistory
from desktop.ui.search_controller import SearchController
from desktop.ui.settings import Settings
from desktop.ui.side_panel import SidePanel
from desktop.ui.tasks import TaskRunner
from desktop.ui.text_size import TextSizeControl
from desktop.ui.theme import apply_theme, resolve
from desktop.ui.visit_sheet import VisitSheetPage
from desktop.ui.window_library import WindowLibrary
from desktop.ui.window_logic import WindowLogic
from desktop.ui.window_looks import WindowLooks
from desktop.ui.window_privacy import WindowPrivacy
from desktop.ui.workstation import Workstation


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
            from desktop.ui.kiosk import KioskMode

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
        self.answer_page = AnswerPage(self)
        self.visit_page = VisitSheetPage(self.store, self)
        self.stack = QStackedWidget(self)
        self.stack.setAccessibleName("Page")
        for page in (self.start_view, self.answer_page, self.visit_page):
            self.stack.addWidget(page)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.side)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([340, 860])
        self.setCentralWidget(self.splitter)
        self.resize(1200, 800)

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
        return self.answer_page.view if page is self.answer_page else page

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
        self.visit_page.flush_notes()
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
