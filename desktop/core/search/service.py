"""SearchService: the one entry point the CLI and the window use to search (`run`)."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

from whoosh import sorting
from whoosh.index import Index
from whoosh.query import Query
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from db.store import ContentStore
from desktop.core.paths import DataDir
from desktop.core.reading_level import ReadingLevel, levels_for
from desktop.core.search import query
from desktop.core.search.aliases import OPENING, mined_aliases
from desktop.core.search.evaluate import Evaluator
from desktop.core.search.filters import FilterNames, filter_query
from desktop.core.search.grouping import Cards, Entry, group_ranked
from desktop.core.search.index import live_path, open_live_index, usable_index_root
from desktop.core.search.query import QueryPlan, Vocabulary, plan_query
from desktop.core.search.query_tree import build_query
from desktop.core.search.ranking import MAX_POOLS, TopRanking
from desktop.core.search.rerank import rerank, rerank_inputs, type_cues
from desktop.core.search.results import (
    AlsoAnswer,
    FilterNote,
    SearchHit,
    SearchOptions,
    SearchResults,
)
from desktop.core.search.snippets import snippet_parts, to_html
from desktop.core.search.synonyms import SynonymMap

FACET_FIELDS = ("topic", "source", "confidence")
# Candidates re-ranked per query (more when more entries are asked for). Ties with the last
# one are all taken, so the cut never depends on the index's internal order.
RERANK_POOL = 50
POOL_PER_ENTRY = 3
# Answers looked at to complete the shown entries' groups with lower-ranked publishers.
GROUP_TAIL = 2000


class SearchService:
    """Holds an open searcher (reused across queries) and reopens it when the index moves."""

    def __init__(self, content_db: Path, index_root: Path) -> None:
        self.content_db = content_db
        self.index_root = index_root
        self._lock = threading.RLock()
        self._store: ContentStore | None = None
        self._searcher: Searcher | None = None
        self._ix: Index | None = None
        self._opened_path: Path | None = None
        self._opened_version: int | None = None
        self._synonyms = SynonymMap([])
        self._vocab: Vocabulary | None = None
        self._evaluator: Evaluator | None = None
        self._cards: Cards | None = None
        self._names: FilterNames | None = None
        self._open()

    @classmethod
    def for_data_dir(cls, data_dir: DataDir) -> SearchService:
        """Open search over a data dir, building the index first if it is missing or behind
        (in a per-user folder when the content folder is read-only)."""
        return cls(data_dir.content_db, usable_index_root(data_dir))

    def _open(self) -> None:
        self.close()
        self._store = ContentStore(self.content_db, readonly=True)
        self._ix = open_live_index(self.index_root)
        self._searcher = self._ix.searcher(weighting=BM25F(B=query.BM25_B, K1=query.BM25_K1))
        self._opened_path = live_path(self.index_root)
        self._opened_version = self._store.content_version()
        self._synonyms = SynonymMap(
            self._store.synonyms() + mined_aliases(self._store.overview_openings(OPENING))
        )
        self._use_searcher(self._searcher)

    def _use_searcher(self, searcher: Searcher) -> None:
        """What is read once per opened index (not on a keystroke)."""
        self._searcher = searcher
        self._vocab = Vocabulary(searcher)
        self._evaluator = Evaluator(searcher)
        self._cards = Cards.read(searcher.reader())
        self._names = FilterNames(searcher)

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
                self._use_searcher(self._searcher.refresh())
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
        """`run` with the options as keywords."""
        options = SearchOptions(limit, topic, source, confidence, as_you_type, facets)
        return self.run(text, options)

    def run(self, text: str, options: SearchOptions | None = None) -> SearchResults:
        """Search any text: one entry per question, best first; never raises for what a
        person typed. The same text and options give the same entries in the same order
        on any machine, busy or not (work is capped by counts, and `partial` says so)."""
        options = options or SearchOptions()
        started = time.perf_counter()
        with self._lock:
            assert self._names is not None and self._searcher is not None
            plan = self.plan(text, as_you_type=options.as_you_type)
            filters, notes = filter_query(
                self._names, options.topic, options.source, options.confidence
            )
            if notes or plan.is_empty:
                return self._empty(text, started, plan, notes)
            query = build_query(plan)
            facet_counts: dict[str, list[tuple[str, int]]] = {}
            docnums: Sequence[int]
            by_rank: Sequence[float]  # the score of each of docnums
            cards = self.cards
            if filters is None and not options.facets:
                assert self._evaluator is not None
                # what Whoosh's search gives (docnums best first, and scores), faster; only
                # the ranks read below are sorted
                head = max(GROUP_TAIL, pool_size(options.limit))
                ranking = self._evaluator.top(query, head)
                docnums = ranking
                if ranking.entries is None:
                    ranking.entries = cards.count_entries(ranking.members)
                total = ranking.entries
                ranked = self._kept_pool(ranking, plan, options.limit)
            else:
                items, facet_counts = self._whoosh_search(query, filters, options.facets)
                docnums, by_rank = [d for _, d in items], [s for s, _ in items]
                total = cards.count_entries(docnums)
                ranked = self._rank(docnums, by_rank, plan, options.limit)
            entries = group_ranked(
                cards, [d for d, _ in ranked], options.limit, docnums[:GROUP_TAIL]
            )
            scores = dict(ranked)
            hits = self._hits(entries, scores, plan)
            reading = levels_for(self.store, [h.id for h in hits])
            if options.prefer_easier:
                hits = easier_first(hits, reading)
        return SearchResults(
            text,
            total,
            _ms(started),
            plan.suggestion,
            tuple(hits),
            facet_counts,
            plan.capped,
            reading=reading,
        )

    def _whoosh_search(
        self, query: Query, filters: Query | None, facets: bool
    ) -> tuple[list[tuple[float, int]], dict[str, list[tuple[str, int]]]]:
        """Whoosh's own search, for filtered or faceted searches: (score, docnum) of every
        match best first, and the facet counts."""
        assert self._searcher is not None
        kwargs = {}
        if facets:
            kwargs["groupedby"] = {
                name: sorting.FieldFacet(name, allow_overlap=(name == "topic"))
                for name in FACET_FIELDS
            }
        results = self._searcher.search(query, limit=None, filter=filters, terms=False, **kwargs)
        counts: dict[str, list[tuple[str, int]]] = {}
        if facets:
            for name in FACET_FIELDS:
                groups = results.groups(name)
                counts[name] = sorted(
                    ((k, len(v)) for k, v in groups.items() if k),
                    key=lambda kv: (-kv[1], kv[0]),
                )
        return list(results.top_n), counts

    @property
    def cards(self) -> Cards:
        """Id, publisher and group of every indexed answer (read once per opened index)."""
        if self._cards is None:
            assert self._searcher is not None
            self._cards = Cards.read(self._searcher.reader())
        return self._cards

    def _empty(
        self, text: str, started: float, plan: QueryPlan, notes: list[FilterNote]
    ) -> SearchResults:
        suggestion = None if notes else plan.suggestion
        return SearchResults(
            text, 0, _ms(started), suggestion, (), partial=plan.capped, notes=tuple(notes)
        )

    def _kept_pool(
        self, ranking: TopRanking, plan: QueryPlan, limit: int
    ) -> list[tuple[int, float]]:
        """`_rank` of a ranking, remembered with it: a kept ranking (Evaluator.top) comes
        back as a person types, asked the same way, and a large pool (thousands of answers
        tied with the last) costs more to re-rank than to look up."""
        key = (pool_size(limit), rerank_inputs(plan))
        ranked = ranking.pools.get(key)
        if ranked is None:
            if len(ranking.pools) >= MAX_POOLS:
                ranking.pools.clear()
            ranked = ranking.pools[key] = self._rank(ranking, ranking.scores, plan, limit)
        return ranked

    def _rank(
        self, docnums: Sequence[int], by_rank: Sequence[float], plan: QueryPlan, limit: int
    ) -> list[tuple[int, float]]:
        """The best candidates by BM25 (all those tied with the last one too), re-ranked.
        `by_rank[i]` is the score of `docnums[i]`."""
        size = pool_size(limit)
        pool = [
            (d, round(float(s), 9)) for d, s in zip(docnums[:size], by_rank[:size], strict=True)
        ]
        if len(docnums) > size:
            last = pool[-1][1]
            for i in range(size, len(docnums)):
                if round(float(by_rank[i]), 9) != last:
                    break
                pool.append((docnums[i], last))
        cards = self.cards
        return rerank(
            pool,
            plan,
            focus_of=lambda d: cards.focuses[d],
            question_of=lambda d: cards.questions[d],
            qtype_of=lambda d: cards.qtypes[d],
            id_of=lambda d: cards.ids[d],
            cues=type_cues(cards, cards.qtypes, cards.focuses, cards.questions),
        )

    def _hits(
        self, entries: list[Entry], scores: dict[int, float], plan: QueryPlan
    ) -> list[SearchHit]:
        assert self._store is not None and self._searcher is not None
        cards = self.cards
        answers = {a.id: a for a in self._store.answers([cards.ids[e.head] for e in entries])}
        hits = []
        for entry in entries:
            answer = answers.get(cards.ids[entry.head])
            if answer is None:  # withdrawn since the index was built
                continue
            text = f"{answer.summary}\n\n{answer.body}" if answer.summary else answer.body
            passage, matches = snippet_parts(text, plan.highlight_terms)
            also = tuple(
                AlsoAnswer(cards.ids[d], cards.sources[d], cards.questions[d]) for d in entry.also
            )
            hits.append(
                SearchHit(
                    id=answer.id,
                    question=answer.question,
                    snippet=to_html(passage, matches),
                    score=scores.get(entry.head, 0.0),
                    topics=answer.topics,
                    confidence=answer.confidence,
                    source=answer.source,
                    reviewed=answer.reviewed,
                    question_type=answer.question_type,
                    snippet_text=passage,
                    matches=tuple(matches),
                    also=also,
                )
            )
        return hits

    def __enter__(self) -> SearchService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def pool_size(limit: int) -> int:
    """Candidates re-ranked (before ties with the last one) when `limit` entries are asked."""
    return max(RERANK_POOL, limit * POOL_PER_ENTRY)


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0


def easier_first(hits: list[SearchHit], reading: dict[str, ReadingLevel]) -> list[SearchHit]:
    """Within each run of equally relevant entries (the same score), easier reading first;
    the order of everything else is kept (so ties stay deterministic)."""
    out: list[SearchHit] = []
    run: list[SearchHit] = []
    for hit in [*hits, None]:
        if hit is not None and run and round(hit.score, 6) == round(run[0].score, 6):
            run.append(hit)
            continue
        out += sorted(run, key=lambda h: reading[h.id].grade if h.id in reading else 99.0)
        run = [hit] if hit is not None else []
    return out
