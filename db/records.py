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

# What one answer may hold. The same rules for build, publish and the sync client
# (validate_answer), so a publisher can never sign what clients refuse. Chosen well above the
# largest real answers (MedQuAD: body 27,116 characters, 4 references, 3 topics, 5 asks) and
# well below what makes reading slow: a 100,000-character body renders in about 0.45 s, and
# lists nested more than 20 deep are never written by people (300 levels crash Markdown).
MAX_QUESTION_CHARS = 500
MAX_SUMMARY_CHARS = 2_000
MAX_BODY_CHARS = 100_000
MAX_NESTING = 20
MAX_TOPICS = 50
MAX_REFERENCES = 300
MAX_ASKS = 100
MAX_SHORT_CHARS = 2_000  # a topic, an ask, a reference, a source, a URL, a licence
MAX_REVISION = 2**31 - 1  # sane, and far inside SQLite's INTEGER
MAX_REFERENCE_NUMBER = 9_999
# characters that end a line somewhere (Python's splitlines, Unicode); one-line fields hold none
LINE_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# and no control characters at all (a tab is fine)
_NOT_ONE_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")
_NESTING_MARK = re.compile(r"\s*(?:>|[-*+](?=\s)|[0-9]{1,9}[.)](?=\s))")
_TEXT_FIELDS = (
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
        for name in (*_TEXT_FIELDS, "confidence", "reviewed"):
            value = data.get(name)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"field {name!r} must be text, not {_kind(value)}")
        kwargs: dict[str, Any] = dict(data)
        kwargs["references"] = tuple(_reference(r) for r in _list(data, "references", dict))
        kwargs["topics"] = tuple(_list(data, "topics", str))
        kwargs["asks"] = tuple(_list(data, "asks", str))
        if "revision" in kwargs:
            kwargs["revision"] = _whole_number(kwargs["revision"], "revision")
        for text_field in _TEXT_FIELDS[2:]:
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


def _kind(value: object) -> str:
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
        raise ValueError(f"{name} must be a whole number, not {_kind(value)}")
    return value


def _list(data: Mapping[str, object], name: str, item: type) -> list[object]:
    """A list field whose items all have one type (missing or null is empty)."""
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"field {name!r} must be a list, not {_kind(value)}")
    for entry in value:
        if not isinstance(entry, item):
            wanted = "text" if item is str else "an object"
            raise ValueError(f"every entry of {name!r} must be {wanted}, not {_kind(entry)}")
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
        raise ValueError(f"reference {number} text must be text, not {_kind(text)}")
    parts: dict[str, str | None] = {}
    for name in ("url", "doi", "pmid"):
        value = raw.get(name)
        if name == "pmid" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"reference {number} {name} must be text, not {_kind(value)}")
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


_MAYBE_NESTED = re.compile(
    r"^(?:[ \t>].*|(?:[-*+]|[0-9]{1,9}[.)])[ \t]+(?:[-*+>]|[0-9]{1,9}[.)]).*)$", re.M
)


def nesting_depth(markdown: str) -> int:
    """How deeply blocks nest (quotes, list items, 4-column indents) on the deepest line.
    Only lines that may nest are measured: most lines of most answers start flush left."""
    deepest = 0
    for candidate in _MAYBE_NESTED.finditer(markdown):
        expanded = candidate.group().expandtabs(4)
        depth = (len(expanded) - len(expanded.lstrip(" "))) // 4
        position = 0
        while match := _NESTING_MARK.match(expanded, position):
            depth += 1
            position = match.end()
        deepest = max(deepest, depth)
    return deepest


def _one_line_problem(name: str, value: str, limit: int) -> str | None:
    if len(value) > limit:
        return f"{name} is {len(value):,} characters long (at most {limit:,})"
    found = _NOT_ONE_LINE.search(value)
    if found:
        return (
            f"{name} holds the control character U+{ord(found.group()):04X} (one line, plain text)"
        )
    return None


def _first_one_line_problem(fields: list[tuple[str, str, int]]) -> str | None:
    """The first field too long or not on one line. One search over all of them first: this
    runs for every answer of a build (16,000 for MedQuAD)."""
    if all(len(value) <= limit for _, value, limit in fields) and not _NOT_ONE_LINE.search(
        "\t".join(value for _, value, _ in fields)
    ):
        return None
    return next((p for f in fields if (p := _one_line_problem(*f))), None)


def validate_answer(answer: Answer) -> list[str]:
    """Return what is wrong with an answer (empty when it is fine).

    The one set of rules: `build` skips (and reports) answers that break them, `publish`
    refuses to sign them and the sync client refuses packs that hold them.
    """
    for name in _TEXT_FIELDS:
        if not isinstance(getattr(answer, name), str):
            return [f"{name} must be text, not {_kind(getattr(answer, name))}"]
    problems = []
    if not ID_PATTERN.match(answer.id or ""):
        problems.append(f"id {answer.id[:120]!r} must be 1-100 characters of A-Z, a-z, 0-9, _ or -")
    if not answer.question.strip():
        problems.append("the question is empty")
    if answer.status == "published" and not (answer.body.strip() or answer.summary.strip()):
        problems.append("the answer is empty (no summary and no body)")
    if answer.confidence is not None and answer.confidence not in CONFIDENCES:
        problems.append(f"confidence {answer.confidence!r:.60} is not one of high, moderate, low")
    if answer.status not in STATUSES:
        problems.append(f"status {answer.status!r:.60} is not published or withdrawn")
    if answer.reviewed is not None and not re.fullmatch(
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}", answer.reviewed
    ):
        problems.append(f"reviewed date {answer.reviewed!r:.60} is not YYYY-MM-DD")
    if isinstance(answer.revision, bool) or not isinstance(answer.revision, int):
        problems.append("revision must be a whole number")
    elif not 1 <= answer.revision <= MAX_REVISION:
        problems.append(f"revision {answer.revision} is not between 1 and {MAX_REVISION:,}")
    one_line = [
        ("the question", answer.question, MAX_QUESTION_CHARS),
        ("the summary", answer.summary, MAX_SUMMARY_CHARS),
        *[(f"field {name}", getattr(answer, name), MAX_SHORT_CHARS) for name in _TEXT_FIELDS[4:]],
        *[("a topic", topic, MAX_SHORT_CHARS) for topic in answer.topics],
        *[("a question to ask", ask, MAX_SHORT_CHARS) for ask in answer.asks],
    ]
    problem = _first_one_line_problem(one_line)
    if problem:
        problems.append(problem)
    problems.extend(_parts_problems(answer))
    return problems


def _parts_problems(answer: Answer) -> list[str]:
    """The body, the references and how many parts an answer has."""
    problems = []
    if len(answer.body) > MAX_BODY_CHARS:
        problems.append(
            f"the body is {len(answer.body):,} characters long (at most {MAX_BODY_CHARS:,})"
        )
    elif "\x00" in answer.body:
        problems.append("the body holds a NUL character")
    elif nesting_depth(answer.body) > MAX_NESTING:
        problems.append(f"the body nests lists or quotes more than {MAX_NESTING} deep")
    for name, items, limit in (
        ("topics", answer.topics, MAX_TOPICS),
        ("references", answer.references, MAX_REFERENCES),
        ("questions to ask", answer.asks, MAX_ASKS),
    ):
        if len(items) > limit:
            problems.append(f"{len(items):,} {name} (at most {limit})")
    numbers: set[int] = set()
    for ref in answer.references:
        if isinstance(ref.number, bool) or not isinstance(ref.number, int):
            problems.append("a reference number is not a whole number")
            break
        if not 1 <= ref.number <= MAX_REFERENCE_NUMBER or ref.number in numbers:
            problems.append(
                f"reference number {ref.number} is repeated or not 1-{MAX_REFERENCE_NUMBER}"
            )
            break
        numbers.add(ref.number)
        texts = [("a reference", ref.text)] + [
            (f"a reference {name}", value)
            for name, value in (("url", ref.url), ("doi", ref.doi), ("pmid", ref.pmid))
            if value is not None
        ]
        problem = next(
            (p for n, v in texts if (p := _one_line_problem(n, v, MAX_SHORT_CHARS))), None
        )
        if problem:
            problems.append(problem)
            break
    return problems


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
