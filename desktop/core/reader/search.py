"""Search as the window runs it: the core search (the same `SearchService.run` and
`SearchOptions` as the `search` command) on the window's serial worker lane, results as rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from desktop.core.paths import DataDir
from desktop.core.reader.answers import ListedAnswer

if TYPE_CHECKING:
    from desktop.core.search import SearchService

#: How many entries the Results list shows.
RESULTS_LIMIT = 30

#: How a window search reads its text. "typing": the last word may be unfinished and is also
#: searched as a prefix. "whole": every word is finished, exactly as the `search` command reads
#: it (Enter, a suggestion, a recent search). "settle": whole words after a pause in typing, so
#: the list the reader stops at is the command line's; None when the whole-word search finds
#: nothing or wants to correct a word (the last word is most likely unfinished: the prefix
#: results serve better).
Reading = Literal["typing", "whole", "settle"]


@dataclass(frozen=True)
class SearchPage:
    """Results of one search, tagged with the request number that asked for it."""

    generation: int
    query: str
    total: int
    suggestion: str | None
    rows: tuple[ListedAnswer, ...]
    took_ms: float
    #: True when some text was too long to search in full (the core capped its work).
    partial: bool = False
    #: True when every word was searched as finished, as the `search` command does.
    whole_words: bool = False
    #: True for a search of text still being typed that was not read as whole words (the
    #: last word unfinished, or only words like "what is the" so far): finding nothing then
    #: means "not yet" rather than "nothing".
    unfinished: bool = False


class SearchEngine:
    """Owns one SearchService, used only on the "search" serial lane of TaskRunner.

    The UI bumps `latest` for every keystroke it sends; a queued search that is no longer the
    latest returns None at once, so typing never builds up a backlog.
    """

    def __init__(self, data_dir: DataDir) -> None:
        self.data_dir = data_dir
        self.latest = 0
        #: Among equally relevant answers, easier reading first (View ▸ Prefer easier answers).
        self.prefer_easier = False
        self._service: SearchService | None = None
        self._collected: dict[str, str] | None = None  # publisher -> "2017-2019"

    @property
    def ready(self) -> bool:
        """True once the index is open."""
        return self._service is not None

    def prepare(self, report: Callable[[int, int | None], None]) -> int:
        """Check (and if needed rebuild) the index, then open it; the number of answers.

        A read-only shared content folder is never written: when its index is behind, a
        per-user copy is built and searched instead (desktop.core.search.index)."""
        from desktop.core.search.index import usable_index_root
        from desktop.core.search.service import SearchService

        root = usable_index_root(self.data_dir, progress=report)
        if self._service is not None and self._service.index_root != root:
            self._service.close()
            self._service = None
        self._collected = None  # the content may have changed
        service = self._service
        if service is None:
            service = self._service = SearchService(self.data_dir.content_db, root)
        else:
            service.refresh()
        return service.store.count_answers()

    def search(
        self,
        generation: int,
        text: str,
        limit: int = RESULTS_LIMIT,
        reading: Reading = "typing",
    ) -> SearchPage | None:
        """Run one search, or None when a newer one is already waiting (or, for "settle",
        when whole words find nothing or a word to correct: the prefix results stay)."""
        from desktop.core.search import SearchOptions
        from desktop.core.search.query import only_filler_words

        service = self._service
        if generation != self.latest or service is None:
            return None
        easier = self.prefer_easier
        whole_words = reading != "typing" or text[-1:].isspace()
        if reading == "typing":
            res = service.run(
                text, SearchOptions(limit=limit, as_you_type=True, prefer_easier=easier)
            )
        else:
            res = service.run(text, SearchOptions(limit=limit, prefer_easier=easier))
            if reading == "settle" and (res.suggestion or not res.total):
                return None
        if reading == "typing" and only_filler_words(text):
            # "What is the": not a search yet (the core plans nothing while typing); a pause
            # (settle) or Enter runs it as the command line does
            whole_words = False
        elif reading == "typing" and (res.total == 0 or res.suggestion):
            # the last word may be finished after all: a whole-word search finds misspellings
            # ("diabetis") and suggests for every word, not just the finished ones
            full = service.run(text, SearchOptions(limit=limit, prefer_easier=easier))
            if full.total >= res.total and (full.total or whole_words):
                res, whole_words = full, True
            else:
                res = replace(res, suggestion=full.suggestion)
        from desktop.core.reader.publishers import date_line, known_dates

        levels = res.reading  # each entry's reading level, read by the search itself
        if self._collected is None:
            self._collected = known_dates(service.store)
        rows = tuple(
            ListedAnswer(
                h.id,
                h.question,
                h.snippet,
                h.topics,
                h.confidence,
                levels[h.id].label if h.id in levels else "",
                levels[h.id].tooltip if h.id in levels else "",
                sources=h.sources,
                dated=date_line(h.reviewed, h.source, self._collected),
                group=((h.id, h.source), *((a.id, a.source) for a in h.also)) if h.also else (),
            )
            for h in res.results
        )
        return SearchPage(
            generation,
            text,
            res.total,
            res.suggestion,
            rows,
            res.took_ms,
            res.partial,
            whole_words,
            reading == "typing" and not whole_words,
        )

    def close(self) -> None:
        """Release the index and its database connection."""
        if self._service is not None:
            self._service.close()
            self._service = None
