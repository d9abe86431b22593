"""Apply verified packs to content.db in one transaction, then bring the index up to date.

Kill points (content.db keeps its rollback journal; cache_spill is off so nothing reaches the
database file before COMMIT, and a killed transaction leaves no hot journal):

1. before COMMIT: old answers, old content_version, old index: all consistent.
2. after COMMIT: new answers *and* their content_version (plus feed, last_changes and a
   `pending_index` note) moved together; the index stamp still names the old version, so every
   reader sees the index as "behind" and rebuilds it from content.db. When the index is to be
   rebuilt (a snapshot, or an index that was not current), the live index's stamp is moved
   aside just before COMMIT, so even a version number equal to the stamp's (another feed's
   snapshot) cannot leave an old index looking current; if COMMIT fails (a full disk) the
   stamp is put back, so a failed update never invalidates the index of the content that
   stays. A stamp left aside by a killed sync is put back or dropped by `recover_stamp`.
3. during the index update: Whoosh commits before the stamp moves; until then the index reads
   as behind. `recover()` (run at the start of every sync) finishes the job from the note.
4. after the stamp moves: consistent; the note is cleared last.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from db.glossary_store import replace_feed_glossary
from db.records import Answer, AnswerState, Synonym
from db.store import ContentStore, StoreError
from desktop.core.importers.synonyms import read_synonyms
from desktop.core.paths import DataDir
from desktop.core.resources import synonyms_file
from desktop.core.search.index import index_state
from desktop.core.sync.errors import SyncError
from desktop.core.sync.hooks import checkpoint
from desktop.core.sync.index_steps import PENDING, put_back, set_stamp_aside
from desktop.core.sync.limits import MAX_VERSION, PackLimits
from desktop.core.sync.packs import (
    Delete,
    Op,
    SetGlossary,
    SetSynonyms,
    Tick,
    Upsert,
    answer_hash,
    read_pack,
)

MAX_LISTED = 2000
BATCH = 500


ChangeKind = Literal["added", "updated", "removed"]
CHANGE_KINDS: tuple[ChangeKind, ...] = ("added", "updated", "removed")


def change_kind(value: object) -> ChangeKind:
    """A change kind read back from meta; ValueError for anything else."""
    for kind in CHANGE_KINDS:
        if value == kind:
            return kind
    raise ValueError(f"not a change kind: {value!r}")


@dataclass(frozen=True)
class Change:
    """One answer that a sync added, updated or removed (for the "what changed" list)."""

    id: str
    question: str
    change: ChangeKind


@dataclass
class Applied:
    """What one transaction changed, and what the index must do about it."""

    changes: list[Change] = field(default_factory=list)
    changed_ids: list[str] = field(default_factory=list)
    deleted_ids: list[str] = field(default_factory=list)
    stamp_aside: Path | None = None  # the index stamp, moved aside until COMMIT succeeds

    def count(self, kind: ChangeKind) -> int:
        """How many answers were added, updated or removed."""
        return sum(1 for c in self.changes if c.change == kind)


def open_writer(data_dir: DataDir) -> ContentStore:
    """content.db for writing: dirty pages stay in memory until COMMIT; waits for readers."""
    store = ContentStore(data_dir.content_db)
    store.hold_writes_until_commit(wait_seconds=120)
    return store


def _classify(
    answer_id: str, before: AnswerState | None, after: AnswerState | None
) -> Change | None:
    if after is not None and after.status == "published":
        was = before is not None and before.status == "published"
        return Change(answer_id, after.question, "updated" if was else "added")
    if before is not None and before.status == "published":
        return Change(answer_id, before.question, "removed")
    return None


def _replace_synonyms(store: ContentStore, rows: tuple[Synonym, ...]) -> None:
    """The feed's synonyms on top of the bundled ones (as `build` does)."""
    bundled = read_synonyms(synonyms_file(), []) if synonyms_file().exists() else []
    store.replace_synonyms([*bundled, *rows])


@dataclass(frozen=True)
class PackFile:
    """A verified pack on disk and its signed (compressed) size."""

    path: Path
    size: int


def _version(value: object) -> int:
    """The feed's content_version (checked when the feed was read): a whole number."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise SyncError(f"the feed's content version {value!r} is not a number", "invalid")
    return int(value)


def _read(pack: PackFile, limits: PackLimits, tick: Tick | None) -> Iterator[Op]:
    return read_pack(pack.path, limits, declared_size=pack.size, tick=tick)


def _apply_ops(
    store: ContentStore,
    packs: list[PackFile],
    progress: Callable[[int], None],
    limits: PackLimits,
    tick: Tick | None,
) -> set[str]:
    """Stream every op of the packs into the open transaction; return the ids touched."""
    touched: set[str] = set()
    upserts: list[Answer] = []
    deletes: list[str] = []

    def flush() -> None:
        if upserts:
            store.upsert_answers(upserts)
            progress(len(upserts))
            upserts.clear()
        if deletes:
            store.delete_answers(deletes)
            progress(len(deletes))
            deletes.clear()

    for pack in packs:
        for op in _read(pack, limits, tick):
            if isinstance(op, Upsert):
                if deletes:
                    flush()
                upserts.append(op.answer)
                touched.add(op.answer.id)
                if len(upserts) >= BATCH:
                    flush()
            elif isinstance(op, Delete):
                if upserts:
                    flush()
                deletes.append(op.id)
                touched.add(op.id)
            elif isinstance(op, SetSynonyms):
                flush()
                _replace_synonyms(store, op.synonyms)
            elif isinstance(op, SetGlossary):
                flush()
                replace_feed_glossary(store, op.entries)
    flush()
    return touched


def _hashes(store: ContentStore) -> dict[str, tuple[AnswerState, str]]:
    """Every installed answer: its state and content hash."""
    return {
        a.id: (AnswerState(a.status, a.question), answer_hash(a))
        for a in store.answers(include_withdrawn=True)
    }


def apply_packs(
    store: ContentStore,
    index_root: Path,
    packs: list[PackFile],
    *,
    full: bool,
    meta: dict[str, object],
    progress: Callable[[int], None],
    limits: PackLimits | None = None,
    tick: Tick | None = None,
) -> Applied:
    """Apply a snapshot (full=True: replaces everything) or a delta chain, with meta, atomically."""
    applied = Applied()
    limits = limits or PackLimits()
    old_version = _version_or_none(store)
    rebuild = full or index_state(index_root, old_version).status != "ok"
    try:
        _transaction(
            store,
            index_root,
            packs,
            full,
            meta,
            progress,
            limits,
            tick,
            rebuild,
            applied,
            old_version,
        )
    except BaseException:
        if applied.stamp_aside is not None:
            put_back(applied.stamp_aside)
        raise
    if applied.stamp_aside is not None:
        applied.stamp_aside.unlink(missing_ok=True)
    checkpoint("after-commit")
    from desktop.core.reading_level import update_reading_levels

    update_reading_levels(store)  # derived, after the commit: a killed sync grades them next time
    from desktop.core.glossary import update_glossary

    update_glossary(store)  # derived from the new content, like the reading levels
    return applied


def _transaction(
    store: ContentStore,
    index_root: Path,
    packs: list[PackFile],
    full: bool,
    meta: dict[str, object],
    progress: Callable[[int], None],
    limits: PackLimits,
    tick: Tick | None,
    rebuild: bool,
    applied: Applied,
    old_version: int,
) -> None:
    """The one transaction; `applied.stamp_aside` says where the stamp went (if it moved)."""
    with store.transaction():
        if full:
            before_full = _hashes(store)
            store.delete_all_answers()
            replace_feed_glossary(store, [])  # a snapshot holds the feed's whole glossary
            touched = _apply_ops(store, packs, progress, limits, tick) | set(before_full)
            after_full = _hashes(store)
            for answer_id in sorted(touched):
                old, new = before_full.get(answer_id), after_full.get(answer_id)
                if old and new and old[1] == new[1]:
                    continue
                change = _classify(answer_id, old and old[0], new and new[0])
                if change:
                    applied.changes.append(change)
        else:
            ids = _pack_ids(packs, limits, tick)
            before = store.answer_states(ids)
            _apply_ops(store, packs, progress, limits, tick)
            after = store.answer_states(ids)
            for answer_id in sorted(ids):
                change = _classify(answer_id, before.get(answer_id), after.get(answer_id))
                if change:
                    applied.changes.append(change)
                target = applied.changed_ids if answer_id in after else applied.deleted_ids
                target.append(answer_id)
        if full and store.count_answers() == 0:
            raise SyncError(
                "the feed's snapshot holds no published answers: refusing it", "invalid"
            )
        version = _version(meta["content_version"])
        pending = {
            "version": version,
            "from": old_version,
            "rebuild": rebuild,
            "changed": applied.changed_ids,
            "deleted": applied.deleted_ids,
        }
        store.set_meta(
            **meta,
            last_changes=json.dumps(_last_changes(applied, meta, old_version), ensure_ascii=False),
            **{PENDING: json.dumps(pending)},
        )
        checkpoint("before-commit")
        if rebuild:
            applied.stamp_aside = set_stamp_aside(index_root)


def reset_implausible_version(content_db: Path) -> bool:
    """An older app may have stored a hostile feed's absurd version (10**30), which the store
    now refuses to open. Under the writer lock, before the feed's next snapshot replaces
    everything, that number (and only that) is reset to 0 ("no version"); the answers stay."""
    try:
        conn = sqlite3.connect(str(content_db))
    except sqlite3.Error:
        return False
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        row = conn.execute("SELECT value FROM meta WHERE key = 'content_version'").fetchone()
        value = str(row[0]) if row else "0"
        if not (value.isascii() and value.isdigit()) or int(value) <= MAX_VERSION:
            return False
        with conn:
            conn.execute("UPDATE meta SET value = '0' WHERE key = 'content_version'")
        return True
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _version_or_none(store: ContentStore) -> int:
    """The version being replaced (-1 when what is stored is not a plausible version)."""
    try:
        return store.content_version()
    except (StoreError, ValueError):
        return -1


def _pack_ids(packs: list[PackFile], limits: PackLimits, tick: Tick | None) -> set[str]:
    """Ids that a delta chain upserts or deletes (read before applying, for the change list)."""
    ids: set[str] = set()
    for pack in packs:
        for op in _read(pack, limits, tick):
            if isinstance(op, Upsert):
                ids.add(op.answer.id)
            elif isinstance(op, Delete):
                ids.add(op.id)
    return ids


def _last_changes(applied: Applied, meta: dict[str, object], old_version: int) -> dict[str, object]:
    """The `last_changes` meta value the window lists."""
    return {
        "from": old_version,
        "to": meta["content_version"],
        "feed": meta.get("feed"),
        "at": meta.get("updated_at"),
        "added": applied.count("added"),
        "updated": applied.count("updated"),
        "removed": applied.count("removed"),
        "items": [vars(c) for c in applied.changes[:MAX_LISTED]],
    }
