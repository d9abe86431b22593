"""SearchService: the one entry point the CLI and the window use to search."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import collectors, sorting
from whoosh import query as q
from whoosh.scoring import BM25F

from db.store import ContentStore
from desktop.core.paths import DataDir
from desktop.core.search.index import live_path, open_live_index, usable_index_root
from desktop.core.search.query import QueryPlan, Vocabulary, build_query, plan_query
from desktop.core.search.rerank import rerank
from desktop.core.search.snippets import make_snippet
from desktop.core.search.synonyms import SynonymMap

FACET_FIELDS = ("topic", "source", "confidence")
RERANK_POOL = 50


@dataclass(frozen=True)
class SearchHit:
    """One result row."""

    id: str
    question: str
    snippet: str
    score: float
    topics: tuple[str, ...]
    confidence: str | None
    source: str


@dataclass(frozen=True)
class SearchResults:
    """A page of results with the total, time taken, suggestion and filter counts."""

    query: str
    total: int
    took_ms: float
    suggestion: str | None
    results: tuple[SearchHit, ...]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    partial: bool = False

    def to_json(self) -> dict[str, object]:
        """The `search --json` shape of DESIGN section 6."""
        return {
            "query": self.query,
            "total": self.total,
            "took_ms": round(self.took_ms, 1),
            "suggestion": self.suggestion,
            "results": [
                {
                    "id": h.id,
                    "question": h.question,
                    "snippet": h.snippet,
                    "score": round(h.score, 4),
                    "topics": list(h.topics),
                }
                for h in self.results
            ],
        }


class SearchService:
    """Holds an open searcher (reused across queries) and reopens it when the index moves."""

    def __init__(self, content_db: Path, index_root: Path, *, time_budget: float = 0.2) -> None:
        self.content_db = content_db
        self.index_root = index_root
        self.time_budget = time_budget
        self._lock = threading.RLock()
        self._store: ContentStore | None = None
        self._searcher = None
        self._ix = None
        self._opened_path: Path | None = None
        self._opened_version: int | None = None
        self._synonyms = SynonymMap([])
        self._vocab: Vocabulary | None = None
        self._open()

    @classmethod
    def for_data_dir(cls, data_dir: DataDir, **kwargs: float) -> SearchService:
        """Open search over a data dir, building the index first if it is missing or behind
        (in a per-user folder when the content folder is read-only)."""
        return cls(data_dir.content_db, usable_index_root(data_dir), **kwargs)

    def _open(self) -> None:
        self.close()
        self._store = ContentStore(self.content_db, readonly=True)
        self._ix = open_live_index(self.index_root)
        self._searcher = self._ix.searcher(weighting=BM25F(B=0.75, K1=1.2))
        self._opened_path = live_path(self.index_root)
        self._opened_version = self._store.content_version()
        self._synonyms = SynonymMap(self._store.synonyms())
        self._vocab = Vocabulary(self._searcher)

    def refresh(self) -> bool:
        """Pick up a swapped-in index or new content; cheap when nothing changed."""
        with self._lock:
            assert self._store is not None and self._searcher is not None
            moved = live_path(self.index_root) != self._opened_path
            version_changed = self._store.content_version() != self._opened_version
            if moved or version_changed:
                self._open()
                return True
            if not self._searcher.up_to_date():
                self._searcher = self._searcher.refresh()
                self._vocab = Vocabulary(self._searcher)
                return True
            return False

    def close(self) -> None:
        """Release the searcher and the database connection."""
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        if self._ix is not None:
            self._ix.close()
            self._ix = None
        if self._store is not None:
            self._store.close()
            self._store = None

    @property
    def store(self) -> ContentStore:
        assert self._store is not None
        return self._store

    def plan(self, text: str, *, as_you_type: bool = False) -> QueryPlan:
        """How a text would be searched (for tests and debugging)."""
        assert self._vocab is not None
        return plan_query(text, self._vocab, self._synonyms, as_you_type=as_you_type)

    def search(
        self,
        text: str,
        *,
        limit: int = 10,
        topic: str | None = None,
        source: str | None = None,
        confidence: str | None = None,
        as_you_type: bool = False,
        facets: bool = False,
    ) -> SearchResults:
        """Search any text; never raises for what a person typed."""
        started = time.perf_counter()
        with self._lock:
            plan = self.plan(text, as_you_type=as_you_type)
            if plan.is_empty:
                return SearchResults(text, 0, _ms(started), plan.suggestion, ())
            whoosh_query = build_query(plan)
            filters = [
                q.Term(f, v)
                for f, v in (("topic", topic), ("source", source), ("confidence", confidence))
                if v
            ]
            filter_query = (
                None if not filters else (filters[0] if len(filters) == 1 else q.And(filters))
            )
            pool = max(limit, RERANK_POOL)
            results, partial = self._run(whoosh_query, filter_query, pool, facets)
            total = len(results) if not partial else results.estimated_length()
            ranked = rerank(results, plan, pool)[:limit]
            hits = self._hits(ranked, plan)
            facet_counts: dict[str, list[tuple[str, int]]] = {}
            if facets:
                for name in FACET_FIELDS:
                    groups = results.groups(name)
                    facet_counts[name] = sorted(
                        ((k, len(v)) for k, v in groups.items() if k),
                        key=lambda kv: (-kv[1], kv[0]),
                    )
        return SearchResults(
            text, total, _ms(started), plan.suggestion, tuple(hits), facet_counts, partial
        )

    def _run(self, whoosh_query, filter_query, limit, facets):  # type: ignore[no-untyped-def]
        searcher = self._searcher
        assert searcher is not None
        kwargs = {}
        if facets:
            kwargs["groupedby"] = {
                name: sorting.FieldFacet(name, allow_overlap=(name == "topic"))
                for name in FACET_FIELDS
            }
        inner = searcher.collector(limit=limit, terms=False, optimize=False, **kwargs)
        collector = _BudgetCollector(inner, filter_query, time.perf_counter() + self.time_budget)
        try:
            searcher.search_with_collector(whoosh_query, collector)
            return collector.results(), False
        except collectors.TimeLimit:
            return collector.results(), True

    def _hits(self, top: list[tuple[str, float]], plan: QueryPlan) -> list[SearchHit]:
        assert self._store is not None
        answers = {a.id: a for a in self._store.answers([i for i, _ in top])}
        hits = []
        for answer_id, score in top:
            answer = answers.get(answer_id)
            if answer is None:  # withdrawn since the index was built
                continue
            text = f"{answer.summary}\n\n{answer.body}" if answer.summary else answer.body
            hits.append(
                SearchHit(
                    answer.id,
                    answer.question,
                    make_snippet(text, plan.highlight_terms),
                    float(score or 0.0),
                    answer.topics,
                    answer.confidence,
                    answer.source,
                )
            )
        return hits

    def __enter__(self) -> SearchService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _BudgetCollector(collectors.FilterCollector):
    """Filters by topic/source/confidence and stops at the time budget (keeping what it has).

    Whoosh's own TimeLimitCollector skips the filter of a wrapped FilterCollector and uses
    SIGALRM, which only works on the main thread; this does both jobs, on any thread.
    """

    def __init__(self, child, allow, deadline: float) -> None:  # type: ignore[no-untyped-def]
        super().__init__(child, allow=allow)
        self.deadline = deadline

    def collect_matches(self) -> None:
        child = self.child
        allow = self._allow
        for n, sub_docnum in enumerate(child.matches()):
            if n % 256 == 0 and time.perf_counter() > self.deadline:
                raise collectors.TimeLimit
            if allow is not None and self.offset + sub_docnum not in allow:
                self.filtered_count += 1
                continue
            child.collect(sub_docnum)


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
