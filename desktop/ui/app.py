"""Start the reader window: `run_app` is what `patient-answers gui` calls."""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication

from db.user_store import USER_RESET_NOTICE, UserStore, UserStoreError
from desktop import __version__
from desktop.core.admin_config import AdminConfig
from desktop.core.content_health import read_or_repair
from desktop.core.paths import DataDir
from desktop.core.reader.prefetch import Prefetch
from desktop.core.reader.start import StartData, load_start
from desktop.core.reader.timing import mark, process_age_ms, rss_mb
from desktop.ui.theme import FUSION_SET, use_fusion

if TYPE_CHECKING:
    from desktop.ui.controllers.sync import SyncController
    from desktop.ui.window.interrupts import CloseOnInterrupt as CloseOnInterruptType
    from desktop.ui.window.main_window import MainWindow

SMOKE_TIMEOUT_MS = 120_000


def make_application() -> QApplication:
    """The QApplication (created once), named for settings and the desktop."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        # Fusion chosen on the command line, not with setStyle(): setStyle hands back the
        # style, and wrapping a QStyle for Python costs 4 ms of the start (its enums).
        app = QApplication([*sys.argv[:1], "-style", "Fusion"])
        app.setProperty(FUSION_SET, True)
    app.setApplicationName("patient-answers")
    app.setApplicationDisplayName("Patient Answers")
    app.setOrganizationName("patient-answers")
    app.setApplicationVersion(__version__)
    # Matches the .desktop file id so Wayland/GNOME pair the window with its icon.
    app.setDesktopFileName("io.github.patientanswers.PatientAnswers")
    use_fusion(app)
    return app


def open_user_store(data_dir: DataDir, private: bool) -> tuple[UserStore, str]:
    """user.db of the data folder, or memory when private (or when it cannot be written)."""
    if private:
        return UserStore.private(), ""
    try:
        store = UserStore(data_dir.user_db)
        return store, USER_RESET_NOTICE if store.set_aside else ""
    except UserStoreError:
        return (
            UserStore.private(),
            "Bookmarks and history cannot be saved in this data folder; they last until "
            "you close the window.",
        )


class SmokeRun:
    """`gui --smoke`: start page, one answer, search ready; print timings and quit."""

    def __init__(self, window: MainWindow, app: QApplication) -> None:
        self.window = window
        self.app = app
        self.timings: dict[str, float] = {}
        self.answer_asked_at = 0.0
        self.search_ready = False
        self.answer_done = False
        self.painting = False
        window.start_page_shown.connect(self._start_shown)
        window.answer_shown.connect(self._answer_shown)
        window.hub.search_did_become_ready.connect(self._search_ready)
        window.search.failed.connect(self._failed)
        QTimer.singleShot(SMOKE_TIMEOUT_MS, lambda: self._failed("timed out"))

    def _start_shown(self) -> None:
        if "startup_ms" in self.timings or self.painting:
            return
        mark("start page ready")
        self.painting = True
        QTimer.singleShot(0, self._first_paint)  # once the show and layout events are done

    def _first_paint(self) -> None:
        self.window.repaint()
        self.timings["startup_ms"] = process_age_ms()
        data = self.window.navigation.start_data
        if data is None or data.first_answer_id is None:
            self._failed("no answer to show")
            return
        self.answer_asked_at = time.perf_counter()
        self.window.navigation.open_answer(data.first_answer_id)

    def _answer_shown(self, _answer_id: str) -> None:
        if self.answer_done:
            return
        self.window.pages.answer_page.view.repaint()
        self.timings["first_answer_ms"] = (time.perf_counter() - self.answer_asked_at) * 1000
        self.answer_done = True
        self._maybe_finish()

    def _search_ready(self) -> None:
        self.search_ready = True
        self._maybe_finish()

    def _maybe_finish(self) -> None:
        if self.answer_done and self.search_ready:
            result: dict[str, float | int | str] = {k: round(v, 1) for k, v in self.timings.items()}
            result["rss_mb"] = round(rss_mb(), 1)
            self._read_aloud(result)
            print(json.dumps(result), flush=True)
            self._close()
            self.app.exit(0)

    def _read_aloud(self, result: dict[str, float | int | str]) -> None:
        """With a speech engine named (packaging's smoke check uses Qt's mock), check that
        Read aloud loads QtTextToSpeech and finds sentences: how many, or why not."""
        from desktop.ui.controllers.read_aloud import ENGINE_ENV

        if os.environ.get(ENGINE_ENV):
            reader = self.window.read_aloud
            started = reader.start()
            result["read_aloud"] = len(reader.sentences) if started else reader.bar.status.text()
            reader.stop()

    def _failed(self, why: str) -> None:
        if self.answer_done and self.search_ready:
            return
        print(f"patient-answers: smoke test failed: {why}", file=sys.stderr, flush=True)
        self._close()
        self.app.exit(1)

    def _close(self) -> None:
        if self.window.kiosk_mode is not None:
            self.window.kiosk_mode.release()  # a smoke check may close a kiosk
        self.window.close()


def run_app(
    data_dir: DataDir,
    *,
    kiosk: bool,
    private: bool,
    smoke: bool,
    admin: AdminConfig | None = None,
    start_data: Prefetch[StartData] | None = None,
) -> int:
    """Open the reader window; returns the exit code. The administrator's file (`admin`) can
    force private or kiosk mode, lock settings, set defaults and the update feed.
    `start_data`: the start page, already being read (else it is read from here)."""
    mark("ui imported")
    if start_data is None:
        start_data = Prefetch(read_or_repair, data_dir, load_start)
    from desktop.ui.window.main_window import MainWindow
    from desktop.ui.workstation.station import Workstation

    mark("window modules imported")
    app = make_application()
    # a smoke check leaves no trace
    station = Workstation.create(admin, kiosk=kiosk, private=private or smoke)
    settings = station.settings()
    store, store_note = open_user_store(data_dir, station.private)
    mark("application and user store ready")
    window = MainWindow(data_dir, settings, store, workstation=station)
    mark("window built")
    smoke_run = SmokeRun(window, app) if smoke else None
    # after the first paint (and after the smoke check's timing)
    window.start_page_shown.connect(lambda: QTimer.singleShot(0, _collect_garbage_again))
    if station.kiosk:
        window.showFullScreen()
    else:
        window.show()
    mark("window shown")
    interrupts: list[CloseOnInterruptType] = []
    window.after_first_paint(lambda: interrupts.append(close_on_interrupt(window, app)))
    # Shown first, then filled: the first paint (at app.exec) already has the start page.
    window.start(start_data)
    mark("window started")
    if not smoke:
        make_sync_controller(window, station.admin).start()
    if store_note:
        window.statusBar().showMessage(store_note, 20000)
    try:
        code = app.exec()
    finally:
        for handler in interrupts:
            handler.uninstall()
        window.tasks.wait()
        window.user_data.close()
        # delete Qt objects now, not during interpreter shutdown (PySide can crash there)
        del smoke_run
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return int(code)


def close_on_interrupt(window: MainWindow, app: QApplication) -> CloseOnInterruptType:
    """Ctrl+C in the terminal (or SIGTERM) closes the window as Quit would."""
    from desktop.ui.window.interrupts import CloseOnInterrupt

    def close() -> None:
        if window.kiosk_mode is not None:
            window.kiosk_mode.release()  # a terminal user could kill it anyway
        window.close()
        app.quit()

    return CloseOnInterrupt(close, window)


def _collect_garbage_again() -> None:
    """After the first paint: what exists now lives on, so keep it out of later collections."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def make_sync_controller(window: MainWindow, admin: AdminConfig) -> SyncController:
    """The update controller, with the administrator's feed, keys and schedule."""
    from desktop.core.sync import SyncOptions

    options = SyncOptions(feed=admin.feed_url, trusted_key_files=list(admin.trusted_keys))
    if admin.path is None:  # no administrator file: the window's own schedule
        return window.add_sync(options)
    interval_ms = round(admin.update_interval_hours * 3600 * 1000)
    return window.add_sync(options, interval_ms=interval_ms)
