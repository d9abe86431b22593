"""The steps after COMMIT: bring the index up to the committed content, resumably.

Every step here can fail (a full disk, an unwritable index/ folder) or be killed, and is
finished by the next sync from the `pending_index` note that COMMIT wrote; a failed or killed
rebuild's half-built folder is removed rather than left for good.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from db.store import ContentStore
from desktop.core.paths import DataDir
from desktop.core.search.index import STAMP, index_state, live_path, rebuild_index, update_index
from desktop.core.sync.hooks import checkpoint

PENDING = "pending_index"
ASIDE = ".stamp.json.before-commit"


def set_stamp_aside(index_root: Path) -> Path | None:
    """Move the live index's stamp aside (a rename: works on a full disk) so no reader takes
    the index as current for the content about to commit. Returns where it went."""
    path = live_path(index_root)
    if path is None or not (path / STAMP).exists():
        return None
    os.replace(path / STAMP, path / ASIDE)
    return path / ASIDE


def put_back(aside: Path) -> None:
    """The commit failed: the old content stays, and so does its index."""
    try:
        os.replace(aside, aside.with_name(STAMP))
    except OSError:
        pass  # then readers see the index as not current and rebuild it: slow, not wrong


def recover_stamp(index_root: Path, committed: bool) -> None:
    """A sync killed around COMMIT left the stamp aside: put it back if the commit never
    happened (no pending note), drop it if it did (the index is rebuilt from the note)."""
    path = live_path(index_root)
    if path is None or not (path / ASIDE).exists():
        return
    if committed:
        (path / ASIDE).unlink(missing_ok=True)
    else:
        put_back(path / ASIDE)


def clean_half_built(index_root: Path) -> None:
    """Remove index folders a failed or killed rebuild left (`.build-<pid>-*` of a process
    that is no longer running, or of this one), so a full disk never leaves them for good."""
    if not index_root.is_dir():
        return
    for child in index_root.glob(".build-*"):
        pid_text = child.name.split("-")[1] if child.name.count("-") >= 2 else ""
        pid = int(pid_text) if pid_text.isdigit() else 0
        if pid == os.getpid() or not _alive(pid):
            shutil.rmtree(child, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def finish_index(
    data_dir: DataDir,
    store: ContentStore,
    *,
    procs: int = 1,
    progress: Callable[[int, int | None], None] | None = None,
) -> str | None:
    """Bring the index up to `pending_index` (incrementally when possible); clear the note.

    Returns "updated", "rebuilt", or None when nothing was pending.
    """
    raw = store.get_meta(PENDING)
    if raw is None:
        return None
    pending = json.loads(raw)
    version = store.content_version()
    how = "current"
    if pending.get("version") != version or index_state(data_dir.index_dir, version).status != "ok":
        old_ok = index_state(data_dir.index_dir, int(pending.get("from", -1))).status == "ok"
        if not pending.get("rebuild") and old_ok and pending.get("version") == version:
            update_index(
                data_dir,
                changed_ids=pending["changed"],
                deleted_ids=pending["deleted"],
                stamp_version=version,
            )
            how = "updated"
        else:
            checkpoint("index-building")
            rebuild_index(data_dir, stamp_version=version, progress=progress, procs=procs)
            how = "rebuilt"
    checkpoint("after-index")
    store.delete_meta(PENDING)
    return how
