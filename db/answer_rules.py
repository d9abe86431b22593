"""The rules every answer must meet, one set for build, publish and the sync client:
`validate_answer` says what is wrong, in sentences a content author can act on."""

from __future__ import annotations

import re

from db.records import CONFIDENCES, ID_PATTERN, STATUSES, TEXT_FIELDS, Answer, json_kind

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
    for name in TEXT_FIELDS:
        if not isinstance(getattr(answer, name), str):
            return [f"{name} must be text, not {json_kind(getattr(answer, name))}"]
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
        *[(f"field {name}", getattr(answer, name), MAX_SHORT_CHARS) for name in TEXT_FIELDS[4:]],
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
