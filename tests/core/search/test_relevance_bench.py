"""bench/relevance.py says which MedQuAD build its figures come from and warns when that
build is older than the importers: figures from a stale build are not figures of the code."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest

from db.store import ContentStore

REPO = Path(__file__).resolve().parents[3]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "relevance_bench", REPO / "bench" / "relevance.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _has_history() -> bool:
    if shutil.which("git") is None:
        return False
    found = subprocess.run(
        ["git", "-C", str(REPO), "log", "-1", "--format=%h", "--", "desktop/core/importers"],
        capture_output=True,
        text=True,
        check=False,
    )
    return found.returncode == 0 and bool(found.stdout.strip())


@pytest.mark.skipif(not _has_history(), reason="needs the repository's git history")
@pytest.mark.parametrize(
    ("built_at", "warned"), [("2000-01-02T03:04:05+00:00", True), (None, False)]
)
def test_a_build_older_than_the_importers_is_flagged(
    tmp_path: Path, built_at: str | None, warned: bool
) -> None:
    content_db = tmp_path / "content.db"
    with ContentStore(content_db) as store:
        store.set_meta(built_at=built_at or datetime.now(UTC).isoformat(timespec="seconds"))
    note = _bench().build_note(content_db)
    assert note.startswith(f"MedQuAD build {tmp_path}: built ")
    assert ("WARNING: this build is older than" in note) is warned
