"""Download packs into sync's own folder: .part files resumed across attempts and restarts,
then size and sha256 checked before a pack is used.

The folder may sit inside a folder the user owns (a data folder can be a home folder, where
`downloads` would be the user's Downloads): sync writes only into <data dir>/sync-downloads/,
lists every file it creates in a manifest there, and cleaning removes only listed files.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from desktop.core.sync.errors import SyncError, TransientError
from desktop.core.sync.feed import PackRef
from desktop.core.sync.fetch import FeedSource, why
from desktop.core.sync.limits import Deadline
from desktop.core.sync.packs import file_sha256

T = TypeVar("T")
MANIFEST = ".written-by-sync.json"
OURS = re.compile(r"^[0-9a-f]{64}\.jsonl\.gz(\.part)?$")


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry transient failures."""

    attempts: int = 4
    backoff: float = 1.0
    max_delay: float = 30.0
    sleep: Callable[[float], None] = time.sleep

    def run(
        self,
        action: Callable[[], T],
        on_retry: Callable[[str, float], None] | None = None,
        deadline: Deadline | None = None,
    ) -> T:
        """Run `action`; on TransientError wait (1, 2, 4... times backoff) and try again,
        never past the deadline."""
        for attempt in range(1, self.attempts + 1):
            try:
                return action()
            except TransientError as exc:
                if attempt == self.attempts:
                    raise
                delay = min(self.backoff * 2 ** (attempt - 1), self.max_delay)
                if deadline is not None and deadline.remaining() <= delay:
                    raise
                if on_retry:
                    on_retry(str(exc), delay)
                self.sleep(delay)
        raise AssertionError("unreachable")


def _manifest(downloads: Path) -> set[str]:
    try:
        names = json.loads((downloads / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return (
        {n for n in names if isinstance(n, str) and OURS.match(n)}
        if isinstance(names, list)
        else set()
    )


def _write_manifest(downloads: Path, names: set[str]) -> None:
    tmp = downloads / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(sorted(names)), encoding="utf-8")
    os.replace(tmp, downloads / MANIFEST)


def claim(downloads: Path, *names: str) -> None:
    """Record that sync is about to create these files (before it creates them)."""
    try:
        downloads.mkdir(parents=True, exist_ok=True)
        known = _manifest(downloads)
        if not set(names) <= known:
            _write_manifest(downloads, known | set(names))
    except OSError as exc:
        raise SyncError(f"cannot write in {downloads}: {why(exc)}", "disk") from exc


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
    deadline: Deadline | None = None,
) -> Path:
    """Fetch one pack (or reuse a verified copy); `progress` hears of every byte transferred."""
    final = pack_file(downloads, ref)
    part = final.with_name(final.name + ".part")
    ours = _manifest(downloads) if downloads.is_dir() else set()
    try:
        if final.name in ours and final.exists():
            if final.stat().st_size == ref.size and file_sha256(final) == ref.sha256:
                return final
            final.unlink(missing_ok=True)
        claim(downloads, final.name, part.name)
        if part.exists() and (part.name not in ours or part.stat().st_size > ref.size):
            part.unlink()

        def attempt() -> int:
            if deadline is not None:
                deadline.check()
            return source.fetch_to(ref.path, part, ref.size, progress)

        retry.run(attempt, on_retry, deadline)
        if part.stat().st_size != ref.size or file_sha256(part) != ref.sha256:
            part.unlink(missing_ok=True)
            raise SyncError(
                f"pack {ref.sha256[:12]} does not match its sha256: the download was "
                "damaged or the pack was changed; it will be fetched again",
                "corrupt",
            )
        part.replace(final)
    except OSError as exc:
        raise SyncError(f"cannot keep the download in {downloads}: {why(exc)}", "disk") from exc
    return final


def clean_downloads(downloads: Path, keep: set[str]) -> None:
    """Remove the packs and partial files sync wrote that no current pack needs; nothing else."""
    if not downloads.is_dir():
        return
    ours = _manifest(downloads)
    if not ours:
        return
    left = set()
    for name in ours:
        if name.split(".", 1)[0] in keep:
            left.add(name)
            continue
        path = downloads / name
        try:
            if path.is_file() and not path.is_symlink():
                path.unlink()
        except OSError:
            left.add(name)
    try:
        if left:
            _write_manifest(downloads, left)
        else:
            (downloads / MANIFEST).unlink(missing_ok=True)
            if not any(downloads.iterdir()):
                downloads.rmdir()
    except OSError:
        pass
