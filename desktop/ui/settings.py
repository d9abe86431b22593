"""The window's remembered settings, in ONE object.

Everything goes through `Settings`: text size, theme, window geometry. With `private=True`
values live in memory only and nothing is written anywhere (no settings file is created),
which private and kiosk mode build on. `locked` keys (an administrator's choice, set by kiosk
mode) ignore changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "patient-answers"
APPLICATION = "patient-answers"
THEMES = ("system", "light", "dark")
MIN_SCALE, MAX_SCALE = 0.8, 3.0
SCALE_STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)


def clamp_scale(value: float) -> float:
    """Keep a text scale within 80 %-300 %."""
    return round(min(MAX_SCALE, max(MIN_SCALE, value)), 2)


class Settings:
    """Typed access to the remembered settings; memory-only when private."""

    def __init__(self, *, private: bool = False, path: Path | str | None = None) -> None:
        self.private = private
        self.locked: set[str] = set()
        self._memory: dict[str, Any] = {}
        self._qsettings: QSettings | None = None
        if not private:
            if path is not None:
                self._qsettings = QSettings(str(path), QSettings.Format.IniFormat)
            else:
                self._qsettings = QSettings(
                    QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
                )

    @property
    def file_path(self) -> str | None:
        """Where settings are written (None when private)."""
        return None if self._qsettings is None else self._qsettings.fileName()

    # ------------------------------------------------------------- generic
    def value(self, key: str, default: Any = None) -> Any:
        """A stored value, or default."""
        if self._qsettings is None:
            return self._memory.get(key, default)
        return self._qsettings.value(key, default)

    def set_value(self, key: str, value: Any) -> None:
        """Store a value (ignored for locked keys)."""
        if key in self.locked:
            return
        if self._qsettings is None:
            self._memory[key] = value
        else:
            self._qsettings.setValue(key, value)

    def sync(self) -> None:
        """Write pending changes to disk (nothing when private)."""
        if self._qsettings is not None:
            self._qsettings.sync()

    # --------------------------------------------------------------- typed
    @property
    def text_scale(self) -> float:
        """Text size as a factor: 1.0 is 100 %."""
        try:
            return clamp_scale(float(self.value("view/text_scale", 1.0)))
        except (TypeError, ValueError):
            return 1.0

    @text_scale.setter
    def text_scale(self, value: float) -> None:
        self.set_value("view/text_scale", clamp_scale(value))

    @property
    def theme(self) -> str:
        """ "system", "light" or "dark"."""
        value = str(self.value("view/theme", "system"))
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        if value not in THEMES:
            raise ValueError(f"theme must be one of {', '.join(THEMES)}")
        self.set_value("view/theme", value)

    def bytes_value(self, key: str) -> QByteArray | None:
        """Opaque Qt state (window geometry, splitter sizes), or None."""
        value = self.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None
