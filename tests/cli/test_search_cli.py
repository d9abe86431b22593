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
    assert set(data) == {"query", "total", "took_ms", "suggestion", "results", "partial", "notes"}
    assert data["query"] == "heart attack" and data["total"] >= len(data["results"]) == 2
    assert data["partial"] is False and data["notes"] == []
    first = data["results"][0]
    assert set(first) == {
        "id",
        "question",
        "source",
        "also",
        "confidence",
        "reviewed",
        "question_type",
        "snippet",
        "matches",
        "snippet_html",
        "score",
        "topics",
        "reading_level",
    }
    assert first["id"] == "heart-attack-symptoms"
    # the snippet is plain text; the offsets point at the searched words
    assert "<" not in first["snippet"] and first["matches"]
    assert all(
        first["snippet"][a:b].lower().startswith(("heart", "attack", "myocard", "infarct"))
        for a, b in first["matches"]
    )


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


def test_unknown_topic_or_source_names_the_closest(sample_data: DataDir) -> None:
    out = subprocess.run(
        _cmd(sample_data, "asthma", "--topic", "asthm"),
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert out.returncode == 1
    assert out.stdout.startswith("No topic is called 'asthm'. Closest: ")
    assert "Traceback" not in out.stderr
    lower = subprocess.run(
        _cmd(sample_data, "diabetis", "--topic", "pregnancy", "--json"),
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    assert "gestational-diabetes" in [r["id"] for r in json.loads(lower.stdout)["results"]]
