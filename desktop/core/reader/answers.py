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
    The page names its publisher and links to the other publishers' answers to the same
    question, found in the content however the answer was opened; `group`: (id, publisher)
    of the search result it was opened from, best-ranked first, keeps the search's order."""
    from desktop.core.reader.pages import related_html
    from desktop.core.reader.publishers import (
        content_group,
        date_line,
        grouped_related,
        known_dates,
        switch_html,
    )
    from desktop.core.reading_level import levels_for
    from desktop.core.render import render_answer_html
    from desktop.core.search.grouping import group_key

    with open_content(content_db) as store:
        answer = store.get_answer(answer_id)
        if answer is None or answer.status != "published":
            return None
        members = content_group(store, answer, [i for i, _ in group])
        # one entry per question: more answers are looked at than shown
        nearby = list(store.answers(store.related_ids(answer_id, related_limit * 8)))
        entries = grouped_related(nearby, exclude=group_key(answer))[:related_limit]
        by_id = {a.id: a for a in nearby}
        related = tuple(
            ListedAnswer(
                i,
                q,
                topics=by_id[i].topics,
                confidence=by_id[i].confidence,
                sources=sources,
            )
            for i, q, sources in entries
        )
        terms = term_marker(store, content_db)
        level = levels_for(store, [answer_id]).get(answer_id)
        undated = "" if answer.reviewed else date_line(None, answer.source, known_dates(store))
    extra = related_html(answer.topics, [(r.id, r.question, r.sources) for r in related])
    rendered = render_answer_html(
        answer,
        related=extra,
        terms=terms,
        reading=level,
        undated=undated,
        publishers=switch_html(answer_id, members),
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
    answer. Text, HTML and JSON name the publisher, what is known of the date, and the other
    publishers' answers to the same question (JSON "also", as `search --json` gives them).
    Raises StoreError when the content cannot be read."""
    import json

    from db.glossary_store import glossary_entries
    from desktop.core.answer_json import answer_json
    from desktop.core.reader.publishers import (
        content_group,
        date_line,
        known_dates,
        publisher_lines,
        publisher_name,
        switch_html,
    )
    from desktop.core.reading_level import levels_for
    from desktop.core.render import render_markdown, render_text
    from desktop.core.resources import resources_dir
    from desktop.core.term_marking import TermMarker

    with open_content(content_db) as store:
        answer = store.get_answer(answer_id)
        if answer is None:
            return None
        level = levels_for(store, [answer_id]).get(answer_id) if fmt == "json" else None
        terms = TermMarker(glossary_entries(store)) if fmt == "html" else None
        group = content_group(store, answer) if fmt != "markdown" else ()
        undated = "" if answer.reviewed else date_line(None, answer.source, known_dates(store))
    if fmt == "json":
        data = answer_json(answer)
        data["publisher"] = publisher_name(answer.source)
        data["dated"] = undated or None
        data["also"] = [{"id": i, "source": s} for i, s in group if i != answer_id]
        data["reading_level"] = level.to_json() if level else None
        return json.dumps(data, ensure_ascii=False) + "\n"
    if fmt == "html":
        css_file = resources_dir() / "styles" / "answer-light.css"
        css = css_file.read_text(encoding="utf-8") if css_file.exists() else ""
        return _page(answer, css, terms, undated, switch_html(answer_id, group))
    if fmt == "markdown":
        return render_markdown(answer)
    text = render_text(answer)
    head, underline, rest = text.partition("\n" + "=" * min(len(answer.question), 78) + "\n")
    lines = "".join(line + "\n" for line in publisher_lines(answer_id, group, undated))
    return head + underline + lines + rest if underline else text


def _page(answer: Answer, css: str, terms: TermMarker | None, undated: str, publishers: str) -> str:
    """A standalone HTML page with what the window's page says of its publishers and date
    (render.render_page's page, with the window's extras)."""
    import html

    from desktop.core.render import render_answer_html

    rendered = render_answer_html(answer, terms=terms, undated=undated, publishers=publishers)
    title = html.escape(answer.question)
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(answer.language)}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{css}</style></head><body>\n"
        f"{''.join(rendered.pieces)}\n</body></html>\n"
    )
