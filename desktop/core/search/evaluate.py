"""Every match of a query with its BM25F score, computed the way Whoosh computes it, faster.

Whoosh scores a query by walking a tree of matcher objects one posting at a time; for the
many-clause queries people type that walk, not the arithmetic, is most of a search's time.
Here each term's postings are scored once into a {docnum: score} map (kept for later queries:
"symptom", "treatment" or the prefix being typed come back keystroke after keystroke), and
the query's nodes combine those maps.

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
from collections.abc import Callable
from typing import Any

from whoosh import query as q
from whoosh.searching import Searcher

Scores = dict[int, float]
# Term maps kept between queries, and a bound on their total size (postings), so memory
# stays small (about 100 bytes a posting) whatever is typed.
CACHE_POSTINGS = 400_000


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
    """UnionMatcher: a document in both scores a + b."""
    if len(a) < len(b):
        a, b = b, a
    out = dict(a)
    for d, s in b.items():
        out[d] = a[d] + s if d in a else s
    return out


def _intersection(a: Scores, b: Scores) -> Scores:
    """IntersectionMatcher: documents in both, scoring a + b."""
    if len(a) > len(b):
        a, b = b, a
    return {d: s + b[d] for d, s in a.items() if d in b}


def _boosted(scores: Scores, boost: float) -> Scores:
    """WrappingMatcher: each score times the boost (none when the boost is 1)."""
    if boost == 1.0:
        return scores
    return {d: s * boost for d, s in scores.items()}


class TermScores:
    """Each term's {docnum: score} in each segment, kept (LRU, CACHE_POSTINGS) between
    queries of one open searcher."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self._cache: OrderedDict[tuple[int, str, bytes], Scores] = OrderedDict()
        self._size = 0

    def get(self, segment: int, sub: Searcher, fieldname: str, text: bytes) -> Scores:
        key = (segment, fieldname, text)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        found = self._read(sub, fieldname, text)
        self._cache[key] = found
        self._size += len(found)
        while self._size > CACHE_POSTINGS and len(self._cache) > 1:
            _, dropped = self._cache.popitem(last=False)
            self._size -= len(dropped)
        return found

    def _read(self, sub: Searcher, fieldname: str, text: bytes) -> Scores:
        """Score every posting with the searcher's own scorer (BM25F: global idf and average
        length, this segment's document lengths)."""
        matcher = sub.postings(fieldname, text, weighting=self.searcher.weighting)
        out: Scores = {}
        while matcher.is_active():
            out[matcher.id()] = matcher.score()
            matcher.next()
        return out


class Evaluator:
    """Scores queries built by desktop.core.search.query over an open Whoosh searcher."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self.terms = TermScores(searcher)
        self.context = searcher.context()

    def top_n(self, query: q.Query) -> list[tuple[float, int]]:
        """(score, docnum) of every match, best first, ties by docnum: what
        `searcher.search(query, limit=None).top_n` gives."""
        items: list[tuple[float, int]] = []
        for segment, (sub, offset) in enumerate(self.searcher.leaf_searchers()):
            scores = self._scores(query, segment, sub)
            items.extend((s, d + offset) for d, s in scores.items())
        items.sort(key=lambda x: (0 - x[0], x[1]))
        return items

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
            return {d: s + b[d] if d in b else s for d, s in a.items()}
        return self._whoosh(node, sub)

    def _term(self, node: q.Term, segment: int, sub: Searcher) -> Scores:
        reader = sub.reader()
        if node.fieldname not in sub.schema:
            return {}
        try:
            text = sub.schema[node.fieldname].to_bytes(node.text)
        except ValueError:
            return {}
        if (node.fieldname, text) not in reader:
            return {}
        return _boosted(self.terms.get(segment, sub, node.fieldname, text), node.boost)

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
            boost = node.boost
            acc: Scores = {}
            for part in subs:
                for d, s in self._scores(part, segment, sub).items():
                    acc[d] = acc.get(d, 0.0) + s * boost
            return {d: s for d, s in acc.items() if s > 0}
        if kind != q.Or.DEFAULT_MATCHER:
            return self._whoosh(node, sub)
        reader = sub.reader()
        parts = [(float(p.estimate_size(reader)), self._scores(p, segment, sub)) for p in subs]
        return _boosted(_weighted_tree(parts, _union), node.boost)

    def _and(self, node: q.And, segment: int, sub: Searcher) -> Scores:
        subs = node.subqueries
        if not subs:
            return {}
        if len(subs) == 1:
            return self._scores(subs[0], segment, sub)
        reader = sub.reader()
        parts = [(float(0 - p.estimate_size(reader)), self._scores(p, segment, sub)) for p in subs]
        return _boosted(_weighted_tree(parts, _intersection), node.boost)

    def _whoosh(self, node: q.Query, sub: Searcher) -> Scores:
        """A node this module does not score itself (a phrase): Whoosh's matcher's scores."""
        matcher: Any = node.matcher(sub, self.context)
        out: Scores = {}
        while matcher.is_active():
            out[matcher.id()] = matcher.score()
            matcher.next()
        return out
