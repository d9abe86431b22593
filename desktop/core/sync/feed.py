"""The feed manifest (DESIGN section 5): parse strictly, write canonically."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from desktop.core.sync.errors import SyncError
from desktop.core.sync.limits import MAX_VERSION

FORMAT = 1
FEED_FILE = "feed.json"
SIG_FILE = "feed.json.sig"
MAX_FEED_BYTES = 4 * 1024 * 1024
MAX_SIG_BYTES = 1024
MAX_PACK_BYTES = 1024 * 1024 * 1024
FEED_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
PACK_PATH = re.compile(r"^packs/([0-9a-f]{64})\.jsonl\.gz$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
MAX_DELTAS = 1000  # a delta per publish; older ones are pruned long before this
MAX_TEXT = {"publisher": 200, "published_at": 64, "key_id": 64}


@dataclass(frozen=True)
class PackRef:
    """A pack named in feed.json: where it is, its sha256 and size; from/to for deltas."""

    path: str
    sha256: str
    size: int
    to: int
    from_: int | None = None  # None for a snapshot

    def to_json(self) -> dict[str, object]:
        """The feed.json form."""
        head: dict[str, object] = (
            {"version": self.to} if self.from_ is None else {"from": self.from_, "to": self.to}
        )
        return {**head, "path": self.path, "sha256": self.sha256, "size": self.size}


@dataclass(frozen=True)
class Feed:
    """A verified feed.json."""

    feed: str
    publisher: str
    latest: int
    published_at: str
    snapshot: PackRef
    deltas: tuple[PackRef, ...] = ()
    key_id: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        """Canonical bytes to sign (stable key order, UTF-8, trailing newline)."""
        data = {
            "format": FORMAT,
            "feed": self.feed,
            "publisher": self.publisher,
            "latest": self.latest,
            "published_at": self.published_at,
            "key_id": self.key_id,
            "snapshot": self.snapshot.to_json(),
            "deltas": [d.to_json() for d in self.deltas],
        }
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    def chain(self, installed: int) -> list[PackRef] | None:
        """The shortest run of deltas from `installed` to `latest`, or None when there is none."""
        frontier: dict[int, list[PackRef]] = {installed: []}
        seen = {installed}
        while frontier:
            step: dict[int, list[PackRef]] = {}
            for version, path in frontier.items():
                for d in self.deltas:
                    if d.from_ == version and d.to not in seen and d.to <= self.latest:
                        if d.to == self.latest:
                            return path + [d]
                        seen.add(d.to)
                        step[d.to] = path + [d]
            frontier = step
        return None


def _int(data: dict[str, object], key: str, where: str, top: int = MAX_VERSION) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise SyncError(f"feed.json: {where}{key} must be a whole number", "invalid")
    if value > top:
        raise SyncError(
            f"feed.json: {where}{key} is beyond {top:,}, which no genuine feed reaches: refusing",
            "invalid",
        )
    return value


def _text(data: dict[str, object], key: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > MAX_TEXT[key]:
        raise SyncError(
            f"feed.json: {key} must be text of at most {MAX_TEXT[key]} characters", "invalid"
        )
    return value


def _pack(data: object, snapshot: bool) -> PackRef:
    where = "snapshot." if snapshot else "deltas[]."
    if not isinstance(data, dict):
        raise SyncError(f"feed.json: {where.rstrip('.')} must be an object", "invalid")
    path, sha = data.get("path"), data.get("sha256")
    if not isinstance(path, str) or not PACK_PATH.match(path):
        raise SyncError(f"feed.json: {where}path is not packs/<sha256>.jsonl.gz", "invalid")
    if not isinstance(sha, str) or not SHA256.match(sha) or sha not in path:
        raise SyncError(f"feed.json: {where}sha256 does not name the pack", "invalid")
    size = _int(data, "size", where, top=1 << 62)
    if size > MAX_PACK_BYTES:
        raise SyncError(
            f"feed.json: pack {sha[:12]} is {size:,} bytes, over the "
            f"{MAX_PACK_BYTES:,}-byte limit: refusing",
            "oversized",
        )
    if snapshot:
        return PackRef(path, sha, size, to=_int(data, "version", where))
    start, end = _int(data, "from", where), _int(data, "to", where)
    if end <= start:
        raise SyncError(f"feed.json: a delta goes from {start} to {end}", "invalid")
    return PackRef(path, sha, size, to=end, from_=start)


def parse_feed(raw: bytes) -> Feed:
    """Parse verified feed.json bytes; anything malformed raises SyncError(kind='invalid')."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise SyncError(f"feed.json is not valid JSON: {exc}", "invalid") from exc
    except RecursionError as exc:
        raise SyncError("feed.json is nested too deeply: refusing", "invalid") from exc
    if not isinstance(data, dict):
        raise SyncError("feed.json must hold a JSON object", "invalid")
    if data.get("format") != FORMAT:
        shown = data.get("format") if isinstance(data.get("format"), int) else "(not a number)"
        raise SyncError(
            f"feed.json format {shown} is not supported "
            f"(this app reads format {FORMAT}); update the app",
            "invalid",
        )
    feed_id = data.get("feed")
    if not isinstance(feed_id, str) or not FEED_ID.match(feed_id) or feed_id == "local":
        raise SyncError("feed.json: the feed id is not valid", "invalid")
    latest = _int(data, "latest", "")
    snapshot = _pack(data.get("snapshot"), snapshot=True)
    if snapshot.to != latest or latest < 1:
        raise SyncError("feed.json: the snapshot is not of the latest version", "invalid")
    deltas = data.get("deltas", [])
    if not isinstance(deltas, list):
        raise SyncError("feed.json: deltas must be a list", "invalid")
    if len(deltas) > MAX_DELTAS:
        raise SyncError(f"feed.json lists more than {MAX_DELTAS:,} deltas: refusing", "invalid")
    known = {
        "format",
        "feed",
        "publisher",
        "latest",
        "published_at",
        "key_id",
        "snapshot",
        "deltas",
    }
    return Feed(
        feed=feed_id,
        publisher=_text(data, "publisher"),
        latest=latest,
        published_at=_text(data, "published_at"),
        snapshot=snapshot,
        deltas=tuple(_pack(d, snapshot=False) for d in deltas),
        key_id=_text(data, "key_id"),
        extra={k: v for k, v in data.items() if k not in known},
    )
