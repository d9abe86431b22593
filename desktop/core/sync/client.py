"""sync(): check a feed, verify it, download what is missing, apply it, update the index."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from db.store import ContentStore, StoreError
from desktop.core.paths import DataDir
from desktop.core.sync import keys as keyring
from desktop.core.sync.apply import Change, apply_packs, finish_index, open_writer
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
from desktop.core.sync.fetch import FeedSource, NotFound, open_source
from desktop.core.sync.hooks import checkpoint
from desktop.core.sync.lock import SyncLock


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
    trusted_key_files: Iterable[Path] = ()
    bundled_keys: bool = True
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    timeout: float = 20.0
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
    source: FeedSource, trusted: list[keyring.TrustedKey], retry: RetryPolicy
) -> tuple[Feed, keyring.TrustedKey]:
    """feed.json checked against its signature (fetched twice if a publish raced us)."""
    for attempt in (1, 2):
        try:
            raw = retry.run(lambda: source.read(FEED_FILE, MAX_FEED_BYTES))
        except NotFound as exc:
            raise SyncError(
                f"no feed at {source.location} ({FEED_FILE} not found)", "unavailable"
            ) from exc
        try:
            sig = retry.run(lambda: source.read(SIG_FILE, MAX_SIG_BYTES))
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
    """The packs to apply and whether they replace everything (a snapshot)."""
    if installed_feed == feed.feed:
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


def sync(
    data_dir: DataDir, options: SyncOptions | None = None, progress: Progress | None = None
) -> SyncResult:
    """Bring a data folder up to its feed's latest version, or raise SyncError saying why."""
    options = options or SyncOptions()
    if data_dir.shared_content:
        # A machine-wide content folder is what gets updated: its lock, downloads and
        # remembered keys live with it, whoever runs the sync.
        data_dir = DataDir(data_dir.content_dir)
    report = progress or (lambda event: None)
    started = time.monotonic()
    location = options.feed or configured_feed(data_dir)
    if not location:
        raise SyncError("no feed configured: pass --feed URL or folder", "config")
    source = open_source(location, timeout=options.timeout)
    trusted = keyring.trusted_keys(
        options.trusted_key_files, bundled=options.bundled_keys, data_root=data_dir.root
    )
    if not data_dir.content_db.exists() or not data_dir.is_writable():
        raise SyncError(
            f"data folder {data_dir.root} is missing or read-only: cannot update it", "readonly"
        )
    with SyncLock(data_dir.root):
        try:
            store = open_writer(data_dir)
        except StoreError as exc:
            raise SyncError(str(exc), "readonly") from exc
        try:
            finish_index(data_dir, store, procs=options.procs)
            return _run(data_dir, store, source, trusted, options, report, started)
        except StoreError as exc:
            raise SyncError(str(exc), "apply") from exc
        finally:
            store.close()


def _run(
    data_dir: DataDir,
    store: ContentStore,
    source: FeedSource,
    trusted: list[keyring.TrustedKey],
    options: SyncOptions,
    report: Progress,
    started: float,
) -> SyncResult:
    """The body of sync() once the lock is held and content.db is open."""
    report(SyncEvent("check", message=f"checking {source.location}"))
    feed, signer = fetch_feed(source, trusted, options.retry)
    installed_feed, installed = store.get_meta("feed"), store.content_version()
    now = _now()
    if installed_feed == feed.feed and installed == feed.latest:
        store.set_meta(feed_url=source.location, checked_at=now)
        keyring.remember_key(data_dir.root, signer)
        clean_downloads(data_dir.downloads_dir, set())
        return SyncResult(
            "current",
            feed.feed,
            installed,
            installed,
            snapshot_bytes=feed.snapshot.size,
            seconds=time.monotonic() - started,
            location=source.location,
        )
    packs, full = plan(feed, installed_feed, installed)
    total = sum(p.size for p in packs)
    moved = [0]

    def on_bytes(count: int) -> None:
        moved[0] += count
        report(SyncEvent("download", min(moved[0], total), total))

    def on_retry(reason: str, delay: float) -> None:
        report(SyncEvent("retry", message=f"{reason}; trying again in {delay:.0f} s"))

    files = [
        download_pack(
            source,
            ref,
            data_dir.downloads_dir,
            retry=options.retry,
            progress=on_bytes,
            on_retry=on_retry,
        )
        for ref in packs
    ]
    checkpoint("downloaded")
    report(SyncEvent("apply", 0, None, f"applying version {feed.latest}"))
    applied_count = [0]

    def on_applied(count: int) -> None:
        applied_count[0] += count
        report(SyncEvent("apply", applied_count[0], None))

    applied = apply_packs(
        store,
        data_dir.index_dir,
        files,
        full=full,
        progress=on_applied,
        meta={
            "content_version": feed.latest,
            "feed": feed.feed,
            "feed_url": source.location,
            "feed_publisher": feed.publisher,
            "feed_published_at": feed.published_at,
            "updated_at": now,
            "checked_at": now,
        },
    )
    report(SyncEvent("index", message="updating the search index"))
    how = finish_index(
        data_dir, store, procs=options.procs, progress=lambda d, t: report(SyncEvent("index", d, t))
    )
    clean_downloads(data_dir.downloads_dir, set())
    keyring.remember_key(data_dir.root, signer)
    return SyncResult(
        "updated",
        feed.feed,
        installed if installed_feed == feed.feed else 0,
        feed.latest,
        method="snapshot" if full else "delta",
        changes=tuple(applied.changes),
        added=applied.count("added"),
        updated=applied.count("updated"),
        removed=applied.count("removed"),
        bytes_downloaded=moved[0],
        pack_bytes=total,
        snapshot_bytes=feed.snapshot.size,
        index=how,
        seconds=time.monotonic() - started,
        location=source.location,
    )
