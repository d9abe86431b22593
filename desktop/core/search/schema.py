"""The Whoosh schema and how an answer becomes an index document."""

from __future__ import annotations

from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema

from db.records import Answer
from desktop.core.search.analysis import plain_analyzer, prefix_analyzer, stemming_analyzer
from desktop.core.search.grouping import card_for

SCHEMA_VERSION = 4
FIELD_BOOSTS = {"question": 3.0, "focus": 3.0, "topics": 1.5, "summary": 1.2, "body": 1.0}


def build_schema() -> Schema:
    """Fields: searchable text (stemmed), filter keywords, prefix grams, spelling vocabulary,
    and a per-document column for grouping and tie-breaking (grouping.Cards)."""
    stem = stemming_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        question=TEXT(analyzer=stem, stored=True, field_boost=FIELD_BOOSTS["question"]),
        focus=TEXT(analyzer=stem, field_boost=FIELD_BOOSTS["focus"]),
        topics=TEXT(analyzer=stem, field_boost=FIELD_BOOSTS["topics"]),
        summary=TEXT(analyzer=stem, field_boost=FIELD_BOOSTS["summary"]),
        body=TEXT(analyzer=stem, field_boost=FIELD_BOOSTS["body"]),
        prefix=TEXT(analyzer=prefix_analyzer(), phrase=False),
        words=TEXT(analyzer=plain_analyzer(), phrase=False),
        topic=KEYWORD(stored=True, commas=True, lowercase=False),
        source=ID(stored=True),
        confidence=ID(stored=True),
        meta=STORED(),
        card=COLUMN(),
    )


def document_for(answer: Answer) -> dict[str, object]:
    """The index document of one published answer."""
    return {
        "id": answer.id,
        "question": answer.question,
        "focus": answer.focus or " ; ".join(answer.topics),
        "topics": " ; ".join(answer.topics),
        "summary": answer.summary,
        "body": answer.body,
        "prefix": f"{answer.question} {answer.focus} {' '.join(answer.topics)}",
        "words": f"{answer.question} {answer.focus} {' '.join(answer.topics)} {answer.summary}",
        "topic": ",".join(t.replace(",", " ") for t in answer.topics),
        "source": answer.source or "",
        "confidence": answer.confidence or "none",
        "meta": {"focus": answer.focus or (answer.topics[0] if answer.topics else "")},
        "card": card_for(answer),
    }
