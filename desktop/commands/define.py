"""`patient-answers define TERM`: a medical word in plain words, and where that came from."""

from __future__ import annotations

import argparse
import json

from desktop.commands.common import CommandError, add_command, open_data_dir


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        subparsers,
        "define",
        "Explain a medical word in plain words, from the installed answers and glossary.",
        "patient-answers define arrhythmia\npatient-answers define 'atrial fibrillation' --json",
    )
    parser.add_argument("term", metavar="TERM", nargs="+", help="the word or words to explain")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from db.store import ContentStore
    from desktop.core.glossary import close_matches, define, known_terms

    term = " ".join(args.term)
    data_dir = open_data_dir(args)
    with ContentStore(data_dir.content_db, readonly=True) as store:
        entry = define(store, term)
        question = store.get_answer(entry.answer_id) if entry and entry.answer_id else None
        nearby = [] if entry else close_matches(term, known_terms(store))
    if entry is None:
        hint = f"; close matches: {', '.join(nearby)}" if nearby else ""
        raise CommandError(f"no plain-words definition of {term!r} is installed{hint}")
    if args.json:
        print(json.dumps(entry.to_json(), ensure_ascii=False))
        return 0
    print(f"{entry.term}: {entry.definition}")
    print(f"Source: {entry.source}")
    if question is not None:
        print(f"Read more: {question.question} (patient-answers show {question.id})")
    return 0
