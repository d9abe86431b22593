"""Process age and memory for `gui --smoke` and the startup bench."""

from __future__ import annotations

import os
import sys
import time

_IMPORTED_AT = time.perf_counter()


def process_age_ms() -> float:
    """Milliseconds since this process started (Linux: from /proc; else since import)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        return (time.clock_gettime(time.CLOCK_BOOTTIME) - started) * 1000.0
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.perf_counter() - _IMPORTED_AT) * 1000.0


def rss_mb() -> float:
    """Resident memory now (Linux), else the peak, in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


_TRACE = os.environ.get("PATIENT_ANSWERS_TRACE_STARTUP") == "1"


def mark(step: str) -> None:
    """With PATIENT_ANSWERS_TRACE_STARTUP=1, print the process age at a startup step (stderr):
    how `bench/startup.py --trace` shows where the start time goes."""
    if _TRACE:
        cpu = time.process_time() * 1000
        print(f"startup {process_age_ms():7.1f} ms (cpu {cpu:6.1f})  {step}", file=sys.stderr)
