"""Typed records that cross the layers (frozen, so nobody mutates shared state)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, TypedDict, Unpack, cast

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,100}$")


class Confidence(StrEnum):
    """How sure an answer is (DESIGN section 2). Records hold the plain string, because they
    are built from files before `validate_answer` says whether the value is one of these."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"


class Status(StrEnum):
    """Whether an answer is shown (published) or kept only for saved copies (withdrawn)."""

    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class SynonymKind(StrEnum):
    """What a synonym pair is; search weighs the kinds differently."""

    LAY = "lay"
    ABBR = "abbr"
    SPELLING = "spelling"
    BRAND = "brand"
    RELATED = "related"


CONFIDENCES = tuple(Confidence)
STATUSES = tuple(Status)


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

    def with_changes(self, **changes: Unpack[AnswerChanges]) -> Answer:
        """Return a copy with some fields replaced (records are immutable)."""
        return replace(self, **changes)

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
    def from_dict(cls, data: Mapping[str, object]) -> Answer:
        """Build from the interchange form; unknown keys raise ValueError."""
        known = set(cls.__dataclass_fields__)
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown field(s): {', '.join(sorted(unknown))}")
        kwargs: dict[str, Any] = dict(data)
        kwargs["references"] = tuple(_reference(r) for r in _json_list(data.get("references")))
        kwargs["topics"] = _json_list(data.get("topics"))
        kwargs["asks"] = _json_list(data.get("asks"))
        if "revision" in kwargs:
            kwargs["revision"] = int(kwargs["revision"])
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
        return cls(**kwargs)


class AnswerChanges(TypedDict, total=False):
    """The fields `Answer.with_changes` may replace, with their types."""

    id: str
    question: str
    summary: str
    confidence: str | None
    reviewed: str | None
    topics: tuple[str, ...]
    language: str
    body: str
    references: tuple[Reference, ...]
    source: str
    source_url: str
    license: str
    focus: str
    question_type: str
    status: str
    revision: int
    asks: tuple[str, ...]


def _json_list(value: object) -> tuple[Any, ...]:
    """A list field of the interchange form (missing or null: empty). Its items are JSON
    values, checked where they are used; a non-list fails with TypeError as tuple() does."""
    return tuple(cast("Iterable[Any]", value or ()))


def _reference(item: Mapping[str, Any]) -> Reference:
    """One entry of the interchange form's reference list."""
    pmid = item.get("pmid")
    return Reference(
        number=int(item["number"]),
        text=str(item.get("text", "")),
        url=item.get("url"),
        doi=item.get("doi"),
        pmid=None if pmid is None else str(pmid),
    )


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
