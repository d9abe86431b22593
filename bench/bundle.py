"""Bundle size and start-up: the PyInstaller bundle against the same code run from a venv.

    python bench/bundle.py [--runs 7] [--bundle DIR] [--tarball FILE] [--venv-command CMD]

Defaults: the bundle that packaging/build_linux.sh staged (build/linux/stage/patient-answers-*),
its tarball in dist/, and the `patient-answers` console script beside this Python. Each start
is `gui --smoke` (offscreen unless QT_QPA_PLATFORM is set) on a data folder seeded beforehand,
so seeding is not timed; runs alternate between the two, after one discarded warm-up run each.
`startup_ms` is the window's own figure: process start (from /proc) to the start page painted;
`wall_ms` is spawn to exit, measured here. Goals (issue 7): tar.gz < 80 MB, and the bundle's
median start no slower than the venv's. Prints a table; --json adds one JSON line.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_COMPRESSED_MB = 80.0


def folder_size(path: Path) -> tuple[int, int]:
    """Bytes (symlinks count as links, not as their targets) and number of files."""
    total = files = 0
    for dirpath, _dirs, names in os.walk(path):
        for name in names:
            total += os.lstat(os.path.join(dirpath, name)).st_size
            files += 1
    return total, files


class _Counter:
    def __init__(self) -> None:
        self.n = 0

    def write(self, data: bytes) -> int:
        self.n += len(data)
        return len(data)

    def flush(self) -> None:
        pass


def gzip_size(folder: Path) -> int:
    """What `tar | gzip -6` of the folder would weigh (when there is no tarball to measure)."""
    counter = _Counter()
    with gzip.GzipFile(fileobj=counter, mode="wb", compresslevel=6, mtime=0) as gz:  # type: ignore[arg-type]
        with tarfile.open(fileobj=gz, mode="w|") as tar:
            tar.add(folder, arcname=folder.name)
    return counter.n


def find_bundle() -> Path | None:
    found = sorted((ROOT / "build" / "linux" / "stage").glob("patient-answers-*"))
    return found[-1] if found else None


def find_tarball(bundle: Path | None) -> Path | None:
    if bundle is not None and (ROOT / "dist" / f"{bundle.name}.tar.gz").is_file():
        return ROOT / "dist" / f"{bundle.name}.tar.gz"
    found = sorted((ROOT / "dist").glob("patient-answers-*-linux-*.tar.gz"))
    return found[-1] if found else None


def venv_command() -> list[str]:
    script = Path(sys.executable).parent / "patient-answers"
    return [str(script)] if script.exists() else [sys.executable, "-m", "desktop"]


def run(cmd: list[str], args: list[str], env: dict[str, str], cwd: Path) -> tuple[float, str]:
    started = time.perf_counter()
    out = subprocess.run(
        [*cmd, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=180
    )
    wall = (time.perf_counter() - started) * 1000
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd + args)} failed ({out.returncode}): {out.stderr[-500:]}")
    return wall, out.stdout


def smoke(cmd: list[str], data_dir: Path, env: dict[str, str], cwd: Path) -> dict[str, float]:
    wall, stdout = run(cmd, ["gui", "--smoke", "--data-dir", str(data_dir)], env, cwd)
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"{cmd[0]} gui --smoke printed no JSON: {stdout[-300:]!r}")
    result = json.loads(lines[-1])
    result["wall_ms"] = wall
    return result


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):8.1f}  ({min(values):.0f}-{max(values):.0f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed starts of each (default 7)")
    parser.add_argument("--bundle", type=Path, help="the bundle folder (holds patient-answers)")
    parser.add_argument("--tarball", type=Path, help="the .tar.gz to weigh")
    parser.add_argument(
        "--venv-command",
        help="how to run the app from a venv "
        "(default: the patient-answers script beside this Python)",
    )
    parser.add_argument("--json", action="store_true", help="also print one JSON line")
    args = parser.parse_args()

    bundle = args.bundle or find_bundle()
    if bundle is None or not (bundle / "patient-answers").is_file():
        print("no bundle: run packaging/build_linux.sh first (or pass --bundle)", file=sys.stderr)
        return 2
    tarball = args.tarball or find_tarball(bundle)
    commands = {
        "venv": args.venv_command.split() if args.venv_command else venv_command(),
        "bundle": [str(bundle / "patient-answers")],
    }

    folder_bytes, files = folder_size(bundle)
    if tarball is not None:
        compressed, compressed_what = tarball.stat().st_size, tarball.name
    else:
        compressed, compressed_what = gzip_size(bundle), "tar | gzip -6, computed"

    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PATIENT_ANSWERS_DATA", None)
    env.pop("PATIENT_ANSWERS_RESOURCES", None)
    results: dict[str, dict[str, list[float]]] = {name: {} for name in commands}
    first: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="pa-bench-") as tmp:
        tmp_path = Path(tmp)
        env["HOME"] = str(tmp_path / "home")
        env["XDG_CONFIG_HOME"] = str(tmp_path / "home" / ".config")
        env["XDG_CACHE_HOME"] = str(tmp_path / "home" / ".cache")
        data_dirs = {}
        for name, cmd in commands.items():
            data_dirs[name] = tmp_path / f"data-{name}"
            run(cmd, ["info", "--json", "--data-dir", str(data_dirs[name])], env, tmp_path)
            first[name] = smoke(cmd, data_dirs[name], env, tmp_path)  # warm-up, not counted
        for _ in range(args.runs):
            for name, cmd in commands.items():
                for key, value in smoke(cmd, data_dirs[name], env, tmp_path).items():
                    results[name].setdefault(key, []).append(value)
                wall, _ = run(cmd, ["--version"], env, tmp_path)
                results[name].setdefault("version_wall_ms", []).append(wall)
        shutil.rmtree(tmp_path / "home", ignore_errors=True)

    print(f"Bundle  {bundle}")
    print(f"  folder      {folder_bytes / 1e6:8.1f} MB in {files:,} files")
    size_goal = "met" if compressed / 1e6 < GOAL_COMPRESSED_MB else "MISSED"
    print(
        f"  compressed  {compressed / 1e6:8.1f} MB ({compressed_what})  goal < "
        f"{GOAL_COMPRESSED_MB:.0f} MB: {size_goal}"
    )
    print()
    print(
        f"Start-up, {args.runs} runs each after a warm-up (median (min-max), ms; "
        f"QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']})"
    )
    rows = [
        ("gui --smoke startup_ms", "startup_ms"),
        ("gui --smoke first_answer_ms", "first_answer_ms"),
        ("gui --smoke wall", "wall_ms"),
        ("gui --smoke rss_mb", "rss_mb"),
        ("--version wall", "version_wall_ms"),
    ]
    print(f"  {'':28} {'venv':>24} {'bundle':>24} {'bundle/venv':>12}")
    for label, key in rows:
        v, b = results["venv"][key], results["bundle"][key]
        ratio = statistics.median(b) / statistics.median(v)
        print(f"  {label:28} {summary(v):>24} {summary(b):>24} {ratio:11.2f}x")
    print(
        f"  {'warm-up startup_ms':28} {first['venv']['startup_ms']:8.1f}{'':16} "
        f"{first['bundle']['startup_ms']:8.1f}"
    )
    venv_start = statistics.median(results["venv"]["startup_ms"])
    bundle_start = statistics.median(results["bundle"]["startup_ms"])
    print()
    print(
        f"Goal: bundled start no slower than the venv start: "
        f"{'met' if bundle_start <= venv_start else 'MISSED'} "
        f"({bundle_start:.0f} ms vs {venv_start:.0f} ms)"
    )
    if args.json:
        print(
            json.dumps(
                {
                    "bundle": str(bundle),
                    "folder_bytes": folder_bytes,
                    "files": files,
                    "compressed_bytes": compressed,
                    "runs": args.runs,
                    "median": {
                        name: {k: round(statistics.median(vals), 1) for k, vals in r.items()}
                        for name, r in results.items()
                    },
                }
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
