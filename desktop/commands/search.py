"""`patient-answers search QUERY`: search from a terminal or a script (QUERY - reads stdin)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from desktop.commands.common import CommandError, add_command, open_data_dir

if TYPE_CHECKING:
    from desktop.core.search import SearchResults


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        subparsers,
        "search",
        "Search the answers. Any text works: lay words, misspellings, whole messages. "
        "QUERY '-' reads one query per line from stdin and prints one JSON line per input line.",
        'patient-answers search "high blood pressure in pregnancy" --limit 5\n'
        "printf 'asthma\\ndiabetis\\n' | patient-answers search - --json",
    )
    parser.add_argument("query", metavar="QUERY")
    parser.add_argument("--limit", type=int, default=10, help="results to show (default 10)")
    parser.add_argument("--topic", help="only answers in this topic (any case)")
    parser.add_argument("--source", help="only answers from this source, e.g. GHR (any case)")
    parser.add_argument("--confidence", choices=("high", "moderate", "low"))
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--prefer-easier",
        action="store_true",
        help="among equally relevant answers, show the easier to read first",
    )
    parser.set_defaults(func=run)


def _print_text(results: SearchResults) -> None:
    for note in results.notes:
        print(note.message())
    if results.suggestion:
        print(f"Did you mean: {results.suggestion}")
    capped = " (some of the text was too long to search in full)" if results.partial else ""
    print(f"{results.total:,} answers ({results.took_ms:.0f} ms){capped}")
    from desktop.core.reader.publishers import publishers_text

    for n, hit in enumerate(results.results, start=1):
        print(f"\n{n}. {hit.question}  [{hit.id}]")
        print(f"   {publishers_text(hit.sources) or 'Unknown source'}")
        if len(hit.also) > 0:
            print(f"   also: {', '.join(a.id for a in hit.also)}")
        print(f"   {hit.snippet_text}")


def run(args: argparse.Namespace) -> int:
    from db.store import StoreError
    from desktop.core.search import SearchOptions, SearchService
    from desktop.core.search.index import IndexError_

    if args.limit < 1 or args.limit > 1000:
        raise CommandError("--limit must be between 1 and 1000", exit_code=2)
    data_dir = open_data_dir(args)
    try:
        service = SearchService.for_data_dir(data_dir)
    except (StoreError, IndexError_) as exc:
        raise CommandError(str(exc)) from exc
    options = SearchOptions(
        limit=args.limit,
        topic=args.topic,
        source=args.source,
        confidence=args.confidence,
        prefer_easier=args.prefer_easier,
    )
    with service:
        if args.query == "-":
            for line in sys.stdin:
                service.refresh()  # pick up an update another process installed
                results = service.run(line.rstrip("\n"), options)
                sys.stdout.write(json.dumps(results.to_json(), ensure_ascii=False) + "\n")
                sys.stdout.flush()
            return 0
        results = service.run(args.query, options)
    if args.json:
        print(json.dumps(results.to_json(), ensure_ascii=False))
    else:
        _print_text(results)
    # A --topic or --source that names nothing is a mistake to fix, not an empty result.
    return 1 if results.notes else 0
