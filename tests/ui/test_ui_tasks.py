"""The background-task helper and the settings object."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from desktop.ui.settings import Settings
from desktop.ui.tasks import TaskRunner


def _where(x: int) -> tuple[int, bool]:
    return x * 2, threading.current_thread() is threading.main_thread()


def _boom() -> None:
    raise ValueError("no such answer")


def _counting(report, n: int) -> int:  # type: ignore[no-untyped-def]
    for i in range(1, n + 1):
        report(i, n)
    return n


@pytest.fixture
def tasks(qtbot: QtBot):  # type: ignore[no-untyped-def]
    """A task runner that is drained and deleted after the test."""
    runner = TaskRunner()
    yield runner
    runner.wait()
    qtbot.waitUntil(lambda: runner.pending() == 0)
    runner.deleteLater()


def test_success_runs_off_the_ui_thread_and_calls_back_on_it(qtbot: QtBot, tasks) -> None:
    results: list[object] = []
    tasks.run(
        _where,
        21,
        on_success=lambda r: results.append(
            (r, threading.current_thread() is threading.main_thread())
        ),
    )
    qtbot.waitUntil(lambda: bool(results))
    assert results == [((42, False), True)]
    assert tasks.pending() == 0


def test_failure_goes_to_on_failure(qtbot: QtBot, tasks) -> None:
    errors: list[BaseException] = []
    tasks.run(_boom, on_success=lambda r: pytest.fail("should fail"), on_failure=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError) and "no such answer" in str(errors[0])


def test_progress_is_reported_on_the_ui_thread(qtbot: QtBot, tasks) -> None:
    seen: list[tuple[int, int]] = []
    done: list[int] = []
    tasks.run(
        _counting,
        3,
        progress=True,
        on_progress=lambda d, t: seen.append((d, t)),
        on_success=done.append,
    )
    qtbot.waitUntil(lambda: bool(done))
    assert seen == [(1, 3), (2, 3), (3, 3)] and done == [3]


def test_serial_lane_runs_in_order_on_one_thread(qtbot: QtBot, tasks) -> None:
    names: list[str] = []
    for _ in range(5):
        tasks.run(lambda: threading.current_thread().name, serial="lane", on_success=names.append)
    qtbot.waitUntil(lambda: len(names) == 5)
    assert len(set(names)) == 1


def test_callbacks_of_a_deleted_owner_are_dropped(qtbot: QtBot, tasks) -> None:
    owner = QObject()
    called: list[object] = []
    gate = threading.Event()
    tasks.run(gate.wait, 5, owner=owner, on_success=called.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(owner))
    gate.set()
    qtbot.waitUntil(lambda: tasks.pending() == 0)
    assert called == []


def test_settings_are_written_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    settings = Settings(path=path)
    settings.text_scale = 2.5
    settings.theme = "dark"
    settings.sync()
    again = Settings(path=path)
    assert again.text_scale == 2.5 and again.theme == "dark"
    assert path.exists()


def test_settings_clamp_and_reject_bad_values(tmp_path: Path) -> None:
    settings = Settings(path=tmp_path / "s.ini")
    settings.text_scale = 9
    assert settings.text_scale == 3.0
    settings.set_value("view/text_scale", "big")
    assert settings.text_scale == 1.0
    with pytest.raises(ValueError):
        settings.theme = "purple"


def test_private_settings_live_in_memory_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    settings = Settings(private=True)
    settings.text_scale = 2.0
    settings.set_value("window/geometry", b"x")
    settings.sync()
    assert settings.text_scale == 2.0 and settings.file_path is None
    assert list(tmp_path.iterdir()) == []
    assert Settings(private=True).text_scale == 1.0


def test_locked_settings_ignore_changes() -> None:
    settings = Settings(private=True)
    settings.locked.add("view/theme")
    settings.theme = "dark"
    assert settings.theme == "system"
