"""Imports point one way: db and desktop.core never import PySide6 (DESIGN section 1)."""

from __future__ import annotations

import ast
import subprocess
import sys
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
