"""Reading levels in search: every result carries one, and easier answers can come first."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop.core.paths import DataDir
from desktop.core.reading_level import ReadingLevel
from desktop.core.search.results import SearchHit
from desktop.core.search.service import easier_first

REPO = Path(__file__).resolve().parents[3]


def hit(answer_id: str, score: float) -> SearchHit:
    return SearchHit(answer_id, "Q?", "", score, (), None, "sample")


def test_easier_first_reorders_only_equally_relevant_entries() -> None:
    hits = [hit("a", 3.0), hit("hard", 2.0), hit("easy", 2.0), hit("b", 1.0), hit("c", 1.0)]
    levels = {
        "hard": ReadingLevel(14.0, "Harder to read"),
        "easy": ReadingLevel(5.0, "Easy to read"),
        "b": ReadingLevel(9.0, "Average"),
    }
    assert [h.id for h in easier_first(hits, levels)] == ["a", "easy", "hard", "b", "c"]


def test_search_json_carries_reading_levels(built_sample: DataDir) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "desktop", "search", "fever", "--json", "--prefer-easier",
         "--data-dir", str(built_sample.root)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)["results"]
    assert results
    for r in results:
        assert set(r["reading_level"]) == {"grade", "label"}
        assert r["reading_level"]["label"] in {"Easy to read", "Average", "Harder to read"}
