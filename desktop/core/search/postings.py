"""A term's postings read and scored in bulk: the same scores Whoosh's matcher gives, without
walking the matcher one posting at a time.

Whoosh 3 stores a term's postings in blocks (a length, a pickled info tuple, then the pickled
and compressed ids, weights and values). Its matcher decodes each block's ids with a Python
generator, unpickles every position list, and scores each posting with a Python call; at 10x
MedQuAD a common word has ~40,000 postings, read on every search that names it once the cache
has dropped it. Here a block's ids are decoded by `itertools.accumulate`, its positions are
not unpickled at all (a search scores terms, phrases excepted, and those Whoosh reads), and a
posting's score is looked up: per weight, a row indexed by the document's length byte, each
entry computed once by whoosh.scoring.bm25's formula (same operations, same order: the same
bits). Reading is C-level maps over each block (~270 ns a posting, was ~2,000).

`Postings` keeps docnums and scores in two arrays (12 bytes a posting rather than ~100 in a
dict), so the evaluator's cache holds ten times more postings in the same memory.
"""

from __future__ import annotations

import io
import pickle
import zlib
from array import array
from collections.abc import Iterator
from itertools import accumulate, compress, repeat
from operator import getitem, mul, not_
from typing import Any

from whoosh import scoring
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25FScorer
from whoosh.system import unpack_int
from whoosh.util.numeric import byte_to_length

_WHOOSH_BM25 = scoring.bm25
# A document's field length from its length byte, as Whoosh reads it (0: no length, None).
BYTE_LENGTHS: list[int | None] = [None] + [byte_to_length(b) for b in range(1, 256)]
# Where a block's tuple of values (positions) starts, and what ends a pickle without it.
_VALUES_START = b"(c_codecs\nencode\n"
_NO_VALUES = b"N\x87."  # None as the third item, TUPLE3, STOP


class Postings:
    """A term's docnums (ascending) and each one's score, in two parallel arrays."""

    __slots__ = ("ids", "scores")

    def __init__(self, ids: array[int], scores: array[float]) -> None:
        self.ids = ids
        self.scores = scores

    def __len__(self) -> int:
        return len(self.ids)

    def as_dict(self, boost: float = 1.0) -> dict[int, float]:
        """{docnum: score}, each score times the boost (Whoosh's WrappingMatcher)."""
        if boost == 1.0:
            return dict(zip(self.ids, self.scores, strict=True))
        return dict(zip(self.ids, map(mul, self.scores, repeat(boost)), strict=True))


class LengthParts(dict[float, list[float | None]]):
    """weight -> for each length byte, the part of BM25's score after the idf,
    (w * (k1 + 1)) / (w + k1 * (1 - b + b * n / avgfl)) with n the byte's length: the same for
    every term of a field, so kept per field, a row of 256 per weight ever met (a few dozen)."""

    __slots__ = ("avgfl", "b", "k1", "k1_plus_1", "one_minus_b")

    def __init__(self, avgfl: float, b: float, k1: float) -> None:
        super().__init__()
        self.avgfl, self.b, self.k1 = avgfl, b, k1
        self.k1_plus_1, self.one_minus_b = k1 + 1, 1 - b

    def __missing__(self, w: float) -> list[float | None]:
        row = self[w] = [self._part(w, n) for n in BYTE_LENGTHS]
        return row

    def _part(self, w: float, n: int | None) -> float | None:
        """whoosh.scoring.bm25 without the idf: the same operations in the same order. A
        length Whoosh reads as None (no length byte) has no part: scoring it fails (TypeError)
        as Whoosh's formula would."""
        if n is None:
            return None
        k1, b = self.k1, self.b
        return (w * self.k1_plus_1) / (w + k1 * (self.one_minus_b + b * n / self.avgfl))


class ScoreTables:
    """The `LengthParts` of each field's statistics (kept by the caller across queries)."""

    MOST = 2_000  # weights kept a table (a new table is started beyond)

    def __init__(self) -> None:
        self._tables: dict[tuple[float, float, float], LengthParts] = {}

    def for_scorer(self, scorer: Any) -> LengthParts | None:
        """The table of a BM25F scorer, or None for a scorer whose formula is not known."""
        if type(scorer) is not BM25FScorer or scoring.bm25 is not _WHOOSH_BM25:
            return None
        key = (scorer.avgfl, scorer.B, scorer.K1)
        table = self._tables.get(key)
        if table is None or len(table) > self.MOST:
            table = self._tables[key] = LengthParts(*key)
        return table


def read_postings(matcher: Any, lengths: bytes, tables: ScoreTables) -> Postings | None:
    """Every posting of a term's matcher (as `Searcher.postings` gives it) scored, or None
    when the postings are stored or scored in a way this module does not read (the caller
    then walks the matcher). `lengths` holds each document's field length byte (as the
    scorer reads it: BYTE_LENGTHS[byte])."""
    deleted: Any = None
    if type(matcher) is FilterMatcher and matcher._exclude:  # a segment with deletions
        deleted = matcher._ids
        matcher = matcher.child
    if type(matcher) is not W3LeafMatcher or matcher._byteids:
        return None
    table = tables.for_scorer(matcher.scorer)
    if table is None:
        return None
    rows = _TermRows(table, matcher.scorer.idf)
    ids: list[int] = []
    scores: list[float] = []
    for deltas, weights in _blocks(matcher._postfile, matcher._startoffset):
        block = list(accumulate(deltas))
        ids += block
        lens = map(lengths.__getitem__, block)
        if weights is None or type(weights) is float:  # one weight for the whole block
            scores += map(rows[1.0 if weights is None else weights].__getitem__, lens)
        else:
            scores += map(getitem, map(rows.__getitem__, weights), lens)
    if deleted:
        keep = list(map(not_, map(deleted.__contains__, ids)))
        ids = list(compress(ids, keep))
        scores = list(compress(scores, keep))
    return Postings(array("i", ids), array("d", scores))


class _ScoreRow(dict[int, float]):
    """A term's score for one weight, by length byte: idf * the field's part (the order of
    whoosh.scoring.bm25's operations), each computed when first met."""

    __slots__ = ("idf", "parts")

    def __init__(self, idf: float, parts: list[float | None]) -> None:
        super().__init__()
        self.idf, self.parts = idf, parts

    def __missing__(self, length_byte: int) -> float:
        value: float = self.idf * self.parts[length_byte]  # type: ignore[operator]  # None: no length, fails as in Whoosh
        self[length_byte] = value
        return value


class _TermRows(dict[float, _ScoreRow]):
    """A term's `_ScoreRow` for each weight met."""

    __slots__ = ("idf", "table")

    def __init__(self, table: LengthParts, idf: float) -> None:
        super().__init__()
        self.table, self.idf = table, idf

    def __missing__(self, weight: float) -> _ScoreRow:
        row = self[weight] = _ScoreRow(self.idf, self.table[weight])
        return row


def _ids_and_weights(data: bytes, count: int) -> tuple[tuple[int, ...], Any]:
    """A block's (id deltas, weights) from its pickled (ids, weights, values), leaving the
    values (positions) unread when they can be cut off: unpickling them is most of the
    cost (each one is a bytes object pickled as a call to _codecs.encode).

    The values tuple is the first "(c_codecs\nencode\n" in the data: the ids before it
    are pickled as opcodes K, M or J every 2-5 bytes and the weights as G every 9 bytes,
    none of which the marker contains, so it cannot start inside them. The cut pickle is
    then checked (shape and counts) and any surprise reads the whole block instead."""
    cut = data.find(_VALUES_START)
    if cut > 0:
        try:
            deltas, weights, _ = pickle.loads(data[:cut] + _NO_VALUES)
        except (pickle.UnpicklingError, ValueError, TypeError, EOFError, IndexError):
            pass
        else:
            if (
                type(deltas) is tuple
                and len(deltas) == count
                and (
                    weights is None
                    or type(weights) is float
                    or (type(weights) is tuple and len(weights) == count)
                )
            ):
                return deltas, weights
    deltas, weights, _ = pickle.loads(data)
    return deltas, weights


def _blocks(postfile: Any, start: int) -> Iterator[tuple[tuple[int, ...], Any]]:
    """Each block's docnum deltas and weights: None (all 1.0), one float for all, or a
    tuple (W3LeafMatcher._goto/_read_ids/_read_weights)."""
    if postfile.get(start, 4) != WHOOSH3_HEADER_MAGIC:
        raise ValueError(f"postings at {start} do not start with a Whoosh 3 block tag")
    position = start + 4
    while True:
        length = unpack_int(postfile.get(position, 4))[0]
        last = length < 0
        length = abs(length)
        raw = postfile.get(position + 4, length)
        stream = io.BytesIO(raw)  # shares the bytes (no copy)
        count, _, _, compression, _, _ = pickle.load(stream)
        data = memoryview(raw)[stream.tell() :]
        yield _ids_and_weights(zlib.decompress(data) if compression else bytes(data), count)
        if last:
            return
        position += 4 + length
