"""The administrator's machine-wide file: values, locks, PINs, and bad files ignored safely."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.core.admin_config import (
    ENV_VAR,
    default_config_path,
    hash_pin,
    load_admin_config,
    verify_pin,
)
from desktop.core.build import BuildError, ensure_content
from desktop.core.paths import DataDir, resolve_data_dir

GOOD = """
[content]
directory = "/srv/patient-answers"
feed_url = "https://updates.example.org/feed"
trusted_keys = ["/etc/patient-answers/clinic.pub"]
update_interval_hours = 12

[workstation]
mode = "kiosk"
idle_timeout_seconds = 120
kiosk_pin = "{pin}"
export_folder = "/srv/exports"

[defaults]
text_size = 150
theme = "dark"

[locked]
settings = ["theme"]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file(tmp_path: Path) -> None:
    config = load_admin_config(_write(tmp_path, GOOD.format(pin=hash_pin("2468", iterations=1000))))
    assert config.problems == ()
    assert config.content_dir == Path("/srv/patient-answers")
    assert config.feed_url == "https://updates.example.org/feed"
    assert config.trusted_keys == (Path("/etc/patient-answers/clinic.pub"),)
    assert (config.kiosk, config.private, config.idle_timeout_seconds) == (True, True, 120)
    assert (config.default_text_size, config.default_theme) == (150, "dark")
    assert config.is_locked("theme") and config.is_locked("text_size")  # kiosk locks everything
    assert config.check_pin("2468") and not config.check_pin("1357")


def test_private_mode_locks_only_what_is_listed(tmp_path: Path) -> None:
    text = '[workstation]\nmode = "private"\n[locked]\nsettings = ["text_size"]\n'
    config = load_admin_config(_write(tmp_path, text))
    assert config.private and not config.kiosk
    assert config.is_locked("text_size") and not config.is_locked("theme")


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    config = load_admin_config(tmp_path / "none.toml")
    assert (config.mode, config.problems, config.locked) == ("normal", (), frozenset())


def test_broken_toml_is_reported_with_its_line_and_ignored(tmp_path: Path) -> None:
    config = load_admin_config(_write(tmp_path, '[workstation]\nmode = "kiosk"\ntheme = \n'))
    assert config.mode == "normal"
    assert len(config.problems) == 1 and config.problems[0].line == 3
    assert "not valid TOML" in str(config.problems[0]) and str(config.problems[0]).startswith(
        str(tmp_path)
    )


def test_bad_values_are_reported_by_line_and_the_rest_kept(tmp_path: Path) -> None:
    text = (
        '[workstation]\nmode = "disco"\nidle_timeout_seconds = "soon"\nkiosk_pin = "1234"\n'
        '[defaults]\ntext_size = 900\ntheme = "light"\ncolour = "red"\n[extras]\nx = 1\n'
        '[locked]\nsettings = ["everything"]\n'
    )
    config = load_admin_config(_write(tmp_path, text))
    found = {(p.line, p.message.split(";")[0].split(" must")[0]) for p in config.problems}
    assert (2, "mode") in found
    assert any(line == 3 and "wrong type" in msg for line, msg in found)
    assert (4, "kiosk_pin") in found
    assert (6, "text_size") in found
    assert any(line == 8 and "unknown setting 'colour'" in msg for line, msg in found)
    assert any(line == 9 and "unknown section [extras]" in msg for line, msg in found)
    assert any(line == 12 and "locked settings" in msg for line, msg in found)
    assert (
        config.default_theme == "light"
        and config.mode == "normal"
        and config.kiosk_pin_hash is None
    )


def test_pin_hash_never_holds_the_pin() -> None:
    stored = hash_pin("97531", iterations=1000)
    assert "97531" not in stored and verify_pin("97531", stored)
    assert not verify_pin("97531", "plain-text") and not verify_pin("", stored)


def test_env_var_names_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "x.toml"))
    assert default_config_path() == tmp_path / "x.toml"


def test_shared_content_folder_is_used_only_for_the_default_data_dir(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    data_dir = resolve_data_dir(None, shared)
    assert data_dir.content_db == shared / "content.db" and data_dir.shared_content
    assert data_dir.user_db != shared / "user.db"
    explicit = resolve_data_dir(tmp_path / "mine", shared)
    assert explicit.content_db == tmp_path / "mine" / "content.db" and not explicit.shared_content


def test_empty_shared_content_folder_explains_what_to_do(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "user", tmp_path / "shared")
    with pytest.raises(BuildError, match="ask your administrator to run 'patient-answers sync'"):
        ensure_content(data_dir)
    assert not (tmp_path / "shared").exists()


def test_read_only_shared_content_is_searched_without_writing(
    built_sample: DataDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Content folder not writable and its index out of date: a per-user index is used."""
    import shutil

    from db.store import ContentStore
    from desktop.core.search import SearchService

    shared = tmp_path / "shared"
    shutil.copytree(built_sample.root, shared)
    with ContentStore(shared / "content.db") as store:  # make the shipped index "behind"
        store.set_meta(content_version=99)
    before = {p: p.stat().st_mtime_ns for p in shared.rglob("*")}
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda p, m, **k: (
            False if str(p).startswith(str(shared)) and m & os.W_OK else real_access(p, m, **k)
        ),
    )
    data_dir = DataDir(tmp_path / "user", shared)
    with SearchService.for_data_dir(data_dir) as service:
        assert service.search("asthma").total > 0
        assert service.index_root == data_dir.fallback_index_dir
    assert {p: p.stat().st_mtime_ns for p in shared.rglob("*")} == before


@pytest.mark.parametrize(
    "text",
    [
        "[content]\nfeed_url = " + "[" * 100_000 + "]" * 100_000 + "\n",
        "x = " + "{a = " * 50_000 + "1" + "}" * 50_000 + "\n",
    ],
    ids=["nested-arrays", "nested-tables"],
)
def test_a_file_nested_too_deeply_is_ignored_as_a_whole(tmp_path: Path, text: str) -> None:
    """tomllib recurses per level: such a file crashed every start (RecursionError)."""
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    config = load_admin_config(path)
    assert config.feed_url is None and config.mode == "normal"
    assert len(config.problems) == 1 and "whole file is ignored" in str(config.problems[0])
