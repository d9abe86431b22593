"""Sync's side of the data folder's one writer lock (desktop/core/writer_lock.py)."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from desktop.core.sync.errors import SyncError
from desktop.core.writer_lock import LOCK_NAME, WriterBusy, WriterLock, WriterLockError

__all__ = ["LOCK_NAME", "SyncLock"]


class SyncLock:
    """The writer lock, failing as SyncError (kind 'busy' or 'readonly')."""

    def __init__(self, root: Path) -> None:
        self.lock = WriterLock(root)
        self.path = self.lock.path

    def acquire(self) -> None:
        try:
            self.lock.acquire()
        except WriterBusy as exc:
            raise SyncError(str(exc), "busy") from exc
        except WriterLockError as exc:
            raise SyncError(str(exc), "readonly") from exc

    def release(self) -> None:
        self.lock.release()

    def __enter__(self) -> SyncLock:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()
