"""`patient-answers keys`: the signing keys this data folder trusts; remove a remembered one."""

from __future__ import annotations

import argparse
import json

from desktop.commands.common import CommandError, add_command, admin_config, open_data_dir


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        subparsers,
        "keys",
        "List the keys whose signed feeds this computer installs: those shipped with the app, "
        "those the administrator file names, and those confirmed with --trust-new-key (each "
        "kept for the one feed it verified). 'keys remove FINGERPRINT' forgets a kept key.",
        "patient-answers keys\npatient-answers keys remove 3f2a9c1b77e04d5a8b6c0e1f2a3b4c5d",
    )
    parser.add_argument(
        "action", nargs="?", choices=("list", "remove"), default="list", help="default: list"
    )
    parser.add_argument(
        "key", nargs="?", metavar="FINGERPRINT", help="the key to remove (or its key id)"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per key")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop.core.sync import SyncError
    from desktop.core.sync.keys import forget_key, trusted_keys

    data_dir = open_data_dir(args, seed=False)
    root = data_dir.content_dir  # a machine-wide content folder keeps its own keys
    if args.action == "remove":
        if not args.key:
            raise CommandError("say which key to remove: keys remove FINGERPRINT", exit_code=2)
        try:
            gone = forget_key(root, args.key)
        except SyncError as exc:
            raise CommandError(str(exc)) from exc
        print(f"Removed key {gone.fingerprint} (was trusted for feed {gone.feed or 'any'})")
        return 0
    try:
        keys = trusted_keys(admin_config().trusted_keys, data_root=root)
    except SyncError as exc:
        raise CommandError(str(exc)) from exc
    for key in keys:
        origin = {
            "bundled": "shipped with the app",
            "given": f"administrator file: {key.origin}",
            "remembered": f"confirmed for feed {key.feed or '(installed feed)'}",
        }[key.kind]
        if args.json:
            print(
                json.dumps(
                    {
                        "fingerprint": key.fingerprint,
                        "key_id": key.key_id,
                        "kind": key.kind,
                        "feed": key.feed,
                        "file": key.origin,
                    }
                )
            )
        else:
            print(f"{key.fingerprint}  {origin}")
    if not keys and not args.json:
        print("No trusted keys: only feeds signed by a key you confirm can be installed.")
    return 0
