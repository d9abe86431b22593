"""Where a feed comes from: HTTP(S) (http_source.py), or a folder (USB stick, mounted share)."""

from __future__ import annotations

import http.client
import socket
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from desktop.core.sync.errors import SyncError, TransientError
from desktop.core.sync.limits import Deadline, NetLimits

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
CHUNK = 64 * 1024
ByteProgress = Callable[[int], None]


class NotFound(SyncError):
    """The feed has no such file."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "unavailable")


class RangeNotSatisfiable(SyncError):
    """The server has no bytes past the point we asked to resume from."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "corrupt")


class FeedSource(Protocol):
    """Reads feed files by their path relative to the feed root."""

    location: str

    def read(self, name: str, limit: int) -> bytes:
        """The whole file, refusing more than `limit` bytes."""
        ...

    def fetch_to(self, name: str, part: Path, size: int, progress: ByteProgress) -> int:
        """Complete `part` (resuming what it holds) up to `size` bytes; return bytes moved."""
        ...


def check_url(url: str) -> None:
    """Refuse plain http:// except to this machine; refuse other schemes."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https":
        return
    if parts.scheme == "http":
        if (parts.hostname or "") in LOCAL_HOSTS:
            return
        raise SyncError(
            f"refusing plain http:// for {parts.hostname}: use https:// "
            "(http is allowed only for 127.0.0.1/localhost) or a folder",
            "insecure",
        )
    raise SyncError(f"unsupported feed address {url!r}: use https://, or a folder", "config")


def open_source(
    location: str, limits: NetLimits | None = None, deadline: Deadline | None = None
) -> FeedSource:
    """An HTTP(S) source for a URL, a folder source for a path or file:// URL."""
    limits = limits or NetLimits()
    deadline = deadline or Deadline(limits.deadline, "the update")
    scheme = urllib.parse.urlsplit(location).scheme.lower()
    if scheme in ("http", "https"):
        from desktop.core.sync.http_source import HttpSource

        check_url(location)
        return HttpSource(location, limits, deadline)
    if scheme == "file":
        path = Path(urllib.request.url2pathname(urllib.parse.urlsplit(location).path))
        return FolderSource(path, deadline)
    if len(scheme) > 1:
        check_url(location)
    return FolderSource(Path(location).expanduser(), deadline)


class FolderSource:
    """A feed copied to a folder: a USB stick, a network share, a local mirror."""

    def __init__(self, root: Path, deadline: Deadline | None = None) -> None:
        self.root = root.absolute()
        self.location = str(self.root)
        self.deadline = deadline or Deadline(NetLimits().deadline, "the update")

    def _path(self, name: str) -> Path:
        try:
            if not self.root.is_dir():
                raise SyncError(
                    f"feed folder {self.root} is not there (is the drive connected?)", "offline"
                )
            path = self.root / name
            if not path.is_file():
                raise NotFound(f"{path} not found")
        except OSError as exc:  # a name too long for the file system, a dead mount
            raise SyncError(f"cannot use feed folder {self.root}: {why(exc)}", "config") from exc
        return path

    def read(self, name: str, limit: int) -> bytes:
        """Read a small file, refusing big ones."""
        path = self._path(name)
        try:
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)
        except OSError as exc:
            raise TransientError(f"cannot read {path}: {why(exc)}", "unavailable") from exc
        if len(data) > limit:
            raise SyncError(f"{name} is over the {limit:,}-byte limit: refusing", "oversized")
        return data

    def fetch_to(self, name: str, part: Path, size: int, progress: ByteProgress) -> int:
        """Copy into `part`, continuing from what it already holds."""
        path = self._path(name)
        have = part.stat().st_size if part.exists() else 0
        if have >= size:
            return 0
        try:
            with open(path, "rb") as handle:
                handle.seek(have)

                def read(count: int) -> bytes:
                    self.deadline.check()
                    return handle.read(count)

                return write_stream(read, part, "ab" if have else "wb", have, size, name, progress)
        except OSError as exc:
            raise TransientError(f"cannot read {path}: {why(exc)}", "unavailable") from exc


def write_stream(
    read: Callable[[int], bytes],
    part: Path,
    mode: str,
    have: int,
    size: int,
    name: str,
    progress: ByteProgress,
) -> int:
    """Append what `read` gives to part until `size`; more than promised is refused, less is
    retried. A local write failure (full disk) is one line, not retried."""
    moved = 0
    try:
        out = open(part, mode)
    except OSError as exc:
        raise SyncError(f"cannot write {part}: {why(exc)}", "disk") from exc
    with out:
        while True:
            try:
                chunk = read(min(CHUNK, size - have + 1))
            except (OSError, http.client.HTTPException) as exc:
                out.flush()
                raise TransientError(
                    f"connection dropped in {name} after {have:,} of {size:,} bytes: {why(exc)}"
                ) from exc
            if not chunk:
                break
            have += len(chunk)
            moved += len(chunk)
            if have > size:
                out.close()
                part.unlink(missing_ok=True)
                raise SyncError(
                    f"{name} is larger than the feed says ({size:,} bytes): refusing", "oversized"
                )
            try:
                out.write(chunk)
            except OSError as exc:
                raise SyncError(f"cannot write {part}: {why(exc)}", "disk") from exc
            progress(len(chunk))
    if have < size:
        raise TransientError(f"connection closed in {name} after {have:,} of {size:,} bytes")
    return moved


def why(reason: object) -> str:
    """A short human reason for a network or file error (never a server's own words)."""
    if isinstance(reason, socket.timeout | TimeoutError):
        return "timed out"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "name not found (offline?)"
    if isinstance(reason, ConnectionResetError | BrokenPipeError):
        return "connection reset"
    if isinstance(reason, http.client.BadStatusLine | http.client.LineTooLong):
        return "the answer is not HTTP"
    if isinstance(reason, http.client.IncompleteRead):
        return "the answer was cut short"
    if isinstance(reason, http.client.HTTPException):
        return f"a broken HTTP answer ({type(reason).__name__})"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    if isinstance(reason, OSError | ValueError):
        return type(reason).__name__
    return str(reason).splitlines()[0] if str(reason).strip() else type(reason).__name__
