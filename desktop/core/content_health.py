"""content.db and the index are derived data: when content.db is damaged it is set aside
(renamed, never deleted), the bundled sample content takes its place, and the reader is told.

`heal_content` is called by every command before it reads (a cheap check of the file's
header and schema) and again, thoroughly, after a command failed on a damaged page. The
window calls it before its first read and shows `ContentReset.notice`.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from db.failures import is_damage
from db.store import StoreDamaged
from desktop.core.paths import DataDir

RESET_NOTICE = "The answers were damaged and have been reset; Check for updates to get them back."
RESET_NOTICE_CLI = (
    "the answers were damaged and have been reset to the sample content; "
    "run 'patient-answers sync' to get them back"
)


T = TypeVar("T")


@dataclass(frozen=True)
class ContentReset:
    """content.db was damaged: where the damaged file now is, and what to tell the reader."""

    set_aside: Path
    notice: str = RESET_NOTICE


def _truncated(path: Path) -> bool:
    """The header's page count promises more bytes than the file holds (a cut-off copy)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return False  # SQLite itself says "not a database" for these
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]  # the count is current only when these agree
    return valid and pages > 0 and pages * page_size > size


def is_damaged(content_db: Path, *, thorough: bool = False) -> bool:
    """True only for real damage (never for a busy, unreadable or foreign file).

    The quick check reads the header and the schema (about a millisecond); `thorough` also
    runs SQLite's quick_check over every page (about 0.2 s on MedQuAD), for after a failure.
    """
    try:
        if not content_db.is_file():
            return False
    except OSError:
        return False
    journal = content_db.with_name(content_db.name + "-journal")
    if journal.exists() and journal.stat().st_size > 0:
        return False  # an interrupted commit: rolling back repairs it, not a reset
    if _truncated(content_db):
        return True
    try:
        conn = sqlite3.connect(f"file:{content_db.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return is_damage(exc)
    try:
        conn.execute("PRAGMA busy_timeout = 2000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if thorough:
            rows = conn.execute("PRAGMA quick_check(1)").fetchall()
            return rows != [("ok",)]
    except sqlite3.Error as exc:
        return is_damage(exc)
    finally:
        conn.close()
    return False


def _set_aside(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    os.replace(path, target)
    return target


def heal_content(
    data_dir: DataDir, *, thorough: bool = False, reseed: bool = True
) -> ContentReset | None:
    """Set a damaged content.db aside and put the sample content in its place (unless not
    `reseed`: `build` is about to write new content anyway).

    None when content.db is not damaged. Raises StoreDamaged when it is damaged but the
    content folder is not ours to repair (a machine-wide read-only folder).
    """
    content_db = data_dir.content_db
    if not is_damaged(content_db, thorough=thorough):
        return None
    if not data_dir.content_is_writable():
        raise StoreDamaged(
            f"{content_db} is damaged and its folder is read-only: ask whoever looks after "
            "this computer to run 'patient-answers sync' (or to replace the folder)"
        )
    from desktop.core.build import ensure_content

    aside = _set_aside(content_db)
    # the index was built from the damaged content: it is derived data, rebuilt from the new
    stale = data_dir.index_dir.with_name(f".index.stale-{os.getpid()}")
    try:
        if data_dir.index_dir.exists():
            os.replace(data_dir.index_dir, stale)
    finally:
        shutil.rmtree(stale, ignore_errors=True)
    if reseed:
        ensure_content(data_dir)
    reset = ContentReset(aside)
    _RESETS.append(reset)
    return reset


_RESETS: list[ContentReset] = []


def take_reset() -> ContentReset | None:
    """The content reset this process made since last asked (the window shows its notice
    once), or None."""
    return _RESETS.pop() if _RESETS else None


def read_or_repair(data_dir: DataDir, read: Callable[[Path], T]) -> T:
    """read(content_db); when that fails on a damaged file, set it aside, reset the content
    and read again (so a damaged page deep in the file does not leave a dead window)."""
    try:
        return read(data_dir.content_db)
    except Exception as exc:
        causes = [exc, exc.__cause__, exc.__context__]
        if not any(isinstance(e, StoreDamaged) or is_damage(e) for e in causes if e):
            raise
        if heal_content(data_dir, thorough=True) is None:
            raise
    return read(data_dir.content_db)
