"""Render the app icon from its one SVG into the PNGs, .ico and .icns that installers use.

    python packaging/icons.py            (re)write resources/icons/app/*.png, .ico, .icns
    python packaging/icons.py --check    exit 1 if a committed file is missing or the wrong size

The outputs are committed (so a build needs neither librsvg nor Qt's SVG module); run this again
after editing resources/icons/app/patient-answers.svg. It renders with `rsvg-convert` (Debian:
librsvg2-bin) when present, else with Qt's QSvgRenderer (PySide6-Essentials has QtSvg).
"""

from __future__ import annotations

import argparse
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICON_DIR = ROOT / "resources" / "icons" / "app"
SVG = ICON_DIR / "patient-answers.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256)  # the PNGs installed into the hicolor theme
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size (several types share a size: @2x variants).
ICNS_TYPES = (
    ("icp4", 16),
    ("ic11", 32),
    ("icp5", 32),
    ("ic12", 64),
    ("icp6", 64),
    ("ic07", 128),
    ("ic13", 256),
    ("ic08", 256),
    ("ic14", 512),
    ("ic09", 512),
    ("ic10", 1024),
)


def png_name(size: int) -> str:
    return f"patient-answers-{size}.png"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    return struct.unpack(">II", data[16:24])


def render_png(svg: Path, size: int, out: Path) -> None:
    """One square PNG of the SVG."""
    rsvg = shutil.which("rsvg-convert")
    if rsvg:
        subprocess.run(
            [rsvg, "-w", str(size), "-h", str(size), "-o", str(out), str(svg)], check=True
        )
        return
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["icons", "-platform", "offscreen"])
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(out), "PNG"):
        raise OSError(f"cannot write {out}")


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding PNG images (Windows Vista and later read PNG entries)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        data = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding PNG images."""
    body = b""
    for kind, size in ICNS_TYPES:
        data = pngs[size]
        body += kind.encode("ascii") + struct.pack(">I", len(data) + 8) + data
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def expected_files() -> dict[Path, int | None]:
    """Every committed output and, for the PNGs, its size."""
    files: dict[Path, int | None] = {ICON_DIR / png_name(s): s for s in SIZES}
    files[ICON_DIR / "patient-answers.ico"] = None
    files[ICON_DIR / "patient-answers.icns"] = None
    return files


def write_all() -> None:
    needed = sorted(set(SIZES) | set(ICO_SIZES) | {s for _, s in ICNS_TYPES})
    with tempfile.TemporaryDirectory() as tmp:
        pngs = {}
        for size in needed:
            out = Path(tmp) / png_name(size)
            render_png(SVG, size, out)
            pngs[size] = out.read_bytes()
            if png_size(pngs[size]) != (size, size):
                raise SystemExit(f"{out.name}: rendered at {png_size(pngs[size])}, not {size}")
    for size in SIZES:
        (ICON_DIR / png_name(size)).write_bytes(pngs[size])
    (ICON_DIR / "patient-answers.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (ICON_DIR / "patient-answers.icns").write_bytes(icns_bytes(pngs))
    for path in expected_files():
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")


def check() -> int:
    problems = []
    for path, size in expected_files().items():
        if not path.is_file():
            problems.append(f"{path.relative_to(ROOT)}: missing")
        elif size is not None and png_size(path.read_bytes()) != (size, size):
            problems.append(f"{path.relative_to(ROOT)}: not {size}x{size}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify, write nothing")
    args = parser.parse_args()
    if args.check:
        return check()
    write_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
