"""Every match of a query with its BM25F score, computed the way Whoosh computes it, faster.

Whoosh scores a query by walking a tree of matcher objects one posting at a time; for the
many-clause queries people type that walk, not the arithmetic, is most of a search's time.
Here each term's postings are read and scored in bulk (desktop.core.search.postings; kept
for later queries: "symptom", "treatment" or the prefix being typed come back keystroke
after keystroke), and the query's nodes combine {docnum: score} maps with set operations, so
Python only visits the documents two parts have in common.

The results are Whoosh's to the last bit: the same BM25F formula on the same statistics, and
the same order of floating-point additions (the same trees: Whoosh's huffman-like trees
weighted by estimated size for OR and AND, a left-to-right sum for array ORs, a boost as a
final product). Node types this module does not know (phrases) are scored by Whoosh's own
matcher for that node. tests/core/search/test_evaluate.py checks every match's score
against Whoosh's.
"""

from __future__ import annotations

from bisect import insort_right
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from itertools import repeat
from operator import mul
from typing import Any

from whoosh import query as q
from whoosh.searching import Searcher

from desktop.core.search.ranking import TopRanking
from desktop.core.search.term_scores import TermScores

Scores = dict[int, float]
# Rankings kept between queries (those of KEPT_MIN answers or more), and a bound on their
# total length: 12 bytes an answer, so at most ~6 MB (and the sorted heads).
KEPT_MIN = 5_000
KEPT_RANKS = 500_000
KEPT_ASKED = 1_000  # queries remembered as asked once (kept when asked again)


class _Node:
    """A node of a huffman-like tree, compared as Whoosh compares matchers (never less)."""

    __slots__ = ("weight", "scores")

    def __init__(self, weight: float, scores: Scores) -> None:
        self.weight = weight
        self.scores = scores

    def __lt__(self, other: _Node) -> bool:
        return self.weight < other.weight


def _weighted_tree(
    parts: list[tuple[float, Scores]], join: Callable[[Scores, Scores], Scores]
) -> Scores:
    """whoosh.util.make_weighted_tree: sort by weight (ties keep their order: Whoosh's
    matchers never compare less), join the two lightest, put the join back after its equals."""
    nodes = sorted((_Node(w, s) for w, s in parts), key=lambda n: n.weight)
    while len(nodes) > 1:
        a = nodes.pop(0)
        b = nodes.pop(0)
        insort_right(nodes, _Node(a.weight + b.weight, join(a.scores, b.scores)))
    return nodes[0].scores


def _union(a: Scores, b: Scores) -> Scores:
    """UnionMatcher: a document in both scores a + b. (Only the documents in both are
    visited in Python; float addition is commutative, so a + b is b + a to the bit.)"""
    both = {d: a[d] + b[d] for d in a.keys() & b.keys()}
    out = dict(a)
    out.update(b)
    out.update(both)
    return out


def _add_into(acc: Scores, b: Scores) -> None:
    """acc[d] += b[d] for every d of b (0.0 + s is s), visiting only the common documents."""
    both = {d: acc[d] + b[d] for d in acc.keys() & b.keys()}
    acc.update(b)
    acc.update(both)


def _intersection(a: Scores, b: Scores) -> Scores:
    """IntersectionMatcher: documents in both, scoring a + b."""
    return {d: a[d] + b[d] for d in a.keys() & b.keys()}


def _boosted(scores: Scores, boost: float) -> Scores:
    """WrappingMatcher: each score times the boost (none when the boost is 1)."""
    if boost == 1.0:
        return scores
    return dict(zip(scores, map(mul, scores.values(), repeat(boost)), strict=True))


class Evaluator:
    """Scores queries built by desktop.core.search.query over an open Whoosh searcher."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self.terms = TermScores(searcher)
        self.context = searcher.context()
        self._kept: OrderedDict[Hashable, TopRanking] = OrderedDict()
        self._kept_size = 0
        self._asked: OrderedDict[Hashable, None] = OrderedDict()

    def top_n(self, query: q.Query) -> list[tuple[float, int]]:
        """(score, docnum) of every match, best first, ties by docnum: what
        `searcher.search(query, limit=None).top_n` gives."""
        docnums, by_rank = self.ranking(query)
        return list(zip(by_rank, docnums, strict=True))

    def ranking(self, query: q.Query) -> tuple[Sequence[int], Sequence[float]]:
        """The docnums of `top_n`, and their scores in the same order (looked up when asked:
        a search reads the first few hundred of tens of thousands)."""
        ranking = self.top(query, None)
        return ranking, ranking.scores

    def top(self, query: q.Query, head: int | None) -> TopRanking:
        """`ranking`, with only the best `head` (or more) sorted until more are read (None:
        all); see desktop.core.search.ranking. Large rankings asked more than once are kept
        (LRU, KEPT_RANKS): as a person types, the same query comes back keystroke after
        keystroke (the first letters of a question, "wh", "ho", "is"; a last word too short
        or too common to search yet). (A kept ranking sorted for a smaller head sorts the
        rest when it is read: still exact.)"""
        key = query_key(query)
        found = self._kept.get(key) if key is not None else None
        if found is not None:
            self._kept.move_to_end(key)
            return found
        if type(query) is q.Term:
            ranking = self._ranked_term(query, head)
        else:
            ranking = TopRanking.of_scores(self._all_scores(query), head)
        if key is not None and len(ranking) >= KEPT_MIN:
            self._keep(key, ranking)
        return ranking

    def _keep(self, key: Hashable, ranking: TopRanking) -> None:
        """Keep a ranking from the second time its query is asked, in arrays, dropping the
        least recently used beyond KEPT_RANKS. (Not the first time: the copy into arrays,
        ~3 ms at 45,000 answers, and the memory it holds would slow every search that
        finds something new, the slowest searches a person makes.)"""
        if key not in self._asked:
            self._asked[key] = None
            if len(self._asked) > KEPT_ASKED:
                self._asked.popitem(last=False)
            return
        ranking.compact()
        self._kept[key] = ranking
        self._kept_size += len(ranking)
        while self._kept_size > KEPT_RANKS:
            _, dropped = self._kept.popitem(last=False)
            self._kept_size -= len(dropped)

    def ranked(self, query: q.Query) -> tuple[list[int], Scores]:
        """The docnums of `top_n` and each one's score (no list of pairs to build)."""
        scores = self._all_scores(query)
        return list(TopRanking.of_scores(scores, None)), scores

    def _all_scores(self, query: q.Query) -> Scores:
        """{docnum: score} of every match, over all segments."""
        scores: Scores = {}
        for segment, (sub, offset) in enumerate(self.searcher.leaf_searchers()):
            found = self._scores(query, segment, sub)
            if not scores and not offset:
                scores = found  # a node's scores are new: ours to keep
                continue
            scores.update(
                zip(map(offset.__add__, found), found.values(), strict=True) if offset else found
            )
        return scores

    def _ranked_term(self, node: q.Term, head: int | None) -> TopRanking:
        """`ranked` for a single term (what the first letters typed search for): straight
        from its postings, without a map of scores."""
        ids: list[int] = []
        scores: list[float] = []
        for segment, (sub, offset) in enumerate(self.searcher.leaf_searchers()):
            _, text = self.terms.lookup(segment, sub, node.fieldname, node.text)
            if text is None:
                continue
            found = self.terms.get(segment, sub, node.fieldname, text)
            ids += map(offset.__add__, found.ids) if offset else found.ids
            # WrappingMatcher: each score times the boost (none when the boost is 1)
            scores += (
                found.scores if node.boost == 1.0 else map(mul, found.scores, repeat(node.boost))
            )
        return TopRanking(ids, scores, head, ascending=True)

    def _scores(self, node: q.Query, segment: int, sub: Searcher) -> Scores:
        kind = type(node)
        if kind is q.Term:
            return self._term(node, segment, sub)
        if isinstance(node, q.NullQuery.__class__):
            return {}
        if isinstance(node, q.Or) and kind._matcher is q.Or._matcher and not node.scale:
            return self._or(node, segment, sub)
        if kind is q.And:
            return self._and(node, segment, sub)
        if kind is q.AndMaybe:
            a = self._scores(node.a, segment, sub)
            b = self._scores(node.b, segment, sub)
            a.update({d: a[d] + b[d] for d in a.keys() & b.keys()})
            return a
        return self._whoosh(node, sub)

    def _term(self, node: q.Term, segment: int, sub: Searcher) -> Scores:
        _, text = self.terms.lookup(segment, sub, node.fieldname, node.text)
        if text is None:
            return {}
        return self.terms.get(segment, sub, node.fieldname, text).as_dict(node.boost)

    def _estimate(self, node: q.Query, segment: int, sub: Searcher) -> int:
        """node.estimate_size(sub.reader()), with each term's document frequency looked up
        once (Whoosh's Term, CompoundQuery and And definitions; any other node asks Whoosh)."""
        method = type(node).estimate_size
        if method is q.Term.estimate_size:
            return self.terms.lookup(segment, sub, node.fieldname, node.text)[0]
        if method is q.CompoundQuery.estimate_size:
            total = sum(self._estimate(p, segment, sub) for p in node.subqueries)
            return min(total, int(sub.reader().doc_count()))
        if method is q.And.estimate_size:
            return min(self._estimate(p, segment, sub) for p in node.subqueries)
        return int(node.estimate_size(sub.reader()))

    def _or(self, node: q.Or, segment: int, sub: Searcher) -> Scores:
        subs = node.subqueries
        if not subs:
            return {}
        if len(subs) == 1:  # CompoundQuery.matcher: the one part's matcher, unboosted
            return self._scores(subs[0], segment, sub)
        kind = node.matcher_type
        if kind == q.Or.AUTO_MATCHER:
            big = sub.doc_count_all() > 5000
            use_tree = len(subs) < q.Or.TOO_MANY_CLAUSES and (len(subs) == 2 or big)
            kind = q.Or.DEFAULT_MATCHER if use_tree else q.Or.ARRAY_MATCHER
        if kind == q.Or.ARRAY_MATCHER:
            return self._array_or(node, segment, sub)
        if kind != q.Or.DEFAULT_MATCHER:
            return self._whoosh(node, sub)
        parts = [
            (float(self._estimate(p, segment, sub)), self._scores(p, segment, sub)) for p in subs
        ]
        return _boosted(_weighted_tree(parts, _union), node.boost)

    def _array_or(self, node: q.Or, segment: int, sub: Searcher) -> Scores:
        """ArrayUnionMatcher: each part's scores times the boost, added part after part onto
        0.0; documents whose sum is not above 0 are left out."""
        boost = node.boost
        acc: Scores = {}
        for part in node.subqueries:
            scores = _boosted(self._scores(part, segment, sub), boost)
            if not acc:
                acc = scores  # 0.0 + x is x (every node's scores are new: ours to change)
                continue
            _add_into(acc, scores)
        if acc and min(acc.values()) <= 0:
            return {d: s for d, s in acc.items() if s > 0}
        return acc

    def _and(self, node: q.And, segment: int, sub: Searcher) -> Scores:
        subs = node.subqueries
        if not subs:
            return {}
        if len(subs) == 1:
            return self._scores(subs[0], segment, sub)
        parts = [
            (float(0 - self._estimate(p, segment, sub)), self._scores(p, segment, sub))
            for p in subs
        ]
        return _boosted(_weighted_tree(parts, _intersection), node.boost)

    def _whoosh(self, node: q.Query, sub: Searcher) -> Scores:
        """A node this module does not score itself (a phrase): Whoosh's matcher's scores."""
        matcher: Any = node.matcher(sub, self.context)
        out: Scores = {}
        while matcher.is_active():
            out[matcher.id()] = matcher.score()
            matcher.next()
        return out


def query_key(node: q.Query) -> Hashable | None:
    """What decides a query's ranking, as a hashable value (every attribute of the node kinds
    query_tree builds that matching or scoring reads); None for any other kind (not kept)."""
    kind = type(node)
    if kind is q.Term:
        return (kind, node.fieldname, node.text, node.boost, node.minquality)
    if kind is q.Phrase:
        ranges = None if node.char_ranges is None else repr(node.char_ranges)
        return (kind, node.fieldname, tuple(node.words), node.slop, node.boost, ranges)
    if kind is q.AndMaybe:
        a, b = query_key(node.a), query_key(node.b)
        return None if a is None or b is None else (kind, node.boost, a, b)
    if kind is q.And or (isinstance(node, q.Or) and kind._matcher is q.Or._matcher):
        parts = [query_key(p) for p in node.subqueries]
        if any(p is None for p in parts):
            return None
        extra = (node.matcher_type, node.minmatch, node.scale) if isinstance(node, q.Or) else ()
        return (kind, node.boost, *extra, tuple(parts))
    return None
