"""Named points in a sync where tests can stop the process (PATIENT_ANSWERS_SYNC_HOOK).

PATIENT_ANSWERS_SYNC_HOOK=after-commit:kill            SIGKILL ourselves at that point
PATIENT_ANSWERS_SYNC_HOOK=after-commit:pause:/tmp/f    create /tmp/f, then wait to be killed
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
    if action == "kill":
        if hasattr(signal, "SIGKILL"):
            os.kill(os.getpid(), signal.SIGKILL)
        os._exit(137)
