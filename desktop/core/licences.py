"""Which licences the installed answers carry (for the About box's attributions). Read-only."""

from __future__ import annotations

from db.records import LicenceCount
from db.store import ContentStore

__all__ = ["LicenceCount", "content_licences"]


def content_licences(store: ContentStore) -> list[LicenceCount]:
    """Licences of published answers, most used first (answers without one are left out)."""
    return store.licence_counts()
