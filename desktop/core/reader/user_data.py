"""The reader's own data for one window session: which UserStore is in use right now.

Private mode swaps the store for an in-memory copy (nothing reaches the disk from then on);
turning it off goes back to user.db; a kiosk's "End session" starts from an empty memory
store. Everyone who reads bookmarks, history or the visit sheet asks `UserData.store` each
time, so a swap is seen everywhere at once. The lines the lists show are made here too, so
that the window and the command line word them the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from db.user_store import UserStore, UserStoreError
from desktop.core.reader.dates import day_text

#: (answer id, question, detail line) of one row of the bookmarks or history list.
ListRow = tuple[str, str, str]
#: A bookmark's detail line when nothing is kept (private mode, kiosk).
NOT_KEPT = "Not saved: only for this session"


class UserData:
    """The store in use, and the user.db store kept open to go back to."""

    def __init__(self, store: UserStore, user_db: Path) -> None:
        self.store = store
        self.user_db = user_db
        self._disk: UserStore | None = None if store.in_memory else store
        #: answer id -> (id, publisher) of the grouped search result it was listed in, best
        #: first (search fills it, never saved): its page links to the other publishers.
        self.groups: dict[str, tuple[tuple[str, str], ...]] = {}

    def go_private(self) -> None:
        """From now on write only to memory (starting from what the reader has now)."""
        self._use(self.store.private_copy())

    def go_back_to_disk(self) -> bool:
        """Write to user.db again; False (and nothing changes) when it cannot be opened."""
        if self._disk is None:
            try:
                self._disk = UserStore(self.user_db)
            except UserStoreError:
                return False
        self._use(self._disk)
        return True

    def start_afresh(self) -> None:
        """An empty memory store (a kiosk's next reader sees nothing of the last one)."""
        self._use(UserStore.private())

    def _use(self, store: UserStore) -> None:
        old, self.store = self.store, store
        if old is not self._disk and old is not store:
            old.close()

    def close(self) -> None:
        """Close every store (at exit)."""
        for store in {id(s): s for s in (self.store, self._disk) if s}.values():
            store.close()

    # ------------------------------------------------------------- list rows
    def bookmark_rows(self, states: Mapping[str, str] | None = None) -> list[ListRow]:
        """The bookmarks list: newest first, with the day each was kept (in memory, as in
        private mode, nothing is kept, and the line says so), and "Updated since you saved
        it" or "Withdrawn by the publisher" where `states` (answer id -> label) says so."""
        in_memory = self.store.in_memory
        states = states or {}
        rows = []
        for b in self.store.bookmarks():
            detail = NOT_KEPT if in_memory else f"Kept on {day_text(b.added_at)}"
            if states.get(b.answer_id):
                detail = f"{states[b.answer_id]} · {detail}"
            rows.append((b.answer_id, b.question, detail))
        return rows

    def history_rows(self) -> list[ListRow]:
        """The history list: the answers opened, newest first."""
        return [
            (h.answer_id, h.question, f"Opened {day_text(h.viewed_at)}")
            for h in self.store.history()
        ]

    def sheet_texts(self, answer_id: str) -> set[str]:
        """The questions of one answer already on the visit sheet."""
        return {i.text for i in self.store.visit_items() if i.answer_id == answer_id}
