"""Where a user's or machine's data lives: content.db, index/, user.db (DESIGN section 3)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "patient-answers"
DATA_ENV = "PATIENT_ANSWERS_DATA"


@dataclass(frozen=True)
class DataDir:
    """The files of one data directory."""

    root: Path

    @property
    def content_db(self) -> Path:
        return self.root / "content.db"

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    @property
    def user_db(self) -> Path:
        return self.root / "user.db"

    @property
    def downloads_dir(self) -> Path:
        """Partial and verified sync downloads, kept across restarts for resume."""
        return self.root / "downloads"

    def is_writable(self) -> bool:
        """True when we may create and replace files here."""
        probe = self.root if self.root.exists() else self.root.parent
        return os.access(probe, os.W_OK | os.X_OK)


def default_data_root() -> Path:
    """The platform's per-user data folder."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> DataDir:
    """--data-dir, else PATIENT_ANSWERS_DATA, else the platform default."""
    if explicit:
        return DataDir(Path(explicit).expanduser().absolute())
    env = os.environ.get(DATA_ENV)
    if env:
        return DataDir(Path(env).expanduser().absolute())
    return DataDir(default_data_root())
