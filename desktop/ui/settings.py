"""The window's remembered settings, in ONE object.

Everything goes through `Settings`: text size, theme, window geometry. With `private=True`
values live in memory only and nothing is written anywhere (no settings file is created),
which private and kiosk mode build on; `set_private` switches mid-session. `defaults` are the
administrator's values, used until the reader chooses; `locked` keys (an administrator's
choice) ignore changes and always read as their default.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "patient-answers"
APPLICATION = "patient-answers"
THEMES = ("system", "light", "dark")
MIN_SCALE, MAX_SCALE = 0.8, 3.0
SCALE_STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
TEXT_SCALE = "view/text_scale"
THEME = "view/theme"
READ_ALOUD_SPEED = "read_aloud/speed"  # a speed's label ("Slow", "Normal", ...)
READ_ALOUD_VOICE = "read_aloud/voice"  # a voice's name as the speech engine gives it


def clamp_scale(value: float) -> float:
    """Keep a text scale within 80 %-300 %."""
    return round(min(MAX_SCALE, max(MIN_SCALE, value)), 2)


class Settings:
    """Typed access to the remembered settings; memory-only when private."""

    def __init__(
        self,
        *,
        private: bool = False,
        path: Path | str | None = None,
        defaults: Mapping[str, Any] | None = None,
        locked: Iterable[str] = (),
    ) -> None:
        self.private = private
        self.path = path
        self.defaults: dict[str, Any] = dict(defaults or {})
        self.locked: set[str] = set(locked)
        self._memory: dict[str, Any] = {}
        self._qsettings: QSettings | None = None if private else self._open()

    def _open(self) -> QSettings:
        if self.path is not None:
            return QSettings(str(self.path), QSettings.Format.IniFormat)
        return QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
        )

    @property
    def file_path(self) -> str | None:
        """Where settings are written (None when private)."""
        return None if self._qsettings is None else self._qsettings.fileName()

    def set_private(self, private: bool) -> None:
        """Stop writing from now on (values so far stay, in memory), or start writing again."""
        if private == self.private:
            return
        if private:
            assert self._qsettings is not None
            self._memory = {k: self._qsettings.value(k) for k in self._qsettings.allKeys()}
            self._qsettings = None
        else:
            self._qsettings = self._open()
            self._memory = {}
        self.private = private

    # ------------------------------------------------------------- generic
    def is_locked(self, key: str) -> bool:
        """True when the administrator fixed this setting."""
        return key in self.locked

    def value(self, key: str, default: Any = None) -> Any:
        """A stored value, else the administrator's default, else `default`."""
        default = self.defaults.get(key, default)
        if key in self.locked:
            return default
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
            return clamp_scale(float(self.value(TEXT_SCALE, 1.0)))
        except (TypeError, ValueError):
            return 1.0

    @text_scale.setter
    def text_scale(self, value: float) -> None:
        self.set_value(TEXT_SCALE, clamp_scale(value))

    @property
    def theme(self) -> str:
        """ "system", "light" or "dark"."""
        value = str(self.value(THEME, "system"))
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        if value not in THEMES:
            raise ValueError(f"theme must be one of {', '.join(THEMES)}")
        self.set_value(THEME, value)

    def bytes_value(self, key: str) -> QByteArray | None:
        """Opaque Qt state (window geometry, splitter sizes), or None."""
        value = self.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None


@contextmanager
def qt_settings_unwritable(nowhere: str) -> Iterator[None]:
    """While inside, Qt's own user settings (QFileDialog's recent folders in QtProject.conf)
    go to `nowhere`, a path that cannot be created, so a private session leaves no trace.

    Only file-based formats can be pointed elsewhere: on Windows and macOS Qt keeps these in
    the registry or preferences, and the system's own file dialog is used."""
    user = QSettings.Scope.UserScope
    formats = [QSettings.Format.IniFormat]
    if not sys.platform.startswith(("win", "darwin")):
        formats.append(QSettings.Format.NativeFormat)
    saved = [(f, str(Path(QSettings(f, user, "probe").fileName()).parent)) for f in formats]
    for fmt in formats:
        QSettings.setPath(fmt, user, nowhere)
    try:
        yield
    finally:
        for fmt, folder in saved:
            QSettings.setPath(fmt, user, folder)
