"""`patient-answers sync`: fetch, verify and install the latest signed content."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.commands.common import CommandError, add_command, admin_config, open_data_dir

if TYPE_CHECKING:
    from desktop.core.sync import SyncEvent, SyncResult


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        subparsers,
        "sync",
        "Update the content from a signed feed (a https:// address or a folder such as a USB "
        "stick). Only feeds signed by a trusted key are installed; anything wrong leaves the "
        "installed content as it was. Without --feed, the feed used last time.",
        "patient-answers sync --feed https://example.org/patient-answers/feed\n"
        "patient-answers sync --feed /media/usb/feed --trusted-key ~/clinic-feed.key.pub \\\n"
        "    --trust-new-key 3f2a9c1b77e04d5a8b6c0e1f2a3b4c5d   # the fingerprint you checked",
    )
    parser.add_argument(
        "--feed", metavar="URL|DIR", help="feed address or folder (default: the one used last time)"
    )
    parser.add_argument(
        "--trusted-key",
        action="append",
        default=[],
        metavar="PUBFILE",
        type=Path,
        help="offer this public key (repeatable); a key this computer does not trust yet is "
        "used only with --trust-new-key",
    )
    parser.add_argument(
        "--trust-new-key",
        metavar="FINGERPRINT",
        help="trust the new key with this fingerprint (shown when a feed is signed by an "
        "unknown key; check it with the publisher, not from the feed's own USB stick) and "
        "remember it for this feed",
    )
    parser.add_argument(
        "--deadline",
        type=_seconds,
        metavar="SECONDS",
        help="give up after this long in all (default 3600)",
    )
    parser.add_argument(
        "--min-rate",
        type=_seconds,
        metavar="BYTES_PER_S",
        help="give up when the server sends less than this for 20 s (default 2048)",
    )
    parser.add_argument(
        "--stall",
        type=_seconds,
        metavar="SECONDS",
        help="a connection silent this long is dropped and retried (default 20)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print JSON lines: progress events, then one result object",
    )
    parser.set_defaults(func=run)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < 10**7:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number")
    return value


def _emit(data: dict[str, object]) -> None:
    print(json.dumps(data, ensure_ascii=False), flush=True)


def _describe(result: SyncResult) -> str:
    if result.status == "current":
        return f"Up to date: feed {result.feed} version {result.to_version}"
    return (
        f"Updated to version {result.to_version} of feed {result.feed} by {result.method}: "
        f"{result.added} added, {result.updated} updated, {result.removed} removed; "
        f"{result.bytes_downloaded:,} bytes downloaded in {result.seconds:.1f} s"
    )


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from desktop.core.progress import TerminalProgress
    from desktop.core.sync import SyncError, SyncOptions, sync
    from desktop.core.sync.limits import NetLimits

    data_dir = open_data_dir(args)
    bar = TerminalProgress("Downloading", unit="bytes")
    drew = [False]

    def progress(event: SyncEvent) -> None:
        if args.json:
            _emit(event.to_json())
        elif event.stage == "download":
            drew[0] = True
            bar(event.done, event.total)
        elif event.stage == "retry":
            print(f"retrying: {event.message}", file=sys.stderr)

    admin = admin_config()  # the machine's scheduled sync and its windows share feed and keys
    net = NetLimits()
    for name, value in (
        ("deadline", args.deadline),
        ("min_rate", args.min_rate),
        ("stall_seconds", args.stall),
    ):
        if value is not None:
            net = replace(net, **{name: value})
    options = SyncOptions(
        feed=args.feed or admin.feed_url,
        trusted_key_files=list(admin.trusted_keys),
        new_key_files=args.trusted_key,
        trust_new_key=args.trust_new_key,
        net=net,
    )
    try:
        result = sync(data_dir, options, progress)
    except SyncError as exc:
        if args.json:
            _emit({"event": "result", "ok": False, "kind": exc.kind, "error": str(exc)})
        raise CommandError(str(exc), exit_code=2 if exc.kind == "config" else 1) from exc
    finally:
        if drew[0]:
            bar.finish()
    if args.json:
        _emit(result.to_json())
    else:
        print(_describe(result))
    return 0
