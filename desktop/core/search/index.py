"""The on-disk Whoosh index: versioned folders behind an atomically replaced pointer.

    index/CURRENT      names the live folder (replaced with os.replace, so readers always
                       see a whole index: the old one or the new one)
    index/v-.../       a Whoosh index plus stamp.json (content_version, schema, build time)

Rebuilds write a new folder and then move the pointer; readers never take a lock.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index

from db.records import Answer
from db.store import ContentStore, StoreError
from desktop.core.paths import DataDir
from desktop.core.progress import ProgressCallback
from desktop.core.search import mapped  # noqa: F401  # segments read from the map, not copied
from desktop.core.search.index_writer import PendingIndex
from desktop.core.search.schema import SCHEMA_VERSION, document_for

POINTER = "CURRENT"
STAMP = "stamp.json"
PRUNE_GRACE_S = 60.0  # an unused folder stays this long after its last change


class IndexError_(Exception):
    """The index cannot be built or opened, with a one-line reason."""


IndexStatus = Literal["ok", "missing", "corrupt", "behind", "old-schema"]


@dataclass(frozen=True)
class IndexState:
    """What is on disk: the live folder (if any), its stamp, and whether it is usable."""

    path: Path | None
    content_version: int | None
    status: IndexStatus


def live_path(index_root: Path) -> Path | None:
    """The folder CURRENT points at, or None."""
    try:
        name = (index_root / POINTER).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    return index_root / name


def read_stamp(path: Path) -> dict[str, object]:
    """The stamp of an index folder ({} when missing or unreadable)."""
    try:
        data = json.loads((path / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def index_state(index_root: Path, content_version: int) -> IndexState:
    """Is the index there, readable, current with the schema and with content.db?"""
    path = live_path(index_root)
    if path is None or not path.is_dir():
        return IndexState(None, None, "missing")
    stamp = read_stamp(path)
    try:
        if not whoosh_index.exists_in(str(path)):
            return IndexState(path, None, "corrupt")
        ix = FileStorage(str(path), readonly=True).open_index()
        ix.doc_count()
        ix.close()
    except Exception:  # noqa: BLE001 - any failure to open means "rebuild it"
        return IndexState(path, None, "corrupt")
    version = stamp.get("content_version")
    if stamp.get("schema") != SCHEMA_VERSION:
        return IndexState(path, None, "old-schema")
    if version != content_version:
        return IndexState(path, version if isinstance(version, int) else None, "behind")
    return IndexState(path, version, "ok")


def open_live_index(index_root: Path) -> Index:
    """Open the live index read-only (no lock; many processes may do this at once)."""
    for _attempt in range(3):
        path = live_path(index_root)
        if path is None:
            raise IndexError_(f"no search index in {index_root}")
        try:
            return FileStorage(str(path), readonly=True).open_index()
        except Exception as exc:  # noqa: BLE001
            if live_path(index_root) == path:  # not a rebuild swapping folders under us
                raise IndexError_(f"search index in {path} cannot be opened: {exc}") from exc
    raise IndexError_(f"the search index in {index_root} is being rebuilt; try again")


def _write_stamp(path: Path, content_version: int, count: int) -> None:
    tmp = path / f".{STAMP}.tmp"
    tmp.write_text(
        json.dumps(
            {
                "content_version": content_version,
                "schema": SCHEMA_VERSION,
                "answers": count,
                "built_at": time.time(),
            }
        ),
        encoding="utf-8",
    )
    os.replace(tmp, path / STAMP)


def _point_at(index_root: Path, folder: Path) -> None:
    tmp = index_root / f".{POINTER}.{uuid.uuid4().hex}"
    tmp.write_text(folder.name, encoding="utf-8")
    os.replace(tmp, index_root / POINTER)


def _prune(index_root: Path, keep: set[str]) -> None:
    """Remove index folders nobody points at any more (open readers keep their files on POSIX).

    Several processes may rebuild at once (two windows and a sync): the pointer is read again
    here, so a rebuild that finished first never removes the folder a later one points at,
    and a folder younger than PRUNE_GRACE_S is left for readers that have just read the old
    pointer but not yet opened the folder.
    """
    current = live_path(index_root)
    keep = keep | ({current.name} if current else set())
    now = time.time()
    for child in index_root.iterdir():
        if child.is_dir() and child.name not in keep and child.name.startswith(("v-", ".build-")):
            age = now - child.stat().st_mtime
            if age > (PRUNE_GRACE_S if child.name.startswith("v-") else 3600):
                shutil.rmtree(child, ignore_errors=True)


def rebuild_index(
    data_dir: DataDir | None = None,
    *,
    content_db: Path | None = None,
    index_root: Path | None = None,
    progress: ProgressCallback | None = None,
    procs: int = 1,
    stamp_version: int | None = None,
) -> Path:
    """Build a complete index from content.db in a new folder, then swap it in atomically."""
    content_db = content_db or (data_dir.content_db if data_dir else None)
    index_root = index_root or (data_dir.index_dir if data_dir else None)
    if content_db is None or index_root is None:
        raise ValueError("need a data dir or both content_db and index_root")
    try:
        store = ContentStore(content_db, readonly=True)
    except StoreError as exc:
        raise IndexError_(str(exc)) from exc
    try:
        version = store.content_version() if stamp_version is None else stamp_version
        answers = list(store.answers())
    finally:
        store.close()
    return write_new_index(index_root, answers, version, procs=procs, progress=progress)


def write_new_index(
    index_root: Path,
    answers: Sequence[Answer],
    version: int,
    *,
    procs: int = 1,
    progress: ProgressCallback | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> Path:
    """Index these answers (the published ones, in id order, as content.db gives them) in a
    new folder stamped `version`, then swap it in atomically. `meanwhile` runs in this
    process while index workers write (a build writes content.db then); if it raises, the
    new index is dropped."""
    try:
        index_root.mkdir(parents=True, exist_ok=True)
        previous = live_path(index_root)
        build = index_root / f".build-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        build.mkdir()
        try:
            pending = PendingIndex(build, answers, procs=procs)
            try:
                if meanwhile is not None:
                    meanwhile()
                count = pending.finish(progress)
            finally:
                pending.cancel()
        except BaseException:  # cancelled (the window is closing) or failed: leave no half
            shutil.rmtree(build, ignore_errors=True)
            raise
        _write_stamp(build, version, count)
        final = index_root / f"v-{version}-{uuid.uuid4().hex[:8]}"
        os.rename(build, final)
        _point_at(index_root, final)
        if progress:
            progress(count, count)
        keep = {final.name} | ({previous.name} if previous else set())
        _prune(index_root, keep)
        return final
    except OSError as exc:
        raise IndexError_(f"cannot write the search index in {index_root}: {exc}") from exc


def update_index(
    data_dir: DataDir | None = None,
    *,
    changed_ids: Iterable[str] = (),
    deleted_ids: Iterable[str] = (),
    content_db: Path | None = None,
    index_root: Path | None = None,
    stamp_version: int | None = None,
) -> None:
    """Apply changed and deleted answers to the live index in place (sync's fast path).

    The stamp moves only after the commit, so a crash in between reads as "behind" and the
    next start rebuilds. `stamp_version` stamps the index with the version content.db is
    about to move to (sync moves content_version last).
    """
    content_db = content_db or (data_dir.content_db if data_dir else None)
    index_root = index_root or (data_dir.index_dir if data_dir else None)
    if content_db is None or index_root is None:
        raise ValueError("need a data dir or both content_db and index_root")
    path = live_path(index_root)
    if path is None:
        rebuild_index(content_db=content_db, index_root=index_root, stamp_version=stamp_version)
        return
    with ContentStore(content_db, readonly=True) as store:
        ix = FileStorage(str(path)).open_index()
        writer = ix.writer(timeout=60.0)
        try:
            changed = list(changed_ids)
            for answer_id in list(deleted_ids) + changed:
                writer.delete_by_term("id", answer_id)
            for answer in store.answers(changed):
                writer.add_document(**document_for(answer))
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        finally:
            ix.close()
        version = store.content_version() if stamp_version is None else stamp_version
        _write_stamp(path, version, store.count_answers())


def ensure_index(
    data_dir: DataDir | None = None,
    *,
    content_db: Path | None = None,
    index_root: Path | None = None,
    progress: ProgressCallback | None = None,
) -> IndexState:
    """Rebuild the index when it is missing, corrupt, of an old schema or behind content.db."""
    content_db = content_db or (data_dir.content_db if data_dir else None)
    index_root = index_root or (data_dir.index_dir if data_dir else None)
    assert content_db is not None and index_root is not None
    with ContentStore(content_db, readonly=True) as store:
        version = store.content_version()
    state = index_state(index_root, version)
    if state.status != "ok":
        rebuild_index(content_db=content_db, index_root=index_root, progress=progress)
        state = index_state(index_root, version)
    return state


def usable_index_root(data_dir: DataDir, progress: ProgressCallback | None = None) -> Path:
    """The index folder to search: the content folder's own when it is current (rebuilt
    there when we may write), else a per-user copy for a read-only shared content folder."""
    with ContentStore(data_dir.content_db, readonly=True) as store:
        version = store.content_version()
    if index_state(data_dir.index_dir, version).status == "ok":
        return data_dir.index_dir
    if data_dir.content_is_writable():
        rebuild_index(data_dir, progress=progress)
        return data_dir.index_dir
    fallback = data_dir.fallback_index_dir
    if index_state(fallback, version).status != "ok":
        rebuild_index(content_db=data_dir.content_db, index_root=fallback, progress=progress)
    return fallback
