"""Search as you type, results, "Did you mean", topics: real widgets, offscreen."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from pytestqt.qtbot import QtBot

from desktop.core.importers import read_sources
from desktop.core.reader.search import SearchEngine
from desktop.core.resources import sample_content_dir
from desktop.ui.panels.lists import ID_ROLE
from desktop.ui.window.main_window import MainWindow


def _type(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, text)


def _result_ids(window: MainWindow) -> list[str]:
    model = window.side.results.model
    return [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())]


def test_typing_a_query_shows_results(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000):
        _type(qtbot, window, "inhaler")
    qtbot.waitUntil(lambda: "inhaler-technique" in _result_ids(window))
    assert window.side.currentWidget() is window.side.results
    assert "for “inhaler”" in window.side.results.heading.text()
    html = window.side.results.model.index(0, 0).data(Qt.ItemDataRole.UserRole + 2)
    assert "<b" in html  # highlighted snippet
    spoken = window.side.results.model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Topics:" in spoken


def test_searches_run_off_the_ui_thread(qtbot: QtBot, window: MainWindow, monkeypatch) -> None:
    threads: list[bool] = []
    original = SearchEngine.search

    def spy(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread() is threading.main_thread())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SearchEngine, "search", spy)
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000):
        _type(qtbot, window, "asthma")
    assert threads and not any(threads)


def test_fast_typing_is_debounced_to_the_last_text(qtbot: QtBot, window: MainWindow) -> None:
    pages = []
    window.search.results_ready.connect(pages.append)
    _type(qtbot, window, "sleeping pills")
    qtbot.waitUntil(lambda: bool(pages) and pages[-1].query == "sleeping pills", timeout=10_000)
    assert len(pages) < len("sleeping pills")


def test_enter_opens_the_first_result(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000):
        _type(qtbot, window, "inhaler")
    first = _result_ids(window)[0]
    with qtbot.waitSignal(window.answer_shown, timeout=10_000) as shown:
        qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert shown.args == [first]
    assert window.pages.currentWidget() is window.pages.answer_page
    assert window.user_data.store.recent_searches() == ["inhaler"]


def test_enter_before_results_arrive_still_opens_an_answer(
    qtbot: QtBot, window: MainWindow
) -> None:
    with qtbot.waitSignal(window.answer_shown, timeout=10_000) as shown:
        _type(qtbot, window, "folic acid")
        qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert shown.args == ["folic-acid-pregnancy"]


def test_clicking_a_result_opens_that_answer(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000):
        _type(qtbot, window, "asthma")
    qtbot.waitUntil(lambda: len(_result_ids(window)) >= 2)
    view = window.side.results.view
    second = window.side.results.model.index(1, 0)
    rect = view.visualRect(second)
    with qtbot.waitSignal(window.answer_shown, timeout=10_000) as shown:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert shown.args == [second.data(ID_ROLE)]


def test_down_arrow_moves_to_results_and_enter_opens(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000):
        _type(qtbot, window, "asthma")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    view = window.side.results.view
    assert view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    expected = view.currentIndex().data(ID_ROLE)
    with qtbot.waitSignal(window.answer_shown, timeout=10_000) as shown:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert shown.args == [expected]


def test_did_you_mean_offers_and_runs_the_spelling(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000):
        _type(qtbot, window, "diabetis")
    button = window.side.results.suggestion
    assert button.isVisible() and "diabetes" in button.text()
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.search_field.text() == "diabetes"
    assert not button.isVisible()


def test_nothing_found_says_so_plainly(qtbot: QtBot, window: MainWindow) -> None:
    heading = window.side.results.heading
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000):
        _type(qtbot, window, "zzqqxx")
    # while the word may still be unfinished, nothing found is "not yet" ...
    assert window.side.results.model.rowCount() == 0
    assert "keep typing" in heading.text() and "No answers found" not in heading.text()
    # ... and once typing pauses, the whole word's search says plainly that there is none
    qtbot.waitUntil(lambda: "No answers found" in heading.text(), timeout=10_000)
    assert window.side.results.model.rowCount() == 0


def test_a_first_letter_is_not_reported_as_nothing_found(qtbot: QtBot, window: MainWindow) -> None:
    heading = window.side.results.heading
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000):
        _type(qtbot, window, "h")
    assert heading.text().startswith("Nothing yet for “h”")
    # a screen reader reads the heading itself, not a fixed name in its place
    spoken = QAccessible.queryAccessibleInterface(heading)
    assert spoken is not None and spoken.text(QAccessible.Text.Name) == heading.text()
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000):
        _type(qtbot, window, "e")  # "he": heart, health ... as the word goes on
    assert window.side.results.model.rowCount() > 0
    assert "heart-attack-symptoms" in _result_ids(window)


def test_topics_list_counts_and_lists_a_topics_answers(qtbot: QtBot, window: MainWindow) -> None:
    topics = window.side.topics
    # Every topic of the sample answers (their number grows with the content).
    expected = len({t for a in read_sources([sample_content_dir()]).answers for t in a.topics})
    qtbot.waitUntil(lambda: topics.model.rowCount() == expected)  # filled just after first paint
    window.actions_.show_topics.trigger()
    assert topics.filter.hasFocus()
    qtbot.keyClicks(topics.filter, "asth")
    assert topics.model.rowCount() == 1
    assert topics.model.index(0, 0).data() == "Asthma & COPD (3 answers)"
    qtbot.keyClick(topics.filter, Qt.Key.Key_Return)
    assert topics.view.hasFocus()
    qtbot.keyClick(topics.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "about “Asthma & COPD”" in window.side.results.heading.text())
    assert "asthma-in-children" in _result_ids(window)


def test_question_words_alone_wait_for_the_pause(qtbot: QtBot, window: MainWindow) -> None:
    """ "What is the" lists nothing while typing goes on (it says so), then, once typing
    pauses, what the `search` command lists for it: not a list of every answer at every key."""
    heading = window.side.results.heading
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000):
        _type(qtbot, window, "What is the")
    assert window.side.results.model.rowCount() == 0
    assert heading.text().startswith("Nothing yet for “What is the”")
    qtbot.waitUntil(lambda: window.side.results.model.rowCount() > 0, timeout=10_000)
    page = window.search.last_page
    assert page is not None and page.whole_words and not page.unfinished
    assert "keep typing" not in heading.text()
