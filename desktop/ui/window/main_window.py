"""The reader window: it builds the widgets and wires the controllers; it does no work itself.

One controller per job (desktop/ui/controllers), each built with exactly what it needs:

    navigation  which page is shown, back/forward, links      library   bookmarks, history,
    search      the search box, results and topics                      the visit sheet
    looks       theme and text size                           privacy   private mode, locks
    printing    print and PDF                                 about     the About box
    sync        update checks (added by run_app: add_sync)    content_watch  someone else's update

Panels ask with hub signals (answer_requested, topic_requested, search_requested, ...), never
by calling into another panel. A kiosk's "End session" is a loop over `reset()`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QWidget,
)

from db.user_store import UserStore
from desktop.core.content_health import take_reset
from desktop.core.paths import DataDir
from desktop.core.reader.prefetch import Prefetch
from desktop.core.reader.start import StartData
from desktop.core.reader.user_data import UserData
from desktop.ui.controllers.about import AboutController
from desktop.ui.controllers.backup import BackupController
from desktop.ui.controllers.content_watch import ContentWatcher
from desktop.ui.controllers.library import LibraryController
from desktop.ui.controllers.looks import LooksController
from desktop.ui.controllers.navigation import NavigationController
from desktop.ui.controllers.printing import PrintingController
from desktop.ui.controllers.privacy import PrivacyController
from desktop.ui.controllers.read_aloud import ReadAloudController
from desktop.ui.controllers.search import SearchController
from desktop.ui.dialogs.closing import close_dialogs_of
from desktop.ui.panels.document_view import KIOSK_PROPERTY
from desktop.ui.panels.lists import prepare_painting
from desktop.ui.panels.pages import PageStack
from desktop.ui.panels.side_panel import SidePanel
from desktop.ui.settings import Settings
from desktop.ui.tasks import TaskRunner
from desktop.ui.theme import app_icon, apply_theme, resolve
from desktop.ui.window.actions import build_actions
from desktop.ui.window.first_paint import FirstPaint
from desktop.ui.window.focus import focus_next_area
from desktop.ui.window.hub import Hub
from desktop.ui.window.status_area import StatusArea
from desktop.ui.window.toolbar import SearchField, Toolbars
from desktop.ui.workstation.station import Workstation, window_title

if TYPE_CHECKING:
    from desktop.core.sync import SyncOptions
    from desktop.ui.controllers.sync import SyncController
    from desktop.ui.workstation.kiosk import KioskMode

# Background reading that can wait a moment after the first paint: opening the search index
# (Whoosh) and listing every topic would otherwise compete with the first answer opened.
BACKGROUND_DELAY_MS = 150


class Controller(Protocol):
    """What the window asks of every controller."""

    def reset(self) -> None:
        """Forget everything of the reader's session (kiosk "End session")."""


class MainWindow(QMainWindow):
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
        super().__init__()
        app = QApplication.instance()
        if isinstance(app, QApplication):  # before any widget exists: nothing to repaint
            apply_theme(app, resolve(settings.theme))
        self.data_dir = data_dir
        self.settings = settings
        self.workstation = station = workstation or Workstation(private=settings.private)
        self.user_data = UserData(store, data_dir.user_db)
        self.hub = hub or Hub(self)
        self.tasks = tasks or TaskRunner(self)
        self.first_paint = FirstPaint(self)
        self._shown_once = False
        self.setWindowTitle(window_title(private=False))
        self.setAccessibleName("Patient Answers")
        self.setWindowIcon(app_icon())
        self.setProperty(KIOSK_PROPERTY, station.kiosk)  # links inside never open a browser
        self._build_widgets()
        self.actions_ = a = build_actions(self)
        self._build_toolbar()
        status = self.statusBar()
        self.status_area = area = StatusArea(status)
        self.navigation = NavigationController(
            data_dir,
            self.tasks,
            self.hub,
            self.user_data,
            self.pages,
            a,
            status,
            area.content_label,
            area.count_label,
            self,
        )
        self.search = SearchController(
            data_dir,
            self.tasks,
            self.hub,
            self.user_data,
            self.search_field,
            self.side,
            area.index_progress,
            status,
            a,
            self,
            settings=settings,
        )
        self.library = LibraryController(
            self.user_data,
            self.hub,
            a,
            self.side,
            self.pages,
            self.navigation.nav,
            status,
            self,
            content_db=data_dir.content_db,
        )
        self.looks = LooksController(
            settings,
            self.hub,
            a,
            self.text_size,
            self.pages,
            self.side,
            self.splitter,
            self.search_field,
            self,
        )
        self.privacy = PrivacyController(
            settings, station, self.user_data, self.hub, a, self.text_size, self.pages, self
        )
        self.printing = PrintingController(self.pages, self.user_data, station, settings, a, self)
        self.about = AboutController(
            data_dir,
            self.tasks,
            a.about,
            lambda: self.navigation.start_data,
            lambda: (self.looks.theme, self.looks.scale),
            self,
        )
        self.content_watch = ContentWatcher(self.tasks, data_dir.content_db, self.hub, self)
        self.backup = BackupController(self.user_data, station, self.hub, a, status, self)
        self.read_aloud = ReadAloudController(
            self.pages, a.read_aloud, a.stop_reading, self, settings=settings
        )
        self.sync: SyncController | None = None
        # Order matters: a fresh store first, then what reads it.
        self.controllers: list[Controller] = [
            self.library,
            self.search,
            self.navigation,
            self.looks,
            self.privacy,
            self.printing,
            self.about,
            self.content_watch,
            self.backup,
            self.read_aloud,
        ]
        self._wire()
        self.kiosk_mode: KioskMode | None = None
        if station.kiosk:
            from desktop.ui.workstation.kiosk import KioskMode

            self.kiosk_mode = KioskMode(self, station)
        self._splitter_restored = False
        if not station.kiosk:
            self.restore_window_state()

    # ---------------------------------------------------------------- layout
    def _build_widgets(self) -> None:
        self.search_field = SearchField(self)
        self.search_field.setPlaceholderText("Search: type a question or a few words")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName("Search")
        self.search_field.setAccessibleDescription(
            "Type a question or a few words. Results appear as you type. Press Enter to open "
            "the first answer, or the Down arrow to move to the results."
        )
        self.search_field.setMinimumWidth(220)
        self.side = SidePanel(self)
        self.pages = PageStack(self.user_data, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.side)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([340, 860])
        self.setCentralWidget(self.splitter)
        self.resize(1200, 800)

    def _build_toolbar(self) -> None:
        self.toolbars = bars = Toolbars(self, self.actions_, self.search_field)
        self.toolbar, self.text_size, self.colours = bars.main, bars.text_size, bars.colours
        chain = [*bars.chain, self.side.tab_bar]
        for first, second in zip(chain, chain[1:], strict=False):  # Tab goes left to right
            QWidget.setTabOrder(first, second)

    # ---------------------------------------------------------------- wiring
    def _wire(self) -> None:
        """Connect what no single controller owns: window signals, side tabs, F6, Quit."""
        a, side, nav = self.actions_, self.side, self.navigation
        nav.start_page_shown.connect(self.start_page_shown)
        nav.answer_shown.connect(self.answer_shown)
        nav.visit_sheet_shown.connect(self.visit_sheet_shown)
        nav.start_page_shown.connect(self._start_page_shown)
        self.pages.page_made.connect(self._page_made)
        for action, panel in (
            (a.show_results, side.results),
            (a.show_topics, side.topics),
            (a.show_bookmarks, side.bookmarks),
            (a.show_history, side.history),
        ):
            action.triggered.connect(lambda _=False, p=panel: side.show_panel(p))
        a.next_pane.triggered.connect(
            lambda: focus_next_area(self.search_field, self.side, self.pages)
        )
        a.quit.triggered.connect(self.close)

    def _page_made(self, page: QWidget) -> None:
        if page is self.pages.made_answer_page():
            self.actions_.find.triggered.connect(self.pages.answer_page.find_bar.open_bar)

    def start(self, start_data: Prefetch[StartData] | None = None) -> None:
        """Show the start page and open search in the background; apply remembered looks.

        `start_data` is the start page already being read (run_app starts reading it before
        the window exists); without it, or when it failed, it is read in the background."""
        self.looks.reset()
        self.library.refresh_all()
        self.content_watch.start()
        data = None
        if start_data is not None:
            try:
                data = start_data.result()
            except Exception:  # noqa: BLE001  (read again below, where failures are shown)
                data = None
        self.navigation.start(data)

    def _start_page_shown(self) -> None:
        reset = take_reset()  # content.db was damaged: set aside, the sample content in place
        if reset is not None:
            self.statusBar().showMessage(reset.notice)
        data = self.navigation.start_data
        if data is not None:
            self.content_watch.know(data.installed.content_version)
        self.after_first_paint(self.search.load_topics_list, BACKGROUND_DELAY_MS)
        if not self.search.is_ready:
            # after the first paint, so index loading does not slow the start
            self.after_first_paint(self.search.prepare, BACKGROUND_DELAY_MS)
        self.after_first_paint(self.build_pages)  # likewise the answer page and visit sheet

    def build_pages(self) -> None:
        """Make the pages not yet made (after the first paint, so the first answer is quick).
        A window already closed makes nothing: its stores may be closed too."""
        if self.isVisible():
            self.pages.make_all()
            prepare_painting(self.side.results.view)

    def add_sync(self, options: SyncOptions, **schedule: Any) -> SyncController:
        """Check for updates from this window (run_app; tests pass their own schedule)."""
        from desktop.ui.controllers.sync import SyncController

        self.sync = SyncController(
            self.data_dir,
            self.tasks,
            self.hub,
            self.workstation,
            self.settings,
            self.actions_.check_updates,
            self.status_area.update_label,
            self,
            options=options,
            **schedule,
        )
        self.controllers.append(self.sync)
        return self.sync

    # ------------------------------------------------------------- session
    def wipe_session(self) -> None:
        """Forget everything of this session and show the start page (kiosk "End session")."""
        close_dialogs_of(self)
        for controller in self.controllers:
            controller.reset()
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()
        self.statusBar().clearMessage()
        self.search.focus_search()
        self.hub.session_did_end.emit()

    def after_first_paint(self, fn: Callable[[], object], delay_ms: int = 0) -> None:
        """Run fn `delay_ms` after the window has painted itself (see FirstPaint)."""
        self.first_paint.later(fn, delay_ms)

    def paintEvent(self, event: Any) -> None:
        """The first paint releases the work waiting for it."""
        super().paintEvent(event)
        self.first_paint.painted()

    def showEvent(self, event: Any) -> None:
        """On the first show, size the lists for the text size (unless the reader chose)."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.search_field.setFocus()  # typing after launch searches
            QTimer.singleShot(0, self.search_field.setFocus)  # also once the toolbars settle
            if not self._splitter_restored:
                QTimer.singleShot(0, self.looks.fit_side_panel)

    # ----------------------------------------------------------------- close
    def closeEvent(self, event: QCloseEvent) -> None:
        """Save notes and window state, stop background work (a kiosk asks for the PIN)."""
        if self.kiosk_mode is not None and not self.kiosk_mode.allow_close():
            event.ignore()
            return
        self.content_watch.stop()
        if self.sync is not None:
            self.sync.shutdown()  # before waiting for the pools: a running sync stops first
        self.pages.flush_notes()
        self.save_window_state()
        self.tasks.stop_reporting_work()  # an index build stops at its next progress step
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
