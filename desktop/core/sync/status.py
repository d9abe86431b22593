"""The words the window shows about updates (Qt-free, so they are tested without a window)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from desktop.core.sync.apply import CHANGE_KINDS, Change, change_kind
from desktop.core.sync.plain import plain

MAX_STATUS = 90
# Short words for failures whose full reason (the tooltip) is long: always plain text.
KIND_LINES = {
    "slow": "Update stopped: the server is too slow",
    "timeout": "Update stopped: it took too long",
    "untrusted": "Update not installed: signed by a key this computer does not trust",
    "disk": "Update not installed: the disk is full or cannot be written",
    "index": "Answers updated; search will catch up at the next update",
    "cancelled": "Update cancelled",
}


def _parse(when: str | None) -> datetime | None:
    if not when:
        return None
    try:
        moment = datetime.fromisoformat(when)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def day(when: str | None) -> str:
    """12 May 2026 (or '' when unknown)."""
    moment = _parse(when)
    return f"{moment.day} {moment:%B %Y}" if moment else ""


def ago(when: str | None, now: datetime | None = None) -> str:
    """just now, 5 minutes ago, 3 hours ago, yesterday, 3 days ago, on 12 May 2026."""
    moment = _parse(when)
    if moment is None:
        return ""
    seconds = ((now or datetime.now(UTC)) - moment).total_seconds()
    if seconds < 90:
        return "just now"
    if seconds < 3600:
        return f"{round(seconds / 60)} minutes ago"
    if seconds < 86400:
        hours = round(seconds / 3600)
        return "1 hour ago" if hours == 1 else f"{hours} hours ago"
    days = int(seconds // 86400)
    if days == 1:
        return "yesterday"
    if days < 31:
        return f"{days} days ago"
    return f"on {day(when)}"


def last_changes(meta: dict[str, str]) -> tuple[int, list[Change]]:
    """How many answers the last update changed, and the listed ones."""
    try:
        data = json.loads(meta.get("last_changes") or "{}")
        items = [
            Change(str(i["id"]), str(i["question"]), change_kind(i["change"]))
            for i in data.get("items", [])
        ]
        count = sum(int(data.get(k, 0)) for k in CHANGE_KINDS)
    except (ValueError, TypeError, KeyError, AttributeError):
        return 0, []
    return count, items


def content_date(meta: dict[str, str]) -> str:
    """When the installed content was published, installed or built."""
    return day(meta.get("feed_published_at") or meta.get("updated_at") or meta.get("built_at"))


def updated_line(meta: dict[str, str], now: datetime | None = None) -> str:
    """ "Updated 3 days ago · 12 answers changed", or "Content from 12 May 2026" if never."""
    if not meta.get("updated_at"):
        when = content_date(meta)
        return f"Content from {when}" if when else ""
    count, _ = last_changes(meta)
    noun = "answer" if count == 1 else "answers"
    return f"Updated {ago(meta['updated_at'], now)} · {count:,} {noun} changed"


def offline_line(meta: dict[str, str]) -> str:
    """ "Offline — content from 12 May 2026"."""
    when = content_date(meta)
    return f"Offline — content from {when}" if when else "Offline"


def failed_line(kind: str, reason: str, meta: dict[str, str]) -> str:
    """The quiet, one-line status after a failed check."""
    if kind == "offline":
        return offline_line(meta)
    if kind == "readonly":
        return "Updates are managed for this computer"
    if kind == "busy":
        return "An update is already being installed"
    if kind == "config" and "no feed configured" in reason:
        return "Updates are not set up"
    if kind in KIND_LINES:
        return KIND_LINES[kind]
    text = f"Update failed: {plain(reason)}"
    return text if len(text) <= MAX_STATUS else text[: MAX_STATUS - 1].rstrip() + "…"


def progress_line(stage: str, done: int, total: int | None) -> str:
    """What the status bar shows while a sync runs."""
    if stage == "download" and total:
        return f"Downloading update… {min(100, 100 * done // total)} %"
    if stage == "apply":
        return "Installing update…"
    if stage == "index":
        return "Updating search…"
    if stage == "retry":
        return "Connection problem, trying again…"
    return "Checking for updates…"
