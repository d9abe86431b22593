"""sync(): check a feed, verify it, download what is missing, apply it, update the index."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from db.store import ContentStore, StoreError
from desktop.core.paths import DataDir
from desktop.core.search.index import IndexError_
from desktop.core.sync import keys as keyring
from desktop.core.sync.apply import (
    Change,
    PackFile,
    apply_packs,
    open_writer,
    reset_implausible_version,
)
from desktop.core.sync.download import RetryPolicy, clean_downloads, download_pack
from desktop.core.sync.errors import SyncError
from desktop.core.sync.feed import (
    FEED_FILE,
    MAX_FEED_BYTES,
    MAX_SIG_BYTES,
    SIG_FILE,
    Feed,
    PackRef,
    parse_feed,
)
from desktop.core.sync.fetch import FeedSource, NotFound, open_source, why
from desktop.core.sync.hooks import checkpoint
from desktop.core.sync.index_steps import PENDING, clean_half_built, finish_index, recover_stamp
from desktop.core.sync.limits import MAX_VERSION, Deadline, NetLimits, PackLimits
from desktop.core.sync.lock import SyncLock
from desktop.core.sync.trust import check_signer


@dataclass(frozen=True)
class SyncEvent:
    """Progress: stage is check, download, apply, index or retry."""

    stage: str
    done: int = 0
    total: int | None = None
    message: str = ""

    def to_json(self) -> dict[str, object]:
        """One `sync --json` progress line."""
        return {
            "event": "progress",
            "stage": self.stage,
            "done": self.done,
            "total": self.total,
            "message": self.message,
        }


@dataclass(frozen=True)
class SyncResult:
    """What a sync did: "updated" (with the changes) or "current" (nothing to do)."""

    status: str
    feed: str
    from_version: int
    to_version: int
    method: str | None = None  # "delta" | "snapshot"
    changes: tuple[Change, ...] = ()
    added: int = 0
    updated: int = 0
    removed: int = 0
    bytes_downloaded: int = 0
    pack_bytes: int = 0
    snapshot_bytes: int = 0
    index: str | None = None
    seconds: float = 0.0
    location: str = ""

    @property
    def changed(self) -> int:
        """Answers added, updated or removed."""
        return self.added + self.updated + self.removed

    def to_json(self) -> dict[str, object]:
        """The final `sync --json` line."""
        data = {k: v for k, v in vars(self).items() if k != "changes"}
        data["changes"] = [vars(c) for c in self.changes[:200]]
        return {"event": "result", "ok": True, **data}


Progress = Callable[[SyncEvent], None]


@dataclass
class SyncOptions:
    """How to sync: where from, which keys, how patiently."""

    feed: str | None = None
    trusted_key_files: Iterable[Path] = ()  # trusted as given (the administrator file)
    new_key_files: Iterable[Path] = ()  # offered: used once `trust_new_key` names one
    trust_new_key: str | None = None  # the fingerprint someone checked
    bundled_keys: bool = True
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    net: NetLimits = field(default_factory=NetLimits)
    packs: PackLimits = field(default_factory=PackLimits)
    procs: int = 1


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def configured_feed(data_dir: DataDir) -> str | None:
    """The feed this data folder last synced from (meta `feed_url`)."""
    try:
        with ContentStore(data_dir.content_db, readonly=True) as store:
            return store.get_meta("feed_url")
    except StoreError:
        return None


def fetch_feed(
    source: FeedSource,
    trusted: list[keyring.TrustedKey],
    retry: RetryPolicy,
    deadline: Deadline | None = None,
) -> tuple[Feed, keyring.TrustedKey]:
    """feed.json checked against its signature (fetched twice if a publish raced us)."""
    for attempt in (1, 2):
        try:
            raw = retry.run(lambda: source.read(FEED_FILE, MAX_FEED_BYTES), deadline=deadline)
        except NotFound as exc:
            raise SyncError(
                f"no feed at {source.location} ({FEED_FILE} not found)", "unavailable"
            ) from exc
        try:
            sig = retry.run(lambda: source.read(SIG_FILE, MAX_SIG_BYTES), deadline=deadline)
        except NotFound as exc:
            raise SyncError(
                f"the feed at {source.location} is not signed ({SIG_FILE} is missing): refusing it",
                "unsigned",
            ) from exc
        try:
            signer = keyring.verify(raw, sig, trusted)
        except SyncError as exc:
            if exc.kind != "signature" or attempt == 2:
                raise
            retry.sleep(min(1.0, retry.backoff))
            continue
        return parse_feed(raw), signer
    raise AssertionError("unreachable")


def plan(feed: Feed, installed_feed: str | None, installed: int) -> tuple[list[PackRef], bool]:
    """The packs to apply and whether they replace everything (a snapshot).

    A version beyond MAX_VERSION can only have come from a hostile or broken feed taken by
    an older version of this app; it proves nothing, so the feed's snapshot replaces it."""
    if installed_feed == feed.feed and installed <= MAX_VERSION:
        if installed > feed.latest:
            raise SyncError(
                f"feed {feed.feed} offers version {feed.latest}, older than the "
                f"installed version {installed}: refusing to go back",
                "older",
            )
        chain = feed.chain(installed)
        if chain and sum(d.size for d in chain) <= feed.snapshot.size:
            return chain, False
    return [feed.snapshot], True


def installed_version(store: ContentStore) -> int:
    """The installed version, or MAX_VERSION + 1 when what is stored is no plausible version
    (an older app took a hostile feed's 10**30): the feed's next snapshot replaces it."""
    try:
        version = store.content_version()
    except (StoreError, ValueError):
        return MAX_VERSION + 1
    return version if version <= MAX_VERSION else MAX_VERSION + 1


def sync(
    data_dir: DataDir, options: SyncOptions | None = None, progress: Progress | None = None
) -> SyncResult:
    """Bring a data folder up to its feed's latest version, or raise SyncError saying why.

    Every local failure (a full disk, an unwritable folder, a damaged database) is a
    SyncError too: one line, never a traceback."""
    options = options or SyncOptions()
    if data_dir.shared_content:
        # A machine-wide content folder is what gets updated: its lock, downloads and
        # remembered keys live with it, whoever runs the sync.
        data_dir = DataDir(data_dir.content_dir)
    report = progress or (lambda event: None)
    started = time.monotonic()
    deadline = Deadline(options.net.deadline, "the update")
    location = options.feed or configured_feed(data_dir)
    if not location:
        raise SyncError("no feed configured: pass --feed URL or folder", "config")
    source = open_source(location, options.net, deadline)
    trusted = keyring.trusted_keys(
        options.trusted_key_files, bundled=options.bundled_keys, data_root=data_dir.root
    )
    trusted += keyring.candidate_keys(options.new_key_files)
    if not data_dir.content_db.exists() or not data_dir.is_writable():
        raise SyncError(
            f"data folder {data_dir.root} is missing or read-only: cannot update it", "readonly"
        )
    with SyncLock(data_dir.root):
        reset_implausible_version(data_dir.content_db)
        try:
            store = open_writer(data_dir)
        except StoreError as exc:
            raise SyncError(str(exc), "readonly") from exc
        try:
            _resume(data_dir, store, options)
            run = _Run(data_dir, store, source, trusted, options, report, deadline)
            result = run.go()
        except (StoreError, sqlite3.Error, OSError) as exc:
            raise SyncError(_local_reason(exc), "disk" if _full(exc) else "apply") from exc
        finally:
            store.close()
    return SyncResult(**{**vars(result), "seconds": time.monotonic() - started})


def _full(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "full" in text or "no space" in text or getattr(exc, "errno", 0) in (28, 122)


def _local_reason(exc: BaseException) -> str:
    """One line for a local failure; the installed answers stay as they were."""
    if _full(exc):
        what = "the disk is full"
    elif isinstance(exc, OSError):
        what = f"{why(exc)}" + (f" ({exc.filename})" if exc.filename else "")
    else:
        what = str(exc)
    return f"the update could not be installed: {what}; the installed answers are unchanged"


def _resume(data_dir: DataDir, store: ContentStore, options: SyncOptions) -> None:
    """Finish what a failed or killed sync left after its COMMIT (index, stamp, half-builds)."""
    recover_stamp(data_dir.index_dir, committed=store.get_meta(PENDING) is not None)
    clean_half_built(data_dir.index_dir)
    _finish_index(data_dir, store, options.procs, None)


def _finish_index(
    data_dir: DataDir,
    store: ContentStore,
    procs: int,
    progress: Callable[[int, int | None], None] | None,
) -> str | None:
    """Bring the index up to the committed content; a failure says the answers are in."""
    try:
        return finish_index(data_dir, store, procs=procs, progress=progress)
    except (IndexError_, OSError, StoreError, sqlite3.Error) as exc:
        clean_half_built(data_dir.index_dir)
        version = store.content_version()
        reason = (
            "the disk is full"
            if _full(exc)
            else (why(exc) if isinstance(exc, OSError) else str(exc))
        )
        raise SyncError(
            f"version {version} of the answers is installed, but the search index could not "
            f"be updated ({reason}); the next update finishes it",
            "index",
        ) from exc


class _Run:
    """The body of sync() once the lock is held and content.db is open."""

    def __init__(
        self,
        data_dir: DataDir,
        store: ContentStore,
        source: FeedSource,
        trusted: list[keyring.TrustedKey],
        options: SyncOptions,
        report: Progress,
        deadline: Deadline,
    ) -> None:
        self.data_dir, self.store, self.source = data_dir, store, source
        self.trusted, self.options, self.report, self.deadline = trusted, options, report, deadline
        self.moved = 0

    def go(self) -> SyncResult:
        data_dir, store, report, options = self.data_dir, self.store, self.report, self.options
        report(SyncEvent("check", message=f"checking {self.source.location}"))
        feed, signer = fetch_feed(self.source, self.trusted, options.retry, self.deadline)
        installed_feed, installed = store.get_meta("feed"), installed_version(store)
        if check_signer(signer, feed, installed_feed, options.trust_new_key):
            # Remembered before anything is installed: a key confirmed is never lost, and
            # an unwritable trusted-keys/ stops the sync with nothing changed.
            keyring.remember_key(data_dir.root, signer, feed.feed)
        now = _now()
        if installed_feed == feed.feed and installed == feed.latest:
            store.set_meta(feed_url=self.source.location, checked_at=now)
            clean_downloads(data_dir.downloads_dir, set())
            return self._result("current", feed, installed, installed)
        packs, full = plan(feed, installed_feed, installed)
        files = [self._download(ref, sum(p.size for p in packs)) for ref in packs]
        checkpoint("downloaded")
        report(SyncEvent("apply", 0, None, f"applying version {feed.latest}"))
        applied_count = [0]

        def on_applied(count: int) -> None:
            applied_count[0] += count
            report(SyncEvent("apply", applied_count[0], None))

        def on_read(expanded: int) -> None:
            report(SyncEvent("apply", applied_count[0], None, f"{expanded:,} bytes read"))

        applied = apply_packs(
            store,
            data_dir.index_dir,
            files,
            full=full,
            progress=on_applied,
            limits=options.packs,
            tick=on_read,
            meta={
                "content_version": feed.latest,
                "feed": feed.feed,
                "feed_url": self.source.location,
                "feed_publisher": feed.publisher,
                "feed_published_at": feed.published_at,
                "updated_at": now,
                "checked_at": now,
            },
        )
        report(SyncEvent("index", message="updating the search index"))
        how = _finish_index(
            data_dir, store, options.procs, lambda d, t: report(SyncEvent("index", d, t))
        )
        clean_downloads(data_dir.downloads_dir, set())
        from_version = installed if installed_feed == feed.feed else 0
        result = self._result("updated", feed, from_version, feed.latest)
        return SyncResult(
            **{
                **vars(result),
                "method": "snapshot" if full else "delta",
                "changes": tuple(applied.changes),
                "added": applied.count("added"),
                "updated": applied.count("updated"),
                "removed": applied.count("removed"),
                "bytes_downloaded": self.moved,
                "pack_bytes": sum(p.size for p in packs),
                "index": how,
            }
        )

    def _download(self, ref: PackRef, total: int) -> PackFile:
        def on_bytes(count: int) -> None:
            self.moved += count
            self.report(SyncEvent("download", min(self.moved, total), total))

        def on_retry(reason: str, delay: float) -> None:
            self.report(SyncEvent("retry", message=f"{reason}; trying again in {delay:.0f} s"))

        path = download_pack(
            self.source,
            ref,
            self.data_dir.downloads_dir,
            retry=self.options.retry,
            progress=on_bytes,
            on_retry=on_retry,
            deadline=self.deadline,
        )
        return PackFile(path, ref.size)

    def _result(self, status: str, feed: Feed, from_version: int, to_version: int) -> SyncResult:
        return SyncResult(
            status,
            feed.feed,
            from_version,
            to_version,
            snapshot_bytes=feed.snapshot.size,
            location=self.source.location,
        )
