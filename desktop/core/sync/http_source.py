"""A feed on a web server, with every request bounded in time and rate.

A socket timeout alone does not bound a download: a server that sends one byte every second
never times out. So every request has a watchdog that shuts the socket down when its deadline
passes (headers must arrive within the stall time, the body within the sync's deadline), and
the body is read as it arrives (read1) so a minimum rate is checked all along. Nothing the
server says is quoted except, cut to one plain line, a redirect target.
"""

from __future__ import annotations

import http
import http.client
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from desktop import __version__
from desktop.core.sync.errors import SyncError, TransientError
from desktop.core.sync.fetch import (
    CHUNK,
    ByteProgress,
    NotFound,
    RangeNotSatisfiable,
    check_url,
    why,
    write_stream,
)
from desktop.core.sync.limits import Deadline, NetLimits


class Watchdog:
    """Shuts a request's socket down when its time is up; remembers why."""

    def __init__(self) -> None:
        self.sock: socket.socket | None = None
        self.fired: SyncError | None = None
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def arm(self, seconds: float, reason: SyncError) -> None:
        """(Re)start the countdown."""
        self.disarm()
        timer = threading.Timer(max(0.0, seconds), self._fire, (reason,))
        timer.daemon = True
        self._timer = timer
        timer.start()

    def disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def attach(self, sock: socket.socket | None) -> None:
        with self._lock:
            self.sock = sock
            if self.fired is not None:
                self._shut()

    def _fire(self, reason: SyncError) -> None:
        with self._lock:
            self.fired = reason
            self._shut()

    def _shut(self) -> None:
        if self.sock is not None:
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _connection_class(base: type[http.client.HTTPConnection], watch: Watchdog) -> Any:
    class Watched(base):  # type: ignore[misc, valid-type]
        def connect(self) -> None:
            super().connect()
            watch.attach(self.sock)

    return Watched


class _HttpHandler(urllib.request.HTTPHandler):
    def __init__(self, watch: Watchdog) -> None:
        super().__init__()
        self.watch = watch

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_connection_class(http.client.HTTPConnection, self.watch), req)


class _HttpsHandler(urllib.request.HTTPSHandler):
    def __init__(self, watch: Watchdog) -> None:
        super().__init__()
        self.watch = watch

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        cls = _connection_class(http.client.HTTPSConnection, self.watch)
        return self.do_open(cls, req, context=self._context)  # type: ignore[attr-defined]


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow a few redirects, only to addresses the policy allows; anything else is one line."""

    def http_error_302(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
    ) -> http.client.HTTPResponse | None:
        """Check the target before urllib does (it would quote the server in its message)."""
        target = headers.get("location") or headers.get("uri")
        if target:
            _allowed(urllib.parse.urljoin(req.full_url, target))
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_302
    http_error_308 = http_error_302

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        _allowed(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _allowed(url: str) -> None:
    """Follow only to https:// (or http:// on this machine); the refusal names the kind of
    address, never the address itself (the server wrote it)."""
    try:
        check_url(url)
    except SyncError:
        scheme = urllib.parse.urlsplit(url).scheme.lower()
        kind = f"a {scheme}:// address" if scheme.isalpha() and len(scheme) < 10 else "an address"
        raise SyncError(
            f"the server redirected to {kind}, which is not allowed: stopped "
            "(only https://, or http:// on this computer)",
            "unavailable",
        ) from None


def _redirects(limit: int) -> _Redirects:
    """A redirect handler that follows at most `limit` redirects."""
    bounded = type(
        "_BoundedRedirects", (_Redirects,), {"max_redirections": limit, "max_repeats": 2}
    )
    handler: _Redirects = bounded()
    return handler


def _phrase(code: int) -> str:
    """Our own words for an HTTP status (the server's reason phrase is never shown)."""
    try:
        return f"HTTP {code} {http.HTTPStatus(code).phrase}"
    except ValueError:
        return f"HTTP {code}"


class Meter:
    """Counts body bytes; refuses a transfer slower than the minimum rate or past a deadline."""

    def __init__(self, limits: NetLimits, deadline: Deadline, host: str) -> None:
        self.limits, self.deadline, self.host = limits, deadline, host
        self.window_start = time.monotonic()
        self.window_bytes = 0

    def count(self, size: int) -> None:
        self.deadline.check()
        now = time.monotonic()
        self.window_bytes += size
        elapsed = now - self.window_start
        if elapsed >= self.limits.rate_window:
            if self.window_bytes < self.limits.min_rate * elapsed:
                raise SyncError(
                    f"{self.host} sent {self.window_bytes:,} bytes in {elapsed:.0f} s, under the "
                    f"minimum of {self.limits.min_rate:,.0f} bytes a second: stopped "
                    "(the installed answers are unchanged)",
                    "slow",
                )
            self.window_start, self.window_bytes = now, 0


class HttpSource:
    """A feed on a web server, CDN or object store."""

    def __init__(self, url: str, limits: NetLimits, deadline: Deadline) -> None:
        self.location = url
        self.base = url if url.endswith("/") else url + "/"
        self.limits = limits
        self.deadline = deadline

    def _request(
        self,
        name: str,
        headers: dict[str, str],
        limit_at: Deadline,
        body: Callable[[http.client.HTTPResponse, Meter], int | bytes],
    ) -> int | bytes:
        """One GET, bounded by `limit_at`; `body` reads the response under the watchdog."""
        url = urllib.parse.urljoin(self.base, name)
        host = urllib.parse.urlsplit(url).netloc
        watch = Watchdog()
        opener = urllib.request.build_opener(
            _HttpHandler(watch), _HttpsHandler(watch), _redirects(self.limits.max_redirects)
        )
        request = urllib.request.Request(
            url,
            headers={
                "User-Agent": f"patient-answers/{__version__}",
                "Accept-Encoding": "identity",
                **headers,
            },
        )
        stalled = TransientError(
            f"{host} did not answer within {self.limits.stall_seconds:g} s", "offline"
        )
        late = limit_at.error()
        if limit_at.remaining() <= self.limits.stall_seconds:
            watch.arm(limit_at.remaining(), late)
        else:
            watch.arm(self.limits.stall_seconds, stalled)
        try:
            try:
                resp = opener.open(request, timeout=self.limits.stall_seconds)
            except urllib.error.HTTPError as exc:
                exc.close()
                raise self._http_error(url, host, exc.code) from None
            with resp:
                watch.arm(limit_at.remaining(), late)
                return body(resp, Meter(self.limits, limit_at, host))
        except SyncError:
            if watch.fired is not None:
                raise watch.fired from None
            raise
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if watch.fired is not None:
                raise watch.fired from None
            reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            raise TransientError(f"cannot read from {host}: {why(reason)}", "offline") from None
        finally:
            watch.disarm()

    def _http_error(self, url: str, host: str, code: int) -> SyncError:
        if code in (404, 410):
            return NotFound(f"{url} not found ({_phrase(code)})")
        if code == 416:
            return RangeNotSatisfiable(f"{url}: HTTP 416")
        if 300 <= code < 400:
            return SyncError(
                f"{host} redirected too many times or in a loop ({_phrase(code)}): stopped",
                "unavailable",
            )
        if code == 429 or code >= 500:
            return TransientError(f"{host} answered {_phrase(code)}", "unavailable")
        return SyncError(f"{url}: {_phrase(code)}", "unavailable")

    def read(self, name: str, limit: int) -> bytes:
        """GET a small file (feed.json, its signature), never caching, refusing big ones."""
        seconds = min(self.limits.small_file_seconds, self.deadline.remaining())
        limit_at = Deadline(seconds, f"reading {name}")

        def body(resp: http.client.HTTPResponse, meter: Meter) -> bytes:
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise SyncError(
                    f"{name} is {int(length):,} bytes, over the {limit:,}-byte limit: refusing",
                    "oversized",
                )
            parts: list[bytes] = []
            have = 0
            while have <= limit:
                chunk = resp.read1(min(CHUNK, limit + 1 - have))
                if not chunk:
                    break
                parts.append(chunk)
                have += len(chunk)
                meter.count(len(chunk))
            if have > limit:
                raise SyncError(f"{name} is over the {limit:,}-byte limit: refusing", "oversized")
            return b"".join(parts)

        data = self._request(name, {"Cache-Control": "no-cache"}, limit_at, body)
        assert isinstance(data, bytes)
        return data

    def fetch_to(self, name: str, part: Path, size: int, progress: ByteProgress) -> int:
        """Download into `part`, asking for the rest with an HTTP Range when it holds a start."""
        have = part.stat().st_size if part.exists() else 0
        if have >= size:
            return 0

        def body(resp: http.client.HTTPResponse, meter: Meter) -> int:
            start, mode = have, "ab"
            if have and resp.status == 206:
                if _range_start(resp.headers.get("Content-Range", "")) != have:
                    part.unlink(missing_ok=True)
                    raise TransientError(
                        f"the server resumed {name} at the wrong place (a bad Content-Range); "
                        "starting it again"
                    )
            else:
                start, mode = 0, "wb"

            def read(count: int) -> bytes:
                chunk = resp.read1(count)
                if chunk:
                    meter.count(len(chunk))
                return chunk

            return write_stream(read, part, mode, start, size, name, progress)

        try:
            moved = self._request(
                name, {"Range": f"bytes={have}-"} if have else {}, self.deadline, body
            )
        except RangeNotSatisfiable as exc:
            part.unlink(missing_ok=True)
            raise SyncError(
                f"{name} on the server is shorter than the feed says: refusing", "corrupt"
            ) from exc
        assert isinstance(moved, int)
        return moved


def _range_start(content_range: str) -> int | None:
    """The first byte of `bytes START-END/TOTAL`."""
    try:
        return int(content_range.split()[1].split("-")[0])
    except (IndexError, ValueError):
        return None
