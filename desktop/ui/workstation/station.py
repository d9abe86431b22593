"""How this window is set up for a shared computer: private, kiosk, locks and the admin file.

`Workstation` is plain data made once at start from the command line and the administrator's
file (desktop.core.admin_config); the window, the kiosk and the update controller read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.admin_config import AdminConfig
from desktop.ui.settings import TEXT_SCALE, THEME, Settings, clamp_scale

#: The tooltip of every control an administrator fixed.
ADMIN_SET = "Your administrator set this on this computer"
#: The same, where no administrator's file exists (a kiosk or private mode from the command
#: line): nobody "set this", so the words say what the screen is.
KIOSK_SET = "Fixed on this shared screen"
STARTED_SET = "Fixed when Patient Answers was started"
#: What the reader sees while private mode is on (status bar and window title).
PRIVATE_WORDS = "Private: nothing you read is saved"
APP_TITLE = "Patient Answers"


def window_title(private: bool) -> str:
    """The window title. It ends with the app's name: Qt adds the application display name
    to any title that does not, which made "Patient Answers — Private … — Patient Answers"."""
    return f"{PRIVATE_WORDS} — {APP_TITLE}" if private else APP_TITLE


IDLE_SECONDS = 180
COUNTDOWN_SECONDS = 15
#: Administrator setting names (admin_config.LOCKABLE) -> our Settings keys.
SETTING_KEYS = {"theme": THEME, "text_size": TEXT_SCALE}


@dataclass(frozen=True)
class Workstation:
    """Private/kiosk mode, what is locked, and the kiosk's timings and exits."""

    kiosk: bool = False
    private: bool = False
    private_forced: bool = False  # kiosk or administrator: cannot be turned off
    private_locked: bool = False  # the administrator fixed it (on or off)
    locked: frozenset[str] = frozenset()  # Settings keys the reader may not change
    defaults: dict[str, Any] = field(default_factory=dict)
    idle_ms: int = IDLE_SECONDS * 1000
    countdown_s: int = COUNTDOWN_SECONDS
    tick_ms: int = 1000
    export_folder: Path | None = None
    exit_keys: str | None = None
    admin: AdminConfig = field(default_factory=AdminConfig)

    @classmethod
    def create(
        cls,
        admin: AdminConfig | None = None,
        *,
        kiosk: bool = False,
        private: bool = False,
        **overrides: Any,
    ) -> Workstation:
        """From the command line flags and the administrator's file (which wins)."""
        admin = admin or AdminConfig()
        kiosk = kiosk or admin.kiosk
        forced = kiosk or admin.private
        locked = frozenset(
            key for name, key in SETTING_KEYS.items() if kiosk or admin.is_locked(name)
        )
        defaults: dict[str, Any] = {}
        if admin.default_text_size is not None:
            defaults[TEXT_SCALE] = clamp_scale(admin.default_text_size / 100)
        if admin.default_theme is not None:
            defaults[THEME] = admin.default_theme
        values: dict[str, Any] = {
            "kiosk": kiosk,
            "private": private or forced,
            "private_forced": forced,
            "private_locked": forced or admin.is_locked("private"),
            "locked": locked,
            "defaults": defaults,
            "idle_ms": admin.idle_timeout_seconds * 1000,
            "export_folder": admin.export_folder,
            "exit_keys": admin.kiosk_exit_keys,
            "admin": admin,
        }
        values.update(overrides)
        return cls(**values)

    def settings(self, path: Path | str | None = None) -> Settings:
        """The Settings object for this workstation (memory-only when private)."""
        return Settings(private=self.private, path=path, defaults=self.defaults, locked=self.locked)

    def check_pin(self, pin: str) -> bool:
        """Does this PIN leave the kiosk? (never when no PIN is configured)"""
        return self.admin.check_pin(pin)

    @property
    def can_leave(self) -> bool:
        """True when the kiosk can be left from the window (a PIN or exit keys are set)."""
        return bool(self.admin.kiosk_pin_hash or self.exit_keys)

    @property
    def lock_reason(self) -> str:
        """Why a control cannot be changed: the administrator, when there is an
        administrator's file (or settings from one); else what the screen is."""
        if self.admin.path is not None or self.admin != AdminConfig():
            return ADMIN_SET
        return KIOSK_SET if self.kiosk else STARTED_SET

    @property
    def pdf_allowed(self) -> bool:
        """Kiosks save PDFs only into the administrator's export folder."""
        return not self.kiosk or self.export_folder is not None
