"""Small Markdown helpers shared by importers and the renderer: sections, lists, references."""

from __future__ import annotations

import re

from db.records import Reference

ASK_HEADING = "what to ask your doctor"
REFERENCES_HEADING = "references"
_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_URL = re.compile(r"https?://[^\s<>()\"']+[^\s<>()\"'.,;:]")
_DOI = re.compile(r"\bdoi:\s*(10\.\d{4,9}/\S+[^\s.,;])", re.IGNORECASE)
_PMID = re.compile(r"\bPMID:?\s*(\d{1,9})\b", re.IGNORECASE)
CITATION = re.compile(r"\[([0-9]{1,3}(?:\s*[,–-]\s*[0-9]{1,3})*)\]")  # ASCII digits only


def split_sections(body: str) -> list[tuple[str, int, list[str]]]:
    """Split a body into (heading, first line number, lines); text before any ## has ''."""
    sections: list[tuple[str, int, list[str]]] = [("", 1, [])]
    for number, line in enumerate(body.splitlines(), start=1):
        match = _HEADING.match(line)
        if match:
            sections.append((match.group(1).strip(), number, []))
        else:
            sections[-1][2].append(line)
    if not sections[0][2] or not "".join(sections[0][2]).strip():
        sections.pop(0)
    return sections


def list_items(lines: list[str]) -> list[str]:
    """The text of each list item in a section (continuation lines joined)."""
    items: list[str] = []
    for line in lines:
        match = _LIST_ITEM.match(line)
        if match:
            items.append(match.group(1).strip())
        elif items and line.strip() and line.startswith((" ", "\t")):
            items[-1] = f"{items[-1]} {line.strip()}"
    return items


def asks_from_body(body: str) -> tuple[str, ...]:
    """The "What to ask your doctor" questions, as a list for the visit sheet."""
    for heading, _, lines in split_sections(body):
        if heading.lower() == ASK_HEADING:
            return tuple(list_items(lines))
    return ()


def parse_reference(number: int, text: str) -> Reference:
    """Pick the url, DOI and PMID out of a reference line."""
    url = _URL.search(text)
    doi = _DOI.search(text)
    pmid = _PMID.search(text)
    return Reference(
        number=number,
        text=text.strip(),
        url=url.group(0) if url else None,
        doi=doi.group(1) if doi else None,
        pmid=pmid.group(1) if pmid else None,
    )


def cited_numbers(text: str) -> set[int]:
    """Every reference number cited by markers like [1], [1, 3] or [2-4]."""
    numbers: set[int] = set()
    for match in CITATION.finditer(text):
        for part in re.split(r"\s*,\s*", match.group(1)):
            bounds = re.split(r"\s*[–-]\s*", part)
            if len(bounds) == 2 and bounds[0] and bounds[1]:
                low, high = int(bounds[0]), int(bounds[1])
                if 0 < high - low < 50:
                    numbers.update(range(low, high + 1))
                    continue
            numbers.update(int(b) for b in bounds if b)
    return numbers
