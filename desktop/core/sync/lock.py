"""One sync at a time per data folder: an OS file lock, released by the OS if the process dies."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType

from desktop.core.sync.errors import SyncError

LOCK_NAME = "sync.lock"


class SyncLock:
    """A non-blocking exclusive lock on <data dir>/sync.lock."""

    def __init__(self, root: Path) -> None:
        self.path = root / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise SyncError(kind='busy')."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise SyncError(
                f"cannot write in {self.path.parent}: {exc.strerror or exc}", "readonly"
            ) from exc
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            raise SyncError(
                "another update is already running for this data folder", "busy"
            ) from exc
        self._fd = fd

    def release(self) -> None:
        """Let the next sync in."""
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> SyncLock:
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
