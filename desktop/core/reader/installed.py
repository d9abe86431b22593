"""What is installed: content version, counts, feed and dates, and the content's licences.

`info` prints these facts and the window shows them (status bar, About box): one reading,
worded once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.paths import DataDir
from desktop.core.reader.dates import day_text

if TYPE_CHECKING:
    from db.store import ContentStore


def open_content(content_db: Path) -> ContentStore:
    """A read-only store of its own (each worker opens one; db.store loads on first use)."""
    from db.store import ContentStore

    return ContentStore(content_db, readonly=True)


@dataclass(frozen=True)
class Installed:
    """The installed content, as the reader is told about it."""

    content_version: int
    answers: int
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def updated(self) -> str | None:
        """When the content last changed (an update, else its build), ISO."""
        return self.meta.get("updated_at") or self.meta.get("built_at")

    def version_line(self) -> str:
        """ "Content version 3 · 12 May 2026" (the status bar)."""
        when = day_text(self.updated)
        return f"Content version {self.content_version}" + (f" · {when}" if when else "")


def read_installed(store: ContentStore) -> Installed:
    """The facts from an open store (cheap: counts and meta, no topic list)."""
    return Installed(store.content_version(), store.count_answers(), store.all_meta())


def info_facts(data_dir: DataDir, app_version: str) -> dict[str, Any]:
    """Everything `info` reports, by name (its --json object). Raises StoreError."""
    from desktop.core.search.index import index_state

    with open_content(data_dir.content_db) as store:
        installed = read_installed(store)
        return {
            "app_version": app_version,
            "answers": installed.answers,
            "topics": len(store.topics()),
            "synonyms": len(store.synonyms()),
            "content_version": installed.content_version,
            "feed": installed.meta.get("feed"),
            "built_at": installed.meta.get("built_at"),
            "updated_at": installed.meta.get("updated_at"),
            "data_dir": str(data_dir.root),
            "content_db": str(data_dir.content_db),
            "index_dir": str(data_dir.index_dir),
            "index_status": index_state(data_dir.index_dir, installed.content_version).status,
        }


def load_licences(content_db: Path) -> tuple[tuple[str, str, int], ...]:
    """(licence, source, answers) of the installed content, for the About box."""
    from desktop.core.licences import content_licences

    with open_content(content_db) as store:
        return tuple((x.licence, x.source, x.count) for x in content_licences(store))
