"""Startup bench: `gui --smoke` on sample content and MedQuAD beside a bare PySide6 window.

    python bench/startup.py [--runs 9] [--medquad-data /tmp/mqdata] [--no-typing]
                            [--before OTHER_CHECKOUT]

Every process is started the same way (a fresh Python with byte-code caching on, as in an
installed app; offscreen Qt unless QT_QPA_PLATFORM is set) and reports `startup_ms` itself
(process start to the first paint of its window with content); `wall_ms` is measured from
outside (spawn to exit). Then, in one process on the biggest data, a query is typed key by
key into the real window while a 5 ms heartbeat timer measures the longest UI-thread stall.
Goals (issue 4): startup <= 1.5x bare, first answer < 100 ms, RSS < 200 MB with MedQuAD,
no stall over 100 ms while typing. `--before` adds `gui --smoke` run from another checkout
(say an older commit in a git worktree) to the same interleaved rounds: before and after in
one table, measured alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import json, sys
from desktop.core.reader.timing import process_age_ms, rss_mb
from PySide6.QtWidgets import (QApplication, QListView, QLineEdit, QMainWindow, QSplitter,
                               QTextBrowser, QVBoxLayout, QWidget)
app = QApplication(sys.argv[:1])
window = QMainWindow()
central = QWidget()
layout = QVBoxLayout(central)
layout.addWidget(QLineEdit())
splitter = QSplitter()
splitter.addWidget(QListView())
browser = QTextBrowser()
browser.setHtml("<h1>Hello</h1><p>A bare window.</p>")
splitter.addWidget(browser)
layout.addWidget(splitter)
window.setCentralWidget(central)
window.resize(1200, 800)
window.show()
app.processEvents()
window.repaint()
print(json.dumps({"startup_ms": round(process_age_ms(), 1), "rss_mb": round(rss_mb(), 1)}))
"""

# A reference, not a goal: the least any window of ours must do before its first paint.
# The bare window plus the command line and admin file, the user store, the start page read
# from content.db, the Qt namespace (PySide builds its 93 Python enums on first use), our
# palette and stylesheet, and a toolbar, four tabs, a page stack and a status bar, with no
# code of the window itself. It shows how much of the gap to the bare window is fixed cost.
SKELETON = r"""
import gc, json, sys
gc.disable()
from desktop.core.reader.timing import process_age_ms, rss_mb
import argparse
from desktop.commands.common import admin_config, open_data_dir
admin_config()
data_dir = open_data_dir(argparse.Namespace(data_dir=sys.argv[1]))
from db.user_store import UserStore
from desktop.core.reader.start import load_start
store = UserStore.private()
data = load_start(data_dir.content_db)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QLabel, QLineEdit, QListView, QMainWindow,
                               QSplitter, QStackedWidget, QTabWidget, QTextBrowser, QToolBar)
from desktop.ui.theme import apply_theme
app = QApplication([sys.argv[0], "-style", "Fusion"])
apply_theme(app, "light")
window = QMainWindow()
bar = QToolBar()
bar.addWidget(QLineEdit())
window.addToolBar(bar)
tabs = QTabWidget()
for name in ("Results", "Topics", "Bookmarks", "History"):
    tabs.addTab(QListView(), name)
stack = QStackedWidget()
browser = QTextBrowser()
browser.setHtml(data.html)
stack.addWidget(browser)
splitter = QSplitter(Qt.Orientation.Horizontal)
splitter.addWidget(tabs)
splitter.addWidget(stack)
window.setCentralWidget(splitter)
window.statusBar().addPermanentWidget(QLabel(f"{data.installed.answers} answers"))
window.resize(1200, 800)
window.show()
app.processEvents()
window.repaint()
print(json.dumps({"startup_ms": round(process_age_ms(), 1), "rss_mb": round(rss_mb(), 1)}))
"""

TYPING = r"""
import json, sys, time
from PySide6.QtCore import QTimer, Qt
from PySide6.QtTest import QTest
from desktop.core.paths import DataDir
from desktop.ui.app import make_application, open_user_store
from desktop.ui.window.main_window import MainWindow
from desktop.ui.settings import Settings

app = make_application()
store, _ = open_user_store(DataDir(__import__("pathlib").Path(sys.argv[1])), True)
window = MainWindow(DataDir(__import__("pathlib").Path(sys.argv[1])), Settings(private=True), store)
window.start(); window.show()
query = "high blood pressure in pregnancy"
gaps, last = [], [time.perf_counter()]
def beat():
    now = time.perf_counter(); gaps.append(now - last[0]); last[0] = now
heart = QTimer(); heart.setInterval(5); heart.timeout.connect(beat)
pages = []
window.search.results_ready.connect(pages.append)
state = {"i": 0}
def type_next():
    if state["i"] < len(query):
        key = query[state["i"]]; state["i"] += 1
        QTest.keyClick(window.search_field, key)
        QTimer.singleShot(450 if key == " " else 120, type_next)  # pauses between words
    else:
        QTimer.singleShot(1500, finish)
def finish():
    heart.stop()
    print(json.dumps({"max_stall_ms": round(max(gaps) * 1000, 1), "results": len(pages),
                      "total": pages[-1].total if pages else 0,
                      "last_took_ms": round(pages[-1].took_ms, 1) if pages else None}))
    window.close(); window.tasks.wait(); window.deleteLater(); app.exit(0)
def begin():
    window.search_field.setFocus(); last[0] = time.perf_counter(); heart.start(); type_next()
if window.search.is_ready:
    QTimer.singleShot(300, begin)
else:
    window.hub.search_did_become_ready.connect(lambda: QTimer.singleShot(300, begin))
sys.exit(app.exec())
"""


def _env() -> dict[str, str]:
    """Offscreen Qt; byte-code cached (outside the repo) as an installed app would have it."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "pa-bench-pycache"))
    return env


Config = tuple[str, list[str], Path | None]  # name, command, working folder


def _run(cmd: list[str], cwd: Path | None = None) -> tuple[dict[str, float], float]:
    started = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=_env(), check=False, cwd=cwd)
    wall = (time.perf_counter() - started) * 1000
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{out.stderr}")
    return json.loads(lines[-1]), wall


def _median(rows: list[dict[str, float]], key: str) -> float | None:
    values = [r[key] for r in rows if key in r]
    return statistics.median(values) if values else None


def measure(configs: list[Config], runs: int) -> list[dict[str, object]]:
    """Run every command `runs` times, interleaved (a round runs each once, so a machine
    that speeds up or slows down during the bench affects all alike), after one warm-up
    each; keep medians."""
    for _, cmd, cwd in configs:
        _run(cmd, cwd)  # warm the disk cache and .pyc files
    rows: list[list[dict[str, float]]] = [[] for _ in configs]
    for _ in range(runs):
        for i, (_, cmd, cwd) in enumerate(configs):
            data, wall = _run(cmd, cwd)
            data["wall_ms"] = wall
            rows[i].append(data)
    return [
        {
            "name": name,
            **{
                k: _median(rows[i], k)
                for k in ("startup_ms", "first_answer_ms", "rss_mb", "wall_ms")
            },
            # each run against the first command's run of the same round
            "paired_ratio": statistics.median(
                r["startup_ms"] / b["startup_ms"] for r, b in zip(rows[i], rows[0], strict=True)
            ),
        }
        for i, (name, _, _) in enumerate(configs)
    ]


def _fmt(value: object) -> str:
    return "-" if value is None else f"{value:,.0f}" if isinstance(value, float) else str(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--medquad-data",
        type=Path,
        default=Path("/tmp/mqdata"),
        help="a data folder built from MedQuAD (skipped when missing)",
    )
    parser.add_argument("--no-typing", action="store_true", help="skip the typing-stall check")
    parser.add_argument(
        "--before",
        type=Path,
        help="another checkout whose `gui --smoke` joins the same rounds (before/after)",
    )
    args = parser.parse_args()
    py = sys.executable
    gui = [py, "-m", "desktop.cli", "gui", "--smoke", "--data-dir"]
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample"
        subprocess.run(
            [py, "-m", "desktop.cli", "info", "--data-dir", str(sample)],
            check=True,
            capture_output=True,
            env=_env(),
        )
        here = Path(__file__).resolve().parents[1]
        configs: list[Config] = [
            ("bare PySide6 window", [py, "-c", BARE], here),
            ("skeleton (reference)", [py, "-c", SKELETON, str(sample)], here),
            ("gui --smoke, sample", gui + [str(sample)], here),
        ]
        if args.before is not None:
            configs.append(("gui --smoke, sample, before", gui + [str(sample)], args.before))
        biggest = sample
        if (args.medquad_data / "content.db").exists():
            configs.append(("gui --smoke, MedQuAD", gui + [str(args.medquad_data)], here))
            biggest = args.medquad_data
        else:
            print(
                f"(no MedQuAD data at {args.medquad_data}: build it with "
                "`patient-answers build ../shared/medquad --data-dir DIR`)"
            )
        results = measure(configs, args.runs)
        bare = results[0]["startup_ms"] or 1.0
        print(
            f"\nmedians of {args.runs} interleaved runs, platform {_env()['QT_QPA_PLATFORM']}; "
            "'paired' is the median of each run over the bare window's run of its round\n"
        )
        header = (
            f"{'':28} {'startup ms':>11} {'x bare':>7} {'paired':>7} {'1st answer ms':>14} "
            f"{'RSS MB':>7} {'wall ms':>8}"
        )
        print(header)
        print("-" * len(header))
        for r in results:
            ratio = (r["startup_ms"] or 0) / bare  # type: ignore[operator]
            print(
                f"{r['name']:28} {_fmt(r['startup_ms']):>11} {ratio:>7.2f} "
                f"{r['paired_ratio']:>7.2f} "
                f"{_fmt(r['first_answer_ms']):>14} {_fmt(r['rss_mb']):>7} "
                f"{_fmt(r['wall_ms']):>8}"
            )
        if not args.no_typing:
            data, _ = _run([py, "-c", TYPING, str(biggest)])
            print(
                f'\ntyping "high blood pressure in pregnancy" into {biggest.name}: longest '
                f"UI-thread stall {data['max_stall_ms']} ms; {data['results']} result "
                f"updates, last search {data['last_took_ms']} ms, {data['total']:,} matches"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
