"""Answers as rows: the column list, rows back into Answer records (with their topics and
references), and answers written as rows with one display name per topic. ContentStore's
reads and writes call these; they keep store.py to the store's own job."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import Any

from db.records import Answer, Reference

ANSWER_COLUMNS = (
    "id, question, summary, confidence, reviewed, language, body, source, source_url, "
    "license, focus, question_type, status, revision, asks"
)
ANSWER_FIELDS = tuple(name.strip() for name in ANSWER_COLUMNS.split(","))


def _asks(raw: object) -> tuple[str, ...]:
    """The stored questions-to-ask list; anything but a JSON list of strings reads as none
    (they are derived from the body, so the answer itself still reads whole)."""
    try:
        value = json.loads(raw) if isinstance(raw, str) and raw else []
    except ValueError:
        return ()
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str))


def answers_from_rows(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> list[Answer]:
    """Turn answer rows into records with their topics and references."""
    ids = [r[0] for r in rows]
    marks = ",".join("?" * len(ids))
    topics: dict[str, list[str]] = {i: [] for i in ids}
    for answer_id, name in conn.execute(
        "SELECT at.answer_id, t.name FROM answer_topics at "
        "JOIN topics t ON t.id = at.topic_id "
        f"WHERE at.answer_id IN ({marks}) ORDER BY at.answer_id, at.position",
        ids,
    ):
        topics[answer_id].append(name)
    refs: dict[str, list[Reference]] = {i: [] for i in ids}
    for answer_id, number, text, url, doi, pmid in conn.execute(
        f"SELECT answer_id, number, text, url, doi, pmid FROM answer_references "
        f"WHERE answer_id IN ({marks}) ORDER BY answer_id, number",
        ids,
    ):
        refs[answer_id].append(Reference(number, text, url, doi, pmid))
    out = []
    for r in rows:
        fields = dict(zip(ANSWER_FIELDS, r, strict=True))
        fields["asks"] = _asks(fields["asks"])
        out.append(Answer(**fields, topics=tuple(topics[r[0]]), references=tuple(refs[r[0]])))
    return out


def _topic_ids(conn: sqlite3.Connection) -> dict[str, int]:
    """Every topic's id by its case-folded name: topics differ by more than capitals."""
    ids: dict[str, int] = {}
    for topic_id, name in conn.execute("SELECT id, name FROM topics ORDER BY id"):
        ids.setdefault(name.casefold(), int(topic_id))
    return ids


def _topic_id(conn: sqlite3.Connection, name: str, ids: dict[str, int]) -> int:
    """The topic's id, matched case-insensitively ("Heart Attack" is "Heart attack");
    a new topic is created under this spelling."""
    key = name.casefold()
    if key not in ids:
        cursor = conn.execute("INSERT INTO topics (name) VALUES (?)", (name,))
        ids[key] = int(cursor.lastrowid or 0)
    return ids[key]


def display_name(forms: Counter[str]) -> str:
    """A topic's display form among the spellings answers use (with how many use each):
    the most used; ties: fewer capitals, then alphabetical, so every build agrees."""
    return min(forms.items(), key=lambda f: (-f[1], sum(c.isupper() for c in f[0]), f[0]))[0]


def topic_forms(answers: Iterable[Answer]) -> dict[str, Counter[str]]:
    """Each topic's spellings (by case-folded name) and how many answers use each; an
    answer naming a topic twice (in any case) counts once, by its first spelling."""
    forms: dict[str, Counter[str]] = {}
    for answer in answers:
        seen: set[str] = set()
        for topic in answer.topics:
            key = topic.casefold()
            if key not in seen:
                seen.add(key)
                forms.setdefault(key, Counter())[topic] += 1
    return forms


def _settle_topic_names(
    conn: sqlite3.Connection, forms: dict[str, Counter[str]], ids: dict[str, int]
) -> None:
    """One display form per topic: the spelling most of the written answers use (ties:
    fewer capitals, then alphabetical, so every build agrees). A batch that holds only
    a minority of a topic's answers leaves its name alone."""
    for key in sorted(forms):
        counts = forms[key]
        total = conn.execute(
            "SELECT count(*) FROM answer_topics WHERE topic_id = ?", (ids[key],)
        ).fetchone()[0]
        if sum(counts.values()) * 2 > total:
            conn.execute(
                "UPDATE topics SET name = ? WHERE id = ?", (display_name(counts), ids[key])
            )


def write_answers(conn: sqlite3.Connection, answers: Iterable[Answer]) -> int:
    """Insert or replace answers with their topics and references (inside the caller's
    transaction); the number written."""
    count = 0
    ids = _topic_ids(conn)
    forms: dict[str, Counter[str]] = {}
    for a in answers:
        conn.execute("DELETE FROM answers WHERE id = ?", (a.id,))
        conn.execute(
            f"INSERT INTO answers ({ANSWER_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                a.id,
                a.question,
                a.summary,
                a.confidence,
                a.reviewed,
                a.language,
                a.body,
                a.source,
                a.source_url,
                a.license,
                a.focus,
                a.question_type,
                a.status,
                a.revision,
                json.dumps(list(a.asks), ensure_ascii=False),
            ),
        )
        seen: set[str] = set()
        for position, topic in enumerate(a.topics):
            if topic.casefold() in seen:
                continue
            seen.add(topic.casefold())
            forms.setdefault(topic.casefold(), Counter())[topic] += 1
            conn.execute(
                "INSERT INTO answer_topics (answer_id, topic_id, position) VALUES (?,?,?)",
                (a.id, _topic_id(conn, topic, ids), position),
            )
        conn.executemany(
            "INSERT INTO answer_references (answer_id, number, text, url, doi, pmid) "
            "VALUES (?,?,?,?,?,?)",
            [(a.id, r.number, r.text, r.url, r.doi, r.pmid) for r in a.references],
        )
        count += 1
    _settle_topic_names(conn, forms, ids)
    return count
