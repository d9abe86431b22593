"""`patient-answers build SOURCE...`: import sources, build content.db and the index."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.commands.common import CommandError, add_command, open_data_dir


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        subparsers,
        "build",
        "Import answer sources (authoring .md files or folders, MedQuAD XML folders, .jsonl, "
        "synonyms .tsv) into a new content database and search index. Files with problems are "
        "reported and skipped; the exit code is then 1. A failed build keeps the old content.",
        "patient-answers build resources/content ../shared/medquad --data-dir ~/pa-data",
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", type=Path)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop.core.build import BuildError, build_content
    from desktop.core.progress import TerminalProgress
    from desktop.core.search.index import IndexError_

    data_dir = open_data_dir(args, seed=False)
    read_bar = TerminalProgress("Reading ", unit="files")
    index_bar = TerminalProgress("Indexing", unit="answers")
    try:
        report = build_content(
            args.sources, data_dir, progress=read_bar, index_progress=index_bar, index_procs=2
        )
    except (BuildError, IndexError_) as exc:
        read_bar.finish()
        raise CommandError(str(exc)) from exc
    finally:
        index_bar.finish()
    for issue in report.issues:
        print(f"problem: {issue}", file=sys.stderr)
    print(
        f"Built {report.answers:,} answers and {report.synonyms:,} synonyms in "
        f"{report.seconds:.1f} s: {data_dir.content_db} (content version {report.content_version})"
    )
    if report.issues:
        print(f"{len(report.issues)} problem(s): those files were skipped", file=sys.stderr)
        return 1
    return 0
