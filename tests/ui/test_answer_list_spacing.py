"""Nested lists keep an even rhythm on the answer page in both themes and at every text size.

Qt puts a list's bottom margin under the line of the list's LAST top-level item; when that
item holds a sub-list, a list margin wider than an item's pushed that sub-list down (the
restored MedQuAD lists made it common). Measured in the laid-out document of the real view.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.render import body_html
from desktop.ui.panels.document_view import DocumentView

MARKDOWN = (
    "Intro paragraph.\n\nA second paragraph.\n\n"
    "- first point with\n    - one\n    - two\n"
    "- second point with\n    - three\n    - four\n\n"
    "After the list.\n\n"
    "- plain item\n- last plain item\n\nAfter a plain list.\n"
)


def _gaps(view: DocumentView) -> dict[str, float]:
    """Space between blocks, by the text of the block below it."""
    document = view.document()
    layout = document.documentLayout()
    assert layout.documentSize().height() > 0  # laid out
    gaps: dict[str, float] = {}
    block = document.begin()
    previous = None
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        if previous is not None:
            gaps[block.text()] = rect.top() - previous.bottom()
        previous = rect
        block = block.next()
    return gaps


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("scale", [1.0, 3.0])
def test_every_sub_list_sits_the_same_distance_below_its_item(
    qtbot: QtBot, theme: str, scale: float
) -> None:
    view = DocumentView("Answer", "test")
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.set_look(theme, scale)
    view.set_page(body_html(MARKDOWN))
    view.show()
    qtbot.waitExposed(view)
    gaps = _gaps(view)
    # the last top-level item's sub-list sits like the first's
    assert gaps["three"] == pytest.approx(gaps["one"], abs=0.5)
    # and a list, whether it ends with a sub-list or not, is followed like a paragraph
    paragraph = gaps["A second paragraph."]
    assert gaps["After the list."] == pytest.approx(paragraph, abs=0.5)
    assert gaps["After a plain list."] == pytest.approx(paragraph, abs=0.5)
    # items stay closer together than paragraphs
    assert gaps["two"] < paragraph
