"""Typed records that cross the layers (frozen, so nobody mutates shared state)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
CONFIDENCES = ("high", "moderate", "low")
STATUSES = ("published", "withdrawn")


@dataclass(frozen=True)
class Reference:
    """One numbered entry of an answer's reference list."""

    number: int
    text: str
    url: str | None = None
    doi: str | None = None
    pmid: str | None = None


@dataclass(frozen=True)
class Answer:
    """One patient answer, as stored and as exchanged (DESIGN section 2)."""

    id: str
    question: str
    summary: str = ""
    confidence: str | None = None
    reviewed: str | None = None
    topics: tuple[str, ...] = ()
    language: str = "en"
    body: str = ""
    references: tuple[Reference, ...] = ()
    source: str = ""
    source_url: str = ""
    license: str = ""
    focus: str = ""
    question_type: str = ""
    status: str = "published"
    revision: int = 1
    asks: tuple[str, ...] = field(default=())

    def with_changes(self, **changes: object) -> Answer:
        """Return a copy with some fields replaced (records are immutable)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, object]:
        """The JSON Lines interchange form (DESIGN section 2 field names)."""
        return {
            "id": self.id,
            "question": self.question,
            "summary": self.summary,
            "confidence": self.confidence,
            "reviewed": self.reviewed,
            "topics": list(self.topics),
            "language": self.language,
            "body": self.body,
            "references": [
                {k: v for k, v in vars(r).items() if v is not None} for r in self.references
            ],
            "source": self.source,
            "source_url": self.source_url,
            "license": self.license,
            "focus": self.focus,
            "question_type": self.question_type,
            "status": self.status,
            "revision": self.revision,
            "asks": list(self.asks),
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Answer:
        """Build from the interchange form; unknown keys raise ValueError."""
        known = set(cls.__dataclass_fields__)
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown field(s): {', '.join(sorted(unknown))}")
        refs = tuple(
            Reference(
                number=int(r["number"]),
                text=str(r.get("text", "")),
                url=r.get("url"),
                doi=r.get("doi"),
                pmid=None if r.get("pmid") is None else str(r.get("pmid")),
            )
            for r in data.get("references") or ()  # type: ignore[union-attr]
        )
        kwargs = dict(data)
        kwargs["references"] = refs
        kwargs["topics"] = tuple(data.get("topics") or ())  # type: ignore[arg-type]
        kwargs["asks"] = tuple(data.get("asks") or ())  # type: ignore[arg-type]
        if "revision" in kwargs:
            kwargs["revision"] = int(kwargs["revision"])  # type: ignore[arg-type]
        for text_field in (
            "summary",
            "body",
            "source",
            "source_url",
            "license",
            "focus",
            "question_type",
            "language",
            "status",
        ):
            if kwargs.get(text_field) is None and text_field in kwargs:
                kwargs.pop(text_field)
        return cls(**kwargs)  # type: ignore[arg-type]


@dataclass(frozen=True)
class TopicCount:
    """A topic with the number of published answers in it."""

    name: str
    count: int


@dataclass(frozen=True)
class AnswerState:
    """What a sync compares before and after applying packs: is it shown, and its question."""

    status: str
    question: str


@dataclass(frozen=True)
class LicenceCount:
    """A licence text, the source that uses it, and how many published answers carry it."""

    licence: str
    source: str
    count: int


@dataclass(frozen=True)
class Synonym:
    """A lay/clinical (or abbreviation, spelling, brand) equivalence used by search."""

    term: str
    synonym: str
    kind: str = "lay"


def validate_answer(answer: Answer) -> list[str]:
    """Return what is wrong with an answer (empty when it is fine)."""
    problems = []
    if not ID_PATTERN.match(answer.id or ""):
        problems.append(f"id {answer.id!r} must be 1-100 characters of A-Z, a-z, 0-9, _ or -")
    if not answer.question.strip():
        problems.append("the question is empty")
    if answer.status == "published" and not (answer.body.strip() or answer.summary.strip()):
        problems.append("the answer is empty (no summary and no body)")
    if answer.confidence is not None and answer.confidence not in CONFIDENCES:
        problems.append(f"confidence {answer.confidence!r} is not one of high, moderate, low")
    if answer.status not in STATUSES:
        problems.append(f"status {answer.status!r} is not published or withdrawn")
    if answer.reviewed is not None and not re.match(r"^\d{4}-\d{2}-\d{2}$", answer.reviewed):
        problems.append(f"reviewed date {answer.reviewed!r} is not YYYY-MM-DD")
    return problems
