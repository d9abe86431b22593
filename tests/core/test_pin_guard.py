"""Issue 14 item 9: the kiosk PIN resists guessing (a clock the test moves, never real time)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.admin_config import AdminConfig, hash_pin, load_admin_config
from desktop.core.pin_guard import PinGuard, PinPolicy

RIGHT = "482613"
REPO = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Checker:
    """The real check, counting how often a PIN is actually looked at."""

    def __init__(self, right: str) -> None:
        self.right, self.calls = right, 0

    def __call__(self, pin: str) -> bool:
        self.calls += 1
        return pin == self.right


def test_a_hundred_wrong_pins_at_once_are_not_all_checked() -> None:
    clock, check = Clock(), Checker(RIGHT)
    guard = PinGuard(clock=clock)
    verdicts = [guard.attempt(f"{n:04d}", check) for n in range(100)]
    assert check.calls == 4  # three free mistakes, then one that starts a wait
    assert not any(verdicts) and verdicts[-1].wait_seconds > 0
    assert "Please wait" in verdicts[-1].message
    right_now = guard.attempt(RIGHT, check)  # even the right PIN waits its turn
    assert not right_now and check.calls == 4


def test_delays_grow_then_lock_out_and_the_right_pin_resets() -> None:
    clock, check = Clock(), Checker(RIGHT)
    guard = PinGuard(PinPolicy(lockout_after=8, lockout_seconds=600), clock=clock)
    waits = []
    for _ in range(8):
        verdict = guard.attempt("000000", check)
        waits.append(verdict.wait_seconds)
        clock.now += verdict.wait_seconds
    assert waits == [0, 0, 0, 2, 4, 8, 16, 600]
    assert guard.attempt(RIGHT, check).ok  # the lockout has passed (the clock moved on)
    assert [guard.attempt("1", check).wait_seconds for _ in range(4)] == [0, 0, 0, 2]


def test_a_four_digit_pin_now_takes_days_to_guess() -> None:
    """An attacker who tries as fast as the guard allows, through every 4-digit PIN."""
    clock, check = Clock(), Checker("9999")
    guard = PinGuard(clock=clock)
    start = clock.now
    for n in range(10_000):
        verdict = guard.attempt(f"{n:04d}", check)
        if verdict.ok:
            break
        clock.now += verdict.wait_seconds
    assert check.calls == 10_000
    assert clock.now - start > 3 * 86400  # was about 10 minutes before the guard


def test_the_administrator_sets_the_lockout(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    pin = hash_pin(RIGHT, iterations=1000)
    config.write_text(
        f'[workstation]\nmode = "kiosk"\nkiosk_pin = "{pin}"\n'
        "pin_lockout_seconds = 3600\npin_tries_before_lockout = 4\n",
        encoding="utf-8",
    )
    admin = load_admin_config(config)
    assert admin.problems == ()
    assert (admin.pin_lockout_seconds, admin.pin_tries_before_lockout) == (3600, 4)
    verdicts = [admin.try_pin("000000") for _ in range(4)]
    assert [v.wait_seconds for v in verdicts] == [0, 0, 0, 3600]
    assert "locked for 60 minutes" in verdicts[-1].message
    bad = tmp_path / "bad.toml"
    bad.write_text("[workstation]\npin_lockout_seconds = 5\npin_tries_before_lockout = 1\n")
    loaded = load_admin_config(bad)
    assert (loaded.pin_lockout_seconds, loaded.pin_tries_before_lockout) == (300, 10)
    assert len(loaded.problems) == 2


def test_a_dialog_reopened_keeps_counting() -> None:
    """The count belongs to the PIN, not to one dialog: closing it does not reset it."""
    admin = AdminConfig(mode="kiosk", kiosk_pin_hash=hash_pin(RIGHT, iterations=1000))
    again = AdminConfig(mode="kiosk", kiosk_pin_hash=admin.kiosk_pin_hash)
    for _ in range(3):
        assert admin.try_pin("111111").wait_seconds == 0
    assert again.try_pin("111111").wait_seconds == 2


def _hash_pin(pin: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "hash-pin", "--stdin", *extra],
        input=pin + "\n", cwd=REPO, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


@pytest.mark.parametrize("pin", ["1234", "12345"])
def test_hash_pin_refuses_short_pins_unless_told(pin: str) -> None:
    refused = _hash_pin(pin)
    assert refused.returncode == 1 and "at least 6 characters" in refused.stderr
    assert refused.stderr.count("\n") == 1
    allowed = _hash_pin(pin, "--allow-short")
    assert allowed.returncode == 0 and allowed.stdout.startswith('kiosk_pin = "pbkdf2_sha256$')


def test_hash_pin_takes_six_digits_and_never_fewer_than_four() -> None:
    assert _hash_pin("482613").returncode == 0
    assert _hash_pin("123", "--allow-short").returncode == 1
