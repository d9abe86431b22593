"""What every command shares: --data-dir, opening content, one-line failures."""

from __future__ import annotations

import argparse
import sys
import textwrap

from desktop.core.admin_config import AdminConfig, load_admin_config
from desktop.core.paths import DataDir, resolve_data_dir


class CommandError(Exception):
    """A runtime failure: printed as one line, exit code 1 (or as given)."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def add_command(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    example: str,
) -> argparse.ArgumentParser:
    """A subcommand with a one-line summary, an example in --help, and --data-dir."""
    parser = subparsers.add_parser(
        name,
        help=summary,
        description=summary,
        epilog="example:\n" + textwrap.indent(example.strip(), "  "),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data folder (default: $PATIENT_ANSWERS_DATA, else the platform's user data folder)",
    )
    return parser


def admin_config() -> AdminConfig:
    """The administrator's file; its problems are reported once on stderr and ignored."""
    global _ADMIN
    if _ADMIN is None:
        _ADMIN = load_admin_config()
        for problem in _ADMIN.problems:
            print(f"patient-answers: warning: {problem}", file=sys.stderr)
    return _ADMIN


_ADMIN: AdminConfig | None = None


def open_data_dir(args: argparse.Namespace, *, seed: bool = True) -> DataDir:
    """Resolve --data-dir; a new folder is seeded with the bundled sample content."""
    data_dir = resolve_data_dir(getattr(args, "data_dir", None), admin_config().content_dir)
    if seed and not data_dir.content_db.exists():
        # Imported here: the window must not pay for the importers at every start.
        from db.store import StoreError
        from desktop.core.build import BuildError, ensure_content

        try:
            ensure_content(data_dir)
        except (BuildError, StoreError) as exc:
            raise CommandError(str(exc)) from exc
    return data_dir
