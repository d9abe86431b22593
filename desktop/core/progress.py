"""Progress callbacks, and a terminal progress bar that stays quiet when output is not a tty."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

ProgressCallback = Callable[[int, int | None], None]


class TerminalProgress:
    """`label [#####.....] 1,234/16,423  2,345/s` on a terminal; nothing otherwise."""

    def __init__(self, label: str, stream: TextIO | None = None, unit: str = "") -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.unit = unit
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.monotonic()
        self._last_draw = 0.0

    def __call__(self, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if total is not None and done < total and now - self._last_draw < 0.1:
            return
        self._last_draw = now
        rate = done / max(now - self.started, 1e-6)
        if total:
            width = 30
            filled = int(width * done / total)
            bar = "#" * filled + "." * (width - filled)
            text = f"{self.label} [{bar}] {done:,}/{total:,} {self.unit} {rate:,.0f}/s"
        else:
            text = f"{self.label} {done:,} {self.unit} {rate:,.0f}/s"
        self.stream.write("\r" + text + " " * 4)
        self.stream.flush()

    def finish(self) -> None:
        """End the bar's line."""
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
