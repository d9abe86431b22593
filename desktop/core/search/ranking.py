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
from collections.abc import Iterator, MutableSequence, Sequence
from itertools import compress
from operator import not_
from typing import overload

# Values sampled to choose the cut, and how much larger than `head` a ranking must be
# before a cut is worth its two extra passes (below, everything is sorted at once).
SAMPLE = 512
CUT_FROM = 4
# The cut aims this much past `head` so one pass usually confirms it (each miss doubles).
MARGIN = 1.25


def cut_score(values: Sequence[float], head: int) -> float | None:
    """A score at least `head` of the values reach (the higher the fewer to sort), or None
    when sorting them all is as cheap. Depends only on the values: the same every time."""
    n = len(values)
    if head <= 0 or n < head * CUT_FROM:
        return None
    step = max(1, n // SAMPLE)
    sample = sorted(values[::step], reverse=True)
    at = int(head * MARGIN) // step + 1
    while at < len(sample):
        score = sample[at]
        if sum(map(score.__le__, values)) >= head:
            return score
        at *= 2
    return None


class TopRanking(Sequence[int]):
    """Docnums best first, ties by docnum, of every (ids[i], values[i]) pair: the best
    `head` or more sorted when made, all of them when an index beyond those is read.
    `scores` gives each rank's score; `members` every docnum in no particular order (for
    counting)."""

    def __init__(
        self, ids: MutableSequence[int], values: MutableSequence[float], head: int | None
    ) -> None:
        self.members = ids
        self._values = values
        #: How many entries the matches make once grouped: counted by the search that first
        #: reads this ranking, for the searches that find it kept (Evaluator.top).
        self.entries: int | None = None
        self._all: tuple[list[int], list[float]] | None = None
        self._next: float | None = None  # the best score after the sorted ones
        cut = None if head is None else cut_score(values, head)
        if cut is None:
            self._top, self._top_scores = self._sorted_all()
            return
        keep = list(map(cut.__le__, values))
        top = list(compress(ids, keep))
        score = dict(zip(top, compress(values, keep), strict=True))
        top.sort()
        top.sort(key=score.__getitem__, reverse=True)
        self._top, self._top_scores = top, list(map(score.__getitem__, top))
        if len(top) < len(ids):
            self._next = max(compress(values, map(not_, keep)))

    def _sorted_all(self) -> tuple[list[int], list[float]]:
        """Every docnum in rank order (docnums in order, then a stable sort by score)."""
        if self._all is None:
            score = dict(zip(self.members, self._values, strict=True))
            docnums = sorted(score)
            docnums.sort(key=score.__getitem__, reverse=True)
            self._all = (docnums, list(map(score.__getitem__, docnums)))
            self._top, self._top_scores = self._all
            self._next = None
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

    def __len__(self) -> int:
        return len(self.members)

    @overload
    def __getitem__(self, i: int) -> int: ...
    @overload
    def __getitem__(self, i: slice) -> list[int]: ...
    def __getitem__(self, i: int | slice) -> int | list[int]:
        if _within(i, len(self._top)):
            return self._top[i]
        return self._sorted_all()[0][i]

    def __iter__(self) -> Iterator[int]:
        return iter(self._sorted_all()[0])

    def score_at(self, i: int | slice) -> float | list[float]:
        """The score of rank i (or of a slice of ranks)."""
        if _within(i, len(self._top)):
            return self._top_scores[i]
        if i == len(self._top) and self._next is not None:
            return self._next  # the best of the unsorted rest: rank i's score
        return self._sorted_all()[1][i]


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
    def __getitem__(self, i: slice) -> list[float]: ...
    def __getitem__(self, i: int | slice) -> float | list[float]:
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
