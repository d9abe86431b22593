"""Sync speed on the full MedQuAD install: a delta changing 3,000 answers, over HTTP.

    python bench/sync_apply.py [--data-dir DIR] [--changes 3000] [--json]

Without --data-dir, MedQuAD (../shared/medquad) is built into a temporary folder first (~45 s);
a given folder is copied, never changed. Steps: export the install's answers and publish them
as version 1 of a new feed; sync it (a snapshot install, timed as well); publish version 2 with
--changes answers edited; sync that delta from a real HTTP server on 127.0.0.1 and time it.
Prints seconds, bytes downloaded against the full snapshot, and the goal (issue 5: < 15 s).
"""

from __future__ import annotations

import argparse
import functools
import json
import shutil
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.store import ContentStore  # noqa: E402
from desktop.core.build import build_content  # noqa: E402
from desktop.core.paths import DataDir  # noqa: E402
from desktop.core.search import SearchService, index_state  # noqa: E402
from desktop.core.sync import SyncOptions, generate_keypair, publish, sync  # noqa: E402

MEDQUAD = Path(__file__).resolve().parents[2] / "shared" / "medquad"
GOAL_SECONDS = 15.0
MARK = "benchmarkupdate"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet."""


def _serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/feed/"


def _export(data_dir: DataDir, path: Path, changed_every: int = 0, limit: int = 0) -> int:
    """Write the install's answers as JSON Lines, editing every Nth one (up to `limit`)."""
    edited = 0
    with (
        ContentStore(data_dir.content_db, readonly=True) as store,
        open(path, "w", encoding="utf-8") as out,
    ):
        for n, answer in enumerate(store.answers(include_withdrawn=True)):
            if changed_every and n % changed_every == 0 and edited < limit:
                answer = answer.with_changes(summary=f"{answer.summary} Reviewed {MARK}.".strip())
                edited += 1
            out.write(json.dumps(answer.to_dict(), ensure_ascii=False) + "\n")
    return edited


def _timed(label: str, func, figures: dict[str, object]):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    value = func()
    figures[label] = round(time.perf_counter() - started, 2)
    print(f"{label:<24} {figures[label]:>8.2f} s", file=sys.stderr)
    return value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="a MedQuAD install to copy (else built)")
    parser.add_argument("--changes", type=int, default=3000)
    parser.add_argument("--json", action="store_true", help="also print one JSON line")
    args = parser.parse_args()
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="pa-sync-bench-") as tmp_name:
        tmp = Path(tmp_name)
        client = DataDir(tmp / "client")
        if args.data_dir:
            shutil.copytree(
                args.data_dir, client.root, ignore=shutil.ignore_patterns("downloads", "sync.lock")
            )
        else:
            _timed(
                "build MedQuAD", lambda: build_content([MEDQUAD], client, index_procs=2), figures
            )
        with ContentStore(client.content_db, readonly=True) as store:
            total = store.count_answers()
        generate_keypair(tmp / "bench.key", "sync bench")
        www = tmp / "www"
        feed_dir = www / "feed"
        _export(client, tmp / "v1.jsonl")
        _timed(
            "publish v1",
            lambda: publish([tmp / "v1.jsonl"], tmp / "bench.key", feed_dir, feed_id="bench"),
            figures,
        )
        httpd, url = _serve(www)
        options = SyncOptions(
            feed=url, trusted_key_files=[tmp / "bench.key.pub"], bundled_keys=False, procs=2
        )
        try:
            first = _timed("sync v1 (snapshot)", lambda: sync(client, options), figures)
            every = max(1, total // max(args.changes, 1))
            edited = _export(client, tmp / "v2.jsonl", changed_every=every, limit=args.changes)
            report = _timed(
                "publish v2",
                lambda: publish([tmp / "v2.jsonl"], tmp / "bench.key", feed_dir),
                figures,
            )
            assert report.updated == edited, (report.updated, edited)
            result = _timed("sync v2 (delta)", lambda: sync(client, options), figures)
        finally:
            httpd.shutdown()
            httpd.server_close()
        assert result.method == "delta" and result.updated == edited
        assert index_state(client.index_dir, result.to_version).status == "ok"
        with SearchService(client.content_db, client.index_dir) as service:
            found = service.search(MARK, limit=10).total
        figures.update(
            {
                "answers": total,
                "changed": edited,
                "found_by_search": found,
                "first_sync_method": first.method,
                "delta_seconds": round(result.seconds, 2),
                "delta_bytes_downloaded": result.bytes_downloaded,
                "snapshot_bytes": result.snapshot_bytes,
                "delta_share": round(result.bytes_downloaded / result.snapshot_bytes, 3),
                "goal_seconds": GOAL_SECONDS,
                "goal_met": result.seconds < GOAL_SECONDS,
            }
        )
    print(
        f"\nDelta of {edited:,} changed answers (of {total:,}) applied in "
        f"{figures['delta_seconds']} s (goal < {GOAL_SECONDS:.0f} s: "
        f"{'met' if figures['goal_met'] else 'NOT met'})"
    )
    print(
        f"Downloaded {result.bytes_downloaded:,} bytes; the full snapshot is "
        f"{result.snapshot_bytes:,} bytes ({100 * figures['delta_share']:.1f} %)"
    )
    print(f"A search for the edit finds {found:,} answers")
    if args.json:
        print(json.dumps(figures))
    return 0 if figures["goal_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
