"""Full-text search over the answers (Whoosh): index, query building, grouped results."""

from desktop.core.search.index import ensure_index, index_state, rebuild_index, update_index
from desktop.core.search.results import (
    AlsoAnswer,
    FilterNote,
    SearchHit,
    SearchOptions,
    SearchResults,
)
from desktop.core.search.service import SearchService

__all__ = [
    "SearchService",
    "SearchOptions",
    "SearchResults",
    "SearchHit",
    "AlsoAnswer",
    "FilterNote",
    "ensure_index",
    "index_state",
    "rebuild_index",
    "update_index",
]
