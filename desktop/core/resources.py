"""Where the bundled resources (sample content, styles, keys) live, installed or frozen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

INSTALLED = Path("share") / "patient-answers" / "resources"  # pyproject's data-files


def resources_dir() -> Path:
    """The resources/ folder: env override, PyInstaller bundle, the source checkout (also
    what an editable install uses), else where `pip install` put it (<prefix>/share)."""
    override = os.environ.get("PATIENT_ANSWERS_RESOURCES")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    checkout = checkout_resources()
    if checkout.is_dir():
        return checkout
    for prefix in installed_prefixes():
        if (prefix / INSTALLED).is_dir():
            return prefix / INSTALLED
    return checkout  # missing: callers report the files they cannot find


def checkout_resources() -> Path:
    """resources/ beside the packages in a source checkout."""
    return Path(__file__).resolve().parents[2] / "resources"


def installed_prefixes() -> list[Path]:
    """Where pip puts data files: this environment's prefix, then the user's (--user)."""
    import site
    import sysconfig

    return [Path(sysconfig.get_path("data")), Path(site.getuserbase())]


def sample_content_dir() -> Path:
    """The bundled sample answers in the authoring format."""
    return resources_dir() / "content"


def synonyms_file() -> Path:
    """The reviewable lay/clinical synonyms data file."""
    return resources_dir() / "synonyms.tsv"


def prebuilt_dir() -> Path:
    """A prebuilt content.db + index shipped by the packaged app (may not exist)."""
    return resources_dir() / "prebuilt"
