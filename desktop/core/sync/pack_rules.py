"""What a pack line may hold: every field's type and size checked before anything is built.

A pack is signed, but a signature proves only who made it, not that it is sane (a publisher's
mistake, a stolen key). So an answer must have the interchange form's types exactly and stay
within PackLimits (size, references, topics, asks, Markdown nesting); anything else refuses
the whole pack with one line, and the installed content stays as it was.
"""

from __future__ import annotations

from typing import Any

from db.answer_rules import MAX_REVISION, nesting_depth, validate_answer
from db.records import ID_PATTERN, Answer, GlossaryEntry, Reference, Synonym
from desktop.core.sync.errors import SyncError
from desktop.core.sync.limits import PackLimits

_TEXT = ("summary", "body", "source", "source_url", "license", "focus", "question_type")
_SHORT = ("language", "status")
_OPTIONAL = ("confidence", "reviewed")
_FIELDS = set(Answer.__dataclass_fields__)


def _bad(where: str, message: str) -> SyncError:
    return SyncError(f"{where}: {message}: refusing the pack", "corrupt")


def _short_text(value: object, where: str, name: str, limit: int) -> str:
    if not isinstance(value, str):
        raise _bad(where, f"{name} is not text")
    if len(value) > limit:
        raise _bad(where, f"{name} is longer than {limit:,} characters")
    return value


def _text_list(
    value: object, where: str, name: str, count: int, limits: PackLimits
) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _bad(where, f"{name} is not a list")
    if len(value) > count:
        raise _bad(where, f"more than {count} {name}")
    return tuple(_short_text(v, where, name, limits.max_field_chars) for v in value)


def _reference(value: object, where: str, limits: PackLimits) -> Reference:
    if not isinstance(value, dict) or not set(value) <= {"number", "text", "url", "doi", "pmid"}:
        raise _bad(where, "a reference is not an object of number, text, url, doi, pmid")
    number = value.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or not 0 < number <= 10_000:
        raise _bad(where, "a reference number is not a whole number from 1 to 10,000")
    extra = {}
    for key in ("url", "doi", "pmid"):
        item = value.get(key)
        if item is not None:
            extra[key] = _short_text(item, where, f"reference {key}", limits.max_field_chars)
    text = _short_text(value.get("text", ""), where, "reference text", limits.max_field_chars)
    return Reference(number=number, text=text, **extra)


def parse_answer(data: object, where: str, limits: PackLimits) -> Answer:
    """An Answer from an upsert's `answer` object, or SyncError(kind='corrupt') saying why."""
    if not isinstance(data, dict):
        raise _bad(where, "the answer is not an object")
    unknown = set(data) - _FIELDS
    if unknown:
        raise _bad(where, f"unknown field {sorted(unknown)[0][:40]!r}")
    # Any: each value is checked by the rule that put it here, and Answer gets exactly these.
    fields: dict[str, Any] = {
        "id": _short_text(data.get("id"), where, "id", 100),
        "question": _short_text(data.get("question"), where, "question", limits.max_field_chars),
    }
    where = f"{where}: answer {fields['id']!r}"
    for name in _TEXT:
        if data.get(name) is not None:
            fields[name] = _short_text(data[name], where, name, limits.max_answer_bytes)
    for name in _SHORT:
        if data.get(name) is not None:
            fields[name] = _short_text(data[name], where, name, 40)
    for name in _OPTIONAL:
        fields[name] = None if data.get(name) is None else _short_text(data[name], where, name, 40)
    fields["topics"] = _text_list(data.get("topics"), where, "topics", limits.max_topics, limits)
    fields["asks"] = _text_list(data.get("asks"), where, "asks", limits.max_asks, limits)
    refs = data.get("references")
    if refs is not None and not isinstance(refs, list):
        raise _bad(where, "references is not a list")
    if refs and len(refs) > limits.max_references:
        raise _bad(where, f"more than {limits.max_references} references")
    fields["references"] = tuple(_reference(r, where, limits) for r in refs or ())
    revision = data.get("revision", 1)
    if (
        not isinstance(revision, int)
        or isinstance(revision, bool)
        or not 0 <= revision <= MAX_REVISION
    ):
        raise _bad(where, f"revision is not a whole number from 0 to {MAX_REVISION:,}")
    fields["revision"] = revision
    answer = Answer(**fields)
    depth = nesting_depth(answer.body)  # the import rule's own measure
    if depth > limits.max_nesting:
        raise _bad(where, f"lists or quotes nest {depth} deep (at most {limits.max_nesting})")
    problems = validate_answer(answer)
    if problems:
        raise _bad(where, problems[0])
    return answer


def parse_delete(data: dict[str, object], where: str) -> str:
    """The id of a delete op."""
    answer_id = data.get("id")
    if not isinstance(answer_id, str) or not ID_PATTERN.match(answer_id):
        raise _bad(where, "a delete without a valid id")
    return answer_id


def parse_synonyms(data: dict[str, object], where: str, limits: PackLimits) -> tuple[Synonym, ...]:
    """The rows of a synonyms op: [term, synonym] or [term, synonym, kind], all text."""
    rows = data.get("synonyms")
    if not isinstance(rows, list):
        raise _bad(where, "synonyms is not a list")
    if len(rows) > limits.max_synonyms:
        raise _bad(where, f"more than {limits.max_synonyms:,} synonyms")
    result = []
    for row in rows:
        if not isinstance(row, list) or len(row) not in (2, 3):
            raise _bad(where, "a synonym is not [term, synonym, kind]")
        texts = [_short_text(v, where, "a synonym", 200) for v in row]
        result.append(Synonym(texts[0], texts[1], texts[2] if len(texts) > 2 else "lay"))
    return tuple(result)


def parse_glossary(
    data: dict[str, object], where: str, limits: PackLimits
) -> tuple[GlossaryEntry, ...]:
    """The rows of a glossary op: [term, definition, source], each a checked definition
    (at most 40 words, never using the term itself)."""
    from desktop.core.glossary import check

    rows = data.get("entries")
    if not isinstance(rows, list):
        raise _bad(where, "glossary entries are not a list")
    if len(rows) > limits.max_synonyms:
        raise _bad(where, f"more than {limits.max_synonyms:,} glossary entries")
    result = []
    for row in rows:
        if not isinstance(row, list) or len(row) != 3:
            raise _bad(where, "a glossary entry is not [term, definition, source]")
        term, definition, source = (_short_text(v, where, "a glossary entry", 400) for v in row)
        entry = GlossaryEntry(term, definition, source)
        problem = check(entry)
        if problem:
            raise _bad(where, problem)
        result.append(entry)
    return tuple(result)
