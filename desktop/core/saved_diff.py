"""What changed in a saved answer, in words a reader follows (not a diff of raw Markdown).

The kept copy and the installed answer are compared part by part (question, summary, then each
`##` section by heading), sentence by sentence: a reader sees the sentences that were added and
the ones that were taken out, with Markdown marks and citation numbers removed.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from enum import StrEnum

from db.records import Answer
from desktop.core.markdown_parts import CITATION, split_sections

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_MARKS = re.compile(r"\*\*|__|`|^\s*(?:[-*+]|\d+[.)])\s+|^#+\s*")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


class ChangeKind(StrEnum):
    """What happened to a part of the answer."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class PartChange:
    """One part of the answer that differs: its name, and the sentences out and in."""

    part: str
    kind: ChangeKind
    removed: tuple[str, ...]
    added: tuple[str, ...]


def plain_sentences(markdown: str) -> list[str]:
    """The sentences of a piece of Markdown, without marks, links' addresses or citations."""
    lines = []
    for line in markdown.splitlines():
        line = _LINK.sub(r"\1", line)
        line = CITATION.sub("", line)
        line = _MARKS.sub("", line).strip()
        if line:
            lines.append(line)
    sentences: list[str] = []
    for line in lines:
        sentences += [s.strip() for s in _SENTENCE_END.split(line) if s.strip()]
    return [re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s{2,}", " ", s)) for s in sentences]


def _parts(answer: Answer) -> dict[str, list[str]]:
    parts: dict[str, list[str]] = {
        "Question": plain_sentences(answer.question),
        "Summary": plain_sentences(answer.summary),
    }
    for heading, _, lines in split_sections(answer.body):
        if heading.lower() == "references":
            continue
        parts[heading or "Introduction"] = plain_sentences("\n".join(lines))
    parts["References"] = [r.text for r in answer.references]
    return parts


def answer_changes(saved: Answer, current: Answer) -> list[PartChange]:
    """The parts that differ between the kept copy and the installed answer, in page order."""
    old, new = _parts(saved), _parts(current)
    order = list(new) + [name for name in old if name not in new]
    changes = []
    for name in order:
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if before is None:
            changes.append(PartChange(name, ChangeKind.ADDED, (), tuple(after or ())))
            continue
        if after is None:
            changes.append(PartChange(name, ChangeKind.REMOVED, tuple(before), ()))
            continue
        removed: list[str] = []
        added: list[str] = []
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag in ("replace", "delete"):
                removed += before[i1:i2]
            if tag in ("replace", "insert"):
                added += after[j1:j2]
        changes.append(PartChange(name, ChangeKind.CHANGED, tuple(removed), tuple(added)))
    return changes


def changes_text(changes: list[PartChange]) -> str:
    """The changes as plain text (for the command line)."""
    if not changes:
        return "Nothing a reader would see has changed.\n"
    out = []
    for change in changes:
        out.append(f"{change.part} ({change.kind}):")
        out += [f"  - {s}" for s in change.removed]
        out += [f"  + {s}" for s in change.added]
    return "\n".join(out) + "\n"


def changes_html(changes: list[PartChange]) -> str:
    """The changes as an HTML fragment: taken-out sentences struck through, new ones marked."""
    if not changes:
        return '<p class="changes-none">Nothing a reader would see has changed.</p>'
    out = ['<div class="changes">']
    for change in changes:
        label = {
            ChangeKind.ADDED: "new part",
            ChangeKind.REMOVED: "taken out",
            ChangeKind.CHANGED: "changed",
        }[change.kind]
        out.append(f"<h3>{html.escape(change.part)} <small>({label})</small></h3><ul>")
        out += [
            f'<li class="removed"><del>{html.escape(s)}</del> <small>(taken out)</small></li>'
            for s in change.removed
        ]
        out += [
            f'<li class="added"><ins>{html.escape(s)}</ins> <small>(new)</small></li>'
            for s in change.added
        ]
        out.append("</ul>")
    out.append("</div>")
    return "".join(out)
