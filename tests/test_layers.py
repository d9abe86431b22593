"""Imports point one way: db and desktop.core never import PySide6 (DESIGN section 1), and
only db/ touches SQL: everything above it calls named ContentStore/UserStore methods.

The full layer contracts live in pyproject.toml [tool.importlinter] and run as `lint-imports`
in .ci/run; these tests keep the two rules that matter most checked by plain pytest too."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_qt_in_db_core_or_cli_sources() -> None:
    offenders = []
    for folder in ("db", "desktop/core"):
        for path in (REPO / folder).rglob("*.py"):
            qt = {m for m in _imported_modules(path) if m.split(".")[0] in ("PySide6", "shiboken6")}
            ui = {m for m in _imported_modules(path) if m.startswith("desktop.ui")}
            if qt or ui:
                offenders.append(f"{path.relative_to(REPO)}: {sorted(qt | ui)}")
    assert offenders == []


def test_importing_core_does_not_load_qt_at_runtime() -> None:
    code = (
        "import sys, importlib, pkgutil, desktop.core, db\n"
        "for m in pkgutil.walk_packages(desktop.core.__path__, 'desktop.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "import desktop.cli\n"
        "print(sorted(k for k in sys.modules if k.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert out.stdout.strip() == "[]"


def test_the_check_itself_sees_a_qt_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\n")
    assert "PySide6.QtCore" in _imported_modules(bad)


# A raw connection (`store.conn`) used outside db/ unseals the data layer: the SQL belongs in
# a named store method with a typed record. Tests of db/ itself may look at the file directly.
_CONN = re.compile(r"\.conn\b")
_SEALED_FOLDERS = ("desktop", "bench", "tests")


def _conn_users() -> set[str]:
    users = set()
    for folder in _SEALED_FOLDERS:
        for path in (REPO / folder).rglob("*.py"):
            rel = path.relative_to(REPO).as_posix()
            if rel.startswith("tests/db/") or rel == "tests/test_layers.py":
                continue
            if _CONN.search(path.read_text(encoding="utf-8")):
                users.add(rel)
    return users


def test_no_raw_connection_outside_db() -> None:
    assert _conn_users() == set()


def test_the_seal_check_sees_a_raw_connection() -> None:
    assert _CONN.search("rows = store.conn.execute('SELECT 1')")
    assert not _CONN.search("store.connect_later(); self.connection = None")


def test_pyproject_keeps_the_layer_contracts() -> None:
    """.ci/run runs lint-imports on these; dropping one must be a visible decision."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = {c["type"]: c for c in config["tool"]["importlinter"]["contracts"]}
    assert contracts["layers"]["layers"] == [
        "desktop.cli",
        "desktop.commands",
        "desktop.ui",
        "desktop.core",
        "db",
    ]
    assert set(contracts["forbidden"]["source_modules"]) >= {"db", "desktop.core"}
    assert set(contracts["forbidden"]["forbidden_modules"]) >= {"PySide6", "shiboken6"}
    assert config["tool"]["mypy"]["strict"] is True
