"""The kiosk PIN resists guessing: growing delays after a few wrong PINs, then a lockout.

Without it, a hundred wrong PINs are checked as fast as they are typed, and a 4-digit PIN
falls in minutes. Here the first few mistakes cost nothing (people mistype), each later one
doubles a wait before the next try is even looked at, and a run of wrong PINs locks the
dialog for a period the administrator sets. While a wait runs, no PIN is checked at all, so
typing faster does not help. Qt-free; the kiosk dialog shows `PinVerdict.message`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

FREE_TRIES = 3  # mistyping happens; these cost nothing
FIRST_DELAY = 2.0  # then 2, 4, 8, 16, 32, 60, 60... seconds before the next try
MAX_DELAY = 60.0
LOCKOUT_AFTER = 10  # wrong PINs in a row before the lockout (administrator file can change)
LOCKOUT_SECONDS = 300.0  # 5 minutes (administrator file can change)


@dataclass(frozen=True)
class PinPolicy:
    """How patient the guard is; the lockout is the administrator's to set."""

    free_tries: int = FREE_TRIES
    first_delay: float = FIRST_DELAY
    max_delay: float = MAX_DELAY
    lockout_after: int = LOCKOUT_AFTER
    lockout_seconds: float = LOCKOUT_SECONDS


@dataclass(frozen=True)
class PinVerdict:
    """What one try came to: ok, or how long to wait and what to tell the person."""

    ok: bool
    wait_seconds: float = 0.0
    message: str = ""

    def __bool__(self) -> bool:
        return self.ok


def _wait_words(seconds: float) -> str:
    whole = max(1, round(seconds + 0.49))
    if whole < 90:
        return f"{whole} second{'s' if whole != 1 else ''}"
    return f"{round(whole / 60)} minutes"


@dataclass
class PinGuard:
    """Counts wrong PINs in a row and says when the next try may be checked."""

    policy: PinPolicy = field(default_factory=PinPolicy)
    clock: Callable[[], float] = time.monotonic
    failures: int = 0
    not_before: float = 0.0

    def wait_seconds(self) -> float:
        """How long until a PIN will be checked again (0 when it would be now)."""
        return max(0.0, self.not_before - self.clock())

    def attempt(self, pin: str, check: Callable[[str], bool]) -> PinVerdict:
        """Check `pin` with `check`, unless a wait is running; count the outcome."""
        waiting = self.wait_seconds()
        if waiting > 0:
            return PinVerdict(False, waiting, self._waiting_message(waiting))
        if check(pin):
            self.failures, self.not_before = 0, 0.0
            return PinVerdict(True)
        self.failures += 1
        policy = self.policy
        if self.failures >= policy.lockout_after:
            delay = policy.lockout_seconds
            self.failures = 0  # after the lockout: the growing delays start again
            message = (
                f"Too many wrong PINs. The kiosk is locked for {_wait_words(delay)}; it stays open."
            )
        elif self.failures > policy.free_tries:
            delay = min(policy.first_delay * 2 ** (self.failures - policy.free_tries - 1),
                        policy.max_delay)  # fmt: skip
            message = f"That PIN is not right. Try again in {_wait_words(delay)}."
        else:
            delay = 0.0
            message = "That PIN is not right. The kiosk stays open."
        self.not_before = self.clock() + delay
        return PinVerdict(False, delay, message)

    def _waiting_message(self, waiting: float) -> str:
        return f"Please wait {_wait_words(waiting)} before trying again. The kiosk stays open."


_GUARDS: dict[str, PinGuard] = {}


def guard_for(pin_hash: str, policy: PinPolicy) -> PinGuard:
    """One guard per PIN for the whole process: closing and reopening the dialog (or opening
    a second one) does not reset the count."""
    key = f"{pin_hash}|{policy}"
    if key not in _GUARDS:
        _GUARDS[key] = PinGuard(policy)
    return _GUARDS[key]
