"""Spelling suggestions exactly as Whoosh's ReaderCorrector makes them, in a fraction of the time.

On an index of several segments Whoosh finds the words within reach of a misspelling by
measuring the Damerau-Levenshtein distance (a Python loop over a table, ~50 us a pair) from
the misspelling to EVERY vocabulary word with the same first letter: ~20-50 ms a word, up to
four words a search. Most of those words cannot be within reach, and two cheap lower bounds
of the distance say so: the difference in length, and the letters one word has that the other
lacks (every edit adds, drops or changes one letter; a swap keeps the letters). Only the
remaining words are measured, by Whoosh's own function, so the same words pass; their
scoring and ranking is Whoosh's own code (ReaderCorrector and Corrector.suggest).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from whoosh.reading import IndexReader
from whoosh.spelling import ReaderCorrector
from whoosh.support.levenshtein import distance

PREFIXES_KEPT = 64  # vocabulary slices (one per first letter, usually) kept between searches


def could_be_within(
    word: str, letters: Counter[str], text: str, wanted: Counter[str], most: int
) -> bool:
    """False only when the edit distance from `word` to `text` is certainly above `most`."""
    if abs(len(word) - len(text)) > most:
        return False
    return (wanted - letters).total() <= most and (letters - wanted).total() <= most


class WordCorrector(ReaderCorrector):
    """ReaderCorrector whose candidate words skip those certainly out of reach."""

    def __init__(self, reader: Any, fieldname: str) -> None:
        super().__init__(reader, fieldname, reader.schema[fieldname])
        self._slices: dict[tuple[str, str], list[tuple[str, Counter[str]]]] = {}

    def _suggestions(self, text: str, maxdist: int, prefix: int) -> Iterator[tuple[float, str]]:
        reader = self.reader
        if type(reader).terms_within is not IndexReader.terms_within:
            yield from super()._suggestions(text, maxdist, prefix)  # a reader's own search
            return
        freq = reader.frequency
        fieldname = self.fieldname
        for sug in self._within(text, maxdist, prefix):
            # ReaderCorrector._suggestions: higher is better (the distance is not used)
            f = freq(fieldname, sug) or 1
            yield (0 - (maxdist + (1.0 / f * 0.5)), sug)

    def _within(self, text: str, maxdist: int, prefix: int) -> Iterator[str]:
        """IndexReader.terms_within: the words with the prefix within `maxdist` edits."""
        sugfield = self.fieldobj.spelling_fieldname(self.fieldname)
        wanted = Counter(text)
        for word, letters in self._slice(sugfield, text[:prefix]):
            if could_be_within(word, letters, text, wanted, maxdist):
                if distance(word, text, limit=maxdist) <= maxdist:
                    yield word

    def _slice(self, fieldname: str, start: str) -> list[tuple[str, Counter[str]]]:
        key = (fieldname, start)
        found = self._slices.get(key)
        if found is None:
            fieldobj = self.reader.schema[fieldname]
            found = [
                (word, Counter(word))
                for word in map(fieldobj.from_bytes, self.reader.expand_prefix(fieldname, start))
            ]
            if len(self._slices) >= PREFIXES_KEPT:
                self._slices.clear()
            self._slices[key] = found
        return found
