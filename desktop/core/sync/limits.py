"""How long a sync may take and how much a feed may make it read: every bound in one place.

The defaults are chosen for a clinic on a poor connection installing MedQuAD-sized content
(16,000 answers, a ~10 MB snapshot): generous enough never to stop a genuine update, tight
enough that a hostile or broken server or a validly signed but absurd pack is refused in
seconds or minutes instead of hours and gigabytes. Tests pass smaller values.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from db.answer_rules import MAX_ASKS, MAX_NESTING, MAX_REFERENCES, MAX_TOPICS
from desktop.core.sync.errors import SyncError


@dataclass(frozen=True)
class NetLimits:
    """Network bounds (seconds, bytes per second)."""

    # The whole sync (every download, retries included). A 10 MB snapshot at the minimum rate
    # takes ~85 min, so a sync that is that slow is refused by the rate rule long before.
    deadline: float = 60 * 60.0
    # feed.json and its signature are at most a few MB: one minute, each, however slow.
    small_file_seconds: float = 60.0
    # No byte at all for this long (or no complete headers): the connection is dead (retried).
    stall_seconds: float = 20.0
    # Fewer bytes than min_rate * rate_window in any rate_window: "too slow", not retried.
    # 2 KB/s is far below any usable link (a 2G phone modem manages ~5 KB/s) and far above
    # a trickle attack (1 byte/s).
    min_rate: float = 2048.0
    rate_window: float = 20.0
    max_redirects: int = 5


@dataclass(frozen=True)
class PackLimits:
    """Bounds on what reading and installing a (validly signed) pack may cost."""

    # One JSON line: the largest answer plus room (a synonyms line holds every synonym).
    max_line_bytes: int = 8 * 1024 * 1024
    # Decompressed bytes may be at most this multiple of the signed compressed size (plus a
    # floor): JSON answers compress 4-8x; a pack of newlines or one repeated letter, 1000x.
    max_expansion: int = 40
    expansion_floor: int = 4 * 1024 * 1024
    # Lines in one pack (ops and blank lines alike) and answers in one pack: MedQuAD is
    # 16,423 answers; ten times that is still a reasonable library.
    max_lines: int = 500_000
    max_answers: int = 200_000
    # One answer (its JSON) and its parts. The longest MedQuAD answer is ~30 KB of text; the
    # parts' bounds are the import rules' (db.records), so the client is never stricter than
    # what `build` and `publish` accept (publish checks the size too before signing).
    max_answer_bytes: int = 512 * 1024
    max_references: int = MAX_REFERENCES
    max_topics: int = MAX_TOPICS
    max_asks: int = MAX_ASKS
    max_field_chars: int = 4000  # question, topic, reference text, url and other short fields
    max_nesting: int = MAX_NESTING  # list/quote nesting in an answer's Markdown
    max_synonyms: int = 200_000
    # Reading and applying the packs, in seconds (progress is reported all along).
    max_seconds: float = 30 * 60.0


# 10**9 versions: a publish every minute for 1,900 years; far inside SQLite's INTEGER.
MAX_VERSION = 1_000_000_000


class Deadline:
    """A point in time after which the work stops with a one-line reason."""

    def __init__(self, seconds: float, what: str) -> None:
        self.seconds = seconds
        self.what = what
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        """Seconds left (never negative)."""
        return max(0.0, self.end - time.monotonic())

    def passed(self) -> bool:
        return time.monotonic() >= self.end

    def error(self) -> SyncError:
        """The error to raise when the deadline has passed."""
        return SyncError(
            f"{self.what} took longer than its {self.seconds:g}-second limit: stopped "
            "(the installed answers are unchanged)",
            "timeout",
        )

    def check(self) -> None:
        """Raise the deadline's error once it has passed."""
        if self.passed():
            raise self.error()
