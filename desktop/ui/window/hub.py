"""One app-level object whose typed signals announce changes (STYLE.md point 4).

Panels emit requests (`answer_requested`) and listen for news (`content_did_update`) instead of
reaching into each other. Names follow `noun_did_verb` for news and `noun_requested` for asks.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Hub(QObject):
    """The app's signal hub: one per window session."""

    #: An answer should be shown (id).
    answer_requested = Signal(str)
    #: The answers of a topic should be listed (topic name).
    topic_requested = Signal(str)
    #: A search should run now (text: a recent search or a "Did you mean" link).
    search_requested = Signal(str)
    #: A "What to ask your doctor" question of the answer shown goes on the visit sheet (its
    #: number in the answer).
    visit_question_requested = Signal(int)
    #: New content is installed (content version); views reload, search reopens.
    content_did_update = Signal(int)
    #: Bookmarks were added or removed.
    bookmarks_did_change = Signal()
    #: History or recent searches changed (or were cleared).
    history_did_change = Signal()
    #: The visit sheet gained or lost a question or a note.
    visit_sheet_did_change = Signal()
    #: The colours in use changed ("light" or "dark" after resolving "system").
    theme_did_change = Signal(str)
    #: The search index is ready to use (after a background check or rebuild).
    search_did_become_ready = Signal()
    #: An update check or install failed (one-line reason).
    sync_did_fail = Signal(str)
    #: Private mode was turned on (True) or off (False) during the session.
    private_did_change = Signal(bool)
    #: A kiosk session was ended (button or idle reset): everything in memory was wiped.
    session_did_end = Signal()
