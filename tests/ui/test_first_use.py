"""The window as a new user found it (issue 15): menus that do what they say, an interface
that grows with the text size, a theme switch that keeps it, find-in-page that counts,
one print style, and dialogs that always say something."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLineEdit,
    QMenu,
    QStyleOptionViewItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.core.admin_config import AdminConfig, hash_pin
from desktop.core.sync.apply import Change
from desktop.ui.dialogs.changes import ChangesDialog
from desktop.ui.panels.document_view import reading_point_size
from desktop.ui.theme import INTERFACE_MOST, base_point_size, scale_interface
from desktop.ui.window.main_window import MainWindow
from desktop.ui.workstation.station import ADMIN_SET, Workstation

PSMA = "psma-car-t-barriers"
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)"
)


@pytest.fixture(autouse=True)
def _normal_interface() -> Iterator[None]:
    """Each test starts and ends with the interface at 100 % (the app outlives a test)."""
    scale_interface(1.0)
    yield
    scale_interface(1.0)


def _menu_action(window: MainWindow, menu_title: str, text: str) -> QAction:
    """An action as the menu bar offers it (the path a reader clicks)."""
    for top in window.menuBar().actions():
        if top.text().replace("&", "") == menu_title:
            menu = top.menu()
            assert isinstance(menu, QMenu)
            for action in menu.actions():
                if action.text().replace("&", "") == text:
                    return action
    raise AssertionError(f"no {menu_title} ▸ {text}")


# ----------------------------------------------------------------- 1. Save as PDF
def test_save_as_pdf_from_the_menu_asks_and_writes_the_chosen_file(
    qtbot: QtBot, window: MainWindow, ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    asked: list[str] = []

    def choose(parent, caption, start, filters):  # type: ignore[no-untyped-def]
        asked.append(start)
        return str(tmp_path / f"chosen-{len(asked)}.pdf"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    ui.open_answer(window, PSMA)
    action = _menu_action(window, "File", "Save as PDF…")
    assert action is window.actions_.export_pdf and action.isEnabled()
    action.trigger()  # the menu path: triggered(checked=False)
    assert (tmp_path / "chosen-1.pdf").stat().st_size > 1000
    assert asked[0].endswith(".pdf") and "?" not in Path(asked[0]).name
    assert window.statusBar().currentMessage() == f"Saved {tmp_path / 'chosen-1.pdf'}"
    # the shortcut, on the visit sheet
    window.user_data.store.add_visit_item(
        *_first_ask(window),
    )
    window.hub.visit_sheet_did_change.emit()
    window.navigation.show_visit_sheet()
    qtbot.keyClick(
        window.pages.visit_page,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert (tmp_path / "chosen-2.pdf").stat().st_size > 1000
    assert not (tmp_path / "False").exists() and not Path("False").exists()


def _first_ask(window: MainWindow):  # type: ignore[no-untyped-def]
    from db.user_store import VisitAnswer

    a = window.pages.answer_page.loaded.answer  # type: ignore[union-attr]
    return VisitAnswer(a.id, a.question, a.reviewed, a.references), a.asks[0]


# ------------------------------------------------------- 3. the whole interface grows
def _points(widget: QWidget) -> float:
    return widget.font().pointSizeF()


def test_text_size_scales_menus_toolbar_tabs_status_bar_and_dialogs(
    qtbot: QtBot, window: MainWindow
) -> None:
    base = base_point_size()
    chrome = [
        window.menuBar(),
        window.toolbar,
        window.side.tab_bar,
        window.statusBar(),
        window.status_area.count_label,
        window.pages.visit_page.print_button,
    ]
    assert all(_points(w) == pytest.approx(base) for w in chrome)
    window.looks.set_scale(3.0)
    big = base * INTERFACE_MOST  # the interface grows up to twice the desktop's size
    for widget in chrome:
        assert _points(widget) == pytest.approx(big, rel=0.02), widget
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu) and _points(menu) == pytest.approx(big, rel=0.02)
    dialog = ChangesDialog(0, [], "", window)  # a dialog opened at 300 %
    assert _points(dialog.heading) == pytest.approx(big, rel=0.02)
    # the reading pane keeps its own finer steps, measured from the desktop's size
    assert window.pages.start_view.font().pointSizeF() == pytest.approx(reading_point_size() * 3.0)
    # and the window still fits a 1280 x 800 screen
    assert window.minimumSizeHint().width() <= 1280
    window.looks.set_scale(1.1)
    assert window.pages.start_view.font().pointSizeF() == pytest.approx(reading_point_size() * 1.1)
    assert _points(window.menuBar()) == pytest.approx(base * 1.1, rel=0.02)
    window.looks.set_scale(0.8)  # smaller text never makes the menus smaller than the desktop's
    assert _points(window.menuBar()) == pytest.approx(base)


# -------------------------------------------------- 5. a theme switch keeps the lists
def test_theme_switch_keeps_the_list_text_size(qtbot: QtBot, window: MainWindow) -> None:
    window.search_field.setText("asthma")
    qtbot.waitUntil(lambda: window.side.results.model.rowCount() > 0, timeout=10_000)
    for scale in (1.0, 2.0):
        window.looks.set_scale(scale)
        sizes = {
            "results": _points(window.side.results.view),
            "heading": _points(window.side.results.heading),
            "search": _points(window.search_field),
        }
        for theme in ("dark", "light", "dark"):
            window.looks.set_theme(theme)
            assert _points(window.side.results.view) == pytest.approx(sizes["results"])
            assert _points(window.side.results.heading) == pytest.approx(sizes["heading"])
            assert _points(window.search_field) == pytest.approx(sizes["search"])
    window.looks.set_theme("light")


# --------------------------------------------------------- 8. find in page counts
def test_find_in_page_says_which_match_and_keeps_the_place(
    qtbot: QtBot, window: MainWindow, ui
) -> None:
    ui.open_answer(window, PSMA)
    view = window.pages.answer_page.view
    text = view.document().toPlainText().lower()
    total = text.count("car-t")
    assert total >= 3
    bar = window.pages.answer_page.find_bar
    bar.open_bar()
    qtbot.keyClicks(bar.field, "CAR-T")
    assert bar.status.text() == f"1 of {total}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.status.text() == f"3 of {total}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.status.text() == f"2 of {total}"
    # typing more from further down the page finds what is there, not the top of the page
    bar.field.clear()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    middle = view.verticalScrollBar().value()
    top_visible = view.cursorForPosition(view.viewport().rect().topLeft()).position()
    qtbot.keyClicks(bar.field, "the")
    assert view.textCursor().selectionStart() >= top_visible
    assert view.verticalScrollBar().value() >= middle
    assert re.fullmatch(r"\d+ of \d+", bar.status.text())
    qtbot.keyClicks(bar.field, "zzqq")
    assert bar.status.text() == "Not found"


# ------------------------------------------------------ 8. "What changed" says something
def test_what_changed_says_a_sentence_when_nothing_changed(qtbot: QtBot) -> None:
    never = ChangesDialog(0, [], "")
    qtbot.addWidget(never)
    never.show()
    assert never.heading.text().startswith("No update has been installed yet")
    assert never.list.isHidden()
    nothing = ChangesDialog(0, [], "Updated 3 December 2026")
    qtbot.addWidget(nothing)
    nothing.show()
    assert "changed no answers" in nothing.heading.text() and nothing.list.isHidden()
    some = ChangesDialog(1, [Change("a", "What is asthma?", "updated")], "Today")
    qtbot.addWidget(some)
    some.show()
    assert some.list.isVisible() and some.list.item(0).text() == "Updated: What is asthma?"


# ------------------------------------------------- 8. "+ Add to visit sheet" in one piece
def test_add_to_visit_sheet_never_breaks_mid_phrase(window: MainWindow, ui) -> None:
    ui.open_answer(window, PSMA)
    raw = window.pages.answer_page.view.document().toRawText()  # keeps no-break spaces
    assert "Add to visit sheet" not in raw
    assert raw.count("+\u00a0Add\u00a0to\u00a0visit\u00a0sheet") == len(
        window.pages.answer_page.loaded.answer.asks  # type: ignore[union-attr]
    )


# ------------------------------------------------------------- 9. print to file, style
def test_print_to_file_suggests_a_safe_name_in_documents_and_says_where_it_went(
    qtbot: QtBot, window: MainWindow, ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    from desktop.ui.controllers import printing

    monkeypatch.setattr(printing, "documents_folder", lambda: tmp_path)
    ui.open_answer(window, PSMA)
    question = window.pages.answer_page.loaded.answer.question  # type: ignore[union-attr]
    seen: list[str] = []

    def accept_print_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            QTimer.singleShot(20, accept_print_dialog)
            return
        field = dialog.findChild(QLineEdit, "filename")
        seen.append(field.text() if field is not None else "")
        dialog.printer().setOutputFileName(str(tmp_path / "printed.pdf"))
        dialog.done(QPrintDialog.DialogCode.Accepted)

    QTimer.singleShot(0, accept_print_dialog)
    _menu_action(window, "File", "Print…").trigger()
    suggested = Path(seen[0]) if seen and seen[0] else None
    if suggested is not None:  # Qt's own dialog (Linux) has the file field
        assert suggested.parent == tmp_path
        assert suggested.name == printing.safe_file_name(question)
        assert "?" not in suggested.name and len(suggested.name) <= 64
    assert (tmp_path / "printed.pdf").exists()
    assert window.statusBar().currentMessage() == f"Saved {tmp_path / 'printed.pdf'}"


def _left_margin_and_size(pdf: Path) -> tuple[float, float]:
    """(left edge of the text, median word height) in points, from pdftotext -bbox."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = [
        (float(m[1]), float(m[4]) - float(m[2]), m[5])
        for m in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<',
            out,
        )
        for m in [(None, *m)]
    ]
    heights = sorted(h for _, h, _ in words)
    return min(x for x, _, _ in words), heights[len(heights) // 2]


@needs_pdftotext
def test_answer_and_visit_sheet_print_in_one_style(
    qtbot: QtBot, window: MainWindow, ui, tmp_path: Path
) -> None:
    ui.open_answer(window, PSMA)
    answer_pdf = window.printing.export_page_pdf(tmp_path / "answer.pdf")
    window.user_data.store.add_visit_item(*_first_ask(window))
    window.hub.visit_sheet_did_change.emit()
    window.navigation.show_visit_sheet()
    sheet_pdf = window.printing.export_page_pdf(tmp_path / "sheet.pdf")
    answer_left, answer_size = _left_margin_and_size(answer_pdf)
    sheet_left, sheet_size = _left_margin_and_size(sheet_pdf)
    inch = 72.0
    assert answer_left == pytest.approx(sheet_left, abs=2)
    assert 0.6 * inch < answer_left < 1.2 * inch  # about an inch, not 1.5 inches
    assert answer_size == pytest.approx(sheet_size, rel=0.1)


# ------------------------------------------------------------ 2. focus in the search box
def test_focus_starts_in_the_search_box_so_typing_searches(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search_field)
    qtbot.keyClicks(QApplication.focusWidget(), "asthma")
    assert window.search_field.text() == "asthma"
    qtbot.waitUntil(lambda: window.side.results.model.rowCount() > 0, timeout=10_000)


# ------------------------------------------------------------------ 4. colours on the toolbar
def test_colours_choice_is_on_the_toolbar_beside_text_size(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtWidgets import QToolButton

    buttons = [
        b
        for b in window.toolbars.reading.findChildren(QToolButton)
        if b.accessibleName() == "Colours"
    ]
    assert len(buttons) == 1 and buttons[0].isVisible()
    colours = buttons[0]
    size = window.text_size
    assert 0 <= colours.x() - (size.x() + size.width()) < 40  # right beside it
    menu = colours.menu()
    assert menu is not None
    dark = next(a for a in menu.actions() if a.text().replace("&", "") == "Dark")
    dark.trigger()
    assert window.looks.theme == "dark" and colours.text() == "Colours: dark"
    light = next(a for a in menu.actions() if a.text().replace("&", "") == "Light")
    light.trigger()
    assert window.looks.theme == "light" and colours.text() == "Colours: light"


# ------------------------------------------------- 7. every control a named Tab stop
def test_every_side_tab_and_control_is_reachable_with_tab_and_named(
    qtbot: QtBot, window: MainWindow, ui
) -> None:
    ui.open_answer(window, PSMA)  # Back, Bookmark and Visit sheet are enabled now
    window.navigation.show_start()
    window.search_field.setFocus()
    reached: list[QWidget] = []
    for _ in range(400):  # round the whole window, back to the search box
        widget = QApplication.focusWidget()
        assert widget is not None
        if widget not in reached:
            reached.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is window.search_field:
            break
    else:
        raise AssertionError("Tab never came back to the search box")
    names = [w.accessibleName() for w in reached]
    assert window.side.tab_bar in reached  # the side panel's tab list is a Tab stop
    for control in ("Search", "Back", "Start page", "Visit sheet", "Colours", "Text size"):
        assert control in names, names
    assert all(name.strip() for name in names), names
    # in the tab list the arrow keys reach every tab, each showing its list
    tabs = window.side.tab_bar
    tabs.setFocus()
    window.side.setCurrentIndex(0)
    shown = []
    for _ in range(tabs.count() - 1):
        qtbot.keyClick(tabs, Qt.Key.Key_Right)
        shown.append(window.side.currentWidget())
    assert shown == [window.side.topics, window.side.bookmarks, window.side.history]
    assert [tabs.tabText(i).replace("&", "") for i in range(tabs.count())] == [
        "Results",
        "Topics",
        "Bookmarks",
        "History",
    ]
    qtbot.keyClick(tabs, Qt.Key.Key_Left)
    assert window.side.currentWidget() is window.side.bookmarks and tabs.currentIndex() == 2


# ---------------------------------------------------------------------- 8. title, bookmarks
def _title_as_shown(title: str) -> str:
    """What a window manager shows: Qt adds " — <display name>" to a title without it."""
    name = QApplication.applicationDisplayName()
    return title if title.endswith(name) else f"{title} — {name}"


def test_window_title_names_the_app_once(make_window) -> None:  # type: ignore[no-untyped-def]
    for private in (False, True):
        window = make_window(private=private)
        shown = _title_as_shown(window.windowTitle())
        assert shown.count("Patient Answers") == 1, shown
        assert ("Private" in shown) is private


def test_private_bookmark_does_not_say_it_is_kept(qtbot: QtBot, make_window, ui) -> None:  # type: ignore[no-untyped-def]
    window = make_window(private=True)
    ui.open_answer(window, PSMA)
    window.actions_.bookmark.trigger()
    item = window.side.bookmarks.model.item(0)
    assert "Kept on" not in item.text() and "Not saved: only for this session" in item.text()


# ------------------------------------------------------------------------------ 10. kiosk
def _command_line_kiosk() -> Workstation:
    """`patient-answers --kiosk` on a computer with no administrator's file."""
    return Workstation.create(None, kiosk=True, idle_ms=600_000, countdown_s=3, tick_ms=100)


def test_kiosk_without_an_administrator_file_does_not_blame_an_administrator(
    make_window,
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(workstation=_command_line_kiosk(), wait_search=False)
    a = window.actions_
    locked = [a.theme_dark, a.bigger, a.private_mode, window.text_size.combo]
    assert all(not c.isEnabled() for c in locked)
    tips = {c.toolTip() for c in locked}
    assert tips == {"Fixed on this shared screen"}, tips
    assert all("administrator" not in tip.lower() for tip in tips)
    managed = make_window(
        workstation=Workstation.create(AdminConfig(mode="kiosk"), idle_ms=600_000),
        wait_search=False,
    )
    assert managed.actions_.theme_dark.toolTip() == ADMIN_SET


def test_kiosk_dialogs_are_frameless_and_modal(qtbot: QtBot, make_window) -> None:  # type: ignore[no-untyped-def]
    station = Workstation.create(
        AdminConfig(mode="kiosk", kiosk_pin_hash=hash_pin("4826", iterations=1000)),
        idle_ms=600_000,
    )
    window = make_window(workstation=station, wait_search=False)
    mode = window.kiosk_mode
    mode.countdown.start()
    mode.countdown.timer.stop()
    pin = mode.ask_pin()
    for dialog in (mode.countdown, pin):
        assert dialog.windowFlags() & Qt.WindowType.FramelessWindowHint
        assert dialog.windowModality() == Qt.WindowModality.ApplicationModal
        assert dialog.isModal()
    pin.reject()
    mode.countdown.stop()


def test_a_locked_exit_key_says_the_screen_stays_open(qtbot: QtBot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(workstation=_command_line_kiosk(), wait_search=False)
    note = window.kiosk_mode.note
    assert "stays open" not in note.text()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert window.isVisible()
    assert "stays open" in note.text() and "stays open" in note.accessibleName()
    assert "highlight" in note.styleSheet()  # drawn in the highlight colours, not plain
    assert "stays open" in window.statusBar().currentMessage()


# ------------------------------------------------------------ 8. a long question's heading
def test_a_long_question_does_not_flood_the_results_heading(
    qtbot: QtBot, window: MainWindow
) -> None:
    question = (
        "my mother is 82 and lives alone and she fell on the stairs last week and now she is "
        "afraid of falling again what can we do"
    )
    window.search_field.setText(question)
    heading = window.side.results.heading
    qtbot.waitUntil(lambda: "answers for" in heading.text(), timeout=10_000)
    assert "…" in heading.text() and len(heading.text()) < 80
    assert heading.text().split("“")[1].startswith("my mother is 82")
    assert heading.accessibleDescription() == question  # the whole question for a screen reader
    window.looks.set_scale(3.0)  # nothing about it widens the window past a 1280-pixel screen
    assert window.minimumSizeHint().width() <= 1280
    suggestion = window.side.results.suggestion
    assert suggestion.isHidden() or len(suggestion.text()) < 70
    window.looks.set_scale(1.0)


# ----------------------------------------------- 11. emergency advice first, as a warning
URGENT_ANSWER = "anaphylaxis"


def _urgent_cell(doc):  # type: ignore[no-untyped-def]
    """The first table cell of a document and the text before it."""
    from PySide6.QtGui import QTextCursor, QTextTable

    cursor = QTextCursor(doc)
    while not cursor.atEnd():
        table = cursor.currentTable()
        if isinstance(table, QTextTable):
            before = doc.toPlainText()[: table.firstPosition()]
            return table, table.cellAt(0, 0), before
        cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
    raise AssertionError("no warning box")


def test_when_to_get_help_now_comes_first_styled_as_a_warning_in_both_themes(
    qtbot: QtBot, window: MainWindow, ui
) -> None:
    from desktop.core.render import render_answer
    from desktop.ui.controllers.printing import _document

    ui.open_answer(window, URGENT_ANSWER)
    answer = window.pages.answer_page.loaded.answer  # type: ignore[union-attr]
    for theme in ("light", "dark"):
        window.looks.set_theme(theme)
        doc = window.pages.answer_page.view.document()
        table, cell, before = _urgent_cell(doc)
        assert "When to get help now" in cell.firstCursorPosition().block().text()
        assert before.rstrip().endswith(answer.summary.strip()[-40:])  # right after the summary
        page = window.pages.answer_page.view.palette().base().color()
        background = cell.format().background().color()
        assert cell.format().background().style() != Qt.BrushStyle.NoBrush
        assert background != page and table.format().border() >= 2
    window.looks.set_theme("light")
    printed = _document(render_answer(answer))  # the printed answer (light colours on paper)
    _, cell, before = _urgent_cell(printed)
    assert cell.format().background().style() != Qt.BrushStyle.NoBrush
    assert "What the research says" not in before


# ---------------------------------------------------------- 8. Alt+Home goes to the top
def test_alt_home_shows_the_start_page_from_its_top(qtbot: QtBot, window: MainWindow, ui) -> None:
    window.looks.set_scale(3.0)  # a long start page
    view = window.pages.start_view
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    ui.open_answer(window, PSMA)
    qtbot.keyClick(window.pages.answer_page.view, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is view and bar.value() == 0
    window.looks.set_scale(1.0)


# ------------------------------------------------- 6. cards fit their content at any width
def _clipped_cards(window: MainWindow) -> list[tuple[int, int, int, float]]:
    """Result cards whose text, laid out at the width the card is PAINTED (QListView's
    paintEvent gives a card the viewport less the list's spacing on both sides, not its
    visualRect), is taller or wider than the card: (row, width, height, text height)."""
    from desktop.ui.panels.lists import PAD

    results = window.side.results
    view, delegate = results.view, results.delegate
    QApplication.processEvents()  # the splitter's new sizes reach the list (layout requests)
    view.executeDelayedItemsLayout()
    painted = []
    paint = delegate.paint

    def record(painter, option, index):  # type: ignore[no-untyped-def]
        painted.append((index.row(), QRect(option.rect)))
        paint(painter, option, index)

    delegate.paint = record  # type: ignore[method-assign]
    try:
        view.viewport().grab()  # a real paint of the rows in sight
    finally:
        del delegate.paint
    assert painted
    clipped = []
    for row, rect in painted:
        index = results.model.index(row, 0)
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect = rect
        delegate.initStyleOption(option, index)
        doc = delegate._document(option, index, rect.width() - 2 * PAD)  # as paint() does
        assert "confidence" in (index.data(Qt.ItemDataRole.AccessibleTextRole) or "")
        if (
            doc.size().height() + 2 * PAD > rect.height() + 1
            or doc.idealWidth() > rect.width() - 2 * PAD + 1
        ):
            clipped.append((row, rect.width(), rect.height(), doc.size().height()))
    return clipped


def test_result_cards_never_clip_at_narrow_widths_and_large_text(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A card's height must be measured at the width it is painted (measured two pixels
    wider, as it was, a line could wrap once more when painted and the last line, with the
    confidence badge, was cut to a coloured sliver)."""
    results = window.side.results
    window.search_field.setText("what should I do if someone has a severe allergic reaction")
    qtbot.waitUntil(lambda: results.model.rowCount() > 10, timeout=10_000)
    for scale, theme in ((1.0, "light"), (2.0, "dark"), (3.0, "light")):
        window.looks.set_scale(scale)
        window.looks.set_theme(theme)
        for side in range(620, 170, -7):  # a pane narrowed a few pixels at a time
            window.splitter.setSizes([side, 1200 - side])
            clipped = _clipped_cards(window)
            assert not clipped, (scale, theme, window.side.width(), clipped)
    window.looks.set_scale(1.0)


# ------------------------------------------------- 8. saved lists look like the results
def test_bookmarks_history_and_topics_are_cards_like_the_results(
    qtbot: QtBot, window: MainWindow, ui
) -> None:
    from desktop.ui.panels.lists import HTML_ROLE, RichTextDelegate

    ui.open_answer(window, PSMA)
    window.actions_.bookmark.trigger()
    for panel in (window.side.bookmarks, window.side.history):
        assert isinstance(panel.view.itemDelegate(), RichTextDelegate)
        card = panel.model.item(0).data(HTML_ROLE)
        assert 'class="q"' in card and 'class="muted"' in card
    # and the topics, the fourth list
    topics = window.side.topics
    qtbot.waitUntil(lambda: topics.model.rowCount() > 0, timeout=10_000)
    assert isinstance(topics.view.itemDelegate(), RichTextDelegate)
    card = topics.model.index(0, 0).data(HTML_ROLE)
    assert 'class="q"' in card and 'class="muted"' in card and "answer" in card
    topics.filter.setText("diab")  # the filter keeps them cards
    assert topics.model.rowCount() > 0
    assert "Diabetes" in topics.model.index(0, 0).data(HTML_ROLE)
    topics.filter.clear()
    window.looks.set_theme("dark")
    window.side.setCurrentWidget(window.side.bookmarks)
    window.side.bookmarks.view.viewport().repaint()
    assert window.side.bookmarks.view.itemDelegate().theme == "dark"
    window.looks.set_theme("light")


# ----------------------------------------------------- 8. the link reached with Tab
def test_the_link_reached_with_tab_has_a_clear_ring(qtbot: QtBot, window: MainWindow) -> None:
    view = window.pages.start_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.textCursor().charFormat().isAnchor()
    rects = view.focused_link_rects()
    assert rects and all(r.height() > 10 for r in rects)
    picture = view.viewport().grab().toImage()
    ring = window.palette().color(window.palette().ColorRole.Link)
    rect = rects[0]
    edge = [picture.pixelColor(x, rect.top()) for x in range(rect.left() + 6, rect.right() - 6)]
    near = [c for c in edge if abs(c.red() - ring.red()) + abs(c.blue() - ring.blue()) < 60]
    assert len(near) > 0.8 * len(edge)  # a solid line in the link colour, not dots


# ----------------------------------------- 3. at 300 % every toolbar button stays reachable
def _toolbar_reach(window: MainWindow) -> tuple[list[str], list[str]]:
    """(toolbar actions drawn whole inside the window, those only behind a "»" button)."""
    from PySide6.QtWidgets import QToolButton

    QApplication.processEvents()
    layout = window.layout()
    assert layout is not None
    layout.activate()
    shown, behind = [], []
    for bar in window.toolbars.bars:
        extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
        for action in bar.actions():
            if action.isSeparator():
                continue
            widget = bar.widgetForAction(action)
            assert widget is not None
            name = widget.accessibleName() or action.text() or type(widget).__name__
            box = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
            if widget.isVisible() and window.rect().contains(box):
                shown.append(name)
            else:
                assert extension is not None and extension.isVisible(), name
                behind.append(name)
    return shown, behind


def test_at_300_percent_every_toolbar_button_is_on_screen_or_behind_the_more_button(
    qtbot: QtBot, window: MainWindow
) -> None:
    """In the window's default size at 300 %, the reading toolbar takes a row of its own and
    every button is shown whole; in a window too narrow even for that, what does not fit is
    behind the toolbar's "»" button (which opens the rest), never past the window's edge."""
    from PySide6.QtWidgets import QToolButton

    window.activateWindow()
    window.search_field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search_field)
    window.looks.set_scale(3.0)
    window.resize(1200, 800)  # the default size
    qtbot.waitUntil(lambda: window.toolbars.broken)
    assert QApplication.focusWidget() is window.search_field  # the rows changed, not focus
    shown, behind = _toolbar_reach(window)
    assert not behind and len(shown) == 9, (shown, behind)
    for name in ("Back", "Search", "TextSizeControl", "Colours", "Bookmark", "Visit sheet"):
        assert name in shown
    assert window.toolbars.broken  # two rows
    # the side tabs and status bar are read whole at this size too
    tabs = window.side.tab_bar
    for i in range(tabs.count()):
        text = tabs.tabText(i).replace("&", "")
        assert tabs.tabRect(i).width() >= tabs.fontMetrics().horizontalAdvance(text), text
    for label in (window.status_area.content_label, window.status_area.count_label):
        if label.isVisible():
            assert label.width() >= label.fontMetrics().horizontalAdvance(label.text())
    window.resize(700, 700)  # narrower than the reading toolbar
    shown, behind = _toolbar_reach(window)
    assert behind and len(shown) + len(behind) == 9
    bar = window.toolbars.reading
    extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is not None and extension.accessibleName()
    assert extension.width() >= 24  # wide enough to draw its "»" (Fusion's 12 px was blank)
    extension.click()  # the toolbar opens out with the rest
    widgets = [bar.widgetForAction(a) for a in bar.actions() if not a.isSeparator()]
    qtbot.waitUntil(lambda: all(w is not None and w.isVisible() for w in widgets))
    extension.click()  # and closes again
    window.looks.set_scale(1.0)
    window.resize(1200, 800)
    qtbot.waitUntil(lambda: not window.toolbars.broken)  # one row again at 100 %
    reading = window.toolbars.reading  # and the search box, not a blank, takes the room left
    qtbot.waitUntil(lambda: reading.width() <= reading.sizeHint().width() + 20)
    assert window.search_field.width() > 300
    # a window narrowed while the reader types: two rows again, and the typing goes on
    window.search_field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search_field)
    window.resize(600, 700)
    qtbot.waitUntil(lambda: window.toolbars.broken and window.search_field.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search_field)


# ------------------------------------------- 8. "Did you mean" of a long question, at 300 %
def test_did_you_mean_keeps_its_start_and_fits_at_300_percent(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A long suggestion in a narrow pane is shortened with "…" at its end; a centred text too
    wide for the button was cut at both ends ("‘ mother is 82 and lives")."""
    question = (
        "my mother is 82 and lives alone and she fell on the stairs last week and now she is "
        "afraid of falling again what can we do to stop her falling"
    )
    suggestion = window.side.results.suggestion
    window.search_field.setText(question)
    qtbot.waitUntil(lambda: suggestion.isVisible(), timeout=10_000)
    for scale in (1.0, 3.0):
        window.looks.set_scale(scale)
        QApplication.processEvents()
        text = suggestion.text()
        assert text.startswith("Did you mean:"), text
        assert suggestion.fontMetrics().horizontalAdvance(text) < suggestion.width() - 8
        assert suggestion.toolTip().startswith("Did you mean: my mother is 82")
    assert suggestion.text().endswith("…")  # shortened at 300 %, not cut
    window.looks.set_scale(1.0)
