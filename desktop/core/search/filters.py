"""--topic and --source as people type them: any case, and a plain answer when nothing matches.

The names come from the index itself (its lexicon of topic and source terms), so a filter
sees exactly what can be searched, and nothing has to be read from the database per query.
"""

from __future__ import annotations

import difflib

from whoosh import query as q
from whoosh.searching import Searcher

from desktop.core.search.results import FilterNote

CLOSEST = 3


class FilterNames:
    """The topic and source names of an open searcher, looked up case-insensitively."""

    def __init__(self, searcher: Searcher) -> None:
        self._searcher = searcher
        self._names: dict[str, dict[str, list[str]]] = {}

    def _by_folded(self, field: str) -> dict[str, list[str]]:
        names = self._names.get(field)
        if names is None:
            names = {}
            for raw in self._searcher.lexicon(field):
                name = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
                if name:
                    names.setdefault(name.casefold(), []).append(name)
            self._names[field] = names
        return names

    def resolve(self, field: str, value: str) -> tuple[list[str], FilterNote | None]:
        """The stored names that `value` means (any case), or a note with the closest."""
        names = self._by_folded(field)
        wanted = " ".join(value.split()).casefold()
        if wanted in names:
            return sorted(names[wanted]), None
        close = difflib.get_close_matches(wanted, sorted(names), n=CLOSEST, cutoff=0.6)
        if len(close) < CLOSEST:
            close += [n for n in sorted(names) if wanted and wanted in n and n not in close]
        shown = tuple(names[c][0] for c in close[:CLOSEST])
        return [], FilterNote(field, value, shown)


def filter_query(
    names: FilterNames, topic: str | None, source: str | None, confidence: str | None
) -> tuple[q.Query | None, list[FilterNote]]:
    """The Whoosh filter for the chosen topic, source and confidence, and notes for values
    that match nothing (then the search has no results and says why)."""
    parts: list[q.Query] = []
    notes: list[FilterNote] = []
    for field, value in (("topic", topic), ("source", source)):
        if not value:
            continue
        found, note = names.resolve(field, value)
        if note:
            notes.append(note)
            continue
        terms = [q.Term(field, n) for n in found]
        parts.append(terms[0] if len(terms) == 1 else q.Or(terms))
    if confidence:
        parts.append(q.Term("confidence", confidence))
    if not parts:
        return None, notes
    return (parts[0] if len(parts) == 1 else q.And(parts)), notes
