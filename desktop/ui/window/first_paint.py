"""Work that waits for the window's first paint, so what the reader first sees comes first.

Opening the search index, listing every topic and making the answer page can all wait a
moment; run before the first paint they would delay it. A window never painted (hidden, in
tests) still runs them, after FIRST_PAINT_WAIT_MS.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from desktop.core.reader.timing import mark

FIRST_PAINT_WAIT_MS = 300  # a hidden window still prepares search and its pages


class FirstPaint(QObject):
    """Holds work until `painted()` is called (by the window's first paintEvent)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.done = False
        self._waiting: list[tuple[Callable[[], object], int]] = []

    def later(self, fn: Callable[[], object], delay_ms: int = 0) -> None:
        """Run fn `delay_ms` after the first paint (or after now, if it is done)."""
        if self.done:
            QTimer.singleShot(delay_ms, fn)
            return
        if not self._waiting:
            QTimer.singleShot(FIRST_PAINT_WAIT_MS, self._run)
        self._waiting.append((fn, delay_ms))

    def painted(self) -> None:
        """The window painted itself: release the work (once)."""
        if not self.done:
            self.done = True
            mark("first paint")
            QTimer.singleShot(0, self._run)

    def _run(self) -> None:
        waiting, self._waiting = self._waiting, []
        for fn, delay_ms in waiting:
            if delay_ms:
                QTimer.singleShot(delay_ms, fn)
            else:
                fn()
