"""F6 moves the keyboard between the window's three areas: search box, list, page."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from desktop.ui.panels.pages import PageStack
from desktop.ui.panels.side_panel import SidePanel


def focus_next_area(search_field: QLineEdit, side: SidePanel, pages: PageStack) -> None:
    """Search box -> the list of the tab shown -> the page shown -> search box."""
    panel = side.currentWidget()
    page = pages.currentWidget()
    answer = pages.made_answer_page()
    candidates = [
        search_field,
        getattr(panel, "view", panel),
        answer.view if answer is not None and page is answer else page,
    ]
    areas: list[QWidget] = [w for w in candidates if isinstance(w, QWidget)]
    focus = QApplication.focusWidget()
    current = next(
        (
            i
            for i, w in enumerate(areas)
            if focus is not None and (focus is w or w.isAncestorOf(focus))
        ),
        -1,
    )
    areas[(current + 1) % len(areas)].setFocus()
