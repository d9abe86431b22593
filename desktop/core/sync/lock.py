"""Sync's side of the data folder's one writer lock (desktop/core/writer_lock.py)."""

from __future__ import annotations

from desktop.core.sync.errors import SyncError
from desktop.core.writer_lock import LOCK_NAME, WriterBusy, WriterLock, WriterLockError

__all__ = ["LOCK_NAME", "SyncLock"]


class SyncLock(WriterLock):
    """The writer lock, failing as SyncError (kind 'busy' or 'readonly') so sync reports it
    like any other sync failure."""

    def acquire(self) -> None:
        try:
            super().acquire()
        except WriterBusy as exc:
            raise SyncError(str(exc), "busy") from exc
        except WriterLockError as exc:
            raise SyncError(str(exc), "readonly") from exc
