"""Where the app finds resources/: checkout, bundle, or a non-editable pip install."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core import resources


def test_a_checkout_uses_its_own_resources_folder() -> None:
    assert resources.resources_dir() == resources.checkout_resources()
    assert (resources.synonyms_file()).is_file()


def test_an_installed_copy_finds_resources_under_its_prefix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user, prefix = tmp_path / "user", tmp_path / "venv"
    installed = prefix / resources.INSTALLED
    (installed / "content").mkdir(parents=True)
    monkeypatch.setattr(resources, "checkout_resources", lambda: tmp_path / "no-checkout")
    monkeypatch.setattr(resources, "installed_prefixes", lambda: [user, prefix])
    assert resources.resources_dir() == installed
    assert resources.sample_content_dir() == installed / "content"


def test_the_environment_variable_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATIENT_ANSWERS_RESOURCES", str(tmp_path))
    assert resources.resources_dir() == tmp_path
