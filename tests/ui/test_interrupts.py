"""Ctrl+C (SIGINT) or SIGTERM in a terminal closes a real window cleanly, kiosk or not."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop.core.paths import DataDir

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _start(data_dir: DataDir, home: Path, *flags: str) -> subprocess.Popen[str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PATIENT_ANSWERS_TRACE_STARTUP="1",
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    app = subprocess.Popen(
        [sys.executable, "-m", "desktop", "gui", *flags, "--data-dir", str(data_dir.root)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert app.stderr is not None
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(x) for x in app.stderr], daemon=True)
    reader.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # the trace says when the handler is in place
        try:
            if "interrupt handler installed" in lines.get(timeout=1):
                break
        except queue.Empty:
            assert app.poll() is None, "the window did not start"
    else:
        raise AssertionError("the window never installed its signal handler")
    app.lines = lines  # type: ignore[attr-defined]
    app.reader = reader  # type: ignore[attr-defined]
    return app


def iter_queue(lines: queue.Queue[str]) -> list[str]:
    """Everything in the queue now."""
    out = []
    while not lines.empty():
        out.append(lines.get())
    return out


@pytest.mark.parametrize(
    ("flags", "how"),
    [((), signal.SIGINT), (("--kiosk",), signal.SIGINT), ((), signal.SIGTERM)],
    ids=["ctrl-c", "ctrl-c-kiosk", "sigterm"],
)
@pytest.mark.slow
def test_a_signal_closes_the_window_and_saves_its_state(
    sample_data: DataDir, tmp_path: Path, flags: tuple[str, ...], how: signal.Signals
) -> None:
    home = tmp_path / "home"
    app = _start(sample_data, home, *flags)
    assert app.poll() is None, "the window should be open"
    app.send_signal(how)
    try:
        code = app.wait(timeout=20)
    finally:
        app.kill()
    app.reader.join(timeout=10)  # type: ignore[attr-defined]  # stderr read to its end
    rest = "".join(iter_queue(app.lines))  # type: ignore[attr-defined]
    assert code == 0, rest
    assert "Traceback" not in rest
    if not flags:  # closed like Quit: the window's size and place were saved
        saved = [p.read_text(errors="replace") for p in (home / "config").rglob("*") if p.is_file()]
        assert any("geometry" in text for text in saved), saved
