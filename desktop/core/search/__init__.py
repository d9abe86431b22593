"""Full-text search over the answers (Whoosh): index, query building, results."""

from desktop.core.search.index import ensure_index, index_state, rebuild_index, update_index
from desktop.core.search.service import SearchHit, SearchResults, SearchService

__all__ = [
    "SearchService",
    "SearchResults",
    "SearchHit",
    "ensure_index",
    "index_state",
    "rebuild_index",
    "update_index",
]
