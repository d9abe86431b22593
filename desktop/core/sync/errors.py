"""Errors of publishing and syncing: one-line reasons, with a short machine-readable kind."""

from __future__ import annotations

from typing import Literal

from desktop.core.sync.plain import plain

#: Why a sync stopped, for the window and `sync --json` (see SyncError).
SyncErrorKind = Literal[
    "offline",
    "unavailable",
    "insecure",
    "unsigned",
    "signature",
    "oversized",
    "invalid",
    "older",
    "corrupt",
    "busy",
    "readonly",
    "config",
    "apply",
    "timeout",
    "slow",
    "untrusted",
    "disk",
    "cancelled",
    "index",
]


class SyncError(Exception):
    """A sync that stopped; the installed content is unchanged unless `kind` says otherwise.

    kind is one of: offline, unavailable, insecure, unsigned, signature, oversized, invalid,
    older, corrupt, busy, readonly, config, apply, timeout, slow, untrusted, disk, cancelled,
    index (the answers were installed, the search index is finished later).
    The message is always one plain line (it may quote a server), cut to a sane length.
    """

    def __init__(self, message: str, kind: SyncErrorKind = "apply") -> None:
        super().__init__(plain(message))
        self.kind = kind


class TransientError(SyncError):
    """A failure worth retrying (connection dropped, timeout, server busy)."""

    def __init__(self, message: str, kind: SyncErrorKind = "offline") -> None:
        super().__init__(message, kind)


class PublishError(Exception):
    """A publish that wrote nothing, with a one-line reason."""
