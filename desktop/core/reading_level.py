"""How easy an answer is to read: a school grade from textstat, and the plain label we show.

The grade is textstat's Flesch-Kincaid grade of the answer's own words (summary and sections,
without headings, citation numbers, links' addresses or the reference list). Readability
formulas are made for samples of 100-300 words (Fry's and Raygor's use 100), and grading a
whole 5,000-word answer costs 10 ms; we grade the first SAMPLE_WORDS words, which is what a
reader meets first, so a library of 16,000 answers is graded in about 10 s of one core.

Grades are computed when content is built or synced (`grade_answers`), stored in content.db and
shown as "Easy to read" (grade < EASY_BELOW), "Average", or "Harder to read" (above
HARDER_ABOVE). Health writing guides (NIH, NHS) ask for about grade 8 or lower; above 12 is
college-level reading.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from db.records import Answer
from db.store import ContentStore
from desktop.core.markdown_parts import CITATION

if TYPE_CHECKING:  # the window reads grades only: it need not import multiprocessing
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

SAMPLE_WORDS = 150
EASY_BELOW = 8.0
HARDER_ABOVE = 12.0
PARALLEL_FROM = 2000  # answers: below this another process costs more than it saves

_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?])")
_MARKS = re.compile(r"\*\*|__|`")
_BULLET = re.compile(r"(?:[-*+]|\d+[.)])\s+(.*)")


@dataclass(frozen=True)
class ReadingLevel:
    """A grade and its plain label."""

    grade: float
    label: str

    def to_json(self) -> dict[str, object]:
        """The form `search --json` and `show --format json` print."""
        return {"grade": self.grade, "label": self.label}

    @property
    def tooltip(self) -> str:
        """What hovering the label says."""
        return f"Reading grade {self.grade:.1f} (Flesch-Kincaid): about {_years(self.grade)}"


def _years(grade: float) -> str:
    if grade < 6:
        return "primary-school reading"
    if grade < EASY_BELOW:
        return "the reading of a 12 to 13 year old"
    if grade <= HARDER_ABOVE:
        return "secondary-school reading"
    return "college-level reading"


def label_for(grade: float) -> str:
    """ "Easy to read", "Average" or "Harder to read"."""
    if grade < EASY_BELOW:
        return "Easy to read"
    if grade > HARDER_ABOVE:
        return "Harder to read"
    return "Average"


def level(grade: float | None) -> ReadingLevel | None:
    """A stored grade as a level (None when the answer has not been graded)."""
    return None if grade is None else ReadingLevel(round(grade, 1), label_for(grade))


def reading_text(answer: Answer) -> str:
    """The first SAMPLE_WORDS words a reader reads, as plain sentences: summary, then the
    sections' text without headings, list marks (an item ends a sentence), citation numbers,
    links' addresses or the reference list."""
    words = _clean(answer.summary).split()
    for raw in answer.body.splitlines():
        if len(words) >= SAMPLE_WORDS:
            break
        line = raw.strip()
        if line.startswith("#"):
            if line.lstrip("#").strip().lower() == "references":
                break
            continue
        bullet = _BULLET.match(line)
        line = _clean(bullet.group(1) if bullet else line)
        if bullet and line and not line.endswith((".", "?", "!", ":")):
            line += "."
        words += line.split()
    return " ".join(words[:SAMPLE_WORDS])


def _clean(text: str) -> str:
    # each pattern is tried only where it can match (most lines hold no link, citation or
    # mark): the same text, in a third of the time
    if "[" in text:
        text = CITATION.sub("", _LINK.sub(r"\1", text))
    if "*" in text or "_" in text or "`" in text:
        text = _MARKS.sub("", text)
    return _SPACE_BEFORE_STOP.sub(r"\1", text).strip()


@lru_cache(maxsize=1)
def _scorer() -> Any:
    """textstat's scorer (the reference `grade_text` equals; tests compare them)."""
    # textstat ships no type information (pyproject: ignore_missing_imports).
    from textstat.textstat import textstatistics

    scorer = textstatistics()
    scorer.set_lang("en_US")
    return scorer


class _Syllables(dict[str, int]):
    """Syllables of a word as textstat counts them (pyphen's hyphenation points + 1), each
    distinct word hyphenated once: a library's answers share most of their words."""

    def __init__(self, hyphenator: Any) -> None:
        super().__init__()
        self._positions = hyphenator.positions

    def __missing__(self, word: str) -> int:
        count = self[word] = len(self._positions(word)) + 1
        return count


_NOT_WORD = re.compile(r"[^\w\s]")  # textstat's remove_punctuation (apostrophes too)
_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)


def _legacy_round(number: float, points: int) -> float:
    scale: int = 10**points
    return float(math.floor((number * scale) + math.copysign(0.5, number))) / scale


@lru_cache(maxsize=1)
def _syllables() -> _Syllables:
    return _Syllables(_scorer().pyphen)


_PUNCTUATION_TOKEN = re.compile(r"(?<!\S)[^\w\s]+(?!\S)")


def _short(sentence: str) -> bool:
    """textstat's short sentence: at most 2 words once punctuation is taken out. That takes
    out whole tokens only where a token is all punctuation (else the count stays)."""
    count = len(sentence.split())
    if count <= 2:
        return True
    if _PUNCTUATION_TOKEN.search(sentence) is None:
        return False
    return len(_NOT_WORD.sub("", sentence).split()) <= 2


def flesch_kincaid(text: str) -> float:
    """textstat 0.7's flesch_kincaid_grade(text), step for step (same words, sentences,
    syllables and roundings, so the same float) without its per-call overhead: grading a
    library takes a third of the time."""
    cleaned = _NOT_WORD.sub("", text)
    words = len(cleaned.split())
    sentences = _TEXTSTAT_SENTENCE.findall(text)
    short = sum(map(_short, sentences))
    sentence_length = _legacy_round(float(words / max(1, len(sentences) - short)), 1)
    # lower() then taking out punctuation, as textstat does; for ASCII text the other order
    # gives the same (some non-ASCII capitals lower to letters plus a combining mark)
    lowered = cleaned.lower() if text.isascii() else _NOT_WORD.sub("", text.lower())
    syllables = sum(map(_syllables().__getitem__, lowered.split()))
    per_word = _legacy_round(float(syllables) / float(words), 1) if words else 0.0
    return _legacy_round(float(0.39 * sentence_length) + float(11.8 * per_word) - 15.59, 1)


def grade_text(text: str) -> float | None:
    """The Flesch-Kincaid grade of some text (None when there are no words to grade)."""
    if len(text.split()) < 3:
        return None
    return round(float(flesch_kincaid(text)), 1)


def grade(answer: Answer) -> float | None:
    """One answer's grade."""
    return grade_text(reading_text(answer))


def _grade_chunk(texts: list[tuple[str, str]]) -> list[tuple[str, float | None]]:
    return [(answer_id, grade_text(text)) for answer_id, text in texts]


def grade_answers(answers: Iterable[Answer]) -> dict[str, float | None]:
    """Grades by answer id, in this process."""
    return dict(_grade_chunk([(a.id, reading_text(a)) for a in answers]))


def _grade_in_child(answers: Sequence[Answer], sink: Connection) -> None:
    """Helper process: grade these answers and send the grades back."""
    from desktop.core.workers import tune_helper

    tune_helper()
    sink.send(grade_answers(answers))
    sink.close()


class PendingGrades:
    """Grading a large library in another process while this one goes on building (content.db,
    the search index): the build's wall time then grows by little. Small sets are graded at
    once. The helper is a plain process (no threads start here, so the build may still fork
    its index workers), forked or spawned as desktop.core.workers decides."""

    def __init__(self, store: ContentStore) -> None:
        self._start(list(store.answers(store.ungraded_answer_ids())))

    @classmethod
    def of(cls, answers: Sequence[Answer]) -> PendingGrades:
        """Start grading these answers (a build's, before content.db is written)."""
        pending = cls.__new__(cls)
        pending._start(answers)
        return pending

    def _start(self, answers: Sequence[Answer]) -> None:
        self.count = len(answers)
        self._ids = [a.id for a in answers]  # a build may drop the answers meanwhile
        self._done: dict[str, float | None] | None = None
        self._child: BaseProcess | None = None
        self._receive: Connection | None = None
        from desktop.core.workers import worker_context

        context = worker_context() if len(answers) >= PARALLEL_FROM else None
        if context is not None:
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=_grade_in_child, args=(answers, send), daemon=True)
            try:
                child.start()
            except OSError:  # no second process here: grade in this one
                receive.close()
            else:
                self._child, self._receive = child, receive
                return
            finally:
                send.close()
        self._done = grade_answers(answers)

    def finish(self, store: ContentStore) -> int:
        """Wait for the grades and store them; how many answers were graded."""
        grades = self._done
        if grades is None and self._receive is not None:
            try:
                grades = self._receive.recv()
            except EOFError:  # the helper died (killed, out of memory): grade here
                grades = grade_answers(store.answers(self._ids))
            finally:
                self.close()
        if grades:
            store.set_reading_grades(grades)
        return self.count

    def close(self) -> None:
        """End the helper (a build that stopped early no longer wants its grades)."""
        if self._child is not None:
            from desktop.core.workers import end

            end(self._child, wait=0.5)
            self._child = None


def update_reading_levels(store: ContentStore) -> int:
    """Grade every published answer that has no grade yet (after a build or a sync installed
    new or edited answers); how many were graded."""
    return PendingGrades(store).finish(store)


def levels_for(store: ContentStore, ids: list[str]) -> dict[str, ReadingLevel]:
    """Stored reading levels of these answers, for result cards and answer pages."""
    return {
        answer_id: ReadingLevel(round(grade, 1), label_for(grade))
        for answer_id, grade in store.reading_grades(ids).items()
    }
