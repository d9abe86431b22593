"""Helper processes for a build: how to start them safely, and ending them when we stop.

A fork copies the whole process; it is quick (nothing to re-import, data inherited), but a
fork of a process running other threads (the window, a test runner's timer) can inherit a lock
one of them held and hang forever. So: fork only when this process runs no other thread,
else spawn (a fresh interpreter; the work is sent to it; not from a frozen bundle, whose
executable is the app), and with neither, no helper: the work is done in this process.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.context import ForkContext, SpawnContext
from multiprocessing.process import BaseProcess


def worker_context() -> ForkContext | SpawnContext | None:
    """The safest quick way to start a helper process here, or None when there is none."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "spawn" in methods and not getattr(sys, "frozen", False):
        # a frozen bundle would start the whole app again as the helper
        return multiprocessing.get_context("spawn")
    return None


def end(process: BaseProcess, wait: float = 5.0) -> None:
    """Wait a moment for a helper to finish, then end it: interrupted before its result was
    read (Ctrl+C, a cancelled build, a time limit), it may be blocked writing a pipe nobody
    reads any more."""
    process.join(timeout=wait)
    if process.is_alive():
        process.terminate()
        process.join()


# A helper allocates millions of small objects that live until it ends (postings, answers):
# Python's default, a collection every 700 new objects, then mostly re-walks live objects.
HELPER_GC_THRESHOLD = 100_000


@contextmanager
def bulk_work() -> Iterator[None]:
    """This process collects garbage less often while it builds (see tune_helper)."""
    import gc

    before = gc.get_threshold()
    gc.set_threshold(HELPER_GC_THRESHOLD, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def tune_helper() -> None:
    """Settings for a short-lived helper process doing bulk work (call it first thing):
    collect garbage less often (it still does, so memory stays bounded)."""
    import gc

    gc.set_threshold(HELPER_GC_THRESHOLD, 50, 100)
