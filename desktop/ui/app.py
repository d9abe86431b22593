"""Start the reader window: `run_app` is what `patient-answers gui` calls."""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication

from db.user_store import UserStore, UserStoreError
from desktop import __version__
from desktop.core.paths import DataDir
from desktop.ui.timing import process_age_ms, rss_mb

SMOKE_TIMEOUT_MS = 120_000


def make_application() -> QApplication:
    """The QApplication (created once), named for settings and the desktop."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("patient-answers")
    app.setApplicationDisplayName("Patient Answers")
    app.setOrganizationName("patient-answers")
    app.setApplicationVersion(__version__)
    # Matches the .desktop file id so Wayland/GNOME pair the window with its icon.
    app.setDesktopFileName("io.github.patientanswers.PatientAnswers")
    app.setStyle("Fusion")
    return app


def open_user_store(data_dir: DataDir, private: bool) -> tuple[UserStore, str]:
    """user.db of the data folder, or memory when private (or when it cannot be written)."""
    if private:
        return UserStore.private(), ""
    try:
        return UserStore(data_dir.user_db), ""
    except UserStoreError:
        return (
            UserStore.private(),
            "Bookmarks and history cannot be saved in this data folder; they last until "
            "you close the window.",
        )


class SmokeRun:
    """`gui --smoke`: start page, one answer, search ready; print timings and quit."""

    def __init__(self, window, app: QApplication) -> None:  # type: ignore[no-untyped-def]
        self.window = window
        self.app = app
        self.timings: dict[str, float] = {}
        self.answer_asked_at = 0.0
        self.search_ready = False
        self.answer_done = False
        window.start_page_shown.connect(self._start_shown)
        window.answer_shown.connect(self._answer_shown)
        window.hub.search_did_become_ready.connect(self._search_ready)
        window.search.failed.connect(self._failed)
        QTimer.singleShot(SMOKE_TIMEOUT_MS, lambda: self._failed("timed out"))

    def _start_shown(self) -> None:
        if "startup_ms" in self.timings:
            return
        self.window.repaint()
        self.timings["startup_ms"] = process_age_ms()
        data = self.window.start_data
        if data is None or data.first_answer_id is None:
            self._failed("no answer to show")
            return
        self.answer_asked_at = time.perf_counter()
        self.window.open_answer(data.first_answer_id)

    def _answer_shown(self, _answer_id: str) -> None:
        if self.answer_done:
            return
        self.window.answer_page.view.repaint()
        self.timings["first_answer_ms"] = (time.perf_counter() - self.answer_asked_at) * 1000
        self.answer_done = True
        self._maybe_finish()

    def _search_ready(self) -> None:
        self.search_ready = True
        self._maybe_finish()

    def _maybe_finish(self) -> None:
        if self.answer_done and self.search_ready:
            result = {k: round(v, 1) for k, v in self.timings.items()}
            result["rss_mb"] = round(rss_mb(), 1)
            print(json.dumps(result), flush=True)
            self.window.close()
            self.app.exit(0)

    def _failed(self, why: str) -> None:
        if self.answer_done and self.search_ready:
            return
        print(f"patient-answers: smoke test failed: {why}", file=sys.stderr, flush=True)
        self.window.close()
        self.app.exit(1)


def run_app(data_dir: DataDir, *, kiosk: bool, private: bool, smoke: bool) -> int:
    """Open the reader window; returns the exit code."""
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    app = make_application()
    private = private or kiosk or smoke  # a smoke check leaves no trace
    settings = Settings(private=private)
    store, store_note = open_user_store(data_dir, private)
    window = MainWindow(data_dir, settings, store, kiosk=kiosk)
    smoke_run = SmokeRun(window, app) if smoke else None
    window.start()
    if not smoke:
        from desktop.ui.sync_controller import SyncController

        window.sync_controller = SyncController(window)
        window.sync_controller.start()
    if kiosk:
        window.showFullScreen()
    else:
        window.show()
    if store_note:
        window.statusBar().showMessage(store_note, 20000)
    try:
        code = app.exec()
    finally:
        window.tasks.wait()
        store.close()
        # delete Qt objects now, not during interpreter shutdown (PySide can crash there)
        del smoke_run
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return int(code)
