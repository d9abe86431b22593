"""Building MedQuAD-style content in parallel gives the same content and index every time."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.core import build
from desktop.core.paths import DataDir
from desktop.core.search import index_writer
from desktop.core.search.index import open_live_index
from tests.core.medquad_golden import GOLDEN


def _built(
    tmp_path: Path, name: str, procs: int
) -> tuple[list[str], int, list[tuple[object, ...]]]:
    data_dir = DataDir(tmp_path / name)
    build.build_content([GOLDEN], data_dir, index_procs=procs)
    ix = open_live_index(data_dir.index_dir)
    with ix.searcher() as searcher:
        order = [str(f["id"]) for f in searcher.all_stored_fields()]
        segments = len(ix._segments())  # noqa: SLF001 - how the index was written
        reader = searcher.reader()
        postings = [
            (field, term, list(reader.postings(field, term).items_as("positions")))
            for field, term in reader.all_terms()
            if field in ("body", "question", "focus", "summary")
        ]
        order.append(str(hash(repr(postings))))
    ix.close()
    conn = sqlite3.connect(data_dir.content_db)
    rows = conn.execute(
        "SELECT id, question, body, source, focus FROM answers ORDER BY id"
    ).fetchall()
    conn.close()
    return order, segments, rows


@pytest.fixture
def parallel_small(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the parallel paths run on a handful of answers."""
    monkeypatch.setattr(index_writer, "PARALLEL_FROM", 1)
    monkeypatch.setattr(build, "PARALLEL_READ_FROM", 1)


def test_parallel_build_is_identical_every_time_and_to_one_process(
    tmp_path: Path, parallel_small: None
) -> None:
    first = _built(tmp_path, "a", procs=2)
    second = _built(tmp_path, "b", procs=2)
    single = _built(tmp_path, "c", procs=1)
    assert first == second
    assert first[1] == 2 and single[1] == 1
    # Same documents in id order, and the same postings (worker fast path == Whoosh's path).
    assert first[0] == single[0] and first[0][:-1] == sorted(first[0][:-1])
    assert first[2] == single[2] and len(first[2]) == len(first[0]) - 1


def test_parallel_read_reports_duplicates_across_halves(
    tmp_path: Path, parallel_small: None
) -> None:
    folder = tmp_path / "mq"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    text = (GOLDEN / "ghr.xml").read_text(encoding="utf-8")
    (folder / "a" / "ghr.xml").write_text(text, encoding="utf-8")
    (folder / "b" / "ghr.xml").write_text(text, encoding="utf-8")
    result = build.read_in_parallel([folder])
    assert len(result.answers) == 4
    assert [i.message for i in result.issues] == [f"duplicate id {a.id!r}" for a in result.answers]
