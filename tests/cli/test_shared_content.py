"""A clinic's machine-wide, read-only content folder, used by an ordinary (non-root) user."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from db.store import ContentStore
from desktop.core.paths import DataDir

REPO = Path(__file__).resolve().parents[2]
SETPRIV = shutil.which("setpriv")
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def _as_nobody_possible() -> bool:
    if os.geteuid() != 0 or not SETPRIV:
        return False
    probe = subprocess.run(
        [*NOBODY, sys.executable, "-c", "import desktop.cli"], cwd=REPO, capture_output=True
    )
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(
    not _as_nobody_possible(), reason="needs root, setpriv, and a checkout readable by 'nobody'"
)


@pytest.fixture
def world_tmp() -> Path:
    path = Path(tempfile.mkdtemp(prefix="pa-shared-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _run_as_nobody(home: Path, config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "PATIENT_ANSWERS_ADMIN_CONFIG": str(config),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [*NOBODY, sys.executable, "-m", "desktop", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _tree(path: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in path.rglob("*")}


@pytest.mark.parametrize("index_current", [True, False])
def test_read_only_content_folder_works_for_a_user(
    built_sample: DataDir, world_tmp: Path, index_current: bool
) -> None:
    shared = world_tmp / "shared"
    shutil.copytree(built_sample.root, shared)
    if not index_current:
        with ContentStore(shared / "content.db") as store:
            store.set_meta(content_version=42)
    for p in [shared, *shared.rglob("*")]:
        p.chmod(0o555 if p.is_dir() else 0o444)
    home = world_tmp / "home"
    home.mkdir()
    os.chown(home, 65534, 65534)
    config = world_tmp / "config.toml"
    config.write_text(f'[content]\ndirectory = "{shared}"\n', encoding="utf-8")
    before = _tree(shared)
    info = _run_as_nobody(home, config, "info", "--json")
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["content_db"] == str(shared / "content.db")
    found = _run_as_nobody(home, config, "search", "asthma", "--json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["total"] > 0
    assert _tree(shared) == before  # nothing in the shared folder was written
    assert not (home / "data" / "patient-answers" / "content.db").exists()
    assert (home / "cache" / "patient-answers").exists() == (not index_current)
