"""Progress callbacks, and a terminal progress bar (plain lines when output is not a tty)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

ProgressCallback = Callable[[int, int | None], None]


LINE_SECONDS = 5.0


class TerminalProgress:
    """`label [#####.....] 1,234/16,423  2,345/s` on a terminal; plain lines otherwise."""

    def __init__(self, label: str, stream: TextIO | None = None, unit: str = "") -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.unit = unit
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.monotonic()
        self._last_draw = 0.0
        self._last_step = -1

    def __call__(self, done: int, total: int | None) -> None:
        if not self.enabled:
            self._line(done, total)
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

    def _line(self, done: int, total: int | None) -> None:
        """Not a terminal (a pipe, a log file, CI): whole lines, one per tenth of the work
        (or per LINE_SECONDS without a total), so a long build still shows it is alive."""
        if total:
            step = done * 10 // total
            if step == self._last_step:
                return
            self._last_step = step
            text = f"{self.label.strip()}: {done:,}/{total:,} {self.unit}".rstrip()
        else:
            now = time.monotonic()
            if now - self._last_draw < LINE_SECONDS:
                return
            self._last_draw = now
            text = f"{self.label.strip()}: {done:,} {self.unit}".rstrip()
        self.stream.write(text + "\n")
        self.stream.flush()

    def finish(self) -> None:
        """End the bar's line."""
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
