"""Work the window hands to TaskRunner: plain functions over plain data (no Qt, no widgets).

Each opens its own read-only ContentStore (cheap) so it is safe on any worker thread. Core
modules that pull in Markdown or Whoosh are imported here, inside the functions, so they
stay off the startup path.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar, TypeVarTuple

from db.records import Answer, TopicCount
from desktop.core.paths import DataDir

if TYPE_CHECKING:  # imported inside the functions at run time (startup path)
    from db.records import GlossaryEntry
    from db.store import ContentStore
    from desktop.core.render import AnswerHtml
    from desktop.core.search.service import SearchService
    from desktop.core.term_marking import TermMarker

T = TypeVar("T")
Ts = TypeVarTuple("Ts")


class Prefetch(Generic[T]):
    """fn(*args) started now on its own thread; `result()` waits for it.

    The window reads its start page this way while its own code is still loading, so the
    first paint does not wait for content.db (TaskRunner needs the Qt objects not made yet).
    A concurrent.futures executor would do the same, but importing it costs ~3 ms of that
    very start.
    """

    def __init__(self, fn: Callable[[*Ts], T], *args: *Ts) -> None:
        self._value: list[T] = []  # [value] once fn has returned
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(fn, args), daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[[*Ts], T], args: tuple[*Ts]) -> None:
        try:
            self._value.append(fn(*args))
        except BaseException as exc:  # handed to whoever asks for the result
            self._error = exc

    def result(self) -> T:
        """The value, once ready; raises what fn raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value[0]


@dataclass(frozen=True)
class ListedAnswer:
    """One row of a result or topic list."""

    id: str
    question: str
    snippet_html: str = ""
    topics: tuple[str, ...] = ()
    confidence: str | None = None
    reading: str = ""  # "Easy to read", "Average", "Harder to read" ("" when not graded)
    reading_tip: str = ""  # the grade, for hovering


@dataclass(frozen=True)
class LoadedAnswer:
    """An answer rendered once for the window (with its visit sheet links and related
    answers) and the related answers themselves."""

    answer: Answer
    rendered: AnswerHtml
    related: tuple[ListedAnswer, ...] = ()
    #: The glossary of the content it came from (key -> entry), for the terms marked on it.
    glossary: Mapping[str, GlossaryEntry] = field(default_factory=dict)

    @property
    def html(self) -> str:
        """The page with no question on the visit sheet yet."""
        return self.rendered.page()


@dataclass(frozen=True)
class StartData:
    """What the start page and status bar show."""

    topics: tuple[TopicCount, ...]  # the biggest few (load_topics has them all)
    recent: tuple[Answer, ...]
    answer_count: int
    content_version: int
    meta: dict[str, str] = field(default_factory=dict)
    first_answer_id: str | None = None
    html: str = ""


@dataclass(frozen=True)
class SearchPage:
    """Results of one search, tagged with the request number that asked for it."""

    generation: int
    query: str
    total: int
    suggestion: str | None
    rows: tuple[ListedAnswer, ...]
    took_ms: float


def _store(content_db: Path) -> ContentStore:
    from db.store import ContentStore

    return ContentStore(content_db, readonly=True)


def load_start(content_db: Path, recent_limit: int = 8) -> StartData:
    """The biggest topics, recently reviewed answers, counts and meta: the first paint.
    (Every topic, for the Topics list, is load_topics: thousands of rows can wait.)"""
    from desktop.core.reader.pages import START_TOPICS, start_page_html

    with _store(content_db) as store:
        biggest, topic_total = store.biggest_topics(START_TOPICS)
        topics = tuple(biggest)
        recent = tuple(store.recently_reviewed(recent_limit))
        first = recent[0].id if recent else None
        if first is None and topics:
            largest = max(topics, key=lambda t: t.count)
            ids = store.answer_ids_in_topic(largest.name, limit=1)
            first = ids[0] if ids else None
        count = store.count_answers()
        page = start_page_html(
            topics, [(a.id, a.question, a.reviewed) for a in recent], count, topic_total
        )
        return StartData(
            topics, recent, count, store.content_version(), store.all_meta(), first, page
        )


def load_topics(content_db: Path) -> tuple[TopicCount, ...]:
    """Every topic with its number of answers, by name (the Topics list)."""
    with _store(content_db) as store:
        return tuple(store.topics())


def load_licences(content_db: Path) -> tuple[tuple[str, str, int], ...]:
    """(licence, source, answers) of the installed content, for the About box."""
    from desktop.core.licences import content_licences

    with _store(content_db) as store:
        return tuple((x.licence, x.source, x.count) for x in content_licences(store))


def load_answer(content_db: Path, answer_id: str, related_limit: int = 5) -> LoadedAnswer | None:
    """One answer rendered for the reader, with related answers; None when it is gone."""
    from desktop.core.reader.pages import related_html
    from desktop.core.reading_level import levels_for
    from desktop.core.render import render_answer_html

    with _store(content_db) as store:
        answer = store.get_answer(answer_id)
        if answer is None or answer.status != "published":
            return None
        related = tuple(
            ListedAnswer(a.id, a.question, topics=a.topics, confidence=a.confidence)
            for a in store.answers(store.related_ids(answer_id, related_limit))
        )
        terms = term_marker(store, content_db)
        level = levels_for(store, [answer_id]).get(answer_id)
    extra = related_html(answer.topics, [(r.id, r.question) for r in related])
    rendered = render_answer_html(answer, related=extra, terms=terms, reading=level)
    return LoadedAnswer(answer, rendered, related, terms.by_key)


_MARKERS: dict[tuple[str, int, int], TermMarker] = {}


def term_marker(store: ContentStore, content_db: Path) -> TermMarker:
    """The glossary's term marker for this content, made once per installed version (an
    update replaces content.db, so its time and size change)."""
    from db.glossary_store import glossary_entries
    from desktop.core.term_marking import TermMarker

    try:
        stat = content_db.stat()
        key = (str(content_db), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = (str(content_db), 0, 0)
    marker = _MARKERS.get(key)
    if marker is None:
        _MARKERS.clear()
        marker = _MARKERS[key] = TermMarker(glossary_entries(store))
    return marker


def load_topic(content_db: Path, topic: str, limit: int = 500) -> list[ListedAnswer]:
    """The answers of one topic, by question, with their summaries."""
    import html

    with _store(content_db) as store:
        ids = store.answer_ids_in_topic(topic, limit)
        rows = []
        for a in store.answers(ids):
            summary = a.summary
            if len(summary) > 220:
                summary = summary[:220].rsplit(" ", 1)[0] + " …"
            rows.append(
                ListedAnswer(a.id, a.question, html.escape(summary), a.topics, a.confidence)
            )
        return rows


class SearchEngine:
    """Owns one SearchService, used only on the "search" serial lane of TaskRunner.

    The UI bumps `latest` for every keystroke it sends; a queued search that is no longer the
    latest returns None at once, so typing never builds up a backlog.
    """

    def __init__(self, data_dir: DataDir) -> None:
        self.data_dir = data_dir
        self.latest = 0
        self._service: SearchService | None = None

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
        if self._service is None:
            self._service = SearchService(self.data_dir.content_db, root)
        else:
            self._service.refresh()
        return self._service.store.count_answers()

    def search(self, generation: int, text: str, limit: int = 30) -> SearchPage | None:
        """Run one as-you-type search, or None when a newer one is already waiting."""
        if generation != self.latest or self._service is None:
            return None
        res = self._service.search(text, limit=limit, as_you_type=True)
        if res.total == 0 or res.suggestion:
            # the last word may be finished after all: a whole-word search finds misspellings
            # ("diabetis") and suggests for every word, not just the finished ones
            full = self._service.search(text, limit=limit)
            res = full if full.total >= res.total else replace(res, suggestion=full.suggestion)
        from desktop.core.reading_level import levels_for

        levels = levels_for(self._service.store, [h.id for h in res.results])
        rows = tuple(
            ListedAnswer(
                h.id,
                h.question,
                h.snippet,
                h.topics,
                h.confidence,
                levels[h.id].label if h.id in levels else "",
                levels[h.id].tooltip if h.id in levels else "",
            )
            for h in res.results
        )
        return SearchPage(generation, text, res.total, res.suggestion, rows, res.took_ms)

    def close(self) -> None:
        """Release the index and its database connection."""
        if self._service is not None:
            self._service.close()
            self._service = None
