"""Signed content updates (DESIGN section 5): keys, publishing, and the Qt-free sync client."""

from desktop.core.sync.apply import Change
from desktop.core.sync.client import SyncEvent, SyncOptions, SyncResult, configured_feed, sync
from desktop.core.sync.download import RetryPolicy
from desktop.core.sync.errors import PublishError, SyncError
from desktop.core.sync.keys import generate_keypair, trusted_keys
from desktop.core.sync.publisher import PublishReport, SourceIssues, publish

__all__ = [
    "Change",
    "PublishError",
    "PublishReport",
    "RetryPolicy",
    "SourceIssues",
    "SyncError",
    "SyncEvent",
    "SyncOptions",
    "SyncResult",
    "configured_feed",
    "generate_keypair",
    "publish",
    "sync",
    "trusted_keys",
]
