"""Qt fixtures: real windows over a copy of the sample data, offscreen, torn down cleanly."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from db.user_store import UserStore
from desktop.core.importers import read_sources
from desktop.core.paths import DataDir
from desktop.core.resources import sample_content_dir
from desktop.core.sync import generate_keypair, publish
from desktop.ui.app import make_application
from desktop.ui.window.main_window import MainWindow
from desktop.ui.workstation.station import Workstation

WindowFactory = Callable[..., MainWindow]


@pytest.fixture(autouse=True)
def _named_app(qapp: QApplication) -> None:
    """pytest-qt makes the app; we name and style it like the real one."""
    make_application()


@pytest.fixture
def make_window(qtbot: QtBot, sample_data: DataDir, tmp_path: Path) -> Iterator[WindowFactory]:
    """Open a window (again and again: a "restart" keeps the same settings and user.db)."""
    opened: list[tuple[MainWindow, UserStore]] = []

    def factory(
        *,
        private: bool = False,
        data_dir: DataDir | None = None,
        wait_search: bool = True,
        workstation: Workstation | None = None,
        settings_path: Path | None = None,
    ) -> MainWindow:
        for old, old_store in opened:  # one window at a time, like the real app
            _release(old)
            if old.isVisible():
                old.close()
                old_store.close()
        data_dir = data_dir or sample_data
        station = workstation or Workstation(private=private)
        settings = station.settings(
            None if station.private else (settings_path or tmp_path / "settings.ini")
        )
        store = UserStore.private() if station.private else UserStore(data_dir.user_db)
        window = MainWindow(data_dir, settings, store, workstation=station)
        qtbot.addWidget(window, before_close_func=_release)
        opened.append((window, store))
        with qtbot.waitSignal(window.start_page_shown, timeout=10_000):
            window.start()
            window.showFullScreen() if station.kiosk else window.show()
        qtbot.waitExposed(window)
        if wait_search:
            qtbot.waitUntil(lambda: window.search.is_ready, timeout=20_000)
        return window

    yield factory
    for window, store in opened:
        _release(window)
        if window.isVisible():
            window.close()
        window.tasks.wait()
        window.user_data.close()
        store.close()


def _release(window: MainWindow) -> None:
    """A kiosk window lets the tests close it."""
    if window.kiosk_mode is not None:
        window.kiosk_mode.release()


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    """One window over the sample data, search ready."""
    return make_window()


@pytest.fixture
def feed(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """A folder feed at version 2 whose answers differ from the sample in 3 places (their
    summaries end "Revised 2 zebracornium.", a word no sample answer uses)."""
    key = tmp_path / "keys" / "feed.key"
    generate_keypair(key)
    answers = read_sources([sample_content_dir()]).answers
    changed = [a.id for a in answers[:3]]
    source = tmp_path / "src.jsonl"
    out = tmp_path / "usb" / "feed"
    for version in (1, 2):
        rows = [
            a.with_changes(summary=f"{a.summary} Revised {version} zebracornium.")
            if a.id in changed
            else a
            for a in answers
        ]
        source.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in rows), "utf-8")
        publish([source], key, out, feed_id="ui-feed")
    return out, key.with_name("feed.key.pub"), changed


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer Yes to every confirmation box; records the titles asked."""
    asked: list[str] = []

    def question(parent, title, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(title)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


class UiHelpers:
    """Small helpers shared by the UI tests (a fixture, so no test imports conftest)."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot

    def open_answer(self, window: MainWindow, answer_id: str) -> None:
        """Open an answer the way a link does, and wait until it is shown."""
        with self.qtbot.waitSignal(window.answer_shown, timeout=10_000):
            window.hub.answer_requested.emit(answer_id)

    @staticmethod
    def squash(text: str) -> str:
        """Text without spaces, hyphens or ligatures (to compare with pdftotext's output)."""
        return re.sub(r"[\s\-‐]+", "", unicodedata.normalize("NFKC", text))

    def click_link(self, view, predicate: Callable[[str], bool]) -> None:  # type: ignore[no-untyped-def]
        """Click (with the mouse) the first link of a QTextBrowser whose href matches."""
        point = self.link_point(view, predicate)
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)

    @staticmethod
    def link_point(view, predicate: Callable[[str], bool]) -> QPoint:  # type: ignore[no-untyped-def]
        """Scroll to the first link whose href matches; its centre in the viewport."""
        doc = view.document()
        block = doc.begin()
        while block.isValid():
            for piece in block:
                fragment = piece.fragment()
                href = fragment.charFormat().anchorHref()
                if fragment.isValid() and href and predicate(href):
                    start = QTextCursor(doc)
                    start.setPosition(fragment.position())
                    end = QTextCursor(doc)
                    end.setPosition(fragment.position() + fragment.length())
                    view.setTextCursor(end)
                    view.ensureCursorVisible()
                    left, right = view.cursorRect(start), view.cursorRect(end)
                    if right.center().y() != left.center().y():  # wrapped: first character
                        end.setPosition(fragment.position() + 1)
                        right = view.cursorRect(end)
                    return QPoint((left.x() + right.x()) // 2, left.center().y())
            block = block.next()
        raise AssertionError("no such link on the page")

    def read_a_little(self, window: MainWindow, query: str = "inhaler") -> None:
        """A reader's session: search, open a result, bookmark it, put a question on the visit
        sheet with a note, find a word, open a reference, go back and forward."""
        qtbot = self.qtbot
        window.search_field.setFocus()
        qtbot.keyClicks(window.search_field, query)
        qtbot.waitUntil(lambda: window.side.results.model.rowCount() > 0, timeout=10_000)
        with qtbot.waitSignal(window.answer_shown, timeout=10_000):
            qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
        qtbot.keyClick(
            window.pages.answer_page.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier
        )
        with qtbot.waitSignal(window.hub.visit_sheet_did_change, timeout=10_000):
            self.click_link(
                window.pages.answer_page.view, lambda href: href.startswith("pa-visit:")
            )
        window.actions_.find.trigger()
        qtbot.keyClicks(window.pages.answer_page.find_bar.field, "the")
        window.pages.answer_page.show_reference(1)
        self.open_answer(window, "falls-prevention")
        window.actions_.back.trigger()
        qtbot.waitUntil(lambda: window.pages.answer_page.answer_id != "falls-prevention")
        window.actions_.visit_sheet.trigger()
        note = window.pages.visit_page.notes[0]
        note.setFocus()
        qtbot.keyClicks(note, "Ask about the spacer")
        note.flush()
        assert window.user_data.store.visit_items()[0].note == "Ask about the spacer"
        assert window.user_data.store.bookmarks() and window.user_data.store.history()
        assert window.user_data.store.recent_searches() == [query]

    @staticmethod
    def tree(*roots: Path) -> dict[str, tuple[int, int]]:
        """Every file and folder under the roots (roots included): path -> (mtime, size)."""
        found: dict[str, tuple[int, int]] = {}
        for root in roots:
            for path in [root, *root.rglob("*")] if root.exists() else []:
                info = path.stat()
                found[str(path)] = (info.st_mtime_ns, info.st_size if path.is_file() else 0)
        return found

    @staticmethod
    def answer_file_dialog(path: Path | None) -> None:
        """When a file dialog opens, choose `path` in it (or cancel when None)."""

        def fill() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QFileDialog):
                QTimer.singleShot(20, fill)
                return
            if path is None:
                dialog.reject()
            else:
                dialog.selectFile(str(path))
                dialog.accept()

        QTimer.singleShot(0, fill)


@pytest.fixture
def user_dirs(sample_data: DataDir) -> Iterator[list[Path]]:
    """The folders where a session could leave traces: the data folder and the XDG data,
    config and cache homes. Qt's own user settings (QtProject.conf) are pointed at this
    test's config home, so that a write by Qt would be seen too."""
    homes = [Path(os.environ[name]) for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME")]
    homes.append(Path(os.environ["XDG_CACHE_HOME"]))
    saved = []
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        probe = QSettings(fmt, QSettings.Scope.UserScope, "probe").fileName()
        saved.append((fmt, str(Path(probe).parent)))
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(homes[1]))
    yield [sample_data.root, *homes]
    for fmt, folder in saved:
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)


@pytest.fixture
def ui(qtbot: QtBot) -> UiHelpers:
    """Helpers: open_answer, click_link, read_a_little, tree, answer_file_dialog, squash."""
    return UiHelpers(qtbot)
