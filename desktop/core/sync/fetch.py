"""Where a feed comes from: HTTP(S) via urllib, or a folder (USB stick, mounted share)."""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from desktop import __version__
from desktop.core.sync.errors import SyncError, TransientError

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


def open_source(location: str, *, timeout: float = 20.0) -> FeedSource:
    """An HTTP(S) source for a URL, a folder source for a path or file:// URL."""
    scheme = urllib.parse.urlsplit(location).scheme.lower()
    if scheme in ("http", "https"):
        check_url(location)
        return HttpSource(location, timeout=timeout)
    if scheme == "file":
        return FolderSource(Path(urllib.request.url2pathname(urllib.parse.urlsplit(location).path)))
    if len(scheme) > 1:
        check_url(location)
    return FolderSource(Path(location).expanduser())


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to addresses the policy allows (no https -> http downgrade)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class HttpSource:
    """A feed on a web server, CDN or object store."""

    def __init__(self, url: str, *, timeout: float = 20.0) -> None:
        self.location = url
        self.base = url if url.endswith("/") else url + "/"
        self.timeout = timeout
        self.opener = urllib.request.build_opener(_CheckedRedirects())

    def _open(self, name: str, headers: dict[str, str]) -> http.client.HTTPResponse:
        url = urllib.parse.urljoin(self.base, name)
        request = urllib.request.Request(
            url,
            headers={
                "User-Agent": f"patient-answers/{__version__}",
                "Accept-Encoding": "identity",
                **headers,
            },
        )
        host = urllib.parse.urlsplit(url).netloc
        try:
            return self.opener.open(request, timeout=self.timeout)  # type: ignore[no-any-return]
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code in (404, 410):
                raise NotFound(f"{url} not found (HTTP {exc.code})") from exc
            if exc.code == 416:
                raise RangeNotSatisfiable(f"{url}: HTTP 416") from exc
            if exc.code == 429 or exc.code >= 500:
                raise TransientError(f"{host} answered HTTP {exc.code}", "unavailable") from exc
            raise SyncError(f"{url}: HTTP {exc.code} {exc.reason}", "unavailable") from exc
        except urllib.error.URLError as exc:
            raise TransientError(f"cannot reach {host}: {_why(exc.reason)}", "offline") from exc
        except (OSError, http.client.HTTPException) as exc:
            raise TransientError(f"cannot reach {host}: {_why(exc)}", "offline") from exc

    def read(self, name: str, limit: int) -> bytes:
        """GET a small file (feed.json, its signature), never caching, refusing big ones."""
        with self._open(name, {"Cache-Control": "no-cache"}) as resp:
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise SyncError(
                    f"{name} is {int(length):,} bytes, over the {limit:,}-byte limit: refusing",
                    "oversized",
                )
            try:
                data = resp.read(limit + 1)
            except (OSError, http.client.HTTPException) as exc:
                raise TransientError(
                    f"connection dropped while reading {name}: {_why(exc)}"
                ) from exc
        if len(data) > limit:
            raise SyncError(f"{name} is over the {limit:,}-byte limit: refusing", "oversized")
        return data

    def fetch_to(self, name: str, part: Path, size: int, progress: ByteProgress) -> int:
        """Download into `part`, asking for the rest with an HTTP Range when it holds a start."""
        have = part.stat().st_size if part.exists() else 0
        if have >= size:
            return 0
        try:
            resp = self._open(name, {"Range": f"bytes={have}-"} if have else {})
        except RangeNotSatisfiable as exc:
            part.unlink(missing_ok=True)
            raise SyncError(
                f"{name} on the server is shorter than the feed says: refusing", "corrupt"
            ) from exc
        with resp:
            if have and resp.status == 206:
                start = _range_start(resp.headers.get("Content-Range", ""))
                if start != have:
                    part.unlink(missing_ok=True)
                    raise TransientError(f"server resumed {name} at the wrong place")
                mode = "ab"
            else:
                have, mode = 0, "wb"
            return _copy(resp, part, mode, have, size, name, progress)


class FolderSource:
    """A feed copied to a folder: a USB stick, a network share, a local mirror."""

    def __init__(self, root: Path) -> None:
        self.root = root.absolute()
        self.location = str(self.root)

    def _path(self, name: str) -> Path:
        if not self.root.is_dir():
            raise SyncError(
                f"feed folder {self.root} is not there (is the drive connected?)", "offline"
            )
        path = self.root / name
        if not path.is_file():
            raise NotFound(f"{path} not found")
        return path

    def read(self, name: str, limit: int) -> bytes:
        """Read a small file, refusing big ones."""
        path = self._path(name)
        try:
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)
        except OSError as exc:
            raise TransientError(f"cannot read {path}: {_why(exc)}", "unavailable") from exc
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
                return _copy(handle, part, "ab" if have else "wb", have, size, name, progress)
        except OSError as exc:
            raise TransientError(f"cannot read {path}: {_why(exc)}", "unavailable") from exc


def _copy(
    stream,
    part: Path,
    mode: str,
    have: int,
    size: int,
    name: str,  # type: ignore[no-untyped-def]
    progress: ByteProgress,
) -> int:
    """Append the stream to part until `size`; more than promised is refused, less is retried."""
    moved = 0
    with open(part, mode) as out:
        while True:
            try:
                chunk = stream.read(min(CHUNK, size - have + 1))
            except (OSError, http.client.HTTPException) as exc:
                out.flush()
                raise TransientError(
                    f"connection dropped in {name} after {have:,} of {size:,} bytes: {_why(exc)}"
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
            out.write(chunk)
            progress(len(chunk))
    if have < size:
        raise TransientError(f"connection closed in {name} after {have:,} of {size:,} bytes")
    return moved


def _range_start(content_range: str) -> int | None:
    """The first byte of `bytes START-END/TOTAL`."""
    try:
        return int(content_range.split()[1].split("-")[0])
    except (IndexError, ValueError):
        return None


def _why(reason: object) -> str:
    """A short human reason for a network error."""
    if isinstance(reason, socket.timeout | TimeoutError):
        return "timed out"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "name not found (offline?)"
    if isinstance(reason, ConnectionResetError):
        return "connection reset"
    text = str(reason).strip() or type(reason).__name__
    return text.splitlines()[0]
