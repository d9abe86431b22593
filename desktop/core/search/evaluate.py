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
from whoosh import scoring
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3PerDocReader, _lenfield
from whoosh.columns import NumericColumn
from whoosh.scoring import BM25FScorer
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

Scores = dict[int, float]
_UNKNOWN = object()  # a document length not read yet
_WHOOSH_BM25 = scoring.bm25
_BYTE_LENGTHS: list[object] = [None] + [byte_to_length(b) for b in range(1, 256)]
# Term maps kept between queries, and a bound on their total size (postings), so memory
# stays small whatever is typed: about 100 bytes a posting, so at most ~15 MB (on MedQuAD
# that holds the 15-50 terms of a typing session; the commonest field terms have ~10,000).
CACHE_POSTINGS = 150_000


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
        self._lengths: dict[tuple[int, str], list[object]] = {}  # per segment and field

    def get(self, segment: int, sub: Searcher, fieldname: str, text: bytes) -> Scores:
        key = (segment, fieldname, text)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        found = self._read(segment, sub, fieldname, text)
        self._cache[key] = found
        self._size += len(found)
        while self._size > CACHE_POSTINGS and len(self._cache) > 1:
            _, dropped = self._cache.popitem(last=False)
            self._size -= len(dropped)
        return found

    def _read(self, segment: int, sub: Searcher, fieldname: str, text: bytes) -> Scores:
        """Score every posting with the searcher's own scorer (BM25F: global idf and average
        length, this segment's document lengths)."""
        matcher = sub.postings(fieldname, text, weighting=self.searcher.weighting)
        scorer = getattr(matcher, "scorer", None)
        if type(matcher) is W3LeafMatcher and type(scorer) is BM25FScorer:
            return self._read_blocks(matcher, scorer, self._lengths_of(segment, sub, fieldname))
        out: Scores = {}
        while matcher.is_active():
            out[matcher.id()] = matcher.score()
            matcher.next()
        return out

    def _lengths_of(self, segment: int, sub: Searcher, fieldname: str) -> list[object]:
        key = (segment, fieldname)
        lengths = self._lengths.get(key)
        if lengths is None:
            reader = sub.reader()
            lengths = _stored_lengths(reader, fieldname)
            if lengths is None:  # another storage: each length is asked for when needed
                lengths = [_UNKNOWN] * reader.doc_count_all()
            self._lengths[key] = lengths
        return lengths

    @staticmethod
    def _read_blocks(matcher: Any, scorer: Any, lengths: list[object]) -> Scores:
        """The postings a block at a time: what `matcher.score()` gives for each, namely
        scorer._score(weight, scorer.dfl(docnum)), with each document's length read once
        and whoosh.scoring.bm25 written out (the same operations in the same order)."""
        out: Scores = {}
        score = scorer._score
        length_of = scorer.dfl
        idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
        k1_plus_1, one_minus_b = k1 + 1, 1 - b
        plain = type(scorer)._score is BM25FScorer._score and scoring.bm25 is _WHOOSH_BM25
        while matcher.is_active():
            matcher.id(), matcher.weight()  # load the block's ids and weights
            start = matcher._i
            for d, w in zip(matcher._ids[start:], matcher._weights[start:], strict=True):
                n = lengths[d]
                if n is _UNKNOWN:
                    n = lengths[d] = length_of(d)
                if plain:  # bm25(idf, w, n, avgfl, b, k1)
                    out[d] = idf * ((w * k1_plus_1) / (w + k1 * (one_minus_b + b * n / avgfl)))
                else:
                    out[d] = score(w, n)
            matcher._next_block()
        return out


def _stored_lengths(reader: Any, fieldname: str) -> list[object] | None:
    """Every document's length in a field, as `reader.doc_field_length(d, fieldname, 1)`
    gives it, read from Whoosh 3's one-byte length column in one go (None when the segment
    is stored some other way)."""
    perdoc: Any = getattr(reader, "_perdoc", None)
    if type(perdoc) is not W3PerDocReader:
        return None
    count = reader.doc_count_all()
    column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        return [1] * count
    if type(column) is not NumericColumn.Reader or column._typecode != "B":
        return None
    raw = column._dbfile.get(column._basepos, column._count) if column._count else b""
    decoded = _BYTE_LENGTHS
    # a zero byte (or no byte) reads as None, as doc_field_length returns it
    return [decoded[b] for b in raw] + [None] * (count - len(raw))


class Evaluator:
    """Scores queries built by desktop.core.search.query over an open Whoosh searcher."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self.terms = TermScores(searcher)
        self.context = searcher.context()

    def top_n(self, query: q.Query) -> list[tuple[float, int]]:
        """(score, docnum) of every match, best first, ties by docnum: what
        `searcher.search(query, limit=None).top_n` gives."""
        docnums, scores = self.ranked(query)
        return list(zip(map(scores.__getitem__, docnums), docnums, strict=True))

    def ranked(self, query: q.Query) -> tuple[list[int], Scores]:
        """The docnums of `top_n` and each one's score (no list of pairs to build)."""
        scores: Scores = {}
        for segment, (sub, offset) in enumerate(self.searcher.leaf_searchers()):
            found = self._scores(query, segment, sub)
            scores.update(
                zip(map(offset.__add__, found), found.values(), strict=True) if offset else found
            )
        # Docnums in order, then a stable sort by score, best first: ties stay by docnum.
        # (Sorting plain numbers twice is several times faster than sorting tuples once.)
        docnums = sorted(scores)
        docnums.sort(key=scores.__getitem__, reverse=True)
        return docnums, scores

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
            return self._array_or(node, segment, sub)
        if kind != q.Or.DEFAULT_MATCHER:
            return self._whoosh(node, sub)
        reader = sub.reader()
        parts = [(float(p.estimate_size(reader)), self._scores(p, segment, sub)) for p in subs]
        return _boosted(_weighted_tree(parts, _union), node.boost)

    def _array_or(self, node: q.Or, segment: int, sub: Searcher) -> Scores:
        """ArrayUnionMatcher: each part's scores times the boost, added part after part onto
        0.0; documents whose sum is not above 0 are left out."""
        boost = node.boost
        acc: Scores = {}
        for part in node.subqueries:
            scores = _boosted(self._scores(part, segment, sub), boost)
            if not acc:
                acc = dict(scores)  # 0.0 + x is x
                continue
            get = acc.get
            for d, s in scores.items():
                acc[d] = get(d, 0.0) + s
        if acc and min(acc.values()) <= 0:
            return {d: s for d, s in acc.items() if s > 0}
        return acc

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
