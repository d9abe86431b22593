"""The CLI and the window call the same core search: same entries, same order, same total.

The window's SearchEngine calls SearchService.run with SearchOptions; the CLI's --json prints
what the same call returns. Checked on the sample content, and on MedQuAD when ../shared has it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.paths import DataDir
from desktop.core.search import SearchOptions, SearchService

REPO = Path(__file__).resolve().parents[2]
QUERIES = ["heart attack", "glaucoma", "diabetis in pregnancy", "PSMA CAR-T", "what is asthma"]


def cli_entries(data_dir: DataDir, queries: list[str], limit: int) -> list[dict[str, object]]:
    """Every query through `search - --json` in one process (one JSON line per query)."""
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "search",
            "-",
            "--limit",
            str(limit),
            "--data-dir",
            str(data_dir.root),
        ],
        input="\n".join(queries) + "\n",
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    return [json.loads(line) for line in out.stdout.splitlines()]


def core_entries(data_dir: DataDir, queries: list[str], limit: int) -> list[dict[str, object]]:
    with SearchService(data_dir.content_db, data_dir.index_dir) as service:
        return [service.run(q, SearchOptions(limit=limit)).to_json() for q in queries]


def same(a: dict[str, object], b: dict[str, object]) -> bool:
    keep = ("query", "total", "partial", "suggestion")
    rows = lambda d: [(r["id"], r["also"], r["source"]) for r in d["results"]]  # noqa: E731
    return all(a[k] == b[k] for k in keep) and rows(a) == rows(b)


def test_cli_and_core_agree_on_sample_content(sample_data: DataDir) -> None:
    cli = cli_entries(sample_data, QUERIES, 10)
    core = core_entries(sample_data, QUERIES, 10)
    assert len(cli) == len(QUERIES)
    assert all(same(a, b) for a, b in zip(cli, core, strict=True)), (cli, core)
    assert cli[0]["results"] and cli[2]["results"]


@pytest.mark.medquad
@pytest.mark.slow
@pytest.mark.timeout(1800)  # may build MedQuAD first (once per session: conftest.medquad_data)
def test_cli_and_core_agree_on_medquad(medquad_data: DataDir) -> None:
    data_dir = medquad_data
    cli = cli_entries(data_dir, QUERIES, 20)
    core = core_entries(data_dir, QUERIES, 20)
    assert all(same(a, b) for a, b in zip(cli, core, strict=True))
    heart = core[0]["results"]
    assert isinstance(heart, list) and heart[0]["question_type"] == "information"
    # one entry for "what is a heart attack", naming several publishers
    assert heart[0]["also"]
    assert len({r["question"].casefold() for r in heart[:3]}) == 3
