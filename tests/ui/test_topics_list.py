"""The Topics list on a large library: rows come in batches, the filter reads every topic."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.records import TopicCount
from desktop.ui.panels.lists import ID_ROLE
from desktop.ui.panels.topics_list import TOPICS_BATCH, TopicsPanel


def _panel(qtbot: QtBot, count: int) -> TopicsPanel:
    panel = TopicsPanel()
    qtbot.addWidget(panel)
    panel.resize(320, 600)
    panel.show()
    # named like MedQuAD's subjects: most short, some long enough to wrap
    long = " with a long subtitle that wraps"
    names = [f"Topic {n:05d}" + (long if n % 7 == 0 else "") for n in range(count)]
    topics = [TopicCount(name, n % 9 + 1) for n, name in enumerate(names)]
    topics[-1] = TopicCount("Zellweger spectrum disorder", 3)
    panel.set_topics(topics)
    return panel


def test_a_large_list_shows_its_first_batch_and_the_rest_on_scrolling(qtbot: QtBot) -> None:
    total = TOPICS_BATCH * 2 + 50
    panel = _panel(qtbot, total)
    model = panel.model
    assert model.rowCount() == TOPICS_BATCH  # not all 450 measured before the list paints
    assert f"{total:,} topics" in panel.view.accessibleDescription()
    bar = panel.view.verticalScrollBar()
    laid_out = 0
    while model.rowCount() < total:  # scrolling to the end fetches the next batch
        before = model.rowCount()
        qtbot.waitUntil(lambda m=laid_out: bar.maximum() > m)  # type: ignore[misc]
        laid_out = bar.maximum()  # the rows so far are laid out: the end is reachable
        bar.setValue(laid_out)
        qtbot.waitUntil(lambda b=before: model.rowCount() > b, timeout=5_000)  # type: ignore[misc]
    assert model.rowCount() == total
    assert model.index(total - 1, 0).data() == "Zellweger spectrum disorder (3 answers)"


def test_the_filter_finds_topics_not_yet_shown(qtbot: QtBot) -> None:
    panel = _panel(qtbot, TOPICS_BATCH * 3)
    qtbot.keyClicks(panel.filter, "ZELLWEGER")  # beyond the first batch, any case
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 0).data() == "Zellweger spectrum disorder (3 answers)"
    assert "1 topic." in panel.view.accessibleDescription()
    panel.filter.clear()
    assert panel.model.rowCount() == TOPICS_BATCH


def test_enter_in_the_filter_goes_to_the_first_match(qtbot: QtBot) -> None:
    panel = _panel(qtbot, 30)
    chosen: list[str] = []
    panel.topic_chosen.connect(chosen.append)
    qtbot.keyClicks(panel.filter, "00012")
    qtbot.keyClick(panel.filter, Qt.Key.Key_Return)
    assert panel.view.currentIndex().row() == 0
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert chosen == ["Topic 00012"]


def test_topics_that_start_with_the_filter_come_first(qtbot: QtBot) -> None:
    panel = TopicsPanel()
    qtbot.addWidget(panel)
    names = ["4 steps to manage your diabetes", "Brittle diabetes", "Diabetes", "Prediabetes"]
    panel.set_topics([TopicCount(name, 1) for name in names + ["Diabetes insipidus"]])
    qtbot.keyClicks(panel.filter, "diab")
    shown = [panel.model.index(r, 0).data(ID_ROLE) for r in range(panel.model.rowCount())]
    assert shown == [
        "Diabetes",
        "Diabetes insipidus",
        "4 steps to manage your diabetes",
        "Brittle diabetes",
        "Prediabetes",
    ]


def test_end_and_a_typed_letter_reach_topics_beyond_the_first_batch(qtbot: QtBot) -> None:
    panel = _panel(qtbot, TOPICS_BATCH * 3)
    view = panel.view
    view.setFocus()
    view.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.currentIndex().data(ID_ROLE) == "Zellweger spectrum disorder"
    # and the list follows it down while the added rows are laid out
    in_view = view.viewport().rect().intersects
    qtbot.waitUntil(lambda: in_view(view.visualRect(view.currentIndex())), timeout=5_000)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    qtbot.keyClicks(view, "z")  # the list's own type-to-jump, over every topic
    assert view.currentIndex().data(ID_ROLE) == "Zellweger spectrum disorder"
