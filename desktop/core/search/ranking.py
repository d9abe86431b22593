"""A ranking whose best answers are sorted up front and the rest only if someone reads them.

A search reads the first few hundred answers of a ranking (the re-ranked pool, the groups'
tail: service.GROUP_TAIL) and counts the entries of all of them; ordering every match costs
n log n and, on a large library, is most of what a short prefix being typed costs ("ho"
matches ~45,000 answers of 10x MedQuAD). `TopRanking` picks a score that at least `head`
answers reach (from a small, evenly spaced sample, checked with one C-level pass), sorts only
those, and sorts everything only when a reader goes past them. Any access gives exactly what
the full sort gives: the same docnums, best first, ties by docnum, and the same scores.
"""

from __future__ import annotations

from array import array
from collections.abc import Collection, Hashable, Iterator, Mapping, Sequence
from itertools import compress
from typing import overload

# Values sampled to choose the cut, and how much larger than `head` a ranking must be
# before a cut is worth its two extra passes (below, everything is sorted at once).
SAMPLE = 2048
CUT_FROM = 4
# The cut aims this much past `head` so one pass usually confirms it (each miss doubles;
# 1.25 with 512 values missed "ho" at 10x MedQuAD: 1,880 of 2,000, a second pass).
MARGIN = 1.5
MAX_POOLS = 4  # re-ranked pools kept with a ranking (each one up to a few thousand pairs)


def cut_score(values: Sequence[float], head: int) -> tuple[float, list[bool]] | None:
    """A score at least `head` of the values reach (the higher the fewer to sort) and which
    values reach it, or None when sorting them all is as cheap. Depends only on the values:
    the same every time."""
    n = len(values)
    if head <= 0 or n < head * CUT_FROM:
        return None
    step = max(1, n // SAMPLE)
    sample = sorted(values[::step], reverse=True)
    at = int(head * MARGIN) // step + 1
    while at < len(sample):
        score = sample[at]
        reach = list(map(score.__le__, values))
        if reach.count(True) >= head:
            return score, reach
        at *= 2
    return None


class TopRanking(Sequence[int]):
    """Docnums best first, ties by docnum, of every (ids[i], values[i]) pair: the best
    `head` or more sorted when made, all of them when an index beyond those is read.
    `scores` gives each rank's score; `members` every docnum in no particular order (for
    counting)."""

    def __init__(
        self,
        ids: Collection[int],
        values: Sequence[float],
        head: int | None,
        by_id: dict[int, float] | None = None,
        ascending: bool = False,
    ) -> None:
        self.members = ids
        self._values = values
        self._by_id = by_id  # {ids[i]: values[i]} when the caller has it
        self._ascending = ascending  # ids are in order (one term's postings)
        #: How many entries the matches make once grouped: counted by the search that first
        #: reads this ranking, for the searches that find it kept (Evaluator.top).
        self.entries: int | None = None
        #: Re-ranked pools of this ranking, by what the re-ranking read (service.py): a
        #: kept ranking's pool is re-ranked once per way of asking (MAX_POOLS at most).
        self.pools: dict[Hashable, list[tuple[int, float]]] = {}
        self._all: tuple[list[int], Sequence[float]] | None = None
        self._top_scores: Sequence[float]
        self._cut: float | None = None  # the lowest score sorted up front (None: all are)
        found = None if head is None else cut_score(values, head)
        if found is None:
            self._top, self._top_scores = self._sorted_all()
            return
        self._cut, keep = found
        self._by_id = None
        top = list(compress(ids, keep))
        score = dict(zip(top, compress(values, keep), strict=True))
        if not ascending:
            top.sort()
        top.sort(key=score.__getitem__, reverse=True)
        self._top, self._top_scores = top, list(map(score.__getitem__, top))

    @classmethod
    def of_scores(cls, scores: dict[int, float], head: int | None) -> TopRanking:
        """The ranking of {docnum: score} (the map is kept: it must not change)."""
        if head is None or len(scores) < head * CUT_FROM:
            # all sorted at once, straight from the map (what the evaluator did before)
            return cls(scores.keys(), list(scores.values()), None, scores)
        return cls(list(scores), list(scores.values()), head)

    def _sorted_all(self) -> tuple[list[int], Sequence[float]]:
        """Every docnum in rank order (docnums in order, then a stable sort by score)."""
        if self._all is None:
            score, ids, values = self._by_id, self.members, self._values
            self._by_id = None
            if score is None and self._ascending and isinstance(ids, Sequence):
                # positions in order, then by score: ties stay by docnum (no map to build)
                order = sorted(range(len(values)), key=values.__getitem__, reverse=True)
                docnums = list(map(ids.__getitem__, order))
                self._all = (docnums, _Lookup(order, values))
            else:
                if score is None:
                    score = dict(zip(ids, values, strict=True))
                docnums = sorted(score)
                docnums.sort(key=score.__getitem__, reverse=True)
                self._all = (docnums, _Lookup(docnums, score))
            self._top, self._top_scores = self._all
            self._cut = None
        return self._all

    @property
    def scores(self) -> Sequence[float]:
        """Each rank's score, in rank order. (A new view each time: a view kept here would
        make a reference cycle, and the ranking's lists would wait for the garbage collector,
        freed in bulk during some later search.)"""
        return _Scores(self)

    def compact(self) -> None:
        """Keep the pairs in arrays (12 bytes a pair) while this ranking is cached."""
        self.members = array("i", self.members)
        self._values = array("d", self._values)
        if self._all is not None:  # scores read through the map or list they came from
            self._all = (self._all[0], list(self._all[1]))
            self._top, self._top_scores = self._all

    def __len__(self) -> int:
        return len(self.members)

    @overload
    def __getitem__(self, i: int) -> int: ...
    @overload
    def __getitem__(self, i: slice) -> list[int]: ...
    def __getitem__(self, i: int | slice) -> int | list[int]:
        top = self._top
        if type(i) is int and 0 <= i < len(top):  # the common case first, read one by one
            return top[i]
        if _within(i, len(top)):
            return top[i]
        return self._sorted_all()[0][i]

    def __iter__(self) -> Iterator[int]:
        return iter(self._sorted_all()[0])

    def score_at(self, i: int | slice) -> float | Sequence[float]:
        """The score of rank i (or of a slice of ranks)."""
        if _within(i, len(self._top)):
            return self._top_scores[i]
        if i == len(self._top) and self._cut is not None and i < len(self.members):
            # rank i's score is the best of the unsorted rest (read when the re-ranked pool
            # checks for ties with its last answer): no need to sort the rest for it
            return max(compress(self._values, map(self._cut.__gt__, self._values)))
        return self._sorted_all()[1][i]


class _Lookup(Sequence[float]):
    """Scores in rank order, looked up when read (a search reads a few hundred of tens of
    thousands): scores[keys[i]]."""

    __slots__ = ("_keys", "_scores")

    def __init__(self, keys: Sequence[int], scores: Mapping[int, float] | Sequence[float]):
        self._keys = keys
        self._scores = scores

    def __len__(self) -> int:
        return len(self._keys)

    @overload
    def __getitem__(self, i: int) -> float: ...
    @overload
    def __getitem__(self, i: slice) -> list[float]: ...
    def __getitem__(self, i: int | slice) -> float | list[float]:
        if isinstance(i, slice):
            return list(map(self._scores.__getitem__, self._keys[i]))
        return self._scores[self._keys[i]]

    def __iter__(self) -> Iterator[float]:
        return map(self._scores.__getitem__, self._keys)


class _Scores(Sequence[float]):
    """The scores of a TopRanking in rank order."""

    __slots__ = ("_ranking",)

    def __init__(self, ranking: TopRanking) -> None:
        self._ranking = ranking

    def __len__(self) -> int:
        return len(self._ranking)

    @overload
    def __getitem__(self, i: int) -> float: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[float]: ...
    def __getitem__(self, i: int | slice) -> float | Sequence[float]:
        scores = self._ranking._top_scores
        if type(i) is int and 0 <= i < len(scores):  # the common case first (no call)
            return scores[i]
        return self._ranking.score_at(i)

    def __iter__(self) -> Iterator[float]:
        return iter(self._ranking._sorted_all()[1])


def _within(i: int | slice, sorted_count: int) -> bool:
    """Does index or slice i read only the first `sorted_count` ranks?"""
    if isinstance(i, slice):
        return (
            i.step is None
            and (i.start is None or 0 <= i.start)
            and i.stop is not None
            and 0 <= i.stop <= sorted_count
        )
    return 0 <= i < sorted_count
