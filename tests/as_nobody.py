"""Run the app as the unprivileged user `nobody` over a really read-only content folder.

Tests run as root here, and root ignores chmod; `nobody` does not. Shared by the CLI and the
window tests of a clinic's machine-wide content folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def as_nobody_possible() -> bool:
    """Root, setpriv, and a checkout and Python that `nobody` can read."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("setpriv"):
        return False
    probe = subprocess.run(
        [*NOBODY, sys.executable, "-c", "import desktop.cli"], cwd=REPO, capture_output=True
    )
    return probe.returncode == 0


@dataclass(frozen=True)
class SharedSetup:
    """A read-only copy of a data folder, a home for `nobody`, and an admin file naming it."""

    shared: Path
    home: Path
    config: Path


def make_read_only_share(world: Path, source: Path) -> SharedSetup:
    """Copy `source` to world/shared (all read-only) and point an admin file at it."""
    world.chmod(0o755)
    shared = world / "shared"
    shutil.copytree(source, shared)
    for path in [shared, *shared.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    home = world / "home"
    home.mkdir()
    os.chown(home, 65534, 65534)
    config = world / "config.toml"
    config.write_text(f'[content]\ndirectory = "{shared}"\n', encoding="utf-8")
    return SharedSetup(shared, home, config)


def run_as_nobody(setup: SharedSetup, *args: str) -> subprocess.CompletedProcess[str]:
    """`patient-answers ARGS` as `nobody`, with its own home and the admin file."""
    home = setup.home
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_RUNTIME_DIR": str(home),
        "PATIENT_ANSWERS_ADMIN_CONFIG": str(setup.config),
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


def tree(path: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under path with its mtime and size (to prove nothing changed)."""
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in path.rglob("*")}
