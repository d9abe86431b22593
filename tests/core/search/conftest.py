"""Fixtures shared by the search tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from db.store import ContentStore
from desktop.core.paths import DataDir
from desktop.core.search import SearchService, update_index


@pytest.fixture
def updated_service(sample_data: DataDir) -> Iterator[SearchService]:
    """Sample content with a second segment and deleted documents (an incremental update):
    what a reader's index looks like after a content update, not just after a build."""
    with ContentStore(sample_data.content_db, readonly=True) as store:
        ids = sorted(a.id for a in store.answers())
    update_index(sample_data, changed_ids=ids[::3], deleted_ids=ids[1::7])
    with SearchService(sample_data.content_db, sample_data.index_dir) as service:
        yield service
