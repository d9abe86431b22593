"""What a search returns: entries (one per question, other publishers' answers grouped under
it), the total of entries, and whether work was capped. Shared by the CLI and the window."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.reading_level import ReadingLevel


@dataclass(frozen=True)
class SearchOptions:
    """Everything that shapes a search besides its text; the CLI and the window pass the same."""

    limit: int = 10
    topic: str | None = None
    source: str | None = None
    confidence: str | None = None
    as_you_type: bool = False
    facets: bool = False
    #: Among equally relevant entries (the same score), easier reading first (a setting).
    prefer_easier: bool = False


@dataclass(frozen=True)
class AlsoAnswer:
    """Another answer to the same question as an entry's head (usually another publisher's;
    sometimes another part of the same publisher's answer)."""

    id: str
    source: str
    question: str


@dataclass(frozen=True)
class SearchHit:
    """One entry: the best-ranked answer to a question, and the other publishers' answers.

    `snippet` is HTML (escaped, searched words in <b>); `snippet_text` is the same passage as
    plain text and `matches` the (start, end) offsets of the searched words in it."""

    id: str
    question: str
    snippet: str
    score: float
    topics: tuple[str, ...]
    confidence: str | None
    source: str
    reviewed: str | None = None
    question_type: str = ""
    snippet_text: str = ""
    matches: tuple[tuple[int, int], ...] = ()
    also: tuple[AlsoAnswer, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        """Publishers of the head and of the grouped answers, in rank order, each once."""
        return tuple(dict.fromkeys((self.source, *(a.source for a in self.also))))


@dataclass(frozen=True)
class FilterNote:
    """A --topic/--source value that matched nothing, with the closest names there are."""

    field: str
    value: str
    closest: tuple[str, ...]

    def message(self) -> str:
        """One sentence for a person."""
        what = "topic" if self.field == "topic" else "source"
        text = f"No {what} is called {self.value!r}."
        if self.closest:
            text += " Closest: " + ", ".join(self.closest) + "."
        return text


@dataclass(frozen=True)
class SearchResults:
    """A page of entries with the total of entries, time taken, suggestion and filter counts.

    `partial` is True when a cap on work (words looked at, corrections asked, candidates
    ranked) left something out; it never depends on how busy the machine is."""

    query: str
    total: int
    took_ms: float
    suggestion: str | None
    results: tuple[SearchHit, ...]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    partial: bool = False
    notes: tuple[FilterNote, ...] = ()
    #: Each entry's reading level (desktop.core.reading_level), when graded.
    reading: dict[str, ReadingLevel] = field(default_factory=dict)

    @property
    def entries(self) -> tuple[SearchHit, ...]:
        """The entries shown (same as `results`)."""
        return self.results

    def to_json(self) -> dict[str, object]:
        """The `search --json` shape (DESIGN section 6, with grouping and `partial`)."""
        return {
            "query": self.query,
            "total": self.total,
            "took_ms": round(self.took_ms, 1),
            "suggestion": self.suggestion,
            "partial": self.partial,
            "notes": [n.message() for n in self.notes],
            "results": [
                {
                    "id": h.id,
                    "question": h.question,
                    "source": h.source,
                    "also": [{"id": a.id, "source": a.source} for a in h.also],
                    "confidence": h.confidence,
                    "reviewed": h.reviewed,
                    "question_type": h.question_type,
                    "snippet": h.snippet_text,
                    "matches": [list(m) for m in h.matches],
                    "snippet_html": h.snippet,
                    "score": round(h.score, 4),
                    "topics": list(h.topics),
                    "reading_level": (
                        self.reading[h.id].to_json() if h.id in self.reading else None
                    ),
                }
                for h in self.results
            ],
        }
