"""JSON Lines interchange: one answer object per line, DESIGN section 2 field names."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from db.answer_rules import validate_answer
from db.records import Answer
from desktop.core.importers.base import ImportIssue, decode_utf8
from desktop.core.markdown_parts import asks_from_body


def read_file(path: Path) -> Iterator[Answer | ImportIssue]:
    """Yield answers; a bad line becomes an issue naming its line number."""
    text = decode_utf8(path, path.read_bytes())
    if isinstance(text, ImportIssue):
        yield text
        return
    # lines end at \n only: JSON strings may hold U+2028 and friends
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                raise ValueError("each line must be a JSON object")
            answer = Answer.from_dict(data)
        except (ValueError, TypeError, KeyError) as exc:
            yield ImportIssue(str(path), number, (str(exc).splitlines() or ["not valid"])[0])
            continue
        except RecursionError:
            yield ImportIssue(str(path), number, "nested too deeply to read")
            continue
        problems = validate_answer(answer)
        if problems:
            yield ImportIssue(str(path), number, problems[0])
            continue
        if not answer.asks:
            answer = answer.with_changes(asks=asks_from_body(answer.body))
        yield answer
