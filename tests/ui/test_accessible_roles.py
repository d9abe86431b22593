"""What a screen reader is told (issue 15): the side panel's tabs are page tabs in a page tab
list, and every control of the window has a name. Read through QAccessible, the same
interfaces Qt's AT-SPI bridge serves, so it runs without an accessibility bus."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QAccessible, QAccessibleInterface
from pytestqt.qtbot import QtBot

from desktop.ui.window.main_window import MainWindow

Role = QAccessible.Role
TAB_NAMES = ("Results", "Topics", "Bookmarks", "History")
#: Roles a reader presses or types into: each must have a name.
CONTROLS = {
    Role.PushButton,
    Role.CheckBox,
    Role.RadioButton,
    Role.ComboBox,
    Role.EditableText,
    Role.PageTab,
    Role.List,
    Role.ButtonMenu,
    Role.ButtonDropDown,
    Role.SpinBox,
    Role.Slider,
}


def _walk(
    iface: QAccessibleInterface, parent: QAccessibleInterface | None = None, depth: int = 0
) -> Iterator[tuple[QAccessibleInterface, QAccessibleInterface | None]]:
    """Every interface under `iface` that is on screen, with its parent."""
    if depth > 40 or not iface.isValid() or iface.state().invisible:
        return
    yield iface, parent
    for i in range(iface.childCount()):
        child = iface.child(i)
        if child is not None:
            yield from _walk(child, iface, depth + 1)


def _tree(window: MainWindow) -> list[tuple[QAccessibleInterface, QAccessibleInterface | None]]:
    root = QAccessible.queryAccessibleInterface(window)
    assert root is not None
    return list(_walk(root))


def _name(iface: QAccessibleInterface) -> str:
    return iface.text(QAccessible.Text.Name).strip()


def test_side_panel_tabs_are_page_tabs_with_their_names(qtbot: QtBot, window: MainWindow) -> None:
    tree = _tree(window)
    tab_like = {Role.PageTab, Role.CheckBox, Role.PushButton, Role.RadioButton}
    tabs = [
        (iface, parent)
        for iface, parent in tree
        if iface.role() in tab_like and _name(iface).removesuffix(" tab") in TAB_NAMES
    ]
    assert [_name(i).removesuffix(" tab") for i, _ in tabs] == list(TAB_NAMES)
    for iface, parent in tabs:
        assert iface.role() == Role.PageTab, (_name(iface), iface.role())
        assert parent is not None and parent.role() == Role.PageTabList
        assert iface.text(QAccessible.Text.Description)  # "Search results (Ctrl+1)" ...
    # the tab shown is the one selected
    window.side.setCurrentWidget(window.side.bookmarks)
    selected = [
        _name(i) for i, _ in _tree(window) if i.role() == Role.PageTab and i.state().selected
    ]
    assert selected == ["Bookmarks"]
    window.side.setCurrentWidget(window.side.results)


def test_every_control_of_the_window_is_named_and_none_is_a_check_box_but_bookmark(
    qtbot: QtBot, window: MainWindow, ui
) -> None:  # type: ignore[no-untyped-def]
    ui.open_answer(window, "psma-car-t-barriers")  # every toolbar button enabled
    for panel in (window.side.results, window.side.topics, window.side.history):
        window.side.setCurrentWidget(panel)
        tree = _tree(window)
        unnamed = [
            (iface.role(), iface.object())
            for iface, _ in tree
            if iface.role() in CONTROLS and not _name(iface)
        ]
        assert not unnamed, unnamed
        # a check box says "checked / not checked": only Bookmark is one (this answer is
        # bookmarked or not); tabs and buttons are not
        boxes = [_name(i) for i, _ in tree if i.role() == Role.CheckBox]
        assert set(boxes) <= {"Bookmark", "Private mode"}, boxes
    window.side.setCurrentWidget(window.side.results)


def _spoken(widget: object) -> str:
    face = QAccessible.queryAccessibleInterface(widget)  # type: ignore[arg-type]
    assert face is not None
    return face.text(QAccessible.Text.Name)


def test_labels_that_show_a_value_are_read_with_it(qtbot: QtBot, window: MainWindow) -> None:
    """A label's accessible name is all a screen reader gets of it: a fixed name ("Time
    left", "Number of answers") hid the value it shows."""
    from desktop.core.sync.apply import Change
    from desktop.ui.dialogs.changes import ChangesDialog
    from desktop.ui.workstation.kiosk_dialogs import CountdownDialog, PinDialog

    status = window.status_area
    qtbot.waitUntil(lambda: "answers" in status.count_label.text())
    status.set_update_status("Checking for updates…")
    for label in (status.count_label, status.content_label, status.update_label):
        assert _spoken(label) == label.text() != ""
    countdown = CountdownDialog(30)
    qtbot.addWidget(countdown)
    countdown.start()
    assert "30" in _spoken(countdown.message) and countdown.accessibleName()
    pin = PinDialog(lambda _pin: False)
    qtbot.addWidget(pin)
    pin.field.setText("0000")
    assert not pin.try_pin()
    assert _spoken(pin.problem) == pin.problem.text() != ""
    changes = ChangesDialog(1, [Change("a", "What is asthma?", "updated")], "Today")
    qtbot.addWidget(changes)
    assert _spoken(changes.heading) == changes.heading.text() != ""
