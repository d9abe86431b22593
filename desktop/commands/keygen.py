"""`patient-answers keygen --out KEYFILE`: a new Ed25519 signing key for a feed."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.commands.common import CommandError, add_command


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        subparsers,
        "keygen",
        "Create a signing key for publishing a feed: KEYFILE (private, keep it secret and "
        "backed up) and KEYFILE.pub (give it to the computers that trust the feed).",
        "patient-answers keygen --out ~/keys/clinic-feed.key",
    )
    parser.add_argument(
        "--out",
        required=True,
        metavar="KEYFILE",
        type=Path,
        help="where to write the private key (KEYFILE.pub is written next to it)",
    )
    parser.add_argument("--label", default="", help="a name written into KEYFILE.pub")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop.core.sync.errors import PublishError
    from desktop.core.sync.keys import fingerprint, generate_keypair, load_public

    try:
        key_id = generate_keypair(args.out, args.label)
    except PublishError as exc:
        raise CommandError(str(exc)) from exc
    public = Path(f"{args.out}.pub")
    print(f"Wrote {args.out} (private, mode 0600) and {public} (key id {key_id})")
    print(
        f"Fingerprint: {fingerprint(load_public(public))}\n"
        "Give it to the computers that will trust this feed by a way the feed does not travel "
        "(printed, read aloud, your web page): they confirm it with --trust-new-key."
    )
    return 0
