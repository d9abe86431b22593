"""Shared fixtures: real data folders built from the bundled sample content."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.core.build import build_content  # noqa: E402
from desktop.core.paths import DataDir  # noqa: E402
from desktop.core.resources import sample_content_dir  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
MEDQUAD = SHARED / "medquad"


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    """A data folder built once per session from resources/content (treat as read-only)."""
    data_dir = DataDir(tmp_path_factory.mktemp("sample-data"))
    report = build_content([sample_content_dir()], data_dir)
    assert not report.issues, report.issues
    return data_dir


@pytest.fixture(scope="session")
def medquad_data(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    """MedQuAD built once per session, by the CLI in its own process (never a fork inside
    pytest), for every medquad test (treat as read-only); PATIENT_ANSWERS_MEDQUAD_DATA may
    name a folder already built from it. Tests using it need a long timeout: the build takes
    minutes on a busy machine."""
    if not MEDQUAD.is_dir():
        pytest.skip("../shared/medquad is not here")
    ready = os.environ.get("PATIENT_ANSWERS_MEDQUAD_DATA")
    if ready:
        return DataDir(Path(ready))
    data_dir = DataDir(tmp_path_factory.mktemp("medquad") / "data")
    subprocess.run(
        [sys.executable, "-m", "desktop", "build", str(MEDQUAD), "--data-dir", str(data_dir.root)],
        capture_output=True,
        cwd=REPO,
        check=True,
    )
    return data_dir


@pytest.fixture
def sample_data(built_sample: DataDir, tmp_path: Path) -> DataDir:
    """A private, writable copy of the sample data folder for one test."""
    target = tmp_path / "data"
    shutil.copytree(built_sample.root, target)
    return DataDir(target)


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the real user's data, config or cache folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("PATIENT_ANSWERS_DATA", raising=False)
