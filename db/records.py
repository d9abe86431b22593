"""Typed records that cross the layers (frozen, so nobody mutates shared state)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, TypedDict, Unpack

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

TEXT_FIELDS = (
    "id",
    "question",
    "summary",
    "body",
    "source",
    "source_url",
    "license",
    "focus",
    "question_type",
    "language",
    "status",
)


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
        """Build from the interchange form; unknown keys and wrong types raise ValueError."""
        if not isinstance(data, Mapping):
            raise ValueError("an answer must be a JSON object")
        known = set(cls.__dataclass_fields__)
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown field(s): {', '.join(sorted(unknown))}")
        for required in ("id", "question"):
            if required not in data:
                raise ValueError(f"missing field {required!r}")
        for name in (*TEXT_FIELDS, "confidence", "reviewed"):
            value = data.get(name)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"field {name!r} must be text, not {json_kind(value)}")
        kwargs: dict[str, Any] = dict(data)
        kwargs["references"] = tuple(_reference(r) for r in _list(data, "references", dict))
        kwargs["topics"] = tuple(_list(data, "topics", str))
        kwargs["asks"] = tuple(_list(data, "asks", str))
        if "revision" in kwargs:
            kwargs["revision"] = _whole_number(kwargs["revision"], "revision")
        for text_field in TEXT_FIELDS[2:]:
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


def json_kind(value: object) -> str:
    """A JSON-ish name for a value's type, for messages."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null" if value is None else type(value).__name__


def _whole_number(value: object, name: str) -> int:
    """A JSON integer (not true/false, not 2.5, not "2")."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, not {json_kind(value)}")
    return value


def _list(data: Mapping[str, object], name: str, item: type) -> list[object]:
    """A list field whose items all have one type (missing or null is empty)."""
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"field {name!r} must be a list, not {json_kind(value)}")
    for entry in value:
        if not isinstance(entry, item):
            wanted = "text" if item is str else "an object"
            raise ValueError(f"every entry of {name!r} must be {wanted}, not {json_kind(entry)}")
    return value


def _reference(raw: object) -> Reference:
    """One entry of `references` from the interchange form, its types checked."""
    assert isinstance(raw, dict)
    unknown = set(raw) - {"number", "text", "url", "doi", "pmid"}
    if unknown:
        raise ValueError(f"unknown reference field(s): {', '.join(sorted(map(str, unknown)))}")
    number = _whole_number(raw.get("number"), "a reference number")
    text = raw.get("text", "")
    if not isinstance(text, str):
        raise ValueError(f"reference {number} text must be text, not {json_kind(text)}")
    parts: dict[str, str | None] = {}
    for name in ("url", "doi", "pmid"):
        value = raw.get(name)
        if name == "pmid" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"reference {number} {name} must be text, not {json_kind(value)}")
        parts[name] = value
    return Reference(number, text, parts["url"], parts["doi"], parts["pmid"])


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


@dataclass(frozen=True)
class GlossaryEntry:
    """A term explained in plain words, where the words came from, and the answer to read."""

    term: str
    definition: str
    source: str
    answer_id: str | None = None

    @property
    def key(self) -> str:
        """The form terms are looked up by: lower case, single spaces, straight apostrophes."""
        return " ".join(self.term.replace("\u2019", "'").lower().split())

    def to_json(self) -> dict[str, object]:
        """The `define --json` form."""
        return {
            "term": self.term,
            "definition": self.definition,
            "source": self.source,
            "answer_id": self.answer_id,
        }
