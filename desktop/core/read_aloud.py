"""What "Read aloud" says: the sentences of a page, each with where it stands on the page.

The window hands over the page as laid out (blocks of text runs, with each run's position in
the document and its link), so the sentence being read can be highlighted exactly where it is.
This module decides what is worth hearing, without Qt:

- citation markers ("[1]", "[1, 3]") and links to references are skipped,
- links that are commands of the page ("+ Add to visit sheet", "I have read the changes") too,
- the "References" and "Related answers" sections (heading and list) are skipped,
- each block (heading, paragraph, list item) is cut into sentences; a sentence never runs from
  one block into the next, so a heading is read on its own.

`blocks_from_text` makes blocks of plain text (one per line), for pages that are not rich text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from desktop.core.markdown_parts import CITATION
from desktop.core.reader.links import link_target

#: Links whose label is never read: references and the page's own commands.
SKIPPED_LINKS = frozenset({"reference", "visit", "saved"})
#: Headings of lists read by nobody: references, and links to other answers.
SKIPPED_SECTIONS = frozenset({"references", "where this comes from", "related answers"})
#: Words ending in a full stop that do not end a sentence.
ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "etc", "dr", "mr", "mrs", "ms", "st", "vs", "approx", "no", "fig", "prof"}
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s)")
_SUPERSCRIPT_CITATION = re.compile(r"[\[\]\d,\s–-]*")
#: What is left of "[1, 3]" once its links are taken out (the brackets and commas).
_EMPTY_CITATION = re.compile(r"\[[\s,–-]*\]")
_SPACE_BEFORE_MARK = re.compile(r"\s+([.,!?;:])")  # left where a citation marker was


@dataclass(frozen=True)
class Run:
    """A piece of text with one format: where it starts in the document, and its link."""

    start: int
    text: str
    href: str = ""
    superscript: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph, heading or list item of the page, as laid out."""

    runs: tuple[Run, ...]
    heading: int = 0  # 1-6 for a heading, 0 otherwise
    listed: bool = False  # a list item

    @property
    def text(self) -> str:
        """The block's text as shown."""
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Sentence:
    """One sentence to say: its words, and the document range [start, end) it covers."""

    text: str
    start: int
    end: int
    block: int  # index of its block in the blocks given


@dataclass
class _Kept:
    """The readable characters of a block, each with its document position."""

    chars: list[str] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)

    def add(self, text: str, start: int) -> None:
        for offset, char in enumerate(text):
            self.chars.append(char)
            self.positions.append(start + offset)

    @property
    def text(self) -> str:
        return "".join(self.chars)


def _readable(run: Run) -> bool:
    """False for the runs nobody wants to hear: citation marks and reference/command links."""
    if run.href and link_target(run.href)[0] in SKIPPED_LINKS:
        return False
    return not (run.superscript and _SUPERSCRIPT_CITATION.fullmatch(run.text))


def _kept_characters(block: Block) -> _Kept:
    kept = _Kept()
    for run in block.runs:
        if not _readable(run):
            kept.add(" ", run.start)  # a word boundary where the marker was
            continue
        text = run.text.replace("\u00a0", " ").replace("\u2028", " ")
        last = 0
        for match in CITATION.finditer(text):  # "[1]" typed as text (plain pages)
            kept.add(text[last : match.start()], run.start + last)
            kept.add(" ", run.start + match.start())
            last = match.end()
        kept.add(text[last:], run.start + last)
    return _without(kept, _EMPTY_CITATION)


def _without(kept: _Kept, pattern: re.Pattern[str]) -> _Kept:
    """The characters with each match of `pattern` replaced by one space."""
    out = _Kept()
    last = 0
    text = kept.text
    for match in pattern.finditer(text):
        out.chars += kept.chars[last : match.start()]
        out.positions += kept.positions[last : match.start()]
        out.add(" ", kept.positions[match.start()])
        last = match.end()
    out.chars += kept.chars[last:]
    out.positions += kept.positions[last:]
    return out


def _cut(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, surrounding spaces left out."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        words = text[start : match.start()].split()
        last_word = words[-1].lower().rstrip(".") if words else ""
        if match.group(0).startswith(".") and (
            last_word in ABBREVIATIONS or re.fullmatch(r"[a-z]", last_word)
        ):
            continue  # "e.g." or an initial does not end the sentence
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for begin, end in spans:
        piece = text[begin:end]
        if not piece.strip() or not any(c.isalnum() for c in piece):
            continue
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        out.append((begin + lead, end - trail))
    return out


def sentences(blocks: Sequence[Block]) -> list[Sentence]:
    """The sentences to read, in page order, references and citation markers left out."""
    out: list[Sentence] = []
    skipping = False
    for index, block in enumerate(blocks):
        title = " ".join(block.text.split()).strip(" :").lower()
        if block.heading or title in SKIPPED_SECTIONS:
            skipping = title in SKIPPED_SECTIONS
        elif skipping and not block.listed:
            skipping = False  # the paragraph after the reference list is read again
        if skipping:
            continue
        kept = _kept_characters(block)
        text = kept.text
        for begin, end in _cut(text):
            words = _SPACE_BEFORE_MARK.sub(r"\1", " ".join(text[begin:end].split()))
            start, stop = kept.positions[begin], kept.positions[end - 1] + 1
            out.append(Sentence(words, start, stop, index))
    return out


def blocks_from_text(text: str, start: int = 0) -> list[Block]:
    """Plain text as blocks, one per line (positions count the line breaks, as in a
    QTextDocument made from the same text)."""
    blocks = []
    position = start
    for line in text.split("\n"):
        blocks.append(Block((Run(position, line),)))
        position += len(line) + 1
    return blocks


def page_text(sentences_: Iterable[Sentence]) -> str:
    """All the words that will be said, one sentence a line (for tests and the CLI)."""
    return "\n".join(s.text for s in sentences_)
