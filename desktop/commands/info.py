"""`patient-answers info`: content version, counts and paths."""

from __future__ import annotations

import argparse
import json

from desktop import __version__
from desktop.commands.common import CommandError, add_command, open_data_dir


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        subparsers,
        "info",
        "Show the installed content: version, feed, number of answers and "
        "topics, and where the files are.",
        "patient-answers info --json",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from db.store import StoreError
    from desktop.core.reader.installed import info_facts

    data_dir = open_data_dir(args)
    try:
        facts = info_facts(data_dir, __version__)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    if args.json:
        print(json.dumps(facts, ensure_ascii=False))
    else:
        width = max(len(k) for k in facts)
        for key, value in facts.items():
            print(f"{key.replace('_', ' '):<{width}}  {value if value is not None else '-'}")
    return 0
