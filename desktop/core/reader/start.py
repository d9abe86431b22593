"""The start page and the status bar's facts, read in one go for the first paint.

(Every topic, for the Topics list, is load_topics: thousands of rows can wait.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from db.records import Answer, TopicCount
from desktop.core.reader.installed import Installed, open_content, read_installed


@dataclass(frozen=True)
class StartData:
    """What the start page and status bar show."""

    topics: tuple[TopicCount, ...]  # the biggest few (load_topics has them all)
    recent: tuple[Answer, ...]
    installed: Installed
    first_answer_id: str | None = None
    html: str = ""


def load_start(content_db: Path, recent_limit: int = 8) -> StartData:
    """The biggest topics, recently reviewed answers, counts and meta: the first paint.
    (Every topic, for the Topics list, is load_topics: thousands of rows can wait.)"""
    from desktop.core.reader.pages import START_TOPICS, start_page_html

    with open_content(content_db) as store:
        biggest, topic_total = store.biggest_topics(START_TOPICS)
        topics = tuple(biggest)
        recent = tuple(store.recently_reviewed(recent_limit))
        first = recent[0].id if recent else None
        if first is None and topics:
            largest = max(topics, key=lambda t: t.count)
            ids = store.answer_ids_in_topic(largest.name, limit=1)
            first = ids[0] if ids else None
        installed = read_installed(store)
        page = start_page_html(
            topics, [(a.id, a.question, a.reviewed) for a in recent], installed.answers, topic_total
        )
        return StartData(topics, recent, installed, first, page)


def load_topics(content_db: Path) -> tuple[TopicCount, ...]:
    """Every topic with its number of answers, by name (the Topics list)."""
    with open_content(content_db) as store:
        return tuple(store.topics())
