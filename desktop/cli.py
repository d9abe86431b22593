"""The command line (DESIGN section 6): a thin shell over desktop.core.

Exit codes: 0 ok, 1 runtime failure (one-line reason on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop import __version__
from desktop.commands import COMMAND_NAMES, load_commands
from desktop.commands.common import CommandError, one_line, run_command

GUI_FLAGS = {"--kiosk", "--private", "--smoke"}


def build_parser(names: tuple[str, ...] = COMMAND_NAMES) -> argparse.ArgumentParser:
    """The parser with the named subcommands (by default all) registered."""
    parser = argparse.ArgumentParser(
        prog="patient-answers",
        description="Patient Answers: read plain-language health answers, offline.",
        epilog="Run 'patient-answers COMMAND --help' for one command. "
        "With no command, the reader window opens.",
    )
    parser.add_argument("--version", action="version", version=f"patient-answers {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in load_commands(names):
        module.register(subparsers)
    parser.set_defaults(_subcommands=dict(subparsers.choices))
    return parser


def parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """Parse argv; an unknown option is reported with the usage of the command it was given
    to (`info --jsn` shows how to use `info`, not the list of every command)."""
    args, extra = parser.parse_known_args(argv)
    if extra:
        command = getattr(args, "command", None) or ""
        sub = getattr(args, "_subcommands", {}).get(command)
        (sub or parser).error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def _with_default_command(argv: list[str]) -> list[str]:
    """No command means the window: `patient-answers --kiosk` is `patient-answers gui --kiosk`."""
    if not argv:
        return ["gui"]
    if argv[0] in ("-h", "--help", "--version"):
        return argv
    if argv[0].startswith("-"):
        return ["gui", *argv]
    return argv


def _commands_needed(argv: list[str]) -> tuple[str, ...]:
    """Only `gui` when opening the window: its start time matters, other commands' do not."""
    if argv and argv[0] == "gui":
        return ("gui",)
    return COMMAND_NAMES


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `patient-answers` console script."""
    args_list = _with_default_command(list(sys.argv[1:] if argv is None else argv))
    parser = build_parser(_commands_needed(args_list))
    args = parse(parser, args_list)
    try:
        return run_command(args)
    except CommandError as exc:
        print(f"patient-answers: {one_line(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("patient-answers: interrupted", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
