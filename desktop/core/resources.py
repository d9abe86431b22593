"""Where the bundled resources (sample content, styles, keys) live, installed or frozen."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The resources/ folder: env override, PyInstaller bundle, or the source checkout."""
    override = os.environ.get("PATIENT_ANSWERS_RESOURCES")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def sample_content_dir() -> Path:
    """The bundled sample answers in the authoring format."""
    return resources_dir() / "content"


def synonyms_file() -> Path:
    """The reviewable lay/clinical synonyms data file."""
    return resources_dir() / "synonyms.tsv"


def prebuilt_dir() -> Path:
    """A prebuilt content.db + index shipped by the packaged app (may not exist)."""
    return resources_dir() / "prebuilt"
