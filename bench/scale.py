"""How build and search grow with the library: MedQuAD 1x, 3x and 10x.

Copy k of every MedQuAD answer gets a new id (`..._x<k>`) and lightly varied text (its
sentences in another order, about one word in twenty with two inner letters swapped, as a
typo would), so the vocabulary and the postings grow as a bigger library's would rather than
just repeating. For each size: `patient-answers build` wall and CPU time (the build and its
helper processes; CPU is the fair measure on a shared machine) and peak RSS, index size on
disk, and, in a fresh process like the window's, search p50/p95/max over the dev sets' short
questions, full messages and as-you-type inputs, and that process's peak RSS.

Goals (issue 11): build grows no worse than linearly; query p95 at 10x <= 3x of 1x and under
250 ms; search process RSS under 300 MB.

Usage: python bench/scale.py [--sizes 1 3 10] [--work DIR] [--source-dir DIR] [--reuse]
                             [--clock wall|cpu]

--reuse measures search on the builds already in --work (a 10x build takes minutes of both
cores): build columns then show "-".
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _medquad_data import medquad_data_dir  # noqa: E402

from db.store import ContentStore  # noqa: E402
from desktop.core.search.index import live_path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CLOCK = "wall"  # or "cpu": the search process's CPU time per query (--clock)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"\b([A-Za-z])([a-z]{2,})([a-z])([a-z])\b")


def vary(text: str, rng: random.Random) -> str:
    """Sentences of each paragraph in another order; a few words with a typo."""
    paragraphs = []
    for para in text.split("\n\n"):
        sentences = _SENTENCE.split(para)
        if len(sentences) > 2 and not para.lstrip().startswith(("-", "*", "#", "|")):
            rng.shuffle(sentences)
        paragraphs.append(" ".join(sentences))

    def typo(m: re.Match[str]) -> str:
        if rng.random() < 0.05:
            return m.group(1) + m.group(2) + m.group(4) + m.group(3)
        return m.group(0)

    return _WORD.sub(typo, "\n\n".join(paragraphs))


def write_copies(content_db: Path, copies: int, out: Path) -> int:
    """JSON Lines of `copies` copies of every answer (copy 0 is the original)."""
    count = 0
    with ContentStore(content_db, readonly=True) as store, out.open("w") as f:
        answers = list(store.answers())
        for k in range(copies):
            rng = random.Random(k)
            for a in answers:
                if k:
                    a = a.with_changes(
                        id=f"{a.id}_x{k}"[:100],
                        body=vary(a.body, rng),
                        summary=vary(a.summary, rng),
                    )
                f.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
                count += 1
    return count


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def index_size(data: Path) -> float:
    """MB of the live index (not the previous generation a rebuild keeps beside it)."""
    live = live_path(data / "index")
    return folder_size(live if live is not None else data / "index") / 1e6


QUERY_SCRIPT = r"""
import json, resource, statistics, sys, time
sys.path.insert(0, sys.argv[2])
sys.path.insert(0, sys.argv[2] + "/bench")
from pathlib import Path
from desktop.core.paths import DataDir
from desktop.core.search import SearchService
from relevance import load_set
from search_speed import typing_inputs
d = DataDir(Path(sys.argv[1]))
s = SearchService(d.content_db, d.index_dir)
liveqa, _ = load_set("liveqa-dev"); real, _ = load_set("mediqa2019-chq-dev")
alexa, _ = load_set("mediqa2019-alexa-dev")
short = [q["summary"] for q in liveqa] + [q["message"] for q in alexa]
long = [q["subject"] + "\n" + q["message"] for q in liveqa] + [q["message"] for q in real]
s.search("warm up", limit=10)
out = {}
for name, texts, typing in (("short", short, False), ("long", long, False),
                            ("as-you-type", typing_inputs(short, 200), True)):
    t = []
    for x in texts:
        started = time.process_time()
        took = s.search(x, limit=10, as_you_type=typing).took_ms
        t.append(took if sys.argv[3] == "wall" else (time.process_time() - started) * 1000)
    t.sort()
    out[name] = (statistics.median(t), t[int(round(0.95 * (len(t) - 1)))], t[-1])
out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
try:  # this process's own peak: ru_maxrss also counts the parent's memory before exec
    with open("/proc/self/status") as f:
        out["rss_mb"] = next(int(x.split()[1]) for x in f if x.startswith("VmHWM:")) / 1024
except (OSError, StopIteration):
    pass
print(json.dumps(out))
"""


def _children_cpu() -> float:
    """CPU seconds of finished child processes (a build and the helpers it waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def search_figures(data: Path) -> dict[str, object]:
    """The query workload in a fresh process (as the window's would be)."""
    queries = subprocess.run(
        [sys.executable, "-c", QUERY_SCRIPT, str(data), str(REPO), CLOCK],
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    result: dict[str, object] = json.loads(queries.stdout)
    return result


def reuse(size: int, work: Path) -> dict[str, object] | None:
    """Search figures of an existing build (None when there is none)."""
    data = work / f"x{size}" / "data"
    if not (data / "content.db").exists():
        return None
    with ContentStore(data / "content.db", readonly=True) as store:
        count = sum(1 for _ in store.answers())
    return {
        "size": size,
        "answers": count,
        "load": os.getloadavg()[0],
        "index_mb": index_size(data),
        "db_mb": (data / "content.db").stat().st_size / 1e6,
        **search_figures(data),
    }


def measure(size: int, source_db: Path, work: Path) -> dict[str, object]:
    folder = work / f"x{size}"
    folder.mkdir(parents=True, exist_ok=True)
    jsonl = folder / "answers.jsonl"
    # In a child process: this one stays small, so the processes it starts later (whose
    # peak RSS counts what their parent held when it started them) are measured alone.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        count = pool.submit(write_copies, source_db, size, jsonl).result()
    data = folder / "data"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    cpu_before = _children_cpu()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "desktop", "build", str(jsonl), "--data-dir", str(data)],
        check=True,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
    )
    build_s = time.perf_counter() - started
    build_cpu = _children_cpu() - cpu_before
    build_rss = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    jsonl.unlink()
    result = search_figures(data)
    return {
        "size": size,
        "answers": count,
        "build_s": build_s,
        "build_cpu_s": build_cpu,
        "load": os.getloadavg()[0],
        "build_rss_mb": build_rss,
        "index_mb": index_size(data),
        "db_mb": (data / "content.db").stat().st_size / 1e6,
        **result,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 3, 10])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "pa-scale")
    parser.add_argument(
        "--source-dir", type=Path, default=Path(tempfile.gettempdir()) / "pa-bench-medquad"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="measure search on existing builds in --work"
    )
    parser.add_argument(
        "--clock",
        choices=["wall", "cpu"],
        default="wall",
        help="query times as the search reports them (wall) or its CPU time",
    )
    args = parser.parse_args()
    global CLOCK
    CLOCK = args.clock
    source = None if args.reuse else medquad_data_dir(args.source_dir)
    rows = []
    print(
        f"{'size':>4}{'answers':>9}{'build s':>9}{'CPU s':>7}{'build RSS':>10}{'index MB':>9}"
        f"{'short p50/p95/max ms':>22}{'long p50/p95/max':>20}{'typing p50/p95/max':>20}"
        f"{'RSS MB':>8}{'load':>6}",
        flush=True,
    )
    for size in args.sizes:
        if source is None:
            found = reuse(size, args.work)
            if found is None:
                print(f"{size:>3}x: no build in {args.work / f'x{size}'}", flush=True)
                continue
            r = found
        else:
            r = measure(size, source.content_db, args.work)
        rows.append(r)
        s, lg, t = r["short"], r["long"], r["as-you-type"]
        build = (
            f"{r['build_s']:>9.1f}{r['build_cpu_s']:>7.0f}{r['build_rss_mb']:>10.0f}"
            if "build_s" in r
            else f"{'-':>9}{'-':>7}{'-':>10}"
        )
        times = "".join(f"{'/'.join(f'{v:.1f}' for v in k):>20}" for k in (s, lg, t))
        print(
            f"{size:>3}x{r['answers']:>9,}{build}{r['index_mb']:>9.0f}  {times}"
            f"{r['rss_mb']:>8.0f}{r['load']:>6.1f}",
            flush=True,
        )
    if len(rows) > 1:
        base, top = rows[0], rows[-1]
        if "build_s" in top:
            grow = top["build_s"] / base["build_s"] / (top["size"] / base["size"])
            grow_cpu = top["build_cpu_s"] / base["build_cpu_s"] / (top["size"] / base["size"])
            print(
                f"\nbuild time per answer, {top['size']}x vs {base['size']}x: {grow:.2f} wall, "
                f"{grow_cpu:.2f} CPU (<= 1 is linear or better; wall follows the load)"
            )
        ratios = ", ".join(
            f"{name} {top[name][1] / base[name][1]:.2f}"
            for name in ("short", "long", "as-you-type")
        )
        print(
            f"query p95 {top['size']}x / {base['size']}x: {ratios} (goal <= 3, and every p95 "
            "< 250 ms)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
