"""Download packs into the data folder: .part files resumed across attempts and restarts,
then size and sha256 checked before a pack is used."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from desktop.core.sync.errors import SyncError, TransientError
from desktop.core.sync.feed import PackRef
from desktop.core.sync.fetch import FeedSource
from desktop.core.sync.packs import file_sha256

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry transient failures."""

    attempts: int = 4
    backoff: float = 1.0
    max_delay: float = 30.0
    sleep: Callable[[float], None] = time.sleep

    def run(
        self, action: Callable[[], T], on_retry: Callable[[str, float], None] | None = None
    ) -> T:
        """Run `action`; on TransientError wait (1, 2, 4... times backoff) and try again."""
        for attempt in range(1, self.attempts + 1):
            try:
                return action()
            except TransientError as exc:
                if attempt == self.attempts:
                    raise
                delay = min(self.backoff * 2 ** (attempt - 1), self.max_delay)
                if on_retry:
                    on_retry(str(exc), delay)
                self.sleep(delay)
        raise AssertionError("unreachable")


def pack_file(downloads: Path, ref: PackRef) -> Path:
    """Where a verified pack lives in the downloads folder."""
    return downloads / f"{ref.sha256}.jsonl.gz"


def download_pack(
    source: FeedSource,
    ref: PackRef,
    downloads: Path,
    *,
    retry: RetryPolicy,
    progress: Callable[[int], None],
    on_retry: Callable[[str, float], None] | None = None,
) -> Path:
    """Fetch one pack (or reuse a verified copy); `progress` hears of every byte transferred."""
    final = pack_file(downloads, ref)
    if final.exists() and final.stat().st_size == ref.size and file_sha256(final) == ref.sha256:
        return final
    final.unlink(missing_ok=True)
    downloads.mkdir(parents=True, exist_ok=True)
    part = final.with_name(final.name + ".part")
    if part.exists() and part.stat().st_size > ref.size:
        part.unlink()

    def attempt() -> int:
        return source.fetch_to(ref.path, part, ref.size, progress)

    retry.run(attempt, on_retry)
    if part.stat().st_size != ref.size or file_sha256(part) != ref.sha256:
        part.unlink(missing_ok=True)
        raise SyncError(
            f"pack {ref.sha256[:12]} does not match its sha256: the download was "
            "damaged or the pack was changed; it will be fetched again",
            "corrupt",
        )
    part.replace(final)
    return final


def clean_downloads(downloads: Path, keep: set[str]) -> None:
    """Remove packs and partial files that no current pack needs."""
    if not downloads.is_dir():
        return
    for path in downloads.iterdir():
        sha = path.name.split(".", 1)[0]
        if path.is_file() and sha not in keep:
            path.unlink(missing_ok=True)
