"""What every command shares: --data-dir, opening content, one-line failures.

`run_command` is the one place where failures become sentences: every command (including
those that catch nothing themselves) runs through it, so no Python traceback reaches a user.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap

from desktop.core.admin_config import AdminConfig, load_admin_config
from desktop.core.paths import DataDir, data_dir_problem, resolve_data_dir

DEBUG_ENV = "PATIENT_ANSWERS_DEBUG"  # set it to see the traceback behind a one-line failure
RETRY_AFTER_RESET = frozenset({"info", "search", "show"})  # read-only: safe to run again


class CommandError(Exception):
    """A runtime failure: printed as one line, exit code 1 (or as given)."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def one_line(message: str) -> str:
    """Messages are single lines, whatever the exception text held."""
    return " ".join(message.split()) or "failed"


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
_OPENED: list[DataDir] = []  # the data folder the running command opened (for repairs)


def warn(message: str) -> None:
    """A one-line warning on stderr: the command goes on."""
    print(f"patient-answers: warning: {one_line(message)}", file=sys.stderr)


def open_data_dir(args: argparse.Namespace, *, seed: bool = True) -> DataDir:
    """Resolve --data-dir and check it can be used; a new folder is seeded with the bundled
    sample content, and damaged content is set aside and reset (with a warning)."""
    data_dir = resolve_data_dir(getattr(args, "data_dir", None), admin_config().content_dir)
    problem = data_dir_problem(data_dir)
    if problem:
        raise CommandError(problem)
    _OPENED[:] = [data_dir]
    # Imported here: the window must not pay for the importers at every start.
    from db.store import StoreError
    from desktop.core.content_health import RESET_NOTICE_CLI, heal_content

    try:
        reset = heal_content(data_dir, reseed=seed)
        if reset is not None:
            warn(f"{RESET_NOTICE_CLI} (the damaged file is kept as {reset.set_aside})")
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    if seed and not data_dir.content_db.exists():
        # Only a new folder pays for the importers (the window starts through here).
        from desktop.core.build import BuildError, ensure_content

        try:
            ensure_content(data_dir)
        except (BuildError, StoreError) as exc:
            raise CommandError(str(exc)) from exc
    return data_dir


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and what caused it (commands wrap store errors in CommandError)."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _repair_after(exc: BaseException) -> bool:
    """After a failure that smells of a damaged file, check content.db thoroughly and set it
    aside when it really is damaged. True when content was reset."""
    from db.failures import is_damage
    from db.store import StoreDamaged

    if not _OPENED or not any(isinstance(e, StoreDamaged) or is_damage(e) for e in _chain(exc)):
        return False
    from desktop.core.content_health import RESET_NOTICE_CLI, heal_content

    try:
        reset = heal_content(_OPENED[0], thorough=True)
    except Exception:  # noqa: BLE001 - the repair is a bonus; the first failure is reported
        return False
    if reset is None:
        return False
    warn(f"{RESET_NOTICE_CLI} (the damaged file is kept as {reset.set_aside})")
    return True


def describe(exc: BaseException) -> str:
    """The sentence for a failure: our own errors already are one; the rest are explained."""
    from db.failures import explain

    if type(exc).__module__.split(".")[0] in ("db", "desktop"):
        return one_line(str(exc))
    return one_line(explain(exc))


def run_command(args: argparse.Namespace) -> int:
    """Run the chosen command; any failure becomes CommandError with one plain sentence.
    Damaged content found on the way is set aside, and a read-only command runs again."""
    try:
        return int(args.func(args) or 0)
    except (CommandError, KeyboardInterrupt, BrokenPipeError) as exc:
        if isinstance(exc, CommandError) and _repair_after(exc) and _may_retry(args):
            return _run_again(args)
        raise
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        if _repair_after(exc) and _may_retry(args):
            return _run_again(args)
        raise CommandError(describe(exc)) from exc


def _may_retry(args: argparse.Namespace) -> bool:
    return getattr(args, "command", None) in RETRY_AFTER_RESET


def _run_again(args: argparse.Namespace) -> int:
    try:
        return int(args.func(args) or 0)
    except (CommandError, KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        raise CommandError(describe(exc)) from exc
