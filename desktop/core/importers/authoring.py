"""The authoring format: metadata lines (Python-Markdown meta syntax), a blank line, the body."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from db.answer_rules import LINE_BREAKS, validate_answer
from db.records import Answer, Reference
from desktop.core.importers.base import ImportIssue, decode_utf8
from desktop.core.markdown_parts import (
    REFERENCES_HEADING,
    asks_from_body,
    cited_numbers,
    parse_reference,
    split_sections,
)

KEYS = {
    "id",
    "question",
    "summary",
    "confidence",
    "reviewed",
    "topics",
    "source",
    "source-url",
    "language",
    "status",
    "revision",
    "license",
}
_META_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):\s*(.*)$")
_NUMBERED = re.compile(r"^\s*([0-9]+)[.)]\s+(.*)$")  # ASCII digits only: "²." is no number
_REVISION = re.compile(r"[0-9]{1,10}")
MAX_FILE_BYTES = 1_000_000  # an answer holds at most MAX_BODY_CHARS (100,000) characters


class AuthoringError(Exception):
    """A rule of the format is broken at a line."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line


def read_file(path: Path) -> Iterator[Answer | ImportIssue]:
    """Yield the one answer of a file, or one issue naming the line and what is wrong."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        yield ImportIssue(
            str(path), None, f"the file is {size:,} bytes: one answer is at most {MAX_FILE_BYTES:,}"
        )
        return
    text = decode_utf8(path, path.read_bytes())
    if isinstance(text, ImportIssue):
        yield text
        return
    try:
        yield parse(text)
    except AuthoringError as exc:
        yield ImportIssue(str(path), exc.line, str(exc))


def _read_meta(lines: list[str]) -> tuple[dict[str, tuple[int, str]], int]:
    """Metadata key -> (line, value); returns where the body starts (0-based)."""
    meta: dict[str, tuple[int, str]] = {}
    last_key = None
    index = 0
    for index, line in enumerate(lines):
        number = index + 1
        if not line.strip() and not LINE_BREAKS.search(line):
            return meta, index + 1
        if found := LINE_BREAKS.search(line):
            raise AuthoringError(
                number,
                f"this metadata line holds U+{ord(found.group()):04X} ({_name(found.group())}); "
                "each value must be on one line, so remove it",
            )
        match = _META_LINE.match(line)
        if match and not line.startswith((" ", "\t")):
            key = match.group(1).lower()
            if key not in KEYS:
                raise AuthoringError(number, f"unknown metadata key {match.group(1)!r}")
            if key in meta:
                raise AuthoringError(number, f"metadata key {match.group(1)!r} given twice")
            meta[key] = (number, match.group(2).strip())
            last_key = key
        elif line.startswith(("    ", "\t")) and last_key:
            first, value = meta[last_key]
            meta[last_key] = (first, f"{value} {line.strip()}".strip())
        elif number == 1:
            raise AuthoringError(
                1, "the file must start with metadata lines such as 'Id: my-answer'"
            )
        else:
            raise AuthoringError(number, "expected 'Key: value' or a blank line before the body")
    return meta, len(lines)


def split_lines(text: str) -> list[str]:
    """Lines end at \\n or \\r\\n only: a Unicode line separator inside a value must not
    start a new metadata line (it is reported instead)."""
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _name(char: str) -> str:
    import unicodedata

    return unicodedata.name(char, "a control character").lower()


def parse(text: str) -> Answer:
    """Parse one answer file; raises AuthoringError with the line of the first problem."""
    lines = split_lines(text)
    meta, body_start = _read_meta(lines)
    for required in ("id", "question"):
        if required not in meta or not meta[required][1]:
            raise AuthoringError(None, f"missing metadata '{required.capitalize()}:'")

    def value(key: str) -> str:
        return meta.get(key, (0, ""))[1]

    reviewed = value("reviewed") or None
    if reviewed:
        try:
            date.fromisoformat(reviewed)
        except ValueError:
            raise AuthoringError(
                meta["reviewed"][0], f"Reviewed {reviewed!r} is not a date like 2026-05-12"
            ) from None
    confidence = value("confidence").lower() or None
    if confidence and confidence not in ("high", "moderate", "low"):
        raise AuthoringError(meta["confidence"][0], "Confidence must be high, moderate or low")
    revision = 1
    if value("revision"):
        if not _REVISION.fullmatch(value("revision")):
            raise AuthoringError(
                meta["revision"][0], "Revision must be a whole number such as 2 (digits 0-9)"
            )
        revision = int(value("revision"))

    body_lines = lines[body_start:]
    body, references = _split_references(body_lines, body_start)
    missing = sorted(cited_numbers(body) - {r.number for r in references})
    if missing:
        line = _first_line_citing(body_lines, missing[0], body_start)
        raise AuthoringError(line, f"citation [{missing[0]}] has no matching reference")
    answer = Answer(
        id=value("id"),
        question=value("question"),
        summary=value("summary"),
        confidence=confidence,
        reviewed=reviewed,
        topics=tuple(t.strip() for t in re.split(r"[;,]", value("topics")) if t.strip()),
        language=value("language") or "en",
        body=body,
        references=references,
        source=value("source"),
        source_url=value("source-url"),
        license=value("license"),
        status=value("status") or "published",
        revision=revision,
        asks=asks_from_body(body),
    )
    problems = validate_answer(answer)
    if problems:
        line = meta["id"][0] if "id" in problems[0] else None
        raise AuthoringError(line, problems[0])
    return answer


def _split_references(body_lines: list[str], offset: int) -> tuple[str, tuple[Reference, ...]]:
    """Take the ## References section out of the body as records."""
    sections = split_sections("\n".join(body_lines))
    kept: list[str] = []
    references: list[Reference] = []
    for heading, first_line, lines in sections:
        if heading.lower() == REFERENCES_HEADING:
            for number_line, line in enumerate(lines, start=first_line + 1):
                match = _NUMBERED.match(line)
                if match:
                    number = int(match.group(1))
                    if any(r.number == number for r in references):
                        raise AuthoringError(
                            offset + number_line, f"reference {number} is listed twice"
                        )
                    references.append(parse_reference(number, match.group(2)))
                elif line.strip() and references and line.startswith((" ", "\t")):
                    last = references[-1]
                    references[-1] = parse_reference(last.number, f"{last.text} {line.strip()}")
                elif line.strip():
                    raise AuthoringError(
                        offset + number_line,
                        "a reference must be a numbered line like '1. Title...'",
                    )
            continue
        if heading:
            kept.append(f"## {heading}")
        kept.extend(lines)
    return "\n".join(kept).strip() + "\n", tuple(references)


def _first_line_citing(body_lines: list[str], number: int, offset: int) -> int | None:
    for index, line in enumerate(body_lines, start=1):
        if number in cited_numbers(line):
            return offset + index
    return None
