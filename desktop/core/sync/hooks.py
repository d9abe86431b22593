"""Named points in a sync where tests can stop the process (PATIENT_ANSWERS_SYNC_HOOK).

PATIENT_ANSWERS_SYNC_HOOK=after-commit:kill            SIGKILL ourselves at that point
PATIENT_ANSWERS_SYNC_HOOK=after-commit:pause:/tmp/f    create /tmp/f, then wait to be killed
PATIENT_ANSWERS_SYNC_HOOK=before-commit:fill:/mnt/x     write /mnt/x until its disk is full
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

HOOK_ENV = "PATIENT_ANSWERS_SYNC_HOOK"
POINTS = ("downloaded", "before-commit", "after-commit", "index-building", "after-index")


def checkpoint(point: str) -> None:
    """Do what the test hook asks at `point`; nothing when the variable is unset."""
    spec = os.environ.get(HOOK_ENV)
    if not spec:
        return
    name, _, action = spec.partition(":")
    if name != point:
        return
    if action.startswith("pause:"):
        Path(action[len("pause:") :]).write_text(str(os.getpid()), encoding="utf-8")
        while True:
            time.sleep(0.05)
    if action.startswith("fill:"):
        _fill(Path(action[len("fill:") :]))
        return
    if action == "kill":
        if hasattr(signal, "SIGKILL"):
            os.kill(os.getpid(), signal.SIGKILL)
        os._exit(137)


def _fill(path: Path) -> None:
    """Fill the disk that holds `path` (a test's small tmpfs): a real ENOSPC for what follows."""
    for size in (64 * 1024, 1):
        try:
            with open(path, "ab") as handle:
                while True:
                    handle.write(b"\0" * size)
                    handle.flush()
        except OSError:
            pass
