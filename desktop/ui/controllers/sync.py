"""Content updates in the window: background checks, a quiet status line, what changed.

Checks run at start (after a short delay), when the network comes back (QNetworkInformation is
only a hint: a failed request is the real signal), every few hours (the administrator's
interval; 0 is never), and on "Check for updates now". A machine-wide content folder and a
private session are never updated from the window. The sync itself is desktop.core.sync.sync
on the "sync" worker lane; reading is never interrupted. Failures are shown quietly in the
status bar with their reason.
"""

from __future__ import annotations

import html
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu

from desktop.core.paths import DataDir
from desktop.core.sync import SyncError, SyncEvent, SyncOptions, SyncResult
from desktop.core.sync.status import failed_line, last_changes, progress_line, updated_line
from desktop.ui.dialogs.changes import ChangesDialog
from desktop.ui.settings import Settings
from desktop.ui.tasks import TaskRunner
from desktop.ui.window.hub import Hub
from desktop.ui.workstation.station import Workstation

LANE = "sync"
CHECK_EVERY_MS = 4 * 3600 * 1000
MANAGED = "Updates are managed by your administrator"
PAUSED = "Updates are paused in private mode"
START_DELAY_MS = 8000
ONLINE_MIN_GAP_S = 300.0


@dataclass(frozen=True)
class CheckOutcome:
    """What a background check brings back: the result or why it failed, and the meta after."""

    result: SyncResult | None
    kind: str = ""
    reason: str = ""
    meta: dict[str, str] = field(default_factory=dict)


def read_meta(data_dir: DataDir) -> dict[str, str]:
    """content.db's meta values ({} when it cannot be read)."""
    from db.store import ContentStore, StoreError

    try:
        with ContentStore(data_dir.content_db, readonly=True) as store:
            return store.all_meta()
    except StoreError:
        return {}


def run_check(
    data_dir: DataDir, options: SyncOptions, emit: Any, cancelled: threading.Event
) -> CheckOutcome:
    """The worker: sync, reporting progress through `emit`; a SyncError becomes an outcome."""
    from desktop.core.sync import sync

    def progress(event: SyncEvent) -> None:
        if cancelled.is_set():
            raise SyncError("the window was closed", "cancelled")
        emit(event)

    try:
        result = sync(data_dir, options, progress)
    except SyncError as exc:
        return CheckOutcome(None, exc.kind, str(exc), read_meta(data_dir))
    return CheckOutcome(result, meta=read_meta(data_dir))


class _Relay(QObject):
    """Carries progress events from the worker to the UI thread (queued)."""

    progressed = Signal(object)


class SyncController(QObject):
    """Runs update checks for one window and keeps its update status line current."""

    status_changed = Signal(str)
    check_finished = Signal(object)  # CheckOutcome

    def __init__(
        self,
        data_dir: DataDir,
        tasks: TaskRunner,
        hub: Hub,
        station: Workstation,
        settings: Settings,
        check_action: QAction,
        update_label: QLabel,
        window: QMainWindow,
        *,
        options: SyncOptions | None = None,
        interval_ms: int = CHECK_EVERY_MS,
        start_delay_ms: int = START_DELAY_MS,
        watch_network: bool = True,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.data_dir = data_dir
        self.tasks = tasks
        self.hub = hub
        self.station = station
        self.settings = settings
        self.update_label = update_label
        self.options = options or SyncOptions()
        self.start_delay_ms = start_delay_ms
        self.watch_network = watch_network
        self.running = False
        self.manual = False
        self.meta: dict[str, str] = {}
        self.last_outcome: CheckOutcome | None = None
        self.last_attempt = 0.0
        self._cancel = threading.Event()
        self.relay = _Relay(self)
        self.relay.progressed.connect(self._progress)
        self.interval_ms = interval_ms  # 0: never check on its own
        self.timer = QTimer(self)
        self.timer.setInterval(max(interval_ms, 60_000))
        self.timer.timeout.connect(self.check)
        action = check_action
        self.action = action
        action.triggered.connect(lambda: self.check(manual=True))
        self._update_action()
        self.hub.private_did_change.connect(lambda _: self._blocked_changed())
        self.changes_action = QAction("What &changed in the last update…", self)
        self.changes_action.setStatusTip("List the answers the last update added or corrected")
        self.changes_action.triggered.connect(self.show_changes)
        self._place_changes_action(action)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def _place_changes_action(self, check_action: QAction) -> None:
        """Put "What changed" right after "Check for updates now" in its menu."""
        for menu in check_action.associatedObjects():
            if isinstance(menu, QMenu):
                actions = menu.actions()
                after = actions.index(check_action) + 1
                if after < len(actions):
                    menu.insertAction(actions[after], self.changes_action)
                else:
                    menu.addAction(self.changes_action)

    # ----------------------------------------------------------- may we sync
    def blocked_reason(self) -> str:
        """Why this window must not install updates itself ("" when it may).

        A machine-wide content folder is updated by the administrator's own job (and may be
        read-only); a private session writes nothing, downloads included."""
        if self.data_dir.shared_content or not self.data_dir.content_is_writable():
            return MANAGED
        if self.settings.private:
            return MANAGED if self.station.private_forced else PAUSED
        return ""

    def _update_action(self) -> None:
        reason = self.blocked_reason()
        self.action.setEnabled(not reason)
        tip = reason or "Look for new and corrected answers now"
        self.action.setStatusTip(tip)
        self.action.setToolTip(tip)

    def _blocked_changed(self) -> None:
        self._update_action()
        if not self.running:
            self._show_idle()

    def _show_idle(self) -> None:
        """The resting status: blocked, or when content was last updated."""
        reason = self.blocked_reason()
        if reason:
            self._show(reason, updated_line(self.meta) or reason)
        else:
            self._show(updated_line(self.meta))

    # -------------------------------------------------------------- schedule
    def start(self) -> None:
        """Show the last update, then check soon, every few hours, and when back online
        (never on its own when the interval is 0)."""
        self.tasks.run(read_meta, self.data_dir, owner=self, on_success=self._meta_loaded)
        if self.interval_ms <= 0:
            return
        QTimer.singleShot(self.start_delay_ms, self.check)
        self.timer.start()
        if self.watch_network:
            self._watch_network()

    def _watch_network(self) -> None:
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if not QNetworkInformation.loadDefaultBackend():
                return
            info = QNetworkInformation.instance()
        except (ImportError, RuntimeError):
            return
        if info is not None:
            info.reachabilityChanged.connect(self._reachability)

    def _reachability(self, reachability: object) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Online and (
            time.monotonic() - self.last_attempt > ONLINE_MIN_GAP_S
            or (self.last_outcome is not None and self.last_outcome.kind == "offline")
        ):
            self.check()

    # ----------------------------------------------------------------- check
    def check(self, manual: bool = False) -> bool:
        """Start a background check; False when one is running or updates are not ours."""
        if self.running:
            return False
        if self.blocked_reason():
            self._update_action()
            self._show_idle()
            return False
        self.running, self.manual = True, manual
        self.last_attempt = time.monotonic()
        self._cancel.clear()
        self._show(progress_line("check", 0, None))
        self.tasks.run(
            run_check,
            self.data_dir,
            self.options,
            self.relay.progressed.emit,
            self._cancel,
            serial=LANE,
            owner=self,
            on_success=self._finished,
            on_failure=self._crashed,
        )
        return True

    def _progress(self, event: SyncEvent) -> None:
        if self.running:
            self._show(progress_line(event.stage, event.done, event.total))

    def _finished(self, outcome: CheckOutcome) -> None:
        self.running = False
        self.meta = outcome.meta or self.meta
        self.last_outcome = outcome
        result = outcome.result
        if result is None:
            self._show(failed_line(outcome.kind, outcome.reason, self.meta), outcome.reason)
            if outcome.kind not in ("cancelled", "busy"):
                self.hub.sync_did_fail.emit(outcome.reason)
        else:
            self._show(updated_line(self.meta))
            if result.status == "updated":
                self.hub.content_did_update.emit(result.to_version)
            elif self.manual:
                self.window.statusBar().showMessage("No new answers: you have the latest.", 6000)
        self.check_finished.emit(outcome)

    def _crashed(self, exc: BaseException) -> None:
        self._finished(
            CheckOutcome(
                None,
                "apply",
                str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
                self.meta,
            )
        )

    def _meta_loaded(self, meta: dict[str, str]) -> None:
        self.meta = meta
        if not self.running:
            self._show_idle()

    def _show(self, text: str, detail: str = "") -> None:
        self.update_label.setText(text)
        self.update_label.setAccessibleDescription(text)
        # A failure may quote a server or a path: tooltips render what looks like HTML.
        self.update_label.setToolTip(f"<p>{html.escape(detail or text)}</p>")
        self.status_changed.emit(text)

    # --------------------------------------------------------------- changes
    def changes_dialog(self) -> ChangesDialog:
        """The "What changed" dialog for the last installed update."""
        count, changes = last_changes(self.meta)
        when = updated_line(self.meta).split(" · ")[0] if self.meta.get("updated_at") else ""
        dialog = ChangesDialog(count, changes, when, self.window)
        dialog.answer_chosen.connect(self.hub.answer_requested)
        return dialog

    def show_changes(self) -> None:
        """Open the list of what the last update changed."""
        dialog = self.changes_dialog()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def reset(self) -> None:
        """Nothing of a reader's session lives here (the schedule goes on)."""

    def shutdown(self) -> None:
        """Stop checking; a running sync stops at its next step (content stays consistent)."""
        self.timer.stop()
        self._cancel.set()
