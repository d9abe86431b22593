"""Notice content installed by someone else (another window, `patient-answers sync`, a cron job).

Every 30 seconds and whenever the window comes to the front, a worker reads content.db's
version (read-only, a few microseconds). When it moved and no sync is still finishing its
index (the `pending_index` note), the hub announces `content_did_update`, and the window
reloads its pages and reopens search, as after its own update.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from desktop.ui.tasks import TaskRunner
from desktop.ui.window.hub import Hub

CHECK_EVERY_MS = 30_000
PENDING_RETRY_MS = 2_000
PENDING_RETRIES = 30  # a sync killed mid-way leaves the note: stop waiting after a minute


@dataclass(frozen=True)
class ContentState:
    """content.db's version, and whether a sync is still bringing the index up to date."""

    version: int
    finishing: bool


def read_content_state(content_db: Path) -> ContentState:
    """The worker: one read-only look at content.db."""
    from db.store import ContentStore

    with ContentStore(content_db, readonly=True) as store:
        return ContentState(store.content_version(), store.get_meta("pending_index") is not None)


class ContentWatcher(QObject):
    """Checks content_version on a timer and on window activation."""

    def __init__(
        self,
        tasks: TaskRunner,
        content_db: Path,
        hub: Hub,
        window: QWidget,
        *,
        interval_ms: int = CHECK_EVERY_MS,
    ) -> None:
        super().__init__(window)
        self.tasks = tasks
        self.content_db = content_db
        self.hub = hub
        self.known: int | None = None
        self.running = False
        self.retries = 0
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setInterval(PENDING_RETRY_MS)
        self.retry.timeout.connect(self.check)
        hub.content_did_update.connect(self._updated)
        window.installEventFilter(self)

    def start(self) -> None:
        """Begin the periodic checks."""
        self.timer.start()

    def reset(self) -> None:
        """Nothing of a reader's session lives here."""

    def stop(self) -> None:
        """No more checks."""
        self.timer.stop()
        self.retry.stop()

    def know(self, version: int) -> None:
        """The version the window shows (its start page was read); checks compare with it."""
        if self.known is None:
            self.known = version

    def _updated(self, version: int) -> None:
        self.known = version

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Check when the window is brought to the front."""
        if event.type() == QEvent.Type.WindowActivate and self.timer.isActive():
            self.check()
        return False

    def check(self) -> bool:
        """Look at content.db in the background; False when a look is already running."""
        if self.running or self.known is None:
            return False
        self.running = True
        self.tasks.run(
            read_content_state,
            self.content_db,
            owner=self,
            on_success=self._looked,
            on_failure=lambda _: setattr(self, "running", False),
        )
        return True

    def _looked(self, state: ContentState) -> None:
        self.running = False
        if state.version == self.known:
            return
        if state.finishing and self.retries < PENDING_RETRIES:
            self.retries += 1
            self.retry.start()  # a sync is still bringing the index up to date
            return
        self.retries = 0
        self.hub.content_did_update.emit(state.version)
