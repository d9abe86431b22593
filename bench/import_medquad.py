"""Import all of MedQuAD: time to read, to write content.db and to index; rows/s; sizes.

Usage: python bench/import_medquad.py [MEDQUAD_DIR] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.build import build_content  # noqa: E402
from desktop.core.importers import read_sources  # noqa: E402
from desktop.core.paths import DataDir  # noqa: E402


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "medquad",
        nargs="?",
        type=Path,
        default=Path(__file__).resolve().parents[2] / "shared" / "medquad",
    )
    parser.add_argument("--keep", type=Path, help="build into this data dir and keep it")
    args = parser.parse_args()
    if not args.medquad.is_dir():
        print(f"no MedQuAD folder at {args.medquad}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    parsed = read_sources([args.medquad])
    parse_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = DataDir(args.keep or Path(tmp) / "data")
        t0 = time.perf_counter()
        report = build_content([args.medquad], data_dir, build_index=False)
        db_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        from desktop.core.search.index import rebuild_index

        rebuild_index(data_dir, procs=2)
        index_s = time.perf_counter() - t1
        rows = report.answers
        print(f"{'answers imported':<28}{rows:>12,}")
        print(f"{'problems':<28}{len(report.issues):>12,}")
        print(
            f"{'parse XML only (s)':<28}{parse_s:>12.1f}"
            f"   ({len(parsed.answers) / parse_s:,.0f} rows/s)"
        )
        print(f"{'parse + write content.db (s)':<28}{db_s:>12.1f}   ({rows / db_s:,.0f} rows/s)")
        print(f"{'search index (s)':<28}{index_s:>12.1f}   ({rows / index_s:,.0f} rows/s)")
        print(f"{'total import + index (s)':<28}{db_s + index_s:>12.1f}   (goal < 40 s)")
        print(f"{'content.db size (MB)':<28}{data_dir.content_db.stat().st_size / 1e6:>12.1f}")
        print(f"{'index size (MB)':<28}{folder_size(data_dir.index_dir) / 1e6:>12.1f}")
        print(f"{'MedQuAD XML size (MB)':<28}{folder_size(args.medquad) / 1e6:>12.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
