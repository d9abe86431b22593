"""The NIH MedQuAD XML layout: one answer per answered QA pair, flattened lists restored."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from db.records import Answer
from desktop.core.importers.base import ImportIssue

LICENSE = (
    "CC BY 4.0. From MedQuAD (Ben Abacha A, Demner-Fushman D. A question-entailment approach "
    "to question answering. BMC Bioinformatics. 2019;20:511)."
)
PUBLISHERS = {
    "CancerGov": "National Cancer Institute (cancer.gov)",
    "GARD": "Genetic and Rare Diseases Information Center (GARD)",
    "GHR": "Genetics Home Reference (U.S. National Library of Medicine)",
    "MPlusHealthTopics": "MedlinePlus Health Topics (U.S. National Library of Medicine)",
    "NIDDK": "National Institute of Diabetes and Digestive and Kidney Diseases",
    "NINDS": "National Institute of Neurological Disorders and Stroke",
    "NIHSeniorHealth": "NIHSeniorHealth (National Institutes of Health)",
    "NHLBI": "National Heart, Lung, and Blood Institute",
    "CDC": "Centers for Disease Control and Prevention",
}
_BULLET = re.compile(r"(?:^|\s{2,}|\n)\s*-\s+(?=\S)")
_PARAGRAPH_GAP = re.compile(r"[ \t]{3,}|\s*\n\s*")


def _children(element: ET.Element, *names: str) -> Iterator[ET.Element]:
    wanted = {n.lower() for n in names}
    return (child for child in element.iter() if child.tag.lower() in wanted)


def _first_text(element: ET.Element, *names: str) -> str:
    for child in _children(element, *names):
        return " ".join((child.text or "").split())
    return ""


def read_file(path: Path) -> Iterator[Answer | ImportIssue]:
    """Yield one answer per QA pair that has an answer; pairs without one are left out."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        yield ImportIssue(
            str(path),
            exc.position[0],
            f"not well-formed XML: {exc.msg if hasattr(exc, 'msg') else exc}",
        )
        return
    source = root.get("source") or root.get("corpus") or ""
    if not source:
        yield ImportIssue(str(path), 1, "no source attribute on the document element")
        return
    url = root.get("url") or ""
    focus = _first_text(root, "Focus", "doctitle-focus")
    stem = path.stem
    pairs = [el for el in root.iter() if el.tag.lower() in ("qapair", "pair")]
    for position, pair in enumerate(pairs, start=1):
        question_el = next(_children(pair, "Question"), None)
        answer_el = next(_children(pair, "Answer"), None)
        answer_text = (answer_el.text or "") if answer_el is not None else ""
        if not answer_text.strip():
            continue
        question = " ".join(((question_el.text or "") if question_el is not None else "").split())
        question = re.sub(r"\s+([?.!,])", r"\1", question)
        question = re.sub(r"\?\s*\?$", "?", question)
        yield Answer(
            id=f"{source}_{stem}_Sec{position}",
            question=question or focus,
            summary="",
            topics=(focus,) if focus else (),
            body=restore_markdown(answer_text),
            source=source,
            source_url=url,
            license=LICENSE,
            focus=focus,
            question_type=(question_el.get("qtype") or "") if question_el is not None else "",
        )


def _escape_line(text: str) -> str:
    """Keep plain text plain: no accidental headings, HTML or emphasis."""
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"^(#+)", lambda m: "\\" * len(m.group(1)) + m.group(1), text)
    text = re.sub(r"^(\d+)\. ", r"\1\\. ", text)
    return text.replace("*", "\\*").replace("_", "\\_")


def restore_markdown(raw: str) -> str:
    """Undo MedQuAD's flattening: bullets run together with spaces become lists again."""
    blocks: list[str] = []
    for chunk in _PARAGRAPH_GAP.split(raw.replace("\r", "")):
        chunk = chunk.strip()
        if not chunk:
            continue
        if chunk.startswith("- ") or chunk == "-":
            item = chunk[1:].strip()
            if item:
                blocks.append("- " + _escape_line(item))
        else:
            blocks.append(_escape_line(chunk))
    out: list[str] = []
    for block in blocks:
        is_item = block.startswith("- ")
        if out:
            prev_item = out[-1].startswith("- ")
            out.append("\n" if (is_item and prev_item) else "\n\n")
        out.append(block)
    return "".join(out).strip() + "\n"
