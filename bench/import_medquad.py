"""Build all of MedQuAD as `patient-answers build` does: wall and CPU time (this process and
its workers), each phase, sizes, and whether two builds of the same content are identical.

Usage: python bench/import_medquad.py [MEDQUAD_DIR] [--keep DIR] [--runs N]
"""

from __future__ import annotations

import argparse
import hashlib
import os
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
# read: XML files to answers (2 processes, split by bytes); store: content.db, reading grades
# (graded in a helper) and glossary written while the 2 index workers already run; index: the
# rest of the index workers' time; finish: segments listed, index swapped in.
STAGES = ("read", "store", "index", "finish")


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


def build_once(
    medquad: Path, data_dir: DataDir
) -> tuple[float, float, dict[str, float], dict[str, float]]:
    """One full build; wall, CPU, and each stage's wall and CPU (this process and its helpers,
    a helper's CPU counted when it ends: the reading grader runs during `index` but ends in
    `finish`)."""
    started, cpu0 = time.perf_counter(), cpu_seconds()
    marks: dict[str, tuple[float, float]] = {}

    def read_progress(done: int, total: int) -> None:
        if done >= total:
            marks["read"] = (time.perf_counter(), cpu_seconds())

    def index_progress(done: int, total: int) -> None:
        marks.setdefault("store", (time.perf_counter(), cpu_seconds()))
        if done >= total:
            marks["index"] = (time.perf_counter(), cpu_seconds())

    build_content(
        [sample_content_dir(), medquad],
        data_dir,
        progress=read_progress,
        index_progress=index_progress,
        index_procs=2,
    )
    marks["finish"] = (time.perf_counter(), cpu_seconds())
    walls, cpus = {}, {}
    last_wall, last_cpu = started, cpu0
    for name in STAGES:
        if name in marks:
            wall, cpu = marks[name]
            walls[name], cpus[name] = wall - last_wall, cpu - last_cpu
            last_wall, last_cpu = wall, cpu
    return marks["finish"][0] - started, marks["finish"][1] - cpu0, walls, cpus


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
    stage_walls: dict[str, list[float]] = {name: [] for name in STAGES}
    stage_cpus: dict[str, list[float]] = {name: [] for name in STAGES}
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            root = args.keep if (args.keep and run == args.runs - 1) else Path(tmp) / f"d{run}"
            data_dir = DataDir(root)
            wall, cpu, stage_wall, stage_cpu = build_once(args.medquad, data_dir)
            walls.append(wall)
            cpus.append(cpu)
            prints.append(fingerprint(data_dir))
            for name in stage_wall:
                stage_walls[name].append(stage_wall[name])
                stage_cpus[name].append(stage_cpu[name])
            stages = "  ".join(
                f"{name} {stage_wall[name]:.1f}/{stage_cpu[name]:.1f}" for name in stage_wall
            )
            print(
                f"build {run + 1}: {wall:6.1f} s wall  {cpu:6.1f} s CPU   "
                f"(stage s wall/CPU: {stages})   load {os.getloadavg()[0]:.1f}"
            )
        print(f"{'stage':<28}{'s wall':>8}{'s CPU':>8}   (medians)")
        for name in STAGES:
            if stage_walls[name]:
                print(
                    f"  {name:<26}{statistics.median(stage_walls[name]):>8.1f}"
                    f"{statistics.median(stage_cpus[name]):>8.1f}"
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
