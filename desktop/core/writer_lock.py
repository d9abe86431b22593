"""One writer at a time per data folder: `build`, `sync` and seeding all take this lock.

An OS file lock on <content folder>/sync.lock (the name older versions used for sync alone),
released by the OS if the process dies. Readers never take it. Qt-free, and cheap to import.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import Self

LOCK_NAME = "sync.lock"
BUSY = "another update is running for this data folder; try again when it has finished"


class WriterBusy(Exception):
    """Another process is writing this data folder."""


class WriterLockError(Exception):
    """The lock file cannot be created (a read-only or missing folder)."""


class WriterLock:
    """A non-blocking exclusive lock on <folder>/sync.lock."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise WriterBusy / WriterLockError."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise WriterLockError(
                f"cannot write in {self.path.parent}: {exc.strerror or exc}"
            ) from exc
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            raise WriterBusy(BUSY) from exc
        self._fd = fd

    def release(self) -> None:
        """Let the next writer in."""
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> Self:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
