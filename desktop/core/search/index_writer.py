"""Writing a whole index: in parallel where it pays, and the same index on every build.

Whoosh's own multi-process writer hands batches of documents to whichever worker is free, so
which answers land in which segment (and so the index's internal order, which breaks score
ties) changed from build to build. Here the answers, in id order, are cut into `procs`
contiguous parts; part k is written by worker k as segment k, and the segments are listed in
part order. The same content.db gives the same index whatever the machine's load.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage

from db.records import Answer
from desktop.core.progress import ProgressCallback
from desktop.core.search.fast_segment import FastSegmentWriter
from desktop.core.search.schema import build_schema, document_for

LIMIT_MB = 256
# Below this many answers one process is faster than starting workers.
PARALLEL_FROM = 2000
PROGRESS_EVERY = 200

# The answers of the build in progress, inherited by forked workers (never pickled).
_ANSWERS: Sequence[Answer] = ()
_DONE: Synchronized[int] | None = None


def _write_part(folder: str, start: int, stop: int) -> Any:
    """Worker: write answers [start, stop) as one finished segment and return the segment."""
    ix = FileStorage(folder).open_index()
    writer = FastSegmentWriter(ix, limitmb=LIMIT_MB)
    try:
        for count, answer in enumerate(_ANSWERS[start:stop], start=1):
            writer.add(document_for(answer))
            if _DONE is not None and count % PROGRESS_EVERY == 0:
                with _DONE.get_lock():
                    _DONE.value += PROGRESS_EVERY
        return writer.finish()
    except BaseException:
        writer.cancel()
        raise


def _parts(total: int, procs: int) -> list[tuple[int, int]]:
    size = -(-total // procs)
    return [(start, min(start + size, total)) for start in range(0, total, size)]


def write_index(
    folder: Path,
    answers: Sequence[Answer],
    *,
    procs: int = 1,
    progress: ProgressCallback | None = None,
) -> int:
    """Create a Whoosh index of these answers (in this order) in an empty folder."""
    global _ANSWERS, _DONE  # noqa: PLW0603 - handed to forked workers by inheritance
    ix = FileStorage(str(folder)).create_index(build_schema())
    total = len(answers)
    methods = multiprocessing.get_all_start_methods()
    if procs <= 1 or total < PARALLEL_FROM or "fork" not in methods:
        writer = ix.writer(limitmb=LIMIT_MB)
        try:
            for count, answer in enumerate(answers, start=1):
                writer.add_document(**document_for(answer))
                if progress and count % PROGRESS_EVERY == 0:
                    progress(count, total)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        ix.close()
        return total
    context = multiprocessing.get_context("fork")
    _ANSWERS, _DONE = answers, context.Value("i", 0)
    try:
        with context.Pool(procs) as pool:
            pending = [
                pool.apply_async(_write_part, (str(folder), start, stop))
                for start, stop in _parts(total, procs)
            ]
            for part in pending:
                while not part.ready():
                    if progress:
                        progress(min(_DONE.value, total), total)
                    part.wait(0.1)
            segments = [p.get() for p in pending]
    finally:
        _ANSWERS, _DONE = (), None
    writer = ix.writer()
    try:
        writer._close_segment()  # noqa: SLF001 - the main writer adds no documents itself
        writer._commit_toc(segments)  # noqa: SLF001
        writer._finish()  # noqa: SLF001
    except BaseException:
        writer.cancel()
        raise
    ix.close()
    return total
