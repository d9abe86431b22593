"""The command line as scripts use it: real subprocesses, exit codes, JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop.cli import build_parser
from desktop.core.paths import DataDir

REPO = Path(__file__).resolve().parents[2]


def run(
    *args: str, data_dir: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "desktop", *args]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        cmd, capture_output=True, text=True, input=stdin, cwd=REPO, env=env, timeout=300
    )


def test_version() -> None:
    from desktop import __version__

    out = run("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"patient-answers {__version__}"


def test_info_json_on_a_new_data_dir_shows_sample_content(tmp_path: Path) -> None:
    out = run("info", "--json", data_dir=tmp_path / "new")
    assert out.returncode == 0, out.stderr
    info = json.loads(out.stdout)
    assert info["answers"] >= 24 and info["topics"] >= 8
    assert info["content_version"] == 1 and info["feed"] == "local"
    assert info["data_dir"] == str(tmp_path / "new")


def test_show_formats_and_unknown_id(sample_data: DataDir) -> None:
    html = run("show", "psma-car-t-barriers", "--format", "html", data_dir=sample_data.root)
    assert html.returncode == 0
    assert (
        html.stdout.startswith("<!DOCTYPE html>")
        and "PSMA" in html.stdout
        and 'href="#ref-1"' in html.stdout
    )
    md = run("show", "psma-car-t-barriers", "--format", "markdown", data_dir=sample_data.root)
    assert md.stdout.startswith("Id: psma-car-t-barriers\n")
    missing = run("show", "no-such-answer", data_dir=sample_data.root)
    assert missing.returncode == 1 and missing.stdout == ""
    assert (
        missing.stderr.strip()
        == "patient-answers: no answer with id 'no-such-answer' (try 'patient-answers search')"
    )


def test_usage_errors_exit_2(sample_data: DataDir) -> None:
    assert run("show", data_dir=sample_data.root).returncode == 2
    assert run("show", "x", "--format", "pdf", data_dir=sample_data.root).returncode == 2
    assert run("frobnicate").returncode == 2
    assert run("search", "x", "--limit", "0", data_dir=sample_data.root).returncode == 2


def test_env_var_selects_the_data_dir(sample_data: DataDir) -> None:
    env = {**os.environ, "PATIENT_ANSWERS_DATA": str(sample_data.root)}
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "info", "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=True,
    )
    assert json.loads(out.stdout)["data_dir"] == str(sample_data.root)


def test_build_reports_broken_files_and_exits_1(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "ok.md").write_text("Id: ok\nQuestion: Ok?\nSummary: Fine.\n\nBody.\n", encoding="utf-8")
    (src / "bad.md").write_bytes(b"Id: bad\nQuestion: Bad?\nSummary: caf\xe9\n\nBody.\n")
    out = run("build", str(src), data_dir=tmp_path / "data")
    assert out.returncode == 1
    assert f"problem: {src / 'bad.md'}:3: not UTF-8" in out.stderr
    assert "Built 1 answers" in out.stdout
    assert "\r" not in out.stderr  # no progress bar when not a terminal


def test_build_missing_source_exits_1_with_one_line(tmp_path: Path) -> None:
    out = run("build", str(tmp_path / "nope"), data_dir=tmp_path / "data")
    assert out.returncode == 1
    assert len(out.stderr.strip().splitlines()) == 1 and "no such file" in out.stderr


def test_every_command_has_help_with_an_example() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    names = sorted(sub.choices)
    assert {"gui", "build", "info", "search", "show"} <= set(names)
    for name in names:
        out = run(name, "--help")
        assert out.returncode == 0, name
        assert (
            "example:" in out.stdout
            and f"patient-answers {name}" in out.stdout.split("example:")[1]
        ), name
        assert "--data-dir" in out.stdout, name


def test_readme_documents_every_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name in sub.choices:
        assert f"patient-answers {name}" in readme, name


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = (
        ci.split("# BEGIN README TEST COMMAND\n")[1].split("# END README TEST COMMAND")[0].strip()
    )
    assert "pytest" in command and "pip install" in command
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"```sh\n{command}\n```" in readme
