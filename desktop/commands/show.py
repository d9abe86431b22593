"""`patient-answers show ID`: one answer as text, Markdown or HTML."""

from __future__ import annotations

import argparse
import json
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
    from db.glossary_store import glossary_entries
    from db.store import ContentStore, StoreError
    from desktop.core.answer_json import answer_json
    from desktop.core.reading_level import levels_for
    from desktop.core.render import render_markdown, render_page, render_text
    from desktop.core.resources import resources_dir
    from desktop.core.term_marking import TermMarker

    data_dir = open_data_dir(args)
    try:
        with ContentStore(data_dir.content_db, readonly=True) as store:
            answer = store.get_answer(args.id)
            level = levels_for(store, [args.id]).get(args.id)
            terms = TermMarker(glossary_entries(store)) if args.format == "html" else None
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    if answer is None:
        raise CommandError(f"no answer with id {args.id!r} (try 'patient-answers search')")
    if args.format == "json":
        data = answer_json(answer)
        data["reading_level"] = level.to_json() if level else None
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    elif args.format == "html":
        css_file = resources_dir() / "styles" / "answer-light.css"
        css = css_file.read_text(encoding="utf-8") if css_file.exists() else ""
        sys.stdout.write(render_page(answer, css, terms=terms))
    elif args.format == "markdown":
        sys.stdout.write(render_markdown(answer))
    else:
        sys.stdout.write(render_text(answer))
    return 0
