"""A mistyped option shows the usage of its own command; a piped build still shows progress
(issue 15 item 12)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.progress import TerminalProgress
from desktop.core.resources import sample_content_dir


def test_a_mistyped_option_shows_the_usage_of_that_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["info", "--jsn"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: patient-answers info ")
    assert "unrecognized arguments: --jsn" in err


def test_progress_to_a_pipe_is_whole_lines_one_per_tenth() -> None:
    stream = io.StringIO()
    bar = TerminalProgress("Indexing", stream, unit="answers")
    for done in range(0, 1001):
        bar(done, 1000)
    bar.finish()
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue()
    assert lines[-1] == "Indexing: 1,000/1,000 answers"
    assert 10 <= len(lines) <= 12


def test_a_piped_build_prints_progress_lines_to_stderr(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop.cli",
            "build",
            str(sample_content_dir()),
            "--data-dir",
            str(tmp_path / "data"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    progress = [
        line for line in done.stderr.splitlines() if line.startswith(("Reading", "Indexing"))
    ]
    assert any(line.startswith("Reading: ") for line in progress)
    assert any(line.startswith("Indexing: ") for line in progress)
    assert done.stdout.startswith("Built ")
