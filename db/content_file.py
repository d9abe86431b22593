"""Opening content.db: the one-sentence errors, read-only opens that never write, and what
to do about a writer that died mid-COMMIT (db.hot_journal). ContentStore opens through here."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from db.failures import explain_os_error, explain_sqlite_error, is_busy, is_damage
from db.hot_journal import StillBeingWritten, cannot_roll_back, last_committed_copy


class StoreError(Exception):
    """A content database that cannot be opened or written, with a one-line reason."""


class StoreDamaged(StoreError):
    """SQLite says the file itself is damaged: it may be set aside and replaced."""


class StoreBusy(StoreError):
    """Another process holds the database; trying again later will work."""


def store_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """The StoreError (damaged, busy or other) for an SQLite failure on `path`."""
    message = explain_sqlite_error(exc, path)
    if is_damage(exc):
        return StoreDamaged(message)
    if is_busy(exc):
        return StoreBusy(message)
    return StoreError(message)


def _check_readable(path: Path) -> None:
    """A missing or unreadable file gets its own plain sentence, not SQLite's."""
    try:
        with open(path, "rb"):
            pass
    except FileNotFoundError:
        raise StoreError(f"no content database at {path}") from None
    except OSError as exc:
        raise StoreError(explain_os_error(exc)) from exc


def connect(path: Path, readonly: bool) -> sqlite3.Connection:
    """Open SQLite with foreign keys on; read-only opens never create or write anything."""
    try:
        if readonly:
            _check_readable(path)
            _roll_back_hot_journal(path)
            if cannot_roll_back(path):  # a writer died mid-COMMIT: read what it last committed
                path = _last_committed(path)
            uri = f"file:{path.as_posix()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        else:
            conn = sqlite3.connect(str(path), check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
    except sqlite3.Error as exc:
        raise store_error(exc, path) from exc
    return conn


def _last_committed(path: Path) -> Path:
    try:
        return last_committed_copy(path)
    except StillBeingWritten as exc:
        raise StoreBusy(
            f"the answers in {path.parent} are being updated; try again in a moment"
        ) from exc


def _roll_back_hot_journal(path: Path) -> None:
    """A writer killed mid-COMMIT leaves a hot journal that a read-only open cannot roll back
    ("attempt to write a readonly database"); a brief read-write open rolls it back, when we
    may write there at all."""
    journal = path.with_name(path.name + "-journal")
    try:
        hot = journal.exists() and journal.stat().st_size > 0
    except OSError:
        return
    if not (hot and os.access(path.parent, os.W_OK)):
        return
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        pass
    finally:
        conn.close()
