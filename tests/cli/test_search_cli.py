"""`patient-answers search`: text output, JSON shape, and the stdin batch mode for scripts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop.core.paths import DataDir

REPO = Path(__file__).resolve().parents[2]


def _cmd(data_dir: DataDir, *args: str) -> list[str]:
    return [sys.executable, "-m", "desktop", "search", *args, "--data-dir", str(data_dir.root)]


def test_json_shape(sample_data: DataDir) -> None:
    out = subprocess.run(
        _cmd(sample_data, "heart attack", "--json", "--limit", "2"),
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    data = json.loads(out.stdout)
    assert set(data) == {"query", "total", "took_ms", "suggestion", "results"}
    assert data["query"] == "heart attack" and data["total"] >= len(data["results"]) == 2
    assert set(data["results"][0]) == {"id", "question", "snippet", "score", "topics"}
    assert data["results"][0]["id"] == "heart-attack-symptoms"


def test_topic_filter_and_text_output(sample_data: DataDir) -> None:
    out = subprocess.run(
        _cmd(sample_data, "diabetis", "--topic", "Pregnancy"),
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    assert out.stdout.startswith("Did you mean: diabetes\n")
    assert "gestational-diabetes" in out.stdout and "type-2-diabetes-prevention" not in out.stdout


def test_stdin_mode_answers_each_line_at_once(sample_data: DataDir) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "0"}
    proc = subprocess.Popen(
        _cmd(sample_data, "-"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )
    assert proc.stdin is not None and proc.stdout is not None
    answers = []
    for line in ["asthma", "", "((( NOT", "diabetis"]:
        proc.stdin.write(line + "\n")
        proc.stdin.flush()
        answers.append(json.loads(proc.stdout.readline()))  # would hang without a flush
    proc.stdin.close()
    assert proc.wait(timeout=60) == 0
    assert proc.stdout.read() == ""
    assert [a["query"] for a in answers] == ["asthma", "", "((( NOT", "diabetis"]
    assert answers[0]["total"] > 0 and answers[1]["total"] == 0
    assert answers[3]["suggestion"] == "diabetes"
