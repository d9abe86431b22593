"""Reading a content database that a writer left mid-COMMIT, from a folder we may not write.

A writer killed inside COMMIT leaves content.db partly rewritten and a hot journal holding
the pages as they were. SQLite puts them back at the next open, but only for someone allowed
to write the folder; everyone else reading a machine-wide, read-only content folder would get
"attempt to write a readonly database" until its owner runs again. So a reader copies the two
files into a private folder of its own, lets SQLite roll the copy back there, and reads that:
the last committed content, exactly. The copy is kept (keyed by the files' sizes and times)
so later opens reuse it until the owner's next write, and it never touches the shared folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path


class StillBeingWritten(Exception):
    """The copy could not be rolled back (the writer is still at work, or no space)."""


def _journal(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def cannot_roll_back(path: Path) -> bool:
    """A non-empty journal next to the database, in a folder we may not write."""
    try:
        journal = _journal(path)
        return journal.stat().st_size > 0 and not os.access(path.parent, os.W_OK | os.X_OK)
    except OSError:
        return False


def _private_base() -> Path:
    """A folder only this user can use (0700), under the temporary folder."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    base = Path(tempfile.gettempdir()) / f"patient-answers-{uid}" / "last-committed"
    for folder in (base.parent, base):
        folder.mkdir(exist_ok=True, mode=0o700)
        if hasattr(os, "getuid"):
            if folder.lstat().st_uid != uid or folder.is_symlink():
                raise StillBeingWritten(f"{folder} is not this user's")
            folder.chmod(0o700)
    return base


def _key(path: Path) -> str:
    db, journal = path.stat(), _journal(path).stat()
    text = f"{path}|{db.st_size}|{db.st_mtime_ns}|{journal.st_size}|{journal.st_mtime_ns}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def last_committed_copy(path: Path) -> Path:
    """A private, rolled-back copy of `path` (made once per state of the two files)."""
    try:
        base = _private_base()
        key = _key(path)
        final = base / key / path.name
        if final.exists() and not _journal(final).exists():
            return final
        work = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=base))
        try:
            shutil.copyfile(path, work / path.name)
            shutil.copyfile(_journal(path), _journal(work / path.name))
            conn = sqlite3.connect(str(work / path.name))
            try:
                conn.execute("PRAGMA busy_timeout = 2000")
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                conn.close()
            if _journal(work / path.name).exists():
                raise StillBeingWritten(f"{path} could not be rolled back")
            for old in base.iterdir():
                if old.name != key and not old.name.startswith("."):
                    shutil.rmtree(old, ignore_errors=True)
            try:
                os.rename(work, base / key)
            except OSError:  # another reader made it first
                pass
        finally:
            shutil.rmtree(work, ignore_errors=True)
        if not final.exists():
            raise StillBeingWritten(f"{path} could not be copied")
        return final
    except (OSError, sqlite3.Error) as exc:
        raise StillBeingWritten(str(exc)) from exc
