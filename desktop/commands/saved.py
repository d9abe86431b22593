"""`patient-answers saved`: bookmarks and the visit sheet, their state after updates, backup."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import __version__
from desktop.commands.common import CommandError, add_command, open_data_dir

if TYPE_CHECKING:
    from db.store import ContentStore
    from db.user_store import UserStore

EXAMPLE = """patient-answers saved --json
patient-answers saved add fever-in-children            # bookmark an answer
patient-answers saved add fever-in-children --visit    # its doctor questions to the visit sheet
patient-answers saved remove fever-in-children
patient-answers saved export ~/saved-answers.json
patient-answers saved import ~/saved-answers.json"""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        subparsers,
        "saved",
        "List, add or remove saved answers (bookmarks and the visit sheet), and back them up.",
        EXAMPLE,
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    actions = parser.add_subparsers(dest="saved_action", metavar="ACTION")
    for name, summary in (
        ("add", "bookmark an answer, or with --visit put its doctor questions on the sheet"),
        ("remove", "remove a bookmark, or with --visit the answer's questions from the sheet"),
    ):
        sub = actions.add_parser(name, help=summary, description=summary)
        sub.add_argument("id", metavar="ID")
        sub.add_argument("--visit", action="store_true", help="the visit sheet, not bookmarks")
        _shared_options(sub)
    for name, summary in (
        ("export", "write every bookmark and the visit sheet to a JSON file"),
        ("import", "merge a file written by 'saved export' (nothing is removed)"),
    ):
        sub = actions.add_parser(name, help=summary, description=summary)
        sub.add_argument("file", metavar="FILE", type=Path)
        _shared_options(sub)
    parser.set_defaults(func=run)


def _shared_options(sub: argparse.ArgumentParser) -> None:
    """--json and --data-dir work after the action too (`saved add ID --json`)."""
    sub.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
    sub.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="data folder")


def run(args: argparse.Namespace) -> int:
    from db.store import ContentStore, StoreError
    from db.user_store import UserStore, UserStoreError
    from desktop.core.saved_backup import BackupError

    data_dir = open_data_dir(args)
    try:
        with (
            ContentStore(data_dir.content_db, readonly=True) as content,
            UserStore(data_dir.user_db) as user,
        ):
            return _act(args, content, user)
    except (StoreError, UserStoreError, BackupError) as exc:
        raise CommandError(str(exc)) from exc


def _act(args: argparse.Namespace, content: ContentStore, user: UserStore) -> int:
    from db.user_store import VisitAnswer
    from desktop.core import saved as saved_core
    from desktop.core.saved_backup import export_saved, import_saved

    action = args.saved_action
    if action is None:
        entries = saved_core.saved_answers(user, content)
        if args.json:
            print(json.dumps({"saved": [e.to_json() for e in entries]}, ensure_ascii=False))
        elif not entries:
            print("Nothing saved yet.")
        else:
            for e in entries:
                state = f"  [{e.label}]" if e.label else ""
                print(f"{e.kind:<8}  {e.answer_id}  {e.question}{state}")
        return 0
    if action in ("add", "remove"):
        answer = content.get_answer(args.id)
        if action == "add":
            if answer is None or answer.status != "published":
                raise CommandError(f"no answer with id {args.id!r} (try 'patient-answers search')")
            if args.visit:
                snapshot = saved_core.snapshot_json(answer)
                kept = VisitAnswer(
                    answer.id,
                    answer.question,
                    answer.reviewed,
                    answer.references,
                    answer.revision,
                    snapshot,
                )
                for text in answer.asks or (answer.question,):
                    user.add_visit_item(kept, text)
                done = f"{len(answer.asks or (1,))} question(s) added to the visit sheet"
            else:
                saved_core.bookmark(user, answer)
                done = "bookmarked"
        elif args.visit:
            removed = user.remove_visit_answer(args.id)
            if not removed:
                raise CommandError(f"{args.id!r} has no questions on the visit sheet")
            done = f"{removed} question(s) removed from the visit sheet"
        else:
            if not user.remove_bookmark(args.id):
                raise CommandError(f"{args.id!r} is not bookmarked")
            done = "bookmark removed"
        _say(args, {"id": args.id, "action": action, "visit": args.visit}, f"{args.id}: {done}")
        return 0
    if action == "export":
        counts = export_saved(user, args.file, __version__)
        _say(
            args,
            {"file": str(args.file), **counts},
            f"Saved {counts['bookmarks']} bookmark(s) and {counts['questions']} visit-sheet "
            f"question(s) to {args.file}",
        )
        return 0
    result = import_saved(user, args.file)
    _say(
        args,
        {
            "file": str(args.file),
            "bookmarks_added": result.bookmarks_added,
            "questions_added": result.questions_added,
        },
        f"Added {result.bookmarks_added} bookmark(s) and {result.questions_added} visit-sheet "
        f"question(s) from {args.file}",
    )
    return 0


def _say(args: argparse.Namespace, data: dict[str, object], text: str) -> None:
    print(json.dumps(data, ensure_ascii=False) if args.json else text)
