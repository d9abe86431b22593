"""Back up and restore what a reader saved: bookmarks, the visit sheet and its notes.

The file is JSON (documented in the README, "Saved answers"):

    {"format": "patient-answers-saved", "format_version": 1, "app_version": "...",
     "exported_at": "2026-12-03T10:00:00+00:00",
     "bookmarks": [{"id", "question", "added_at", "revision", "snapshot"}],
     "visit_sheet": {"answers": [{"id", "question", "reviewed", "references", "revision",
                                  "snapshot"}],
                     "items": [{"answer_id", "text", "note", "added_at"}],
                     "note": "..."}}

`snapshot` is the answer as it was saved (the JSON Lines answer form), or null. Import checks
the whole file before writing anything, then merges in one transaction: what is already saved
wins and nothing is removed. A file that is not ours, or is damaged, changes nothing.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from db.records import ID_PATTERN, Reference
from db.user_merge import merge_saved
from db.user_store import Bookmark, UserStore, VisitAnswer, VisitItem

FORMAT = "patient-answers-saved"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 10_000


class BackupError(Exception):
    """A backup that cannot be written or read, with a one-line reason."""


@dataclass(frozen=True)
class ImportResult:
    """What an import added."""

    bookmarks_added: int
    questions_added: int


def export_saved(user: UserStore, path: Path, app_version: str) -> dict[str, int]:
    """Write every bookmark and the visit sheet to `path` (atomically); counts written."""
    bookmarks = user.bookmarks()
    answers = user.visit_answers()
    items = user.visit_items()
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app_version,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "bookmarks": [
            {
                "id": b.answer_id,
                "question": b.question,
                "added_at": b.added_at,
                "revision": b.revision,
                "snapshot": _decoded(b.snapshot),
            }
            for b in bookmarks
        ],
        "visit_sheet": {
            "answers": [
                {
                    "id": a.answer_id,
                    "question": a.question,
                    "reviewed": a.reviewed,
                    "references": [
                        {k: v for k, v in vars(r).items() if v is not None} for r in a.references
                    ],
                    "revision": a.revision,
                    "snapshot": _decoded(a.snapshot),
                }
                for a in answers
            ],
            "items": [
                {"answer_id": i.answer_id, "text": i.text, "note": i.note, "added_at": i.added_at}
                for i in items
            ],
            "note": user.visit_note(),
        },
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".saved-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise BackupError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return {"bookmarks": len(bookmarks), "questions": len(items)}


def _decoded(snapshot: str | None) -> object:
    if not snapshot:
        return None
    try:
        return json.loads(snapshot)
    except ValueError:
        return None


def import_saved(user: UserStore, path: Path) -> ImportResult:
    """Merge a backup made by `export_saved`; refuse anything else with a one-line reason."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise BackupError(f"{path} is too large to be a saved-answers backup")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise BackupError(f"{path} is not a saved-answers backup (not text)") from exc
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise BackupError(f"{path} is not a saved-answers backup (not valid JSON)") from exc
    bookmarks, answers, items, note = _parse(data, path)
    added = merge_saved(user, bookmarks, answers, items, note)
    return ImportResult(*added)


def _parse(
    data: object, path: Path
) -> tuple[list[Bookmark], list[VisitAnswer], list[VisitItem], str]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(f"{path} is not a Patient Answers saved-answers backup")
    if data.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} was made by a newer version of Patient Answers "
            f"(format {data.get('format_version')!r}); update the app to import it"
        )
    try:
        sheet = _dict(data.get("visit_sheet", {}), "visit_sheet")
        raw_bookmarks = _list(data.get("bookmarks", []), "bookmarks")
        raw_answers = _list(sheet.get("answers", []), "visit_sheet.answers")
        raw_items = _list(sheet.get("items", []), "visit_sheet.items")
        bookmarks = [
            Bookmark(
                _id(b.get("id")),
                _text(b.get("question"), "question"),
                _text(b.get("added_at"), "added_at"),
                _revision(b.get("revision")),
                _snapshot(b.get("snapshot")),
            )
            for b in (_dict(x, "bookmark") for x in raw_bookmarks)
        ]
        answers = [
            VisitAnswer(
                _id(a.get("id")),
                _text(a.get("question"), "question"),
                _optional_text(a.get("reviewed")),
                tuple(_reference(r) for r in _list(a.get("references", []), "references")),
                _revision(a.get("revision")),
                _snapshot(a.get("snapshot")),
            )
            for a in (_dict(x, "visit answer") for x in raw_answers)
        ]
        known = {a.answer_id for a in answers}
        items = []
        for raw in raw_items:
            i = _dict(raw, "visit item")
            item = VisitItem(
                0,
                _id(i.get("answer_id")),
                _text(i.get("text"), "text"),
                _text(i.get("note", ""), "note"),
                _text(i.get("added_at"), "added_at"),
            )
            if item.answer_id not in known:
                raise ValueError(f"question {item.text!r} names no answer of the visit sheet")
            items.append(item)
        note = _text(sheet.get("note", ""), "note")
    except ValueError as exc:
        raise BackupError(f"{path} is damaged: {exc}; nothing was imported") from exc
    return bookmarks, answers, items, note


def _dict(value: object, what: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ValueError(f"{what} is not an object")
    return value


def _list(value: object, what: str) -> list[object]:
    if not isinstance(value, list) or len(value) > MAX_ENTRIES:
        raise ValueError(f"{what} is not a list of at most {MAX_ENTRIES:,} entries")
    return value


def _text(value: object, what: str) -> str:
    if not isinstance(value, str) or len(value) > 100_000:
        raise ValueError(f"{what} is not text")
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value, "reviewed")


def _id(value: object) -> str:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise ValueError(f"{value!r} is not an answer id")
    return value


def _revision(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**53:
        raise ValueError(f"revision {value!r} is not a whole number")
    return value


def _snapshot(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError("a saved copy of an answer is not an object")
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _reference(value: object) -> Reference:
    r = _dict(value, "reference")
    number = r.get("number")
    if isinstance(number, bool) or not isinstance(number, int) or not 0 < number < 10_000:
        raise ValueError(f"reference number {number!r} is not a whole number")
    extras = {k: _optional_text(r.get(k)) for k in ("url", "doi", "pmid")}
    return Reference(number, _text(r.get("text", ""), "reference"), **extras)
