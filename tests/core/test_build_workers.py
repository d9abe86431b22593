"""A build's helper processes: never forked from a threaded process, ended when the build
stops, and a failed helper is a clear error."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.records import Answer
from desktop.core import build, workers
from desktop.core.importers import read_sources
from desktop.core.search import index_writer
from desktop.core.search.index_writer import IndexWorkerError, write_index
from tests.core.medquad_golden import GOLDEN


@pytest.fixture
def busy_thread() -> Iterator[None]:
    """Another thread running in this process, as in the window or under a test timer."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    yield
    stop.set()
    thread.join()


def _answers(copies: int) -> list[Answer]:
    answers = read_sources([GOLDEN]).answers
    return [
        Answer(id=f"{a.id}-{n:03d}", question=a.question, summary="", topics=a.topics, body=a.body)
        for n in range(copies)
        for a in answers
    ]


def test_no_fork_while_another_thread_runs(busy_thread: None) -> None:
    context = workers.worker_context()
    assert context is not None and context.get_start_method() == "spawn"


def test_fork_when_this_process_runs_one_thread() -> None:
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        pytest.skip("fork unavailable or a test-runner thread is running")
    context = workers.worker_context()
    assert context is not None and context.get_start_method() == "fork"


def test_spawned_index_workers_write_the_same_index(
    tmp_path: Path, busy_thread: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_writer, "PARALLEL_FROM", 1)
    answers = _answers(3)
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    write_index(tmp_path / "one", answers, procs=1)
    write_index(tmp_path / "two", answers, procs=2)
    from whoosh.index import open_dir

    stored = []
    for name in ("one", "two"):
        ix = open_dir(str(tmp_path / name))
        with ix.searcher() as searcher:
            reader = searcher.reader()
            stored.append(
                (
                    [f["id"] for f in searcher.all_stored_fields()],
                    [(f, t, reader.doc_frequency(f, t)) for f, t in reader.all_terms()],
                    len(ix._segments()),  # noqa: SLF001 - how it was written
                )
            )
        ix.close()
    assert stored[0][:2] == stored[1][:2] and stored[0][0]
    assert (stored[0][2], stored[1][2]) == (1, 2)


def test_stopping_while_indexing_ends_the_workers(
    tmp_path: Path, busy_thread: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_writer, "PARALLEL_FROM", 1)

    def cancel(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_index(tmp_path, _answers(40), procs=2, progress=cancel)
    assert multiprocessing.active_children() == []


def test_a_failing_worker_is_a_clear_error(
    tmp_path: Path, busy_thread: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_writer, "PARALLEL_FROM", 1)
    bad = Answer(id="bad", question="q", summary="", topics=(), body=12345)  # type: ignore[arg-type]
    # the other worker may fail first: the failed one's cleanup removes their shared temp folder
    with pytest.raises(IndexWorkerError, match="an index worker failed: (ValueError|FileNotF)"):
        write_index(tmp_path, [*_answers(1), bad], procs=2)
    assert multiprocessing.active_children() == []


def test_reading_in_two_processes_under_threads_reads_everything(
    tmp_path: Path, busy_thread: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "PARALLEL_READ_FROM", 1)
    both = build.read_in_parallel([GOLDEN])
    one = read_sources([GOLDEN])
    assert [a.id for a in both.answers] == [a.id for a in one.answers] and one.answers
    assert both.answers == one.answers


def test_a_stopped_build_ends_its_grader_and_workers(
    tmp_path: Path, busy_thread: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.core import reading_level
    from desktop.core.paths import DataDir

    monkeypatch.setattr(index_writer, "PARALLEL_FROM", 1)
    monkeypatch.setattr(reading_level, "PARALLEL_FROM", 1)

    def cancel(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build.build_content([GOLDEN], DataDir(tmp_path / "d"), index_progress=cancel, index_procs=2)
    assert multiprocessing.active_children() == []


def test_a_build_grades_in_a_helper_while_it_indexes(
    tmp_path: Path, busy_thread: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db.store import ContentStore
    from desktop.core import reading_level
    from desktop.core.paths import DataDir

    monkeypatch.setattr(reading_level, "PARALLEL_FROM", 1)
    data_dir = DataDir(tmp_path / "d")
    build.build_content([GOLDEN], data_dir, index_procs=2)
    answers = read_sources([GOLDEN]).answers
    with ContentStore(data_dir.content_db, readonly=True) as store:
        stored = store.reading_grades([a.id for a in answers])
    expected = {a.id: g for a in answers if (g := reading_level.grade(a)) is not None}
    assert stored == expected and stored
    assert multiprocessing.active_children() == []


def test_a_frozen_bundle_with_threads_does_the_work_itself(
    busy_thread: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert workers.worker_context() is None
