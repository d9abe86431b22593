"""Saved answers across updates: what the reader kept, and whether it still reads the same.

Bookmarks and visit-sheet answers remember the answer's `revision` and a copy of it when saved
(db.user_store). After a sync or a build this module compares them with the installed content:
`current` (same revision), `changed` (a newer revision is installed) or `withdrawn` (the
publisher withdrew it, or its id is gone). A renamed answer is not guessed: a missing id is
withdrawn. The window and `patient-answers saved` both call these functions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from db.records import Answer
from db.store import ContentStore
from db.user_store import UserStore


class SavedKind(StrEnum):
    """Where the reader kept an answer."""

    BOOKMARK = "bookmark"
    VISIT = "visit"


class SavedStatus(StrEnum):
    """How a saved answer compares with the installed content."""

    CURRENT = "current"
    CHANGED = "changed"
    WITHDRAWN = "withdrawn"


STATUS_LABELS: dict[SavedStatus, str] = {
    SavedStatus.CURRENT: "",
    SavedStatus.CHANGED: "Updated since you saved it",
    SavedStatus.WITHDRAWN: "Withdrawn by the publisher",
}


@dataclass(frozen=True)
class SavedAnswer:
    """One bookmark or visit-sheet answer with its state against the installed content."""

    answer_id: str
    question: str
    kind: SavedKind
    saved_revision: int | None
    current_revision: int | None
    status: SavedStatus
    snapshot: Answer | None

    @property
    def label(self) -> str:
        """The plain words the lists show beside the answer ("" when nothing changed)."""
        return STATUS_LABELS[self.status]

    def to_json(self) -> dict[str, object]:
        """The `saved --json` form."""
        return {
            "id": self.answer_id,
            "question": self.question,
            "kind": str(self.kind),
            "saved_revision": self.saved_revision,
            "current_revision": self.current_revision,
            "status": str(self.status),
        }


def snapshot_json(answer: Answer) -> str:
    """The copy of an answer kept with a bookmark or visit-sheet answer."""
    return json.dumps(answer.to_dict(), ensure_ascii=False, separators=(",", ":"))


def snapshot_answer(text: str | None) -> Answer | None:
    """The kept copy back as an answer (None when absent or unreadable: never an error)."""
    if not text:
        return None
    try:
        data = json.loads(text)
        return Answer.from_dict(data) if isinstance(data, dict) else None
    except (ValueError, TypeError, KeyError):
        return None


def status_of(saved_revision: int | None, current: Answer | None) -> SavedStatus:
    """Compare what was saved with what is installed now."""
    if current is None or current.status != "published":
        return SavedStatus.WITHDRAWN
    if saved_revision is not None and current.revision != saved_revision:
        return SavedStatus.CHANGED
    return SavedStatus.CURRENT


def saved_answers(user: UserStore, content: ContentStore) -> list[SavedAnswer]:
    """Every bookmark, then every visit-sheet answer, with its state."""
    kept: list[tuple[str, str, SavedKind, int | None, str | None]] = [
        (b.answer_id, b.question, SavedKind.BOOKMARK, b.revision, b.snapshot)
        for b in user.bookmarks()
    ]
    kept += [
        (v.answer_id, v.question, SavedKind.VISIT, v.revision, v.snapshot)
        for v in user.visit_answers()
    ]
    current = {a.id: a for a in content.answers([k[0] for k in kept], include_withdrawn=True)}
    result = []
    for answer_id, question, kind, revision, snapshot in kept:
        now = current.get(answer_id)
        result.append(
            SavedAnswer(
                answer_id=answer_id,
                question=now.question if now is not None else question,
                kind=kind,
                saved_revision=revision,
                current_revision=now.revision if now is not None else None,
                status=status_of(revision, now),
                snapshot=snapshot_answer(snapshot),
            )
        )
    return result


def changed_count(saved: list[SavedAnswer]) -> int:
    """How many distinct saved answers changed or were withdrawn (for the status line)."""
    return len({s.answer_id for s in saved if s.status is not SavedStatus.CURRENT})


def changed_message(count: int) -> str:
    """The one status-line sentence after an update ("" when nothing saved changed)."""
    if count <= 0:
        return ""
    if count == 1:
        return "1 of your saved answers changed"
    return f"{count} of your saved answers changed"


def bookmark(user: UserStore, answer: Answer) -> None:
    """Keep an answer with its revision and a copy, for comparing after later updates."""
    user.add_bookmark(
        answer.id, answer.question, revision=answer.revision, snapshot=snapshot_json(answer)
    )


def mark_seen(user: UserStore, answer: Answer) -> int:
    """The reader has read the updated answer: saved places now hold this revision."""
    return user.mark_saved_seen(answer.id, answer.question, answer.revision, snapshot_json(answer))


def saved_states(user: UserStore, content_db: Path) -> dict[str, SavedStatus]:
    """Each saved answer's worst state (withdrawn > changed > current), read from content.db.
    Never fails: content that cannot be read gives no states (the lists just show no label)."""
    from db.store import StoreError

    order = [SavedStatus.CURRENT, SavedStatus.CHANGED, SavedStatus.WITHDRAWN]
    try:
        with ContentStore(content_db, readonly=True) as content:
            entries = saved_answers(user, content)
    except (StoreError, OSError):
        return {}
    states: dict[str, SavedStatus] = {}
    for e in entries:
        if order.index(e.status) > order.index(states.get(e.answer_id, SavedStatus.CURRENT)):
            states[e.answer_id] = e.status
        states.setdefault(e.answer_id, e.status)
    return states


def kept_copy(user: UserStore, answer_id: str) -> tuple[int | None, Answer | None] | None:
    """(saved revision, kept copy) of a bookmark or visit-sheet answer; None if not saved."""
    for b in user.bookmarks():
        if b.answer_id == answer_id:
            return b.revision, snapshot_answer(b.snapshot)
    for v in user.visit_answers():
        if v.answer_id == answer_id:
            return v.revision, snapshot_answer(v.snapshot)
    return None


def update_notice_html(user: UserStore, answer: Answer) -> str:
    """The answer page's note for a saved answer updated since it was kept ("" otherwise):
    what changed, sentence by sentence, and a link to keep this version."""
    import html

    from desktop.core.reader.links import saved_href
    from desktop.core.saved_diff import answer_changes, changes_html

    kept = kept_copy(user, answer.id)
    if kept is None or status_of(kept[0], answer) is not SavedStatus.CHANGED:
        return ""
    changes = changes_html(answer_changes(kept[1], answer)) if kept[1] else ""
    return (
        '<div class="saved-notice"><p><b>Updated since you saved it.</b> The publisher changed '
        f"this answer (you saved revision {html.escape(str(kept[0]))}; this is revision "
        f"{answer.revision}). "
        f'<a href="{saved_href(answer.id)}">I have read the changes</a></p>'
        f"<h2>What changed</h2>{changes}</div>"
    )


def withdrawn_notice_html(snapshot: Answer) -> str:
    """The banner above a withdrawn answer shown in the form the reader kept."""
    from desktop.core.reader.links import search_href

    return (
        '<div class="saved-notice withdrawn"><p><b>Withdrawn by the publisher.</b> This answer '
        "is no longer part of the library; you are reading the copy you saved, which may be out "
        f'of date. <a href="{search_href(snapshot.question)}">Find current answers to this '
        "question</a></p></div>"
    )
