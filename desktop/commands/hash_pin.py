"""`patient-answers hash-pin`: turn a kiosk PIN into the hash the administrator file stores."""

from __future__ import annotations

import argparse
import getpass
import sys

from desktop.commands.common import CommandError, add_command

MIN_LENGTH = 6  # 10**6 PINs: years of guessing at the kiosk's pace
SHORTEST = 4


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
    parser.add_argument(
        "--allow-short",
        action="store_true",
        help=f"accept a PIN of {SHORTEST} or {MIN_LENGTH - 1} characters (easier to guess)",
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
    if len(pin) < SHORTEST or (len(pin) < MIN_LENGTH and not args.allow_short):
        raise CommandError(
            f"a PIN needs at least {MIN_LENGTH} characters (a 4-digit PIN can be guessed in "
            f"days even with the kiosk's delays); --allow-short accepts {SHORTEST} or more"
        )
    print(f'kiosk_pin = "{hash_pin(pin)}"')
    return 0
