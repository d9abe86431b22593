"""Build all of MedQuAD as `patient-answers build` does: wall and CPU time (this process and
its workers), each phase, sizes, and whether two builds of the same content are identical.

Usage: python bench/import_medquad.py [MEDQUAD_DIR] [--keep DIR] [--runs N]
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.build import build_content  # noqa: E402
from desktop.core.paths import DataDir  # noqa: E402
from desktop.core.resources import sample_content_dir  # noqa: E402

GOAL_S = 25.0


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def cpu_seconds() -> float:
    """CPU time of this process and of every finished child (index and reading workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def fingerprint(data_dir: DataDir) -> str:
    """What must not change between builds of the same content: every answer row, topic
    name, and the index's documents in their internal order."""
    from desktop.core.search.index import open_live_index

    digest = hashlib.sha256()
    conn = sqlite3.connect(f"file:{data_dir.content_db}?mode=ro", uri=True)
    for table, order in (("answers", "id"), ("topics", "name"), ("answer_topics", "answer_id")):
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}"):  # noqa: S608
            digest.update(repr(row).encode())
    conn.close()
    ix = open_live_index(data_dir.index_dir)
    with ix.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            digest.update(str(fields.get("id")).encode())
    ix.close()
    return digest.hexdigest()[:16]


def build_once(medquad: Path, data_dir: DataDir) -> tuple[float, float, dict[str, float]]:
    """One full build; wall, CPU and the end time of each phase (seconds from the start)."""
    phases: dict[str, float] = {}
    started, cpu0 = time.perf_counter(), cpu_seconds()

    def mark(name: str) -> object:
        return lambda done, total: phases.__setitem__(name, time.perf_counter() - started)

    build_content(
        [sample_content_dir(), medquad],
        data_dir,
        progress=mark("read"),  # type: ignore[arg-type]
        index_progress=mark("index"),  # type: ignore[arg-type]
        index_procs=2,
    )
    return time.perf_counter() - started, cpu_seconds() - cpu0, phases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "medquad",
        nargs="?",
        type=Path,
        default=Path(__file__).resolve().parents[2] / "shared" / "medquad",
    )
    parser.add_argument("--keep", type=Path, help="build into this data dir and keep it")
    parser.add_argument("--runs", type=int, default=2, help="builds to time (default 2)")
    args = parser.parse_args()
    if not args.medquad.is_dir():
        print(f"no MedQuAD folder at {args.medquad}", file=sys.stderr)
        return 1
    walls, cpus, prints = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            root = args.keep if (args.keep and run == args.runs - 1) else Path(tmp) / f"d{run}"
            data_dir = DataDir(root)
            wall, cpu, phases = build_once(args.medquad, data_dir)
            walls.append(wall)
            cpus.append(cpu)
            prints.append(fingerprint(data_dir))
            print(
                f"build {run + 1}: {wall:6.1f} s wall  {cpu:6.1f} s CPU   "
                f"(read done at {phases.get('read', 0):.1f} s, "
                f"index at {phases.get('index', 0):.1f} s)"
            )
        print(
            f"{'median build (s wall)':<28}{statistics.median(walls):>8.1f}   (goal <= {GOAL_S} s)"
        )
        print(f"{'median build (s CPU)':<28}{statistics.median(cpus):>8.1f}")
        print(f"{'identical builds':<28}{'yes' if len(set(prints)) == 1 else 'NO':>8}   {prints}")
        print(f"{'content.db size (MB)':<28}{data_dir.content_db.stat().st_size / 1e6:>8.1f}")
        print(f"{'index size (MB)':<28}{folder_size(data_dir.index_dir) / 1e6:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
