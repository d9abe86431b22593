"""Writing a whole index: in parallel where it pays, and the same index on every build.

Whoosh's own multi-process writer hands batches of documents to whichever worker is free, so
which answers land in which segment (and so the index's internal order, which breaks score
ties) changed from build to build. Here the answers, in id order, are cut into `procs`
contiguous parts; part k is written by worker k as segment k, and the segments are listed in
part order. The same content.db gives the same index whatever the machine's load.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from multiprocessing.connection import Connection
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage

from db.records import Answer
from desktop.core.progress import ProgressCallback
from desktop.core.search.fast_segment import FastSegmentWriter
from desktop.core.search.schema import build_schema, document_for
from desktop.core.workers import end, tune_helper, worker_context

LIMIT_MB = 256
# Below this many answers one process is faster than starting workers.
PARALLEL_FROM = 2000
PROGRESS_EVERY = 200


class IndexWorkerError(OSError):
    """An index worker failed or died; the message says why. An OSError, as the usual cause
    is the disk, so rebuild_index reports it as a search index that cannot be written."""


def _write_part(
    folder: str, answers: Sequence[Answer], done: Synchronized[int], sink: Connection
) -> None:
    """Worker: write these answers as one finished segment and send the segment back (or
    the reason it could not)."""
    tune_helper()
    try:
        ix = FileStorage(folder).open_index()
        writer = FastSegmentWriter(ix, limitmb=LIMIT_MB)
        try:
            for count, answer in enumerate(answers, start=1):
                writer.add(document_for(answer))
                if count % PROGRESS_EVERY == 0:
                    with done.get_lock():
                        done.value += PROGRESS_EVERY
            segment = writer.finish()
        except BaseException:
            with contextlib.suppress(Exception):  # the first error is the one to report
                writer.cancel()
            raise
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises it
        sink.send(("failed", f"{type(exc).__name__}: {exc}"))
    else:
        sink.send(("done", segment))
    sink.close()


def _parts(total: int, procs: int) -> list[tuple[int, int]]:
    size = -(-total // procs)
    return [(start, min(start + size, total)) for start in range(0, total, size)]


def _write_single(ix: Any, answers: Sequence[Answer], progress: ProgressCallback | None) -> None:
    writer = ix.writer(limitmb=LIMIT_MB)
    try:
        total = len(answers)
        for count, answer in enumerate(answers, start=1):
            writer.add_document(**document_for(answer))
            if progress and count % PROGRESS_EVERY == 0:
                progress(count, total)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise


class PendingIndex:
    """An index being written in a new folder: by worker processes from the start (the
    caller may go on with other work), or in this process by `finish`."""

    def __init__(self, folder: Path, answers: Sequence[Answer], *, procs: int = 1) -> None:
        self._ix = FileStorage(str(folder)).create_index(build_schema())
        self.total = len(answers)
        self._answers: Sequence[Answer] = answers
        self._workers: list[tuple[Any, Connection]] = []
        context = worker_context() if procs > 1 and self.total >= PARALLEL_FROM else None
        if context is None:
            return
        self._done = context.Value("i", 0)
        try:
            for start, stop in _parts(self.total, procs):
                receive, send = context.Pipe(duplex=False)
                worker = context.Process(
                    target=_write_part,
                    args=(str(folder), answers[start:stop], self._done, send),
                    daemon=True,
                )
                self._workers.append((worker, receive))
                worker.start()
                send.close()
        except BaseException:
            self.cancel()
            raise
        self._answers = ()  # the workers have them

    def finish(self, progress: ProgressCallback | None = None) -> int:
        """Wait for the workers (or write the index here) and list the segments; how many
        answers the index holds."""
        if not self._workers:
            _write_single(self._ix, self._answers, progress)
            self._ix.close()
            return self.total
        try:
            segments = [
                _result(worker, receive, self._done, self.total, progress)
                for worker, receive in self._workers
            ]
        finally:
            self.cancel()
        writer = self._ix.writer()
        try:
            writer._close_segment()  # noqa: SLF001 - the main writer adds no documents itself
            writer._commit_toc(segments)  # noqa: SLF001
            writer._finish()  # noqa: SLF001
        except BaseException:
            writer.cancel()
            raise
        self._ix.close()
        return self.total

    def cancel(self) -> None:
        """End the workers (finished ones are just joined)."""
        for worker, _ in self._workers:
            end(worker)


def write_index(
    folder: Path,
    answers: Sequence[Answer],
    *,
    procs: int = 1,
    progress: ProgressCallback | None = None,
) -> int:
    """Create a Whoosh index of these answers (in this order) in an empty folder."""
    return PendingIndex(folder, answers, procs=procs).finish(progress)


def _result(
    worker: Any,
    receive: Connection,
    done: Synchronized[int],
    total: int,
    progress: ProgressCallback | None,
) -> Any:
    """One worker's segment, reporting progress while waiting for it."""
    while not receive.poll(0.1):
        if progress:
            progress(min(done.value, total), total)
        if not worker.is_alive() and not receive.poll():
            raise IndexWorkerError(f"an index worker stopped (exit code {worker.exitcode})")
    try:
        status, payload = receive.recv()
    except EOFError as exc:
        raise IndexWorkerError("an index worker stopped before it finished") from exc
    if status != "done":
        raise IndexWorkerError(f"an index worker failed: {payload}")
    return payload
