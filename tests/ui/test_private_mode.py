"""Private mode: nothing about the reader reaches the disk, and the window says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.admin_config import AdminConfig
from desktop.ui.workstation.station import ADMIN_SET, PRIVATE_WORDS, Workstation

PSMA = "psma-car-t-barriers"


@pytest.mark.parametrize("private", [True, False])
def test_a_private_session_writes_nothing_anywhere(
    qtbot: QtBot, make_window, ui, user_dirs: list[Path], tmp_path: Path, private: bool
) -> None:  # type: ignore[no-untyped-def]
    """The same session in normal mode does write (so the comparison can see writes)."""
    config_home = user_dirs[2]
    settings_file = config_home / "patient-answers" / "patient-answers.ini"
    before = ui.tree(*user_dirs)
    window = make_window(private=private, settings_path=settings_file)
    ui.read_a_little(window)
    window.actions_.bigger.trigger()
    window.actions_.theme_dark.trigger()
    window.resize(700, 500)
    ui.answer_file_dialog(tmp_path / "saved" / "sheet.pdf")
    (tmp_path / "saved").mkdir()
    assert (
        window.printing.export_page_pdf() == tmp_path / "saved" / "sheet.pdf"
    )  # the reader's own file
    window.close()
    window.looks.set_theme("light", save=False)
    after = ui.tree(*user_dirs)
    changed = sorted(p for p in after if after[p] != before.get(p)) + sorted(
        p for p in before if p not in after
    )
    if private:
        assert changed == []
    else:  # user.db, the settings file and Qt's file dialog memory were all written
        assert str(window.data_dir.user_db) in changed
        assert str(settings_file) in changed
        assert str(config_home / "QtProject.conf") in changed


def test_the_window_says_it_is_private(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(private=True, wait_search=False)
    assert window.privacy.badge.isVisible() and window.privacy.badge.text() == PRIVATE_WORDS
    assert PRIVATE_WORDS in window.windowTitle()
    assert "not saved" in window.pages.visit_page.intro.text()
    normal = make_window(wait_search=False)
    assert not normal.privacy.badge.isVisible() and normal.windowTitle() == "Patient Answers"
    assert "kept on this computer" in normal.pages.visit_page.intro.text()


def test_turning_private_on_mid_session_stops_every_write(
    qtbot: QtBot, make_window, ui, user_dirs: list[Path]
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(settings_path=user_dirs[2] / "settings.ini")
    ui.open_answer(window, PSMA)
    window.library.toggle_bookmark()  # saved: private mode is not on yet
    window.pages.visit_page.flush_notes()
    with qtbot.waitSignal(window.hub.private_did_change) as changed:
        window.actions_.private_mode.trigger()
    assert changed.args == [True] and window.privacy.private
    assert window.privacy.badge.isVisible() and PRIVATE_WORDS in window.windowTitle()
    assert window.side.bookmarks.ids() == [PSMA]  # what was there stays on screen
    before = ui.tree(*user_dirs)
    ui.read_a_little(window, "leg cramps")
    window.actions_.bigger.trigger()
    assert len(window.side.bookmarks.ids()) == 2
    after = ui.tree(*user_dirs)
    assert [p for p in after if after[p] != before.get(p)] == []
    # Off again: saving resumes; what was done while private was never kept.
    window.actions_.private_mode.trigger()
    assert not window.privacy.private and not window.privacy.badge.isVisible()
    assert window.side.bookmarks.ids() == [PSMA]
    assert window.user_data.store.recent_searches() == []
    window.actions_.theme_dark.trigger()
    window.looks.set_theme("light", save=False)
    window.settings.sync()
    assert (user_dirs[2] / "settings.ini").exists()


def test_private_mode_forced_by_the_administrator_cannot_be_turned_off(
    make_window,
) -> None:  # type: ignore[no-untyped-def]
    station = Workstation.create(AdminConfig(mode="private"))
    window = make_window(workstation=station, wait_search=False)
    action = window.actions_.private_mode
    assert action.isChecked() and not action.isEnabled() and action.toolTip() == ADMIN_SET
    window.privacy.set_private(False)
    assert (
        window.privacy.private
        and window.user_data.store.in_memory
        and window.settings.file_path is None
    )


def test_an_administrator_can_lock_private_mode_off(make_window) -> None:  # type: ignore[no-untyped-def]
    station = Workstation.create(AdminConfig(locked=frozenset({"private"})))
    window = make_window(workstation=station, wait_search=False)
    assert not window.actions_.private_mode.isEnabled()
    window.privacy.set_private(True)
    assert not window.privacy.private and not window.user_data.store.in_memory
