"""Collect the licences of everything a bundle ships into one LICENSES/ folder.

    python packaging/licences.py OUT_DIR      (run with the build venv's Python)

Writes OUT_DIR/THIRD-PARTY.txt (each bundled distribution, its version and licence), the licence
files that the distributions carry, Python's own licence, and the LGPL/GPL texts that Qt and
PySide6 refer to (from /usr/share/common-licenses where present: their wheels carry none).
The walk starts at the app's own distribution and follows its runtime requirements; PyInstaller
is added because its bootloader is part of every executable (GPL with a bundling exception).
"""

from __future__ import annotations

import importlib.metadata as md
import re
import shutil
import sys
import sysconfig
from pathlib import Path

APP_DIST = "patient-answers"
ALSO = ("pyinstaller",)  # its bootloader only: its own requirements are build tools
NOT_BUNDLED = {"pip", "setuptools", "wheel"}  # required by some, left out by the spec
LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.I)
COMMON_LICENCES = Path("/usr/share/common-licenses")


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions() -> list[md.Distribution]:
    """The app's distribution and, recursively, what it requires to run (no extras)."""
    found: dict[str, md.Distribution] = {}
    for name in ALSO:
        try:
            found[_key(name)] = md.distribution(name)
        except md.PackageNotFoundError:
            pass
    todo = [APP_DIST]
    while todo:
        name = todo.pop()
        if _key(name) in found or _key(name) in NOT_BUNDLED:
            continue
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue
        found[_key(name)] = dist
        for req in dist.requires or []:
            if "extra ==" in req:
                continue
            todo.append(re.split(r"[\s;<>=!~\[(]", req, maxsplit=1)[0])
    return sorted(found.values(), key=lambda d: _key(d.metadata["Name"]))


def licence_of(dist: md.Distribution) -> str:
    meta = dist.metadata
    text = meta.get("License-Expression") or meta.get("License") or ""
    if not text or len(text) > 80:
        classifiers = [
            c.split(" :: ")[-1]
            for c in meta.get_all("Classifier") or []
            if c.startswith("License ::")
        ]
        text = ", ".join(classifiers) or (text.splitlines()[0] if text else "see its files")
    return text.strip()


def write(out: Path) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    lines = [
        "Patient Answers bundles the following software, each under its own licence.",
        "Qt and PySide6 are used under the GNU LGPL version 3: the Qt libraries are separate",
        "shared libraries in _internal/ and can be replaced by the user.",
        "",
    ]
    rows = []
    for dist in runtime_distributions():
        name, version = dist.metadata["Name"], dist.version
        licence = licence_of(dist)
        if _key(name) == "pyinstaller":
            licence += " with its bootloader exception (see COPYING.txt)"
        rows.append((name, version, licence))
        for file in dist.files or []:
            if LICENCE_FILE.search(file.name):
                src = Path(dist.locate_file(file))
                if src.is_file():
                    dest = out / f"{name}-{version}" / file.name
                    dest.parent.mkdir(exist_ok=True)
                    shutil.copyfile(src, dest)
    width = max(len(r[0]) for r in rows)
    lines += [f"{n:<{width}}  {v:<12}  {lic}" for n, v, lic in rows]
    python_licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    lines.append(f"{'Python':<{width}}  {sys.version.split()[0]:<12}  PSF-2.0")
    if python_licence.is_file():
        shutil.copyfile(python_licence, out / "Python-LICENSE.txt")
    missing = []
    for text in ("LGPL-3", "GPL-3"):
        if (COMMON_LICENCES / text).is_file():
            shutil.copyfile(COMMON_LICENCES / text, out / f"{text}.txt")
        else:
            missing.append(text)
    (out / "THIRD-PARTY.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return missing


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    missing = write(Path(sys.argv[1]))
    for text in missing:
        print(
            f"licences.py: no {COMMON_LICENCES / text} here: add its text by hand", file=sys.stderr
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
