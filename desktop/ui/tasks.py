"""The one way the window runs work off the UI thread (STYLE.md point 3).

    tasks = TaskRunner()
    tasks.run(load_answer, content_db, "psma", on_success=show, on_failure=complain)

`fn` runs on a QThreadPool thread with plain arguments (paths, ids, text). It must open its own
SQLite connections and never touch widgets. When it returns, `on_success(result)` runs on the
UI thread; when it raises, `on_failure(exc)` does. A task may report progress: pass
`progress=True` and `fn` gets a `report(done, total)` callable as its first argument, delivered
to `on_progress(done, total)` on the UI thread.

Callbacks whose owner (`owner=`, a QObject) has been deleted are dropped, so a closing window
never gets called back.

`run` is generic in the task's result (like Anki's `QueryOp[T]`): mypy checks that `args` fit
`fn` and that `on_success` takes what `fn` returns.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any, Literal, TypeVar, TypeVarTuple, overload

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")
Ts = TypeVarTuple("Ts")
#: What a task with progress=True gets as its first argument: report(done, total).
Report = Callable[[int, int | None], None]


class _Relay(QObject):
    """Lives on the UI thread; queued signals carry the worker's outcome back to it."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, object)


class Stopped(Exception):
    """Raised inside a task's report(done, total) once the window is closing: long work (an
    index build) stops at its next progress step instead of keeping the process alive."""


class _Task(QRunnable):
    """Runs fn(*args) and emits its outcome through a relay."""

    def __init__(
        self,
        relay: _Relay,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        progress: bool,
        stopping: threading.Event,
    ) -> None:
        super().__init__()
        self.relay = relay
        self.fn = fn
        self.args = args
        self.progress = progress
        self.stopping = stopping

    def run(self) -> None:
        try:
            if self.progress:
                result = self.fn(self._report, *self.args)
            else:
                result = self.fn(*self.args)
        except BaseException as exc:  # noqa: BLE001 - every failure goes to on_failure
            exc.__dict__.setdefault("formatted", traceback.format_exc())
            self._emit(self.relay.failed, exc)
        else:
            self._emit(self.relay.succeeded, result)

    def _report(self, done: int, total: int | None) -> None:
        if self.stopping.is_set():
            raise Stopped("the window is closing")
        self._emit(self.relay.progressed, done, total)

    @staticmethod
    def _emit(signal: Any, *values: Any) -> None:
        # signal: a bound SignalInstance (PySide's stubs give no common type with .emit).
        try:
            signal.emit(*values)
        except RuntimeError:  # the app is shutting down and the relay is gone
            pass


class TaskRunner(QObject):
    """Owns the thread pools; `run` is the only call most code needs."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._serial: dict[str, QThreadPool] = {}
        self._relays: set[_Relay] = set()
        self._stopping = threading.Event()

    @overload
    def run(
        self,
        fn: Callable[[*Ts], T],
        *args: *Ts,
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: None = None,
        progress: Literal[False] = False,
        serial: str | None = None,
        owner: QObject | None = None,
    ) -> None: ...

    @overload
    def run(
        self,
        fn: Callable[[Report, *Ts], T],
        *args: *Ts,
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int | None], None] | None = None,
        progress: Literal[True],
        serial: str | None = None,
        owner: QObject | None = None,
    ) -> None: ...

    def run(
        self,
        fn: Callable[..., T],
        *args: *Ts,
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int | None], None] | None = None,
        progress: bool = False,
        serial: str | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Run fn(*args) on a worker; `serial` names a one-thread lane (tasks run in order)."""
        relay = _Relay()
        self._relays.add(relay)

        def finish(outcome: Any, callback: Callable[[Any], None] | None) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            if owner is not None and not shiboken6.isValid(owner):
                return
            if callback is not None:
                callback(outcome)
            elif isinstance(outcome, BaseException):
                log.error(
                    "background task failed: %s", getattr(outcome, "formatted", repr(outcome))
                )

        relay.succeeded.connect(lambda result: finish(result, on_success))
        relay.failed.connect(lambda exc: finish(exc, on_failure))
        if on_progress is not None:
            relay.progressed.connect(
                lambda done, total: (
                    (owner is None or shiboken6.isValid(owner)) and on_progress(done, total)
                )
            )
        self._lane(serial).start(_Task(relay, fn, args, progress, self._stopping))

    def stop_reporting_work(self) -> None:
        """Closing: every task that reports progress stops at its next report (raises
        Stopped), so waiting for the pools takes moments, not the rest of an index build."""
        self._stopping.set()

    def _lane(self, serial: str | None) -> QThreadPool:
        if serial is None:
            return self.pool
        lane = self._serial.get(serial)
        if lane is None:
            lane = QThreadPool(self)
            lane.setMaxThreadCount(1)
            lane.setExpiryTimeout(-1)  # keep the thread (and what it opened) alive
            self._serial[serial] = lane
        return lane

    def pending(self) -> int:
        """Tasks queued or running whose callbacks have not run yet."""
        return len(self._relays)

    @Slot()
    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every pool is idle (for shutdown and tests); True when they are."""
        ok = self.pool.waitForDone(msecs)
        for lane in self._serial.values():
            ok = lane.waitForDone(msecs) and ok
        return ok
