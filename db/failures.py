"""Plain words for failures of the machine: files, disks, databases.

Every command (and the window) turns an unexpected OSError or sqlite3 error into one sentence
that says what is wrong and what to do, instead of a Python traceback. The sentence names
the file when the error knows it.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

# SQLite primary result codes (the low byte of sqlite_errorcode)
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

CHOOSE_ANOTHER = "choose another data folder with --data-dir"


def sqlite_code(exc: sqlite3.Error) -> int:
    """The primary SQLite result code of an error (0 when unknown)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else 0


def is_damage(exc: BaseException) -> bool:
    """True when SQLite says the file itself is damaged (not busy, not unreadable)."""
    return isinstance(exc, sqlite3.DatabaseError) and sqlite_code(exc) in (
        SQLITE_CORRUPT,
        SQLITE_NOTADB,
    )


def is_busy(exc: BaseException) -> bool:
    """True when another process holds the database (a long commit, a backup tool)."""
    return isinstance(exc, sqlite3.Error) and sqlite_code(exc) in (SQLITE_BUSY, SQLITE_LOCKED)


def _where(exc: OSError) -> str:
    name = exc.filename if exc.filename is not None else exc.filename2
    return f" {name}" if name is not None else ""


def explain_os_error(exc: OSError) -> str:
    """One sentence for a failed file operation."""
    where = _where(exc)
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM):
        return (
            f"permission denied for{where or ' a file'}: ask whoever owns it for access, "
            f"or {CHOOSE_ANOTHER}"
        )
    if code == errno.ENOSPC or code == errno.EDQUOT:
        writing = f" (writing{where})" if where else ""
        return f"the disk is full{writing}: free some space and try again"
    if code == errno.EROFS:
        return f"{where.strip() or 'the folder'} is on a read-only disk: {CHOOSE_ANOTHER}"
    if code == errno.ENOTDIR:
        path = where.strip() or "a path"
        return f"{path} goes through a file where a folder is expected: {CHOOSE_ANOTHER}"
    if code == errno.EEXIST:
        return f"{where.strip() or 'a file'} is in the way: a file has the name a folder needs"
    if code == errno.EISDIR:
        return f"{where.strip() or 'a path'} is a folder where a file is expected"
    if code == errno.ENAMETOOLONG:
        named = f":{where}" if where else ""
        return f"a file name is too long for this file system{named}; use a shorter name"
    if code == errno.ENOENT:
        return f"{where.strip() or 'a file'} does not exist"
    if code == errno.EIO:
        return f"the disk could not be read or written{where and ' at' + where}: check the disk"
    reason = exc.strerror or str(exc)
    return f"cannot use{where or ' a file'}: {reason}"


def explain_sqlite_error(exc: sqlite3.Error, path: Path | None = None) -> str:
    """One sentence for a failed database operation on `path` (when known)."""
    name = str(path) if path else "the database"
    code = sqlite_code(exc)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return (
            f"{name} is busy: another program is using it (an update or a backup); "
            "try again in a moment"
        )
    if code == SQLITE_FULL:
        return f"the disk holding {name} is full: free some space and try again"
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return f"{name} is damaged: run 'patient-answers sync' or 'build' to replace it"
    if code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN):
        return f"cannot open or write {name} (read-only or no permission): {CHOOSE_ANOTHER}"
    if code == SQLITE_IOERR:
        return f"the disk could not be read or written ({name}): check the disk and try again"
    return f"{name} could not be used: {exc}"


def explain(exc: BaseException) -> str:
    """One sentence for any failure that reached the top of a command."""
    if isinstance(exc, OSError):
        return explain_os_error(exc)
    if isinstance(exc, sqlite3.Error):
        return explain_sqlite_error(exc)
    if isinstance(exc, RecursionError):
        return "the input is nested too deeply to read; it was not used"
    if isinstance(exc, MemoryError):
        return "not enough memory to finish: close other programs and try again"
    first = str(exc).splitlines()[0] if str(exc) else ""
    return f"unexpected {type(exc).__name__}{': ' + first if first else ''} (please report this)"
