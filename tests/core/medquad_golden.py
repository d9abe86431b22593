"""Golden renderings of MedQuAD answers: full Markdown for made-up fixtures, outlines (block
kinds and sizes only, no source text) for real answers read from ../shared."""

from __future__ import annotations

import xml.etree.ElementTree as ET
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


def outline(raw: str, source: str, question: str = "") -> str:
    """The structure of a restored answer without its words, one line per block:
    "## <heading, 5 words>", "- <list item, 12 words>", "<paragraph, 54 words>" (a nested
    item indented four spaces a level; a run of identical lines as one line with "×n")."""
    shapes = {
        "h": "## <heading, {} words>",
        "li": "- <list item, {} words>",
        "p": "<paragraph, {} words>",
    }
    lines: list[tuple[str, int]] = []
    for block in restore_blocks(raw, source, question):
        line = "    " * block.depth + shapes[block.kind].format(len(block.text.split()))
        if lines and lines[-1][0] == line:
            lines[-1] = (line, lines[-1][1] + 1)
        else:
            lines.append((line, 1))
    return "".join(f"{line} ×{n}\n" if n > 1 else f"{line}\n" for line, n in lines)


def real_outline(medquad: Path, answer_id: str) -> str:
    """The outline of one real MedQuAD answer, read from its XML file by id."""
    source, rest = answer_id.split("_", 1)
    stem, section = rest.rsplit("_Sec", 1)
    roots = [ET.parse(path).getroot() for path in sorted(medquad.glob(f"*/{stem}.xml"))]
    (root,) = [r for r in roots if (r.get("source") or r.get("corpus")) == source]
    pairs = [el for el in root.iter() if el.tag.lower() in ("qapair", "pair")]
    pair = pairs[int(section) - 1]
    answer = next(el for el in pair.iter() if el.tag.lower() == "answer")
    question = next((el.text or "" for el in pair.iter() if el.tag.lower() == "question"), "")
    return outline(answer.text or "", source, question)
