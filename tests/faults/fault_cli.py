"""Run the real `patient-answers` in a subprocess, without root's power over file modes.

Tests run as root here, and root reads and writes whatever the file modes say; dropping the
two DAC capabilities (setpriv) makes modes count again, as for any user.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NO_ROOT_OVERRIDE = [
    "setpriv",
    "--inh-caps=-dac_override,-dac_read_search",
    "--bounding-set=-dac_override,-dac_read_search",
]


def modes_apply() -> bool:
    """Can a test make a file unreadable to the app (not root, or root without override)?"""
    return os.geteuid() != 0 or shutil.which("setpriv") is not None


def patient_answers(
    *args: str,
    data_dir: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 180,
) -> subprocess.CompletedProcess[str]:
    """`patient-answers ARGS --data-dir DIR`, file modes enforced even for root."""
    cmd = [sys.executable, "-m", "desktop", *args]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    if os.geteuid() == 0 and shutil.which("setpriv"):
        cmd = [*NO_ROOT_OVERRIDE, *cmd]
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    full_env.pop("PATIENT_ANSWERS_DEBUG", None)
    return subprocess.run(
        cmd, capture_output=True, text=True, cwd=REPO, env=full_env, timeout=timeout
    )


PROGRESS_LINE = re.compile(r"^[A-Z][A-Za-z ]*: \d[\d,]*(/[\d,]+)?( [a-z]+)?$")


def errors(out: subprocess.CompletedProcess[str]) -> list[str]:
    """The stderr lines that are not warnings (nor Qt's own chatter)."""
    return [
        line
        for line in out.stderr.splitlines()
        if line.strip()
        and not line.startswith("patient-answers: warning:")
        and "propagateSizeHints" not in line
        and not PROGRESS_LINE.match(line)  # a piped build's "Reading: 7/62 files"
    ]


def assert_one_line_failure(out: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit 1 with one plain sentence on stderr (and no traceback); returns the sentence."""
    assert "Traceback" not in out.stderr, out.stderr
    lines = errors(out)
    assert out.returncode == 1, (out.returncode, out.stderr)
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("patient-answers: "), lines
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def assert_ok(out: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in out.stderr, out.stderr
    assert out.returncode == 0, (out.returncode, out.stderr)
    assert not errors(out), out.stderr


def damage_pages(db: Path) -> None:
    """Overwrite pages in the middle of the file with noise: the header and schema survive."""
    with open(db, "r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(4096 * 3)
        handle.write(os.urandom(max(0, size - 4096 * 4)))


def damage_header(db: Path) -> None:
    """Noise over the first 100 bytes: SQLite says it is not a database at all."""
    with open(db, "r+b") as handle:
        handle.write(os.urandom(100))


def truncate(db: Path) -> None:
    """Cut the file short, as an interrupted copy would."""
    with open(db, "r+b") as handle:
        handle.truncate(4096 * 3)


def set_sql(db: Path, *statements: str) -> None:
    conn = sqlite3.connect(db)
    with conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()
