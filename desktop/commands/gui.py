"""`patient-answers gui`: open the reader window (the default command)."""

from __future__ import annotations

import argparse
import gc

from desktop.commands.common import add_command, admin_config, open_data_dir


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        subparsers,
        "gui",
        "Open the reader window (this is what runs with no command).",
        "patient-answers gui --private",
    )
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help="full screen, private, resets itself when idle (shared computers)",
    )
    parser.add_argument(
        "--private",
        action="store_true",
        help="remember nothing: no history, bookmarks or settings are written",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="open the window, show one answer, print timings as JSON, exit",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop.ui.timing import mark

    mark("command line read")
    admin = admin_config()  # the administrator may force private or kiosk mode
    data_dir = open_data_dir(args)
    # Starting creates many objects that live as long as the window (modules, Qt types and
    # enums); collecting garbage meanwhile finds nothing and slows the first paint by ~4 %.
    # run_app turns collection back on once the window has shown its start page.
    gc.disable()
    try:
        from desktop.ui.workers import Prefetch, load_start

        # read the start page while the window's code loads and its widgets are made
        start_data = Prefetch(load_start, data_dir.content_db)
        from desktop.ui.app import run_app

        return run_app(
            data_dir,
            kiosk=args.kiosk,
            private=args.private,
            smoke=args.smoke,
            admin=admin,
            start_data=start_data,
        )
    finally:
        gc.enable()
