"""The visit sheet's geometry (issue 15): the scroll body ends after its last item, and
nothing on the sheet is drawn over anything else, at 100 % and 300 % text, after reloads."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from db.user_store import VisitAnswer
from desktop.ui.panels.visit_sheet import VisitSheetPage
from desktop.ui.theme import scale_interface
from desktop.ui.window.main_window import MainWindow


@pytest.fixture(autouse=True)
def _normal_interface() -> Iterator[None]:
    """The app outlives a test: start and end at 100 %."""
    scale_interface(1.0)
    yield
    scale_interface(1.0)


def _fill(window: MainWindow, ui) -> VisitSheetPage:  # type: ignore[no-untyped-def]
    """Two questions from two answers, the sheet shown."""
    for answer_id in ("falls-prevention", "psma-car-t-barriers"):
        ui.open_answer(window, answer_id)
        a = window.pages.answer_page.loaded.answer
        assert a is not None
        window.user_data.store.add_visit_item(
            VisitAnswer(a.id, a.question, a.reviewed, a.references), a.asks[0]
        )
    window.hub.visit_sheet_did_change.emit()
    window.navigation.show_visit_sheet()
    return window.pages.visit_page


def _settled(page: VisitSheetPage) -> None:
    QApplication.processEvents()  # layout requests and the scroll area's resize
    QApplication.processEvents()
    page.body_layout.activate()


def _in(widget: QWidget, ancestor: QWidget) -> QRect:
    """A widget's rectangle in an ancestor's coordinates."""
    return QRect(widget.mapTo(ancestor, widget.rect().topLeft()), widget.size())


def _shown_children(parent: QWidget) -> list[QWidget]:
    return [
        c
        for c in parent.children()
        if isinstance(c, QWidget) and c.isVisibleTo(parent) and not c.isWindow()
    ]


def test_the_sheet_ends_after_its_last_item(qtbot: QtBot, window: MainWindow, ui) -> None:  # type: ignore[no-untyped-def]
    page = _fill(window, ui)
    for scale, width in ((1.0, 1200), (1.0, 1600), (3.0, 1200), (1.0, 900), (1.0, 2400)):
        window.looks.set_scale(scale)
        window.resize(width, 800)
        _settled(page)
        body = page.body
        last = max(w.geometry().bottom() for w in _shown_children(body))
        margins = page.body_layout.contentsMargins().bottom() + page.body_layout.spacing()
        viewport = page.scroll_area.viewport().height()
        in_sheet = body.mapTo(page.sheet, body.rect().topLeft()).y() + last
        assert body.height() - last <= max(margins + 2, viewport - in_sheet), (scale, width)
        # and nothing is cut: the body holds all of it, the scrolled sheet holds the body
        assert last < body.height()
        assert _in(body, page.sheet).bottom() <= page.sheet.height()
        assert page.sheet.height() - _in(body, page.sheet).bottom() <= 24 or (
            page.sheet.height() == viewport
        )


def test_at_300_percent_a_take_home_code_can_be_scrolled_wholly_into_sight(
    qtbot: QtBot, window: MainWindow, ui
) -> None:  # type: ignore[no-untyped-def]
    """A phone reads a code only when all of it is on screen: the sheet's title and
    introduction scroll with it, so at 300 % they no longer leave a strip too low for it."""
    page = _fill(window, ui)
    window.looks.set_scale(3.0)
    window.resize(1200, 800)
    _settled(page)
    codes = page.take_home_widget
    pictures = [c for c in _shown_children(codes) if c.accessibleName().startswith("Take")]
    assert pictures
    viewport = page.scroll_area.viewport()
    for picture in pictures:
        assert picture.height() <= viewport.height(), (picture.height(), viewport.height())
        page.scroll_area.ensureWidgetVisible(picture, 0, 0)
        QApplication.processEvents()
        assert viewport.rect().contains(_in(picture, viewport))


def test_nothing_on_the_sheet_overlaps_at_any_text_size(
    qtbot: QtBot, window: MainWindow, ui
) -> None:  # type: ignore[no-untyped-def]
    page = _fill(window, ui)
    for scale in (1.0, 3.0, 1.5, 3.0):  # every change of size rebuilds the sheet
        window.looks.set_scale(scale)
        _settled(page)
        # the sheet's title, introduction, buttons and body, and the rows in it: one under another
        for parent in (page.sheet, page.body):
            rects = [_in(w, parent) for w in _shown_children(parent)]
            for i, a in enumerate(rects):
                for b in rects[i + 1 :]:
                    assert not a.intersects(b), (scale, parent, a, b)
        # nothing of an earlier build is left on the body (it would be drawn over the top)
        in_layout = {page.body_layout.itemAt(i).widget() for i in range(page.body_layout.count())}
        assert set(_shown_children(page.body)) <= in_layout
        # each QR code's caption under its code, inside the body, below the sheet's title
        codes = page.take_home_widget
        pictures = [c for c in _shown_children(codes) if c.accessibleName().startswith("Take")]
        captions = [c for c in _shown_children(codes) if c not in pictures]
        assert pictures and len(captions) == len(pictures)
        for picture, caption in zip(pictures, captions, strict=True):
            assert caption.geometry().top() >= picture.geometry().bottom(), scale
        title = _in(page.title, window)
        for caption in captions:
            assert not _in(caption, window).intersects(title), scale
