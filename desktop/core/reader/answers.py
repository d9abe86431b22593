"""One answer for the reader: read off the UI thread for the window, or as a document for the
command line (`show`). Each call opens its own read-only ContentStore, so it is safe on any
worker thread; Markdown and the renderer are imported inside, off the startup path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from db.records import Answer
from desktop.core.reader.installed import open_content

if TYPE_CHECKING:  # imported inside the functions at run time (startup path)
    from db.records import GlossaryEntry
    from db.store import ContentStore
    from desktop.core.render import AnswerHtml
    from desktop.core.term_marking import TermMarker

#: What `show --format` offers.
AnswerFormat = Literal["text", "markdown", "html", "json"]


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
    #: The publishers of this result's answers (a grouped result names several).
    sources: tuple[str, ...] = ()
    #: "Reviewed 3 March 2024", "Collected 2017–2019 · no review date" ('' when not known).
    dated: str = ""
    #: (id, publisher) of a grouped result's answers, best-ranked first (() when not grouped).
    group: tuple[tuple[str, str], ...] = ()


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


def load_answer(
    content_db: Path,
    answer_id: str,
    related_limit: int = 5,
    group: tuple[tuple[str, str], ...] = (),
) -> LoadedAnswer | None:
    """One answer rendered for the reader, with related answers; None when it is gone.
    `group`: (id, publisher) of the grouped result it was opened from, best-ranked first:
    the page names the publisher being read and links to the others."""
    from desktop.core.reader.pages import related_html
    from desktop.core.reader.publishers import date_line, known_dates, switch_html
    from desktop.core.reading_level import levels_for
    from desktop.core.render import render_answer_html

    with open_content(content_db) as store:
        answer = store.get_answer(answer_id)
        if answer is None or answer.status != "published":
            return None
        related = tuple(
            ListedAnswer(a.id, a.question, topics=a.topics, confidence=a.confidence)
            for a in store.answers(store.related_ids(answer_id, related_limit))
        )
        terms = term_marker(store, content_db)
        level = levels_for(store, [answer_id]).get(answer_id)
        undated = "" if answer.reviewed else date_line(None, answer.source, known_dates(store))
    extra = related_html(answer.topics, [(r.id, r.question) for r in related])
    rendered = render_answer_html(
        answer,
        related=extra,
        terms=terms,
        reading=level,
        undated=undated,
        publishers=switch_html(answer_id, group),
    )
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

    with open_content(content_db) as store:
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


def answer_document(content_db: Path, answer_id: str, fmt: AnswerFormat = "text") -> str | None:
    """One answer as a document, as `show` prints it (text, Markdown, a standalone HTML page
    with glossary terms marked, or JSON with its reading level); None when there is no such
    answer. Raises StoreError when the content cannot be read."""
    import json

    from db.glossary_store import glossary_entries
    from desktop.core.answer_json import answer_json
    from desktop.core.reading_level import levels_for
    from desktop.core.render import render_markdown, render_page, render_text
    from desktop.core.resources import resources_dir
    from desktop.core.term_marking import TermMarker

    with open_content(content_db) as store:
        answer = store.get_answer(answer_id)
        level = levels_for(store, [answer_id]).get(answer_id) if fmt == "json" else None
        terms = TermMarker(glossary_entries(store)) if fmt == "html" else None
    if answer is None:
        return None
    if fmt == "json":
        data = answer_json(answer)
        data["reading_level"] = level.to_json() if level else None
        return json.dumps(data, ensure_ascii=False) + "\n"
    if fmt == "html":
        css_file = resources_dir() / "styles" / "answer-light.css"
        css = css_file.read_text(encoding="utf-8") if css_file.exists() else ""
        return render_page(answer, css, terms=terms)
    if fmt == "markdown":
        return render_markdown(answer)
    return render_text(answer)
