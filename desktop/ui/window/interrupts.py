"""Ctrl+C or a polite kill (SIGTERM) closes the window cleanly instead of being ignored.

While Qt's event loop waits, Python gets no chance to run its signal handlers: Ctrl+C in the
terminal did nothing until the next event, and then printed a traceback from whatever slot
ran. The C-level handler writes to a socket (signal.set_wakeup_fd); a QSocketNotifier on the
other end wakes the loop, Python runs our handler, and the window closes as if the reader had
chosen Quit: notes and window state are saved. Whoever can type into the terminal of a kiosk
could also kill it, so a kiosk is released first rather than asking for its PIN.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from desktop.core.reader.timing import mark

SIGNALS = tuple(s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None)) if s)


class CloseOnInterrupt(QObject):
    """Calls `close()` (on the event loop) when the process gets SIGINT or SIGTERM."""

    def __init__(self, close: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._close = close
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._old_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._old_handlers = {s: signal.signal(s, self._on_signal) for s in SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        mark("interrupt handler installed")  # (traced starts: tests wait for this line)

    def _drain(self, *_: object) -> None:
        """Wake-up bytes arrived; Python has run (or now runs) the handler itself."""
        try:
            while self._reader.recv(64):
                pass
        except OSError:
            pass

    def _on_signal(self, _signum: int, _frame: object) -> None:
        QTimer.singleShot(0, self._close)

    def uninstall(self) -> None:
        """Put the previous handlers back (at exit)."""
        for s, handler in self._old_handlers.items():
            signal.signal(s, handler)
        signal.set_wakeup_fd(self._old_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()
