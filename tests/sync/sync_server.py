"""A real threaded HTTP server on 127.0.0.1 for the sync tests, with fault injection."""

from __future__ import annotations

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
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        body = data[start:]
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        cut = faults.drop_after.pop(path, None)
        if cut is not None:
            self.wfile.write(body[:cut])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.wfile.write(body)

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

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up early (a refused pack) is expected: stay quiet about it."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/feed/"

    def paths(self) -> list[str]:
        """Paths requested so far."""
        return [r.path for r in self.requests]
