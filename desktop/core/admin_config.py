"""The administrator's machine-wide configuration (shared workstations, DESIGN section 8).

One TOML file, set up once by IT for every user of the machine:
  Linux   /etc/patient-answers/config.toml
  Windows %ProgramData%\\Patient Answers\\config.toml
  macOS   /Library/Application Support/Patient Answers/config.toml
or the file named by $PATIENT_ANSWERS_ADMIN_CONFIG. A broken file is reported with its line and
ignored safely: the app then runs with its ordinary defaults.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.pin_guard import PinVerdict
from typing import TypeVar

_T = TypeVar("_T")

ENV_VAR = "PATIENT_ANSWERS_ADMIN_CONFIG"
MODES = ("normal", "private", "kiosk")
THEMES = ("system", "light", "dark")
LOCKABLE = ("theme", "text_size", "private", "feed_url", "update_interval_hours")
PIN_ITERATIONS = 200_000

# section -> key -> expected type(s)
_SCHEMA: dict[str, dict[str, tuple[type, ...]]] = {
    "content": {
        "directory": (str,),
        "feed_url": (str,),
        "trusted_keys": (list,),
        "update_interval_hours": (int, float),
    },
    "workstation": {
        "mode": (str,),
        "idle_timeout_seconds": (int,),
        "kiosk_pin": (str,),
        "pin_lockout_seconds": (int,),
        "pin_tries_before_lockout": (int,),
        "kiosk_exit_keys": (str,),
        "export_folder": (str,),
    },
    "defaults": {"text_size": (int,), "theme": (str,)},
    "locked": {"settings": (list,)},
}


@dataclass(frozen=True)
class ConfigProblem:
    """Something wrong in the file: where, and what (that part is ignored)."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.message}"
            if self.line
            else f"{self.path}: {self.message}"
        )


@dataclass(frozen=True)
class AdminConfig:
    """What the administrator set; every field has a safe default."""

    path: Path | None = None
    content_dir: Path | None = None
    feed_url: str | None = None
    trusted_keys: tuple[Path, ...] = ()
    update_interval_hours: float = 6.0
    mode: str = "normal"
    idle_timeout_seconds: int = 180
    kiosk_pin_hash: str | None = None
    pin_lockout_seconds: int = 300
    pin_tries_before_lockout: int = 10
    kiosk_exit_keys: str | None = None
    export_folder: Path | None = None
    default_text_size: int | None = None
    default_theme: str | None = None
    locked: frozenset[str] = frozenset()
    problems: tuple[ConfigProblem, ...] = field(default=())

    @property
    def kiosk(self) -> bool:
        return self.mode == "kiosk"

    @property
    def private(self) -> bool:
        """Kiosk mode is always private."""
        return self.mode in ("private", "kiosk")

    def is_locked(self, setting: str) -> bool:
        """True when users may not change this setting (kiosk locks every setting)."""
        return self.kiosk or setting in self.locked

    def check_pin(self, pin: str) -> bool:
        """Does this PIN leave kiosk mode? (False when no PIN is set.)"""
        return bool(self.kiosk_pin_hash) and verify_pin(pin, self.kiosk_pin_hash or "")

    def try_pin(self, pin: str) -> PinVerdict:
        """check_pin behind the guard against guessing (growing delays, then a lockout of
        pin_lockout_seconds); what the kiosk's PIN dialog calls."""
        from desktop.core.pin_guard import PinPolicy, guard_for

        policy = PinPolicy(
            lockout_after=self.pin_tries_before_lockout,
            lockout_seconds=float(self.pin_lockout_seconds),
        )
        return guard_for(self.kiosk_pin_hash or "", policy).attempt(pin, self.check_pin)


def default_config_path() -> Path:
    """Where the machine-wide file lives on this platform (or the env override)."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("ProgramData", r"C:\ProgramData"))
        return base / "Patient Answers" / "config.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/Patient Answers/config.toml")
    return Path("/etc/patient-answers/config.toml")


def hash_pin(pin: str, *, iterations: int = PIN_ITERATIONS) -> str:
    """pbkdf2_sha256$iterations$salt$hash: what goes in the file, never the PIN itself."""
    import hashlib  # here: the window's start does not need it
    import secrets

    salt = secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), bytes.fromhex(salt), iterations)
    return f"pbkdf2_sha256${iterations}${salt}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """Constant-time check of a PIN against hash_pin's output."""
    import hashlib

    try:
        scheme, iterations, salt, expected = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        digest = hashlib.pbkdf2_hmac(
            "sha256", pin.encode("utf-8"), bytes.fromhex(salt), int(iterations)
        )
    except (ValueError, TypeError):
        return False
    import hmac

    return hmac.compare_digest(digest.hex(), expected)


def _line_of(text: str, section: str, key: str | None) -> int | None:
    """The line where a section (or a key inside it) is written, for messages."""
    in_section = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_section = stripped.strip("[] ") == section
            if in_section and key is None:
                return number
        elif in_section and key and re.match(rf"{re.escape(key)}\s*=", stripped):
            return number
    return None


def load_admin_config(path: Path | None = None) -> AdminConfig:
    """Read the file if there is one; problems are collected, never raised."""
    path = path or default_config_path()
    if not path.exists():
        return AdminConfig()
    import tomllib  # only when there is a file: most computers have none

    problems: list[ConfigProblem] = []
    where = str(path)
    try:
        text = path.read_bytes().decode("utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        return AdminConfig(
            path=path, problems=(ConfigProblem(where, None, f"cannot read: {exc.strerror}"),)
        )
    except UnicodeDecodeError:
        return AdminConfig(path=path, problems=(ConfigProblem(where, None, "not UTF-8 text"),))
    except (RecursionError, MemoryError):  # arrays nested thousands deep
        return AdminConfig(
            path=path,
            problems=(
                ConfigProblem(
                    where,
                    None,
                    "nested too deeply to be a settings file; the whole file is ignored",
                ),
            ),
        )
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        return AdminConfig(
            path=path,
            problems=(
                ConfigProblem(
                    where,
                    int(match.group(1)) if match else None,
                    f"not valid TOML ({str(exc).split(' (at')[0]}); the whole file is ignored",
                ),
            ),
        )

    values: dict[str, object] = {}
    for section, content in data.items():
        if section not in _SCHEMA or not isinstance(content, dict):
            problems.append(
                ConfigProblem(where, _line_of(text, section, None), f"unknown section [{section}]")
            )
            continue
        for key, value in content.items():
            expected = _SCHEMA[section].get(key)
            line = _line_of(text, section, key)
            if expected is None:
                problems.append(
                    ConfigProblem(where, line, f"unknown setting {key!r} in [{section}]")
                )
            elif not isinstance(value, expected) or isinstance(value, bool):
                problems.append(ConfigProblem(where, line, f"{key} has the wrong type; ignored"))
            else:
                values[f"{section}.{key}"] = value

    def take(
        key: str, kind: type[_T] | tuple[type[_T], ...], check: Callable[[_T], bool], message: str
    ) -> _T | None:
        """The value when present and good (its type was checked above); else None, with a
        problem reported when it is present but out of range."""
        value = values.get(key)
        if not isinstance(value, kind):
            return None
        if check(value):
            return value
        section, name = key.split(".")
        problems.append(ConfigProblem(where, _line_of(text, section, name), message))
        return None

    mode = take(
        "workstation.mode",
        str,
        lambda v: v in MODES,
        "mode must be normal, private or kiosk; ignored",
    )
    theme = take(
        "defaults.theme", str, lambda v: v in THEMES, "theme must be system, light or dark; ignored"
    )
    size = take(
        "defaults.text_size", int, lambda v: 80 <= v <= 300, "text_size must be 80 to 300; ignored"
    )
    idle = take(
        "workstation.idle_timeout_seconds",
        int,
        lambda v: 30 <= v <= 86400,
        "idle_timeout_seconds must be 30 to 86400; ignored",
    )
    lockout = take(
        "workstation.pin_lockout_seconds",
        int,
        lambda v: 30 <= v <= 86400,
        "pin_lockout_seconds must be 30 to 86400; ignored",
    )
    tries = take(
        "workstation.pin_tries_before_lockout",
        int,
        lambda v: 3 <= v <= 100,
        "pin_tries_before_lockout must be 3 to 100; ignored",
    )
    interval = take(
        "content.update_interval_hours",
        (int, float),
        lambda v: 0 <= v <= 24 * 30,
        "update_interval_hours must be 0 (never) to 720; ignored",
    )
    pin = take(
        "workstation.kiosk_pin",
        str,
        lambda v: v.startswith("pbkdf2_sha256$") and v.count("$") == 3,
        "kiosk_pin must be a hash made by 'patient-answers hash-pin' "
        "(never the PIN itself); ignored",
    )
    keys = (
        take(
            "content.trusted_keys",
            list,
            lambda v: all(isinstance(k, str) for k in v),
            "trusted_keys must be a list of file paths; ignored",
        )
        or []
    )
    locked = (
        take(
            "locked.settings",
            list,
            lambda v: all(k in LOCKABLE for k in v),
            f"locked settings must be among {', '.join(LOCKABLE)}; ignored",
        )
        or []
    )
    directory = values.get("content.directory")
    export = values.get("workstation.export_folder")
    return AdminConfig(
        path=path,
        content_dir=Path(directory) if isinstance(directory, str) else None,
        feed_url=_text(values.get("content.feed_url")),
        trusted_keys=tuple(Path(k) for k in keys),
        update_interval_hours=float(interval) if interval is not None else 6.0,
        mode=mode or "normal",
        idle_timeout_seconds=idle or 180,
        pin_lockout_seconds=lockout or 300,
        pin_tries_before_lockout=tries or 10,
        kiosk_pin_hash=pin,
        kiosk_exit_keys=_text(values.get("workstation.kiosk_exit_keys")),
        export_folder=Path(export) if isinstance(export, str) else None,
        default_text_size=size,
        default_theme=theme,
        locked=frozenset(locked),
        problems=tuple(problems),
    )


def _text(value: object) -> str | None:
    """A string setting (its type was checked with the others), or None when absent."""
    return value if isinstance(value, str) else None
