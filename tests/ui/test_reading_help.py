"""Reading help in the window: marked terms with definitions, reading levels on cards and pages."""

from __future__ import annotations

from PySide6.QtCore import QUrl

from db.store import ContentStore
from desktop.core.reading_level import levels_for


def _open(qtbot, window, answer_id: str) -> None:
    window.navigation.open_answer(answer_id)
    qtbot.waitUntil(lambda: window.pages.answer_page.answer_id == answer_id)


def test_terms_are_marked_and_explained(qtbot, make_window) -> None:
    window = make_window()
    _open(qtbot, window, "psma-car-t-barriers")
    page = window.pages.answer_page
    html = page.view.toHtml()
    assert "pa-term:immunotherapy" in html
    entry = page.term("immunotherapy")
    assert entry is not None and entry.definition
    # A click (or Enter on a focused term) opens the definition under the answer.
    page.view.anchorClicked.emit(QUrl("pa-term:immunotherapy"))
    panel = page.references
    assert panel.isVisible() and panel.close_button.text() == "Close definition"
    text = panel.text.toPlainText()
    assert entry.definition in text and f"Source: {entry.source}" in text
    # Hovering or Tab-focusing a term shows the definition at once.
    from PySide6.QtWidgets import QToolTip

    page.view.highlighted.emit(QUrl("pa-term:immunotherapy"))
    qtbot.waitUntil(QToolTip.isVisible)
    assert entry.definition in QToolTip.text()


def test_reading_levels_on_the_page_and_the_result_cards(qtbot, make_window) -> None:
    window = make_window()
    with ContentStore(window.data_dir.content_db, readonly=True) as store:
        level = levels_for(store, ["fever-in-children"])["fever-in-children"]
    _open(qtbot, window, "fever-in-children")
    assert level.label in window.pages.answer_page.view.toPlainText()
    window.search_field.setText("fever")
    model = window.side.results.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10_000)
    rows = model.rows
    assert all(r.reading in {"Easy to read", "Average", "Harder to read"} for r in rows)
    from PySide6.QtCore import Qt

    first = model.index(0, 0)
    assert "Flesch-Kincaid" in model.data(first, Qt.ItemDataRole.ToolTipRole)
    assert rows[0].reading in model.data(first, Qt.ItemDataRole.AccessibleTextRole)


def test_prefer_easier_answers_is_a_remembered_view_setting(qtbot, make_window) -> None:
    window = make_window()
    action = window.actions_.prefer_easier
    assert action.isCheckable() and not action.isChecked()  # off by default
    view_menu = window.menuBar().actions()[1].menu()
    assert action in view_menu.actions()
    action.setChecked(True)
    assert window.search.engine.prefer_easier is True
    again = make_window()  # a restart keeps the choice
    assert again.actions_.prefer_easier.isChecked() and again.search.engine.prefer_easier
