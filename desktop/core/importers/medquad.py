"""The NIH MedQuAD XML layout: one answer per answered QA pair, read back into a good answer.

Each answer names its publisher (`source`: a short readable name such as "NHLBI"; the full
name for attribution is `PUBLISHERS[source]`), its question as a person would ask it
(medquad_titles), its topic in one display form, and its text with the structure the site
had (medquad_text) and the dashes and apostrophes the XML dropped (medquad_marks). MedQuAD
has no review dates: `reviewed` stays empty and `COLLECTED` says what is known (the build
stores it in content.db meta `source_dates`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from db.records import Answer
from desktop.core.importers.base import ImportIssue
from desktop.core.importers.medquad_marks import LostMarks
from desktop.core.importers.medquad_text import restore_markdown
from desktop.core.importers.medquad_titles import casing_from, clean_focus, clean_question

__all__ = ["COLLECTED", "LICENSE", "PUBLISHERS", "PUBLISHER_NAMES", "read_file", "restore_markdown"]

LICENSE = (
    "CC BY 4.0. From MedQuAD (Ben Abacha A, Demner-Fushman D. A question-entailment approach "
    "to question answering. BMC Bioinformatics. 2019;20:511)."
)
# MedQuAD's source code -> the publisher's short, readable name (the answer's `source`).
PUBLISHER_NAMES = {
    "CancerGov": "NCI",
    "GARD": "GARD",
    "GHR": "Genetics Home Reference",
    "MPlusHealthTopics": "MedlinePlus",
    "NIDDK": "NIDDK",
    "NINDS": "NINDS",
    "NIHSeniorHealth": "NIH Senior Health",
    "NHLBI": "NHLBI",
    "CDC": "CDC",
}
# When the pages were collected (Ben Abacha & Demner-Fushman 2019): no page has a review date.
COLLECTED = "2017-2019"
_FULL_NAMES = {
    "CancerGov": "National Cancer Institute (cancer.gov)",
    "GARD": "Genetic and Rare Diseases Information Center (GARD)",
    "GHR": "Genetics Home Reference (U.S. National Library of Medicine)",
    "MPlusHealthTopics": "MedlinePlus Health Topics (U.S. National Library of Medicine)",
    "NIDDK": "National Institute of Diabetes and Digestive and Kidney Diseases",
    "NINDS": "National Institute of Neurological Disorders and Stroke",
    "NIHSeniorHealth": "NIH Senior Health (National Institutes of Health)",
    "NHLBI": "National Heart, Lung, and Blood Institute",
    "CDC": "Centers for Disease Control and Prevention",
}
# Full publisher name by short name (and by MedQuAD code, for content built before).
PUBLISHERS = _FULL_NAMES | {PUBLISHER_NAMES[code]: name for code, name in _FULL_NAMES.items()}


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
    raw_focus = _first_text(root, "Focus", "doctitle-focus")
    stem = path.stem
    pairs = [el for el in root.iter() if el.tag.lower() in ("qapair", "pair")]
    found: list[tuple[int, ET.Element | None, str]] = []
    for position, pair in enumerate(pairs, start=1):
        question_el = next(_children(pair, "Question"), None)
        answer_el = next(_children(pair, "Answer"), None)
        answer_text = (answer_el.text or "") if answer_el is not None else ""
        if answer_text.strip():
            found.append((position, question_el, answer_text))
    marks = LostMarks([raw_focus, *(text for _, _, text in found)])
    found = [(position, question_el, marks.restore(text)) for position, question_el, text in found]
    casing = casing_from((text for _, _, text in found), raw_focus)
    focus = clean_focus(raw_focus, casing)
    publisher = PUBLISHER_NAMES.get(source, source)
    for position, question_el, answer_text in found:
        raw_question = (question_el.text or "") if question_el is not None else ""
        question = clean_question(raw_question, raw_focus, casing)
        yield Answer(
            id=f"{source}_{stem}_Sec{position}",
            question=question or focus,
            summary="",
            topics=(focus,) if focus else (),
            body=restore_markdown(answer_text, source, raw_question),
            source=publisher,
            source_url=url,
            license=LICENSE,
            focus=focus,
            question_type=(question_el.get("qtype") or "") if question_el is not None else "",
        )
