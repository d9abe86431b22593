"""The reader window: the only package that imports PySide6 (DESIGN section 1)."""

from __future__ import annotations

import os
import sys

import PySide6.QtCore  # noqa: F401  (loads PySide's support modules, used below)


def _spare_pyside_source_scan() -> None:
    """Tell PySide up front which modules use no `__feature__` (snake_case, true_property).

    After every import statement PySide reads the source file of the module imported (even
    one imported long before) looking for the word "PySide6", to set that module's feature
    switch. For the ~100 modules the window imports that is about 15 ms of its start (6 %).
    We fill in the answer the scan would reach: 0 ("uses Qt, no feature selected") for our
    UI modules, -1 ("ignore") for our Qt-free modules and for everything already imported,
    whose sources do not name PySide6. A bundled app has no sources and skips the scan
    anyway. If a PySide release drops this table, nothing happens."""
    feature = sys.modules.get("shibokensupport.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return
    for name in list(sys.modules):
        table.setdefault(name, -1)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    for package in ("desktop", "db"):
        for folder, _dirs, files in os.walk(os.path.join(root, package)):
            dotted = os.path.relpath(folder, root).replace(os.sep, ".")
            for name in files:
                if name.endswith(".py"):
                    module = dotted if name == "__init__.py" else f"{dotted}.{name[:-3]}"
                    table.setdefault(module, 0 if module.startswith("desktop.ui") else -1)


_spare_pyside_source_scan()
