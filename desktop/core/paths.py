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
        """Partial and verified sync downloads, kept across restarts for resume. Sync's own
        folder (never `downloads`: a data folder may be a home folder with a Downloads in it)."""
        return self.root / "sync-downloads"

    def is_writable(self) -> bool:
        """True when we may create and replace files here."""
        probe = self.root if self.root.exists() else self.root.parent
        return os.access(probe, os.W_OK | os.X_OK)


def _folder_problem(folder: Path, what: str) -> str | None:
    """A data or content folder that is a file, or that we may not read."""
    try:
        if folder.exists() and not folder.is_dir():
            return f"the {what} {folder} is a file, not a folder: choose a folder with --data-dir"
        if folder.is_dir():
            with os.scandir(folder) as entries:
                next(entries, None)
    except PermissionError:
        return (
            f"cannot read the {what} {folder} (permission denied): ask its owner for access, "
            "or choose another data folder with --data-dir"
        )
    except OSError as exc:
        return f"cannot use the {what} {folder}: {exc.strerror or exc}"
    return None


def data_dir_problem(data_dir: DataDir) -> str | None:
    """One sentence saying why this data folder cannot be used at all (None when it can).

    A folder we may read but not write is fine here: reading works, and each writer says so
    itself when it needs to write.
    """
    problem = _folder_problem(data_dir.root, "data folder")
    if problem is None and data_dir.shared_content:
        problem = _folder_problem(data_dir.content_dir, "shared content folder")
    if problem is None:
        for parent in data_dir.root.parents:
            try:
                if parent.exists() and not parent.is_dir():
                    return f"{parent} is a file, so the data folder {data_dir.root} cannot be made"
            except OSError:
                break
    return problem


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
