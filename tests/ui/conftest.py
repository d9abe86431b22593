"""Qt fixtures: real windows over a copy of the sample data, offscreen, torn down cleanly."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from db.user_store import UserStore
from desktop.core.paths import DataDir
from desktop.ui.app import make_application
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings

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
        *, private: bool = False, data_dir: DataDir | None = None, wait_search: bool = True
    ) -> MainWindow:
        for old, old_store in opened:  # one window at a time, like the real app
            if old.isVisible():
                old.close()
                old_store.close()
        settings = Settings(private=private, path=None if private else tmp_path / "settings.ini")
        store = UserStore.private() if private else UserStore(sample_data.user_db)
        window = MainWindow(data_dir or sample_data, settings, store)
        qtbot.addWidget(window)
        opened.append((window, store))
        with qtbot.waitSignal(window.start_page_shown, timeout=10_000):
            window.start()
            window.show()
        qtbot.waitExposed(window)
        if wait_search:
            qtbot.waitUntil(lambda: window.search.is_ready, timeout=20_000)
        return window

    yield factory
    for window, store in opened:
        if window.isVisible():
            window.close()
        window.tasks.wait()
        store.close()


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    """One window over the sample data, search ready."""
    return make_window()


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


@pytest.fixture
def ui(qtbot: QtBot) -> UiHelpers:
    """Helpers: open_answer, click_link, link_point, squash."""
    return UiHelpers(qtbot)
