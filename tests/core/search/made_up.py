"""Content made up by a test, built for real: a JSON Lines source, content.db and index."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from db.records import Answer
from desktop.core.build import build_content
from desktop.core.paths import DataDir
from desktop.core.search import SearchService


def build(tmp: Path, answers: Sequence[Answer]) -> DataDir:
    """A data folder under `tmp` holding exactly `answers` (the build must report nothing)."""
    tmp.mkdir(parents=True, exist_ok=True)
    src = tmp / "answers.jsonl"
    src.write_text("\n".join(json.dumps(a.to_dict()) for a in answers) + "\n", encoding="utf-8")
    data_dir = DataDir(tmp / "data")
    report = build_content([src], data_dir)
    assert not report.issues, report.issues
    return data_dir


@contextmanager
def searching(tmp: Path, answers: Sequence[Answer]) -> Iterator[SearchService]:
    """Search over `answers` alone, closed on leaving."""
    data_dir = build(tmp, answers)
    with SearchService(data_dir.content_db, data_dir.index_dir) as service:
        yield service
