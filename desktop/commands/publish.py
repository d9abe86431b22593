"""`patient-answers publish SOURCE... --key KEYFILE --out FEED_DIR`: create or extend a feed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.commands.common import CommandError, add_command


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        subparsers,
        "publish",
        "Compare the sources with the feed's latest version and, when anything changed, add a "
        "signed version to FEED_DIR (a snapshot and a delta pack, then feed.json and its "
        "signature). Copy FEED_DIR to any web server or a USB stick. Sources with problems "
        "publish nothing.",
        "patient-answers publish content/ --key ~/keys/clinic-feed.key --out /srv/www/feed",
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", type=Path)
    parser.add_argument(
        "--key",
        required=True,
        metavar="KEYFILE",
        type=Path,
        help="the private key from `patient-answers keygen`",
    )
    parser.add_argument(
        "--out",
        required=True,
        metavar="FEED_DIR",
        type=Path,
        help="the feed folder (created on first publish)",
    )
    parser.add_argument("--publisher", help="who publishes the feed (shown to readers)")
    parser.add_argument("--feed-id", help="the feed's id, at first publish only (default: random)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop.core.sync.errors import PublishError
    from desktop.core.sync.publisher import SourceIssues, publish

    try:
        report = publish(
            args.sources, args.key, args.out, publisher=args.publisher, feed_id=args.feed_id
        )
    except SourceIssues as exc:
        for issue in exc.report.issues:
            print(f"problem: {issue}", file=sys.stderr)
        raise CommandError(str(exc)) from exc
    except PublishError as exc:
        raise CommandError(str(exc)) from exc
    if not report.changed:
        print(f"No change: feed {report.feed} stays at version {report.version}")
        return 0
    sizes = f"snapshot {report.snapshot.size:,} bytes" if report.snapshot else ""
    if report.delta:
        sizes += f", delta {report.delta.size:,} bytes"
    print(
        f"Published feed {report.feed} version {report.version}: {report.added} added, "
        f"{report.updated} updated, {report.removed} removed"
        f"{', synonyms changed' if report.synonyms_changed else ''} ({sizes})"
    )
    return 0
