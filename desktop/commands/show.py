"""`patient-answers show ID`: one answer as text, Markdown or HTML."""

from __future__ import annotations

import argparse
import sys

from desktop.commands.common import CommandError, add_command, open_data_dir


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        subparsers,
        "show",
        "Print one answer by its id.",
        "patient-answers show psma-car-t-barriers --format html > answer.html\n"
        "patient-answers show fever-in-children --format json",
    )
    parser.add_argument("id", metavar="ID")
    parser.add_argument(
        "--format",
        choices=("text", "markdown", "html", "json"),
        default="text",
        help="output format (default: text)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from db.store import StoreError
    from desktop.core.reader.answers import answer_document

    data_dir = open_data_dir(args)
    try:
        document = answer_document(data_dir.content_db, args.id, args.format)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    if document is None:
        raise CommandError(f"no answer with id {args.id!r} (try 'patient-answers search')")
    sys.stdout.write(document)
    return 0
