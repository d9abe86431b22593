"""Text size and themes: applied to answers and lists, remembered, readable (WCAG AA)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from desktop.ui.panels.document_view import reading_point_size
from desktop.ui.panels.lists import PAD
from desktop.ui.theme import (
    NONTEXT_PAIRS,
    PALETTES,
    TEXT_PAIRS,
    app_qss,
    contrast_ratio,
    document_css,
)
from desktop.ui.window.main_window import MainWindow

AA = 4.5
PSMA = "psma-car-t-barriers"


def _answer_points(window: MainWindow) -> float:
    return window.pages.answer_page.view.document().defaultFont().pointSizeF()


def test_ctrl_equals_makes_text_bigger_and_it_is_remembered(qtbot: QtBot, make_window, ui) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    ui.open_answer(window, PSMA)
    before = _answer_points(window)
    list_before = window.side.results.view.font().pointSizeF()
    qtbot.keyClick(
        window.pages.answer_page.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier
    )
    assert window.looks.scale == pytest.approx(1.1)
    assert _answer_points(window) == pytest.approx(before * 1.1)
    assert window.side.results.view.font().pointSizeF() > list_before
    assert window.text_size.combo.currentText() == "110 %"
    restarted = make_window()
    assert restarted.looks.scale == pytest.approx(1.1)
    assert restarted.pages.start_view.document().defaultFont().pointSizeF() == pytest.approx(
        reading_point_size() * 1.1
    )


def test_text_size_stays_between_80_and_300_percent(qtbot: QtBot, window: MainWindow) -> None:
    for _ in range(15):
        window.actions_.bigger.trigger()
    assert window.looks.scale == 3.0 and not window.text_size.larger.isEnabled()
    for _ in range(15):
        qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.looks.scale == 0.8 and not window.text_size.smaller.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.looks.scale == 1.0
    qtbot.mouseClick(window.text_size.larger, Qt.MouseButton.LeftButton)
    assert window.looks.scale == pytest.approx(1.1)


def test_large_text_reflows_without_clipping(qtbot: QtBot, window: MainWindow, ui) -> None:
    window.looks.set_scale(3.0)
    qtbot.keyClicks(window.search_field, "asthma")
    qtbot.waitUntil(lambda: window.side.results.model.rowCount() > 1, timeout=10_000)
    ui.open_answer(window, PSMA)
    view = window.side.results.view
    delegate = window.side.results.delegate
    for row in range(window.side.results.model.rowCount()):
        index = window.side.results.model.index(row, 0)
        rect = view.visualRect(index)
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.font = view.font()
        doc = delegate._document(option, index, rect.width() - 2 * PAD)
        assert doc.size().height() <= rect.height() - 2 * PAD + 1, f"row {row} is clipped"
        assert doc.size().width() <= rect.width(), f"row {row} is cut at the side"
    answer = window.pages.answer_page.view
    assert answer.horizontalScrollBar().maximum() == 0  # wraps instead of running off
    assert (
        window.side.results.heading.heightForWidth(window.side.results.heading.width())
        <= window.side.results.heading.height()
    )


def _h1_colour(window: MainWindow) -> str:
    block = window.pages.answer_page.view.document().begin()
    return block.charFormat().foreground().color().name()


def test_theme_switch_changes_palette_and_document_colours(
    qtbot: QtBot, window: MainWindow, ui
) -> None:  # type: ignore[no-untyped-def]
    ui.open_answer(window, PSMA)
    window.actions_.theme_light.trigger()
    base = QPalette.ColorRole.Base
    assert QApplication.palette().color(base) == QColor(PALETTES["light"]["Base"])
    light_h1 = _h1_colour(window)
    with qtbot.waitSignal(window.hub.theme_did_change) as changed:
        window.actions_.theme_dark.trigger()
    assert changed.args == ["dark"]
    assert QApplication.palette().color(base) == QColor(PALETTES["dark"]["Base"])
    assert QApplication.palette().color(QPalette.ColorRole.Text) == QColor(PALETTES["dark"]["Text"])
    # the widgets already on screen follow, not only the application's palette
    for widget in (window, window.search_field, window.side.results.view, window.pages.start_view):
        assert widget.palette().color(base) == QColor(PALETTES["dark"]["Base"]), widget
    assert _h1_colour(window) != light_h1
    assert _h1_colour(window) == re.search(r"h1 \{ color: (#\w+)", document_css("dark")).group(1)
    assert window.settings.theme == "dark"
    assert window.side.results.delegate.theme == "dark"
    window.actions_.theme_light.trigger()
    assert _h1_colour(window) == light_h1


def test_theme_is_remembered(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.looks.set_theme("dark")
    again = make_window()
    assert again.settings.theme == "dark" and again.actions_.theme_dark.isChecked()
    assert QApplication.palette().color(QPalette.ColorRole.Window) == QColor(
        PALETTES["dark"]["Window"]
    )
    again.looks.set_theme("light")


def test_system_theme_follows_the_platform_live(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui import theme as theme_module

    window.looks.set_theme("system")
    hints = QGuiApplication.styleHints()
    for dark, expected in ((True, "dark"), (False, "light")):
        monkeypatch.setattr(theme_module, "system_prefers_dark", lambda d=dark: d)
        with qtbot.waitSignal(window.hub.theme_did_change) as changed:
            hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
        assert changed.args == [expected] and window.looks.theme == expected
    window.looks.set_theme("light")
    monkeypatch.setattr(theme_module, "system_prefers_dark", lambda: True)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert window.looks.theme == "light"  # a chosen theme ignores the platform


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_palette_text_pairs_reach_wcag_aa(theme: str) -> None:
    colours = PALETTES[theme]
    low = {
        f"{fg}/{bg}": round(contrast_ratio(colours[fg], colours[bg]), 2)
        for fg, bg in TEXT_PAIRS
        if contrast_ratio(colours[fg], colours[bg]) < AA
    }
    assert low == {}


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_focus_rings_and_field_borders_reach_3_to_1(theme: str) -> None:
    colours = PALETTES[theme]
    low = {
        f"{fg}/{bg}": round(contrast_ratio(colours[fg], colours[bg]), 2)
        for fg, bg in NONTEXT_PAIRS
        if contrast_ratio(colours[fg], colours[bg]) < 3.0
    }
    assert low == {}
    assert "palette(link)" in app_qss()


def _css_pairs(css: str) -> list[tuple[str, str, str]]:
    """(selector, text colour, background) for every rule that sets a text colour."""
    found = re.findall(r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", css, flags=re.S))
    rules = {selector.strip(): block for selector, block in found}
    body = re.search(r"background-color:\s*(#\w{6})", rules["body"]).group(1)
    pairs = []
    for selector, block in rules.items():
        fg = re.search(r"(?<!-)color:\s*(#\w{6})", block)
        bg = re.search(r"background-color:\s*(#\w{6})", block)
        if fg:
            pairs.append((selector.strip(), fg.group(1), bg.group(1) if bg else body))
    return pairs


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_document_css_colours_reach_wcag_aa(theme: str) -> None:
    pairs = _css_pairs(document_css(theme))
    assert len(pairs) >= 15
    low = {
        sel: round(contrast_ratio(fg, bg), 2)
        for sel, fg, bg in pairs
        if contrast_ratio(fg, bg) < AA
    }
    assert low == {}


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
