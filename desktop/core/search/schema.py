"""The Whoosh schema and how an answer becomes an index document."""

from __future__ import annotations

from whoosh.fields import COLUMN, ID, KEYWORD, TEXT, Schema

from db.records import Answer
from desktop.core.search.analysis import plain_analyzer, prefix_analyzer, stemming_analyzer
from desktop.core.search.grouping import card_for

SCHEMA_VERSION = 6
# The subject field holds the focus and the topics (they used to be two fields, 3.0 + 1.5,
# searched together: one field of 4.5 scores the same and is one lookup per word, not two).
FIELD_BOOSTS = {"question": 3.0, "focus": 4.5, "summary": 1.2, "body": 1.0}


def build_schema() -> Schema:
    """Fields: searchable text (stemmed), filter keywords, prefix grams, spelling vocabulary,
    and a per-document column for grouping and tie-breaking (grouping.Cards)."""
    stem = stemming_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        question=TEXT(analyzer=stem, stored=True, field_boost=FIELD_BOOSTS["question"]),
        focus=TEXT(analyzer=stem, field_boost=FIELD_BOOSTS["focus"]),
        summary=TEXT(analyzer=stem, field_boost=FIELD_BOOSTS["summary"]),
        body=TEXT(analyzer=stem, field_boost=FIELD_BOOSTS["body"]),
        prefix=TEXT(analyzer=prefix_analyzer(), phrase=False),
        words=TEXT(analyzer=plain_analyzer(), phrase=False),
        topic=KEYWORD(stored=True, commas=True, lowercase=False),
        source=ID(stored=True),
        confidence=ID(stored=True),
        card=COLUMN(),
    )


def subject_names(answer: Answer) -> list[str]:
    """The focus, then each topic not already named (case-insensitively)."""
    names: dict[str, str] = {}
    for name in (answer.focus, *answer.topics):
        if name and name.casefold() not in names:
            names[name.casefold()] = name
    return list(names.values())


def document_for(answer: Answer) -> dict[str, object]:
    """The index document of one published answer."""
    return {
        "id": answer.id,
        "question": answer.question,
        "focus": " ; ".join(subject_names(answer)),
        "summary": answer.summary,
        "body": answer.body,
        "prefix": f"{answer.question} {answer.focus} {' '.join(answer.topics)}",
        "words": f"{answer.question} {answer.focus} {' '.join(answer.topics)} {answer.summary}",
        "topic": ",".join(t.replace(",", " ") for t in answer.topics),
        "source": answer.source or "",
        "confidence": answer.confidence or "none",
        "card": card_for(answer),
    }
