"""A real threaded HTTP server on 127.0.0.1 for the sync tests, with fault injection."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class Request:
    """One request the server saw."""

    path: str
    range: str | None


@dataclass
class Faults:
    """One-shot misbehaviour, by request path."""

    drop_after: dict[str, int] = field(default_factory=dict)  # send N bytes, then hang up
    status: dict[str, list[int]] = field(default_factory=dict)  # answer these codes first
    ignore_range: bool = False
    always_drop_after: dict[str, int] = field(default_factory=dict)  # every time, not once
    # Hostile servers (every request to the path, not one-shot):
    redirect: dict[str, str] = field(default_factory=dict)  # 302 to this Location
    trickle: dict[str, float] = field(default_factory=dict)  # one body byte every N seconds
    trickle_headers: dict[str, float] = field(default_factory=dict)  # one header byte every N s
    stall: set[str] = field(default_factory=set)  # headers, then silence
    wrong_range: bool = False  # a 206 whose Content-Range starts one byte late
    raw: dict[str, bytes] = field(default_factory=dict)  # these bytes instead of HTTP, then close
    reason: dict[str, tuple[int, str]] = field(default_factory=dict)  # status with this phrase


class FeedHandler(BaseHTTPRequestHandler):
    """Serves files under server.root with HTTP Range, recording requests and injecting faults."""

    server: FeedServer  # type: ignore[assignment]
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path = self.path.split("?")[0].lstrip("/")
        self.server.requests.append(Request(path, self.headers.get("Range")))
        faults = self.server.faults
        codes = faults.status.get(path)
        if codes:
            self._plain(codes.pop(0))
            return
        if self._hostile(path, faults):
            return
        target = (self.server.root / path).resolve()
        if not target.is_file() or self.server.root.resolve() not in target.parents:
            self._plain(404)
            return
        data = target.read_bytes()
        start = 0
        header = self.headers.get("Range")
        if header and not faults.ignore_range and header.startswith("bytes="):
            start = int(header[6:].split("-")[0])
            if start >= len(data):
                self._plain(416)
                return
            self.send_response(206)
            shown = start + 1 if faults.wrong_range else start
            self.send_header("Content-Range", f"bytes {shown}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        body = data[start:]
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        if path in faults.trickle:
            self._drip(body, faults.trickle[path])
            return
        if path in faults.stall:
            self.wfile.flush()
            self.server.stopping.wait(120)
            return
        cut = faults.drop_after.pop(path, faults.always_drop_after.get(path))
        if cut is not None:
            self.wfile.write(body[:cut])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.wfile.write(body)

    def _hostile(self, path: str, faults: Faults) -> bool:
        """The whole-response faults; True when one answered the request."""
        if path in faults.redirect:
            self.send_response(302)
            self.send_header("Location", faults.redirect[path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        if path in faults.raw:
            self.wfile.write(faults.raw[path])
            self.close_connection = True
            return True
        if path in faults.reason:
            code, phrase = faults.reason[path]
            self.send_response(code, phrase)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        if path in faults.trickle_headers:
            self.close_connection = True
            self._drip(
                b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 100_000, faults.trickle_headers[path]
            )
            return True
        return False

    def _drip(self, data: bytes, delay: float) -> None:
        """Send one byte every `delay` seconds until done, the client leaves, or shutdown."""
        for offset in range(len(data)):
            try:
                self.wfile.write(data[offset : offset + 1])
                self.wfile.flush()
            except OSError:
                return
            if self.server.stopping.wait(delay):
                return
        self.close_connection = True

    def _plain(self, code: int) -> None:
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()


class FeedServer(ThreadingHTTPServer):
    """A threaded HTTP server for one test."""

    daemon_threads = True

    def __init__(self, root: Path) -> None:
        super().__init__(("127.0.0.1", 0), FeedHandler)
        self.root = root
        self.requests: list[Request] = []
        self.faults = Faults()
        self.stopping = threading.Event()

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up early (a refused pack) is expected: stay quiet about it."""
        import sys

        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/feed/"

    def paths(self) -> list[str]:
        """Paths requested so far."""
        return [r.path for r in self.requests]
