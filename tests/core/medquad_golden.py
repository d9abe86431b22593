"""Golden renderings of MedQuAD answers: full Markdown for made-up fixtures, outlines (block
kinds and sizes only, no source text) for real answers read from ../shared."""

from __future__ import annotations

from pathlib import Path

from db.records import Answer
from desktop.core.importers.medquad import read_file
from desktop.core.importers.medquad_text import restore_blocks

GOLDEN = Path(__file__).resolve().parent / "golden" / "medquad"


def render_fixture(path: Path) -> str:
    """Every answer of a fixture file: id, question, topic, publisher, type, then its body."""
    parts = []
    for item in read_file(path):
        assert isinstance(item, Answer), item
        parts.append(
            f"=== {item.id}\nquestion: {item.question}\ntopics: {'; '.join(item.topics)}\n"
            f"source: {item.source}\nquestion_type: {item.question_type}\n\n{item.body}"
        )
    return "\n".join(parts)


def outline(raw: str, source: str) -> str:
    """The structure of a restored answer without its words: one line per block."""
    names = {"h": "heading", "li": "list item", "p": "paragraph"}
    lines: list[str] = []
    for block in restore_blocks(raw, source):
        line = f"{names[block.kind]}, {len(block.text.split())} words"
        if lines and lines[-1].split(" ×")[0] == line:
            count = int(lines[-1].split(" ×")[1]) + 1 if " ×" in lines[-1] else 2
            lines[-1] = f"{line} ×{count}"
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"
