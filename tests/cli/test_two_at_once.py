"""Two at once: two searching processes on one data folder while a third installs an update.

`patient-answers search -` keeps one index open and answers one JSON line per query, like a
window does; `patient-answers sync --feed FOLDER` applies a signed update meanwhile. Nobody may
see a lock error or a failed query, and the update's new words must be findable afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from desktop.core.importers import read_sources
from desktop.core.paths import DataDir
from desktop.core.resources import sample_content_dir
from desktop.core.sync import generate_keypair, publish
from desktop.core.sync.keys import fingerprint, load_public

REPO = Path(__file__).resolve().parents[2]
MARK = "quillowmarsh"  # a word no sample answer uses
CHANGED = 6


@dataclass
class Run:
    """What the searchers saw during and after the update."""

    during: list[dict[str, object]] = field(default_factory=list)
    after_running: list[int] = field(default_factory=list)  # MARK totals, searchers kept open
    after_fresh: int = 0  # MARK total in a search started after the update
    stderr: list[str] = field(default_factory=list)
    sync: dict[str, object] = field(default_factory=dict)


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "desktop", *args]


class Feed:
    """A signed folder feed of the sample answers (`mark=True`: CHANGED of them carry MARK)."""

    def __init__(self, tmp_path: Path) -> None:
        self.work = tmp_path
        self.key = tmp_path / "keys" / "feed.key"
        generate_keypair(self.key)
        self.pub = self.key.with_name("feed.key.pub")
        self.out = tmp_path / "feed"
        self.answers = read_sources([sample_content_dir()]).answers
        self.count = 0

    def publish(self, *, mark: bool) -> None:
        self.count += 1
        marked = {a.id for a in self.answers[:CHANGED]} if mark else set()
        rows = [
            a.with_changes(summary=f"{a.summary} {MARK}.") if a.id in marked else a
            for a in self.answers
        ]
        source = self.work / f"v{self.count}.jsonl"
        source.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in rows), "utf-8")
        publish([source], self.key, self.out, feed_id="two-at-once")

    def sync_command(self, data_dir: DataDir) -> list[str]:
        return _cli(
            "sync", "--json", "--data-dir", str(data_dir.root), "--feed", str(self.out),
            "--trusted-key", str(self.pub),
            "--trust-new-key", fingerprint(load_public(self.pub)),
        )  # fmt: skip


class Searcher:
    """A `patient-answers search -` process: one query in, one JSON line out."""

    def __init__(self, data_dir: DataDir) -> None:
        self.proc = subprocess.Popen(
            _cli("search", "-", "--json", "--data-dir", str(data_dir.root)),
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def ask(self, query: str) -> dict[str, object]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(query + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, f"the searcher stopped: {self.finish()}"
        return json.loads(line)

    def finish(self) -> str:
        """Close stdin; the process must end by itself with exit code 0. Its stderr."""
        _, err = self.proc.communicate(timeout=60)
        assert self.proc.returncode == 0, err
        return err


def _two_searchers_and_a_sync(data_dir: DataDir, tmp_path: Path, method: str) -> Run:
    feed = Feed(tmp_path)
    if method == "delta":  # this feed's version 1 is installed: the update is a small delta
        feed.publish(mark=False)
        first = subprocess.run(feed.sync_command(data_dir), cwd=REPO, capture_output=True)
        assert first.returncode == 0, first.stderr
    feed.publish(mark=True)
    run = Run()
    searchers = [Searcher(data_dir), Searcher(data_dir)]
    for searcher in searchers:
        assert searcher.ask("asthma")["total"]  # both are up and searching
    sync = subprocess.Popen(
        feed.sync_command(data_dir),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    while not run.during or sync.poll() is None:
        for searcher in searchers:
            run.during.append(searcher.ask("asthma inhaler"))
            run.during.append(searcher.ask(MARK))
    out, err = sync.communicate(timeout=120)
    assert sync.returncode == 0, err
    run.sync = json.loads(out.splitlines()[-1])
    for searcher in searchers:
        total = searcher.ask(MARK)["total"]
        run.after_running.append(int(total))  # type: ignore[call-overload]
        run.stderr.append(searcher.finish())
    fresh = subprocess.run(
        _cli("search", MARK, "--json", "--data-dir", str(data_dir.root)),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert fresh.returncode == 0, fresh.stderr
    run.after_fresh = int(json.loads(fresh.stdout)["total"])
    return run


@pytest.mark.slow
@pytest.mark.parametrize("method", ["delta", "snapshot"])
def test_two_searchers_keep_working_while_a_third_process_syncs(
    sample_data: DataDir, tmp_path: Path, method: str
) -> None:
    run = _two_searchers_and_a_sync(sample_data, tmp_path, method)
    assert run.sync["ok"] is True and run.sync["method"] == method
    assert run.sync["status"] == "updated" and run.sync["updated"] == CHANGED
    assert len(run.during) >= 4
    assert all(r["total"] for r in run.during if r["query"] == "asthma inhaler")
    assert run.stderr == ["", ""]  # no lock errors, no warnings, no tracebacks
    assert run.after_fresh == CHANGED  # the new content is there for the next search


@pytest.mark.slow
def test_searchers_that_stay_open_find_the_new_content(
    sample_data: DataDir, tmp_path: Path
) -> None:
    run = _two_searchers_and_a_sync(sample_data, tmp_path, "delta")
    assert run.after_running == [CHANGED, CHANGED]
