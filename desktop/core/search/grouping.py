"""One entry per question: answers to the same question from several publishers are grouped.

Two answers ask the same question when they share a subject (focus) and a question type
(MedQuAD's `qtype`: information, symptoms, causes, ...), or, without a type, when their
questions read the same once case, punctuation and filler words are ignored. Each answer's
group key, publisher and id sit in a per-document column of the index ("card"), read once per
opened index, so grouping and the count of entries cost a list lookup per matching answer.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from whoosh.reading import IndexReader

from db.records import Answer
from desktop.core.search.analysis import FILLER_WORDS, words

SEP = "\x1f"
_DIGITS = re.compile(r"\d+")
_OVERVIEW = re.compile(r"^\s*what\s+(?:is|are)\b", re.IGNORECASE)


def overview_type(answer: Answer) -> str:
    """The answer's question type; an untyped "What is ...?" question counts as the overview."""
    if answer.question_type:
        return answer.question_type.strip().casefold()
    return "information" if _OVERVIEW.match(answer.question) else ""


def group_key(answer: Answer) -> str:
    """Answers with the same key answer the same question (see the module docstring)."""
    focus = " ".join(words(answer.focus or (answer.topics[0] if answer.topics else "")))
    qtype = answer.question_type.strip().casefold()
    if focus and qtype:
        return f"t:{focus}|{qtype}"
    asked = " ".join(w for w in words(answer.question) if w not in FILLER_WORDS)
    return f"q:{asked or answer.id}"


def card_for(answer: Answer) -> bytes:
    """The column value of an answer: id, publisher, group key, question type, subject,
    question (what ranking and grouping need, without reading stored documents)."""
    focus = answer.focus or (answer.topics[0] if answer.topics else "")
    parts = (
        answer.id,
        answer.source,
        group_key(answer),
        overview_type(answer),
        focus,
        answer.question,
    )
    return SEP.join(p.replace(SEP, " ") for p in parts).encode("utf-8")


@dataclass
class Cards:
    """Per index document number: id, publisher, group key, question type, subject, question."""

    ids: list[str]
    sources: list[str]
    groups: list[str]
    qtypes: list[str]
    focuses: list[str]
    questions: list[str]

    @classmethod
    def read(cls, reader: IndexReader) -> Cards:
        """Read the card column of an open Whoosh reader (all segments)."""
        ids: list[str] = []
        sources: list[str] = []
        groups: list[str] = []
        qtypes: list[str] = []
        focuses: list[str] = []
        questions: list[str] = []
        intern = sys.intern
        if reader.has_column("card"):
            for raw in reader.column_reader("card"):
                parts = (raw or b"").decode("utf-8", "replace").split(SEP)
                parts += [""] * (6 - len(parts))
                ids.append(parts[0])
                sources.append(intern(parts[1]))
                groups.append(intern(parts[2]))
                qtypes.append(intern(parts[3]))
                focuses.append(intern(parts[4]))
                questions.append(intern(parts[5]))
        return cls(ids, sources, groups, qtypes, focuses, questions)

    def __post_init__(self) -> None:
        numbers: dict[str, int] = {}
        #: Each document's group as a number (counting numbers is cheaper than strings).
        self.group_numbers = [numbers.setdefault(g, len(numbers)) for g in self.groups]

    def count_entries(self, docnums: Iterable[int]) -> int:
        """How many entries these answers make once grouped (one per group)."""
        return len(set(map(self.group_numbers.__getitem__, docnums)))


@dataclass(frozen=True)
class Entry:
    """A head document and the other publishers' documents of its group, in rank order."""

    head: int
    also: tuple[int, ...]


def group_ranked(
    cards: Cards, ranked: Sequence[int], limit: int, matched: Sequence[int] = ()
) -> list[Entry]:
    """Group a ranking into at most `limit` entries, in the order of their best-ranked answer.

    Members of a shown group that ranked below `ranked` (but matched: `matched`, best first)
    join it too. A publisher may answer one question in several parts (MedQuAD's NIH Senior
    Health does: "How is a heart attack treated?" four times): an entry lists each publisher's
    answers together, publishers in rank order, a publisher's parts in its own order (see
    in_publisher_order), so it opens with the best publisher's first part.
    """
    entries: list[list[int]] = []
    where: dict[str, int] = {}  # group -> index into entries
    for d in ranked:
        index = where.get(cards.groups[d])
        if index is not None:
            entries[index].append(d)
        elif len(entries) < limit:
            where[cards.groups[d]] = len(entries)
            entries.append([d])
    seen = {d for members in entries for d in members}
    # only the matched answers of a shown group are visited in Python (of up to thousands)
    shown = {cards.group_numbers[members[0]] for members in entries}
    in_shown = map(shown.__contains__, map(cards.group_numbers.__getitem__, matched))
    for d in compress(matched, in_shown):
        if d not in seen:
            entries[where[cards.groups[d]]].append(d)
            seen.add(d)
    return [in_publisher_order(cards, members) for members in entries]


def in_publisher_order(cards: Cards, members: list[int]) -> Entry:
    """One entry's answers (best first) with each publisher's together, its parts in the
    order its ids number them ("..._Sec6" before "..._Sec15"), whatever BM25 made of each
    part. (Chosen by cross-validation against BM25's order of parts: on the dev sets both
    MEDIQA sets gain and LiveQA is unchanged; bench/rerank_fit.py.)"""
    if len(members) > 1:
        first: dict[str, int] = {}
        for n, d in enumerate(members):
            first.setdefault(cards.sources[d], n)
        members = sorted(
            members, key=lambda d: (first[cards.sources[d]], natural_key(cards.ids[d]))
        )
    return Entry(members[0], tuple(members[1:]))


@lru_cache(maxsize=20_000)
def natural_key(ident: str) -> str:
    """Sort key of an id with its numbers read as numbers ("Sec9" before "Sec10")."""
    return _DIGITS.sub(lambda m: m.group(0).zfill(12), ident)
