"""Which licences the installed answers carry (for the About box's attributions). Read-only."""

from __future__ import annotations

from dataclasses import dataclass

from db.store import ContentStore


@dataclass(frozen=True)
class LicenceCount:
    """A licence text, the source that uses it, and how many published answers carry it."""

    licence: str
    source: str
    count: int


def content_licences(store: ContentStore) -> list[LicenceCount]:
    """Licences of published answers, most used first (answers without one are left out)."""
    rows = store.conn.execute(
        "SELECT license, source, count(*) FROM answers WHERE status = 'published' "
        "AND license != '' GROUP BY license, source ORDER BY count(*) DESC, source"
    )
    return [LicenceCount(licence, source, count) for licence, source, count in rows]
