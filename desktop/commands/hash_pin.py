"""`patient-answers hash-pin`: turn a kiosk PIN into the hash the administrator file stores."""

from __future__ import annotations

import argparse
import getpass
import sys

from desktop.commands.common import CommandError, add_command


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        subparsers,
        "hash-pin",
        "Ask for a kiosk PIN (twice) and print its hash for the administrator file's "
        "[workstation] kiosk_pin setting. The PIN itself is never stored.",
        "patient-answers hash-pin     # then paste the line into /etc/patient-answers/config.toml",
    )
    parser.add_argument(
        "--stdin", action="store_true", help="read the PIN from stdin (for scripts)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop.core.admin_config import hash_pin

    if args.stdin:
        pin = sys.stdin.readline().rstrip("\n")
    else:
        pin = getpass.getpass("Kiosk PIN: ")
        if getpass.getpass("Again: ") != pin:
            raise CommandError("the two PINs differ")
    if len(pin) < 4:
        raise CommandError("a PIN needs at least 4 characters")
    print(f'kiosk_pin = "{hash_pin(pin)}"')
    return 0
