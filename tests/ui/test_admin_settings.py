"""The administrator's file in the window: locks, defaults, the update feed, forced modes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.commands import common
from desktop.core.admin_config import ENV_VAR, AdminConfig
from desktop.core.paths import DataDir
from desktop.ui.app import make_sync_controller
from desktop.ui.settings import Settings
from desktop.ui.workstation.station import ADMIN_SET, Workstation

REPO = Path(__file__).resolve().parents[2]


def test_locked_settings_cannot_be_changed_from_the_ui(
    qtbot: QtBot, make_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    settings_file = tmp_path / "chosen.ini"
    earlier = Settings(path=settings_file)  # what this reader chose before the lock
    earlier.theme, earlier.text_scale = "light", 1.0
    earlier.sync()
    admin = AdminConfig(
        locked=frozenset({"theme", "text_size"}), default_theme="dark", default_text_size=150
    )
    window = make_window(workstation=Workstation.create(admin), settings_path=settings_file)
    assert (window.looks.theme, window.looks.scale) == (
        "dark",
        1.5,
    )  # the administrator's values win
    a = window.actions_
    controls = [a.theme_system, a.theme_light, a.theme_dark, a.bigger, a.smaller, a.reset_size]
    controls += [window.text_size.smaller, window.text_size.combo, window.text_size.larger]
    assert all(not c.isEnabled() and c.toolTip() == ADMIN_SET for c in controls)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    window.text_size.scale_chosen.emit(2.5)
    a.theme_light.trigger()
    window.looks.set_theme("light")
    window.looks.set_scale(0.8)
    assert (window.looks.theme, window.looks.scale, window.text_size.scale) == ("dark", 1.5, 1.5)
    assert a.theme_dark.isChecked()
    window.close()
    again = Settings(path=settings_file)
    assert (again.theme, again.text_scale) == ("light", 1.0)  # never overwritten
    window.looks.set_theme("light", save=False)


def test_defaults_apply_until_the_reader_chooses(qtbot: QtBot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    station = Workstation.create(AdminConfig(default_text_size=125, default_theme="dark"))
    window = make_window(workstation=station, settings_path=tmp_path / "s.ini")
    assert (window.looks.theme, window.looks.scale) == ("dark", 1.25)
    assert window.actions_.bigger.isEnabled() and window.actions_.theme_light.isEnabled()
    window.actions_.bigger.trigger()
    window.actions_.theme_light.trigger()
    restarted = make_window(workstation=station, settings_path=tmp_path / "s.ini")
    assert (restarted.looks.theme, restarted.looks.scale) == ("light", 1.5)


def test_the_administrators_feed_keys_and_schedule_reach_the_updater(
    qtbot: QtBot, window, feed
) -> None:  # type: ignore[no-untyped-def]
    feed_dir, pub, changed = feed
    admin = AdminConfig(
        path=Path("/etc/patient-answers/config.toml"),
        feed_url=str(feed_dir),
        trusted_keys=(pub,),
        update_interval_hours=12,
    )
    controller = make_sync_controller(window, admin)
    assert controller.options.feed == str(feed_dir)
    assert list(controller.options.trusted_key_files) == [pub]
    assert controller.timer.interval() == 12 * 3600 * 1000
    with qtbot.waitSignal(window.hub.content_did_update, timeout=60_000) as updated:
        window.actions_.check_updates.trigger()  # no --feed, no key given anywhere else
    assert updated.args == [2]


def test_an_interval_of_zero_never_checks_on_its_own(window) -> None:  # type: ignore[no-untyped-def]
    admin = AdminConfig(path=Path("/etc/x.toml"), update_interval_hours=0)
    controller = make_sync_controller(window, admin)
    controller.watch_network = False
    controller.start()
    assert not controller.timer.isActive()
    assert window.actions_.check_updates.isEnabled()  # a person may still ask


def test_gui_command_hands_the_administrators_file_to_the_window(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sample_data: DataDir
) -> None:
    from desktop.cli import main
    from desktop.ui import app

    config = tmp_path / "config.toml"
    config.write_text('[workstation]\nmode = "kiosk"\nidle_timeout_seconds = 60\n', "utf-8")
    monkeypatch.setenv(ENV_VAR, str(config))
    monkeypatch.setattr(common, "_ADMIN", None)
    seen: dict[str, object] = {}
    monkeypatch.setattr(app, "run_app", lambda data_dir, **kwargs: seen.update(kwargs) or 0)
    assert main(["gui", "--data-dir", str(sample_data.root)]) == 0
    admin = seen["admin"]
    assert isinstance(admin, AdminConfig) and admin.kiosk and admin.idle_timeout_seconds == 60
    station = Workstation.create(admin, kiosk=bool(seen["kiosk"]), private=bool(seen["private"]))
    assert station.kiosk and station.private and station.idle_ms == 60_000


def test_an_administrators_kiosk_starts_and_writes_nothing(
    sample_data: DataDir, tmp_path: Path, ui
) -> None:  # type: ignore[no-untyped-def]
    """The real command: `gui --smoke` with a kiosk administrator file, in a fresh home."""
    config = tmp_path / "config.toml"
    config.write_text('[workstation]\nmode = "kiosk"\n', "utf-8")
    home = tmp_path / "home"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        **{ENV_VAR: str(config)},
    )
    before = ui.tree(sample_data.root)
    run = subprocess.run(
        [sys.executable, "-m", "desktop", "gui", "--smoke", "--data-dir", str(sample_data.root)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert set(json.loads(run.stdout)) == {"startup_ms", "first_answer_ms", "rss_mb"}
    assert ui.tree(sample_data.root) == before
    assert [p for p in home.rglob("*") if p.is_file()] == []
