"""Where a user's or machine's data lives: content.db, index/, user.db (DESIGN section 3)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "patient-answers"
DATA_ENV = "PATIENT_ANSWERS_DATA"


@dataclass(frozen=True)
class DataDir:
    """The files of one data directory.

    `root` holds per-user data (user.db, downloads). Content (content.db and index/) lives in
    `content_root`, which is `root` itself unless an administrator points every user at one
    machine-wide, possibly read-only, content folder.
    """

    root: Path
    content_root: Path | None = None

    @property
    def content_dir(self) -> Path:
        return self.content_root or self.root

    @property
    def shared_content(self) -> bool:
        """True when content comes from a machine-wide folder that is not this user's."""
        return self.content_root is not None and self.content_root != self.root

    @property
    def content_db(self) -> Path:
        return self.content_dir / "content.db"

    @property
    def index_dir(self) -> Path:
        return self.content_dir / "index"

    @property
    def fallback_index_dir(self) -> Path:
        """A per-user index for a read-only content folder whose own index is out of date."""
        import hashlib

        import platformdirs

        digest = hashlib.sha256(str(self.content_dir).encode("utf-8")).hexdigest()[:12]
        return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / f"index-{digest}"

    def content_is_writable(self) -> bool:
        """True when content.db and the index may be created or replaced."""
        probe = self.content_dir if self.content_dir.exists() else self.content_dir.parent
        return os.access(probe, os.W_OK | os.X_OK)

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
    import platformdirs  # here: a window started with --data-dir does not need it

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(
    explicit: str | os.PathLike[str] | None = None, shared_content: Path | None = None
) -> DataDir:
    """--data-dir, else PATIENT_ANSWERS_DATA, else the platform default.

    `shared_content` (the administrator's machine-wide content folder) applies only to the
    platform default: an explicit folder always holds its own content.
    """
    if explicit:
        return DataDir(Path(explicit).expanduser().absolute())
    env = os.environ.get(DATA_ENV)
    if env:
        return DataDir(Path(env).expanduser().absolute())
    return DataDir(default_data_root(), shared_content)
