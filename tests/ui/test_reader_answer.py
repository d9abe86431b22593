"""The answer view: citations, outside links, related answers, find, back/forward, printing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from desktop.core.importers.authoring import parse
from desktop.core.reader.dates import day_text
from desktop.core.resources import sample_content_dir
from desktop.ui.panels import document_view
from desktop.ui.window.main_window import MainWindow

PSMA = "psma-car-t-barriers"
# The sample answer's own review date (it moves when the answer is re-reviewed).
PSMA_REVIEWED = parse((sample_content_dir() / f"{PSMA}.md").read_text(encoding="utf-8")).reviewed


def test_answer_shows_title_badge_review_date_summary_and_disclaimer(
    qtbot: QtBot, window: MainWindow, ui
) -> None:
    ui.open_answer(window, PSMA)
    text = window.pages.answer_page.view.toPlainText()
    assert text.startswith("What barriers exist for using PSMA-directed CAR-T")
    for words in (
        "High confidence",
        f"Last reviewed {day_text(PSMA_REVIEWED)}",
        "What to ask your doctor",
        "References",
        "Source: Patient Answers sample content",
        "not medical advice",
        "Related answers",
    ):
        assert words in text
    assert window.windowTitle() == "Patient Answers"


def test_citation_click_shows_the_full_reference(qtbot: QtBot, window: MainWindow, ui) -> None:
    ui.open_answer(window, PSMA)
    panel = window.pages.answer_page.references
    assert not panel.isVisible()
    ui.click_link(window.pages.answer_page.view, lambda href: href == "#ref-2")
    qtbot.waitUntil(panel.isVisible)
    assert panel.reference is not None and panel.reference.number == 2
    assert "Prostate Cancer Treatment (PDQ)" in panel.text.toPlainText()
    url = "https://www.cancer.gov/types/prostate/patient/prostate-treatment-pdq"
    assert url in panel.text.toPlainText()
    assert panel.text.hasFocus()
    qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible()


def test_outside_links_open_only_after_the_reader_confirms(
    qtbot: QtBot, window: MainWindow, ui, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    answers = iter([False, True])
    monkeypatch.setattr(document_view, "confirm_external", lambda parent, url: next(answers))
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True
    )
    ui.open_answer(window, PSMA)
    view = window.pages.answer_page.view
    is_web = lambda href: href.startswith("https://www.cancer.gov/about")  # noqa: E731
    ui.click_link(view, is_web)
    assert opened == []
    ui.click_link(view, is_web)
    assert opened == ["https://www.cancer.gov/about-cancer/treatment/research/car-t-cells"]


def test_with_no_browser_the_window_says_so_and_shows_the_address(
    qtbot: QtBot, window: MainWindow, ui, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(document_view, "confirm_external", lambda parent, url: True)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)  # no browser here
    monkeypatch.setattr(
        document_view.QMessageBox, "information", lambda parent, title, text: told.append(text)
    )
    ui.open_answer(window, PSMA)
    ui.click_link(window.pages.answer_page.view, lambda h: h.startswith("https://www.cancer.gov"))
    assert len(told) == 1 and "No web browser could be opened" in told[0]
    assert "https://www.cancer.gov/" in told[0]


def test_related_answer_and_topic_links(qtbot: QtBot, window: MainWindow, ui) -> None:
    ui.open_answer(window, PSMA)
    loaded = window.pages.answer_page.loaded
    assert loaded is not None and loaded.related
    target = loaded.related[0].id
    with qtbot.waitSignal(window.answer_shown, timeout=10_000) as shown:
        ui.click_link(window.pages.answer_page.view, lambda h: h == f"pa-answer:{target}")
    assert shown.args == [target]
    ui.click_link(window.pages.answer_page.view, lambda h: h.startswith("pa-topic:"))
    qtbot.waitUntil(
        lambda: (
            "answers about" in window.side.results.heading.text()
            or "answer about" in window.side.results.heading.text()
        )
    )


def test_back_and_forward(qtbot: QtBot, window: MainWindow, ui) -> None:
    a = window.actions_
    assert not a.back.isEnabled()
    ui.open_answer(window, PSMA)
    ui.open_answer(window, "falls-prevention")
    with qtbot.waitSignal(window.answer_shown, timeout=10_000) as shown:
        qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert shown.args == [PSMA]
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is window.pages.start_view
    assert not a.back.isEnabled() and a.forward.isEnabled()
    with qtbot.waitSignal(window.answer_shown, timeout=10_000) as shown:
        a.forward.trigger()
    assert shown.args == [PSMA]


def test_find_in_page(qtbot: QtBot, window: MainWindow, ui) -> None:
    ui.open_answer(window, PSMA)
    qtbot.keyClick(window.pages.answer_page.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.pages.answer_page.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "Pluvicto")
    assert window.pages.answer_page.view.textCursor().selectedText() == "Pluvicto"
    first = window.pages.answer_page.view.textCursor().position()
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert window.pages.answer_page.view.textCursor().position() > first
    qtbot.keyClicks(bar.field, "zzz")
    assert bar.status.text() == "Not found"
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_answer_exports_to_pdf(qtbot: QtBot, window: MainWindow, ui, tmp_path: Path) -> None:
    ui.open_answer(window, PSMA)
    path = window.printing.export_page_pdf(tmp_path / "answer.pdf")
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = ui.squash(text)  # pdftotext joins words hyphenated at line ends
    assert ui.squash("What barriers exist for using PSMA-directed CAR-T") in flat
    assert ui.squash("not medical advice") in flat
    assert ui.squash("Add to visit sheet") not in flat
