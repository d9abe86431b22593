"""Every command of the window as a QAction, with its menu place and shortcut."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

Key = QKeySequence.StandardKey


@dataclass
class Actions:
    """The window's actions (attributes so tests and other code can trigger them)."""

    back: QAction
    forward: QAction
    home: QAction
    focus_search: QAction
    bookmark: QAction
    add_all_to_sheet: QAction
    visit_sheet: QAction
    read_aloud: QAction
    stop_reading: QAction
    find: QAction
    print_: QAction
    export_pdf: QAction
    export_saved: QAction
    import_saved: QAction
    bigger: QAction
    smaller: QAction
    reset_size: QAction
    theme_system: QAction
    theme_light: QAction
    theme_dark: QAction
    prefer_easier: QAction
    show_results: QAction
    show_topics: QAction
    show_bookmarks: QAction
    show_history: QAction
    next_pane: QAction
    clear_history: QAction
    check_updates: QAction
    about: QAction
    private_mode: QAction
    end_session: QAction
    quit: QAction


def _action(
    window: QMainWindow,
    text: str,
    tip: str,
    *shortcuts: QKeySequence | str | Key,
    checkable: bool = False,
) -> QAction:
    action = QAction(text, window)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    keys: list[QKeySequence] = []
    for shortcut in shortcuts:
        sequences = (
            QKeySequence.keyBindings(shortcut)
            if isinstance(shortcut, Key)
            else [QKeySequence(shortcut)]
        )
        keys += [k for k in sequences if not k.isEmpty() and k not in keys]  # no duplicates
    if keys:
        action.setShortcuts(keys)
        action.setToolTip(f"{tip} ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})")
    action.setCheckable(checkable)
    window.addAction(action)  # shortcuts work wherever focus is
    return action


def build_actions(window: QMainWindow) -> Actions:
    """Create the actions and the menu bar."""
    a = Actions(
        back=_action(window, "&Back", "Go back to the page you saw before", Key.Back),
        forward=_action(window, "&Forward", "Go forward again", Key.Forward),
        home=_action(window, "&Start page", "Go to the start page", "Alt+Home"),
        focus_search=_action(window, "&Search", "Go to the search box", "Ctrl+K", "Ctrl+L"),
        bookmark=_action(
            window, "&Bookmark", "Keep this answer in your bookmarks", "Ctrl+D", checkable=True
        ),
        add_all_to_sheet=_action(
            window,
            "Add all its &questions to the visit sheet",
            "Add every “What to ask your doctor” question of this answer",
        ),
        visit_sheet=_action(window, "&Visit sheet", "Open your visit sheet", "Ctrl+Shift+V"),
        read_aloud=_action(
            window, "Read &aloud", "Read this answer or the visit sheet aloud", "Ctrl+Shift+R"
        ),
        stop_reading=_action(window, "&Stop reading", "Stop reading aloud", "Ctrl+Shift+X"),
        find=_action(window, "&Find in this answer…", "Find a word in this answer", Key.Find),
        print_=_action(window, "&Print…", "Print this page", Key.Print),
        export_pdf=_action(window, "Save as P&DF…", "Save this page as a PDF file", "Ctrl+Shift+E"),
        export_saved=_action(
            window, "&Export saved answers…", "Back up bookmarks and the visit sheet to a file"
        ),
        import_saved=_action(
            window,
            "&Import saved answers…",
            "Add bookmarks and visit sheet questions from a backup",
        ),
        bigger=_action(
            window, "&Larger text", "Make the text larger", "Ctrl+=", "Ctrl++", Key.ZoomIn
        ),
        smaller=_action(window, "S&maller text", "Make the text smaller", "Ctrl+-", Key.ZoomOut),
        reset_size=_action(window, "&Normal text size", "Go back to 100 % text", "Ctrl+0"),
        theme_system=_action(
            window, "Same as my &computer", "Light or dark, as your computer is set", checkable=True
        ),
        theme_light=_action(window, "&Light", "Dark text on a light background", checkable=True),
        theme_dark=_action(window, "&Dark", "Light text on a dark background", checkable=True),
        prefer_easier=_action(
            window,
            "Prefer &easier answers",
            "Among equally relevant answers, show the easier to read first",
            checkable=True,
        ),
        show_results=_action(window, "&Results", "Show the search results", "Ctrl+1"),
        show_topics=_action(window, "&Topics", "Browse answers by topic", "Ctrl+2"),
        show_bookmarks=_action(window, "B&ookmarks", "Show your bookmarks", "Ctrl+3"),
        show_history=_action(window, "&History", "Show the answers you opened", "Ctrl+4"),
        next_pane=_action(
            window, "Next &area", "Move between the search box, the list and the page", "F6"
        ),
        clear_history=_action(
            window, "&Clear history…", "Forget the answers you opened and the searches you made"
        ),
        check_updates=_action(window, "Check for &updates now", "Updates are not set up yet"),
        about=_action(window, "&About Patient Answers", "Versions, licences and sources"),
        private_mode=_action(
            window,
            "&Private mode",
            "Save nothing from now on: no history, bookmarks, visit sheet or settings",
            "Ctrl+Shift+P",
            checkable=True,
        ),
        end_session=_action(
            window, "&End session", "Clear everything you looked at and go back to the start"
        ),
        quit=_action(window, "&Quit", "Close Patient Answers", Key.Quit, "Ctrl+Q"),
    )
    a.back.setIconText("← Back")  # the toolbar shows words, readable in both themes
    a.forward.setIconText("Forward →")
    a.check_updates.setEnabled(False)
    a.end_session.setVisible(False)  # kiosk mode shows it
    group = QActionGroup(window)
    for action in (a.theme_system, a.theme_light, a.theme_dark):
        group.addAction(action)

    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([a.print_, a.export_pdf])
    file_menu.addSeparator()
    file_menu.addActions([a.export_saved, a.import_saved])
    file_menu.addSeparator()
    file_menu.addActions([a.private_mode, a.end_session])
    file_menu.addSeparator()
    file_menu.addAction(a.quit)
    view = bar.addMenu("&View")
    view.addActions([a.bigger, a.smaller, a.reset_size])
    view.addSeparator()
    colours: QMenu = view.addMenu("&Colours")
    colours.addActions([a.theme_system, a.theme_light, a.theme_dark])
    view.addAction(a.prefer_easier)
    view.addSeparator()
    view.addAction(a.find)
    go = bar.addMenu("&Go")
    go.addActions([a.back, a.forward, a.home, a.focus_search])
    go.addSeparator()
    go.addActions(
        [
            a.show_results,
            a.show_topics,
            a.show_bookmarks,
            a.show_history,
            a.visit_sheet,
            a.next_pane,
        ]
    )
    go.addSeparator()
    go.addAction(a.clear_history)
    answer = bar.addMenu("&Answer")
    answer.addActions([a.bookmark, a.add_all_to_sheet])
    answer.addSeparator()
    answer.addActions([a.read_aloud, a.stop_reading])
    help_menu = bar.addMenu("&Help")
    help_menu.addActions([a.check_updates, a.about])
    return a
