"""Second pass over the best BM25 candidates: prefer answers whose subject is what was asked.

An answer collection is organised by subject ("focus": Diabetes, Brittle diabetes, Shingles,
Herpes zoster oticus). When the words asked cover an answer's whole subject, that answer is
about the question; when they cover only part of it ("diabetes" in "Brittle diabetes"), it is
about something narrower. BM25 cannot see this; the share of the subject covered can.
"""

from __future__ import annotations

from functools import lru_cache

from desktop.core.search.analysis import INDEX_STOP_WORDS, stem, words
from desktop.core.search.query import QueryPlan

SUBJECT_WEIGHT = 0.6


@lru_cache(maxsize=20000)
def subject_stems(subject: str) -> frozenset[str]:
    """The stems of a subject line, without the commonest words."""
    return frozenset(stem(w) for w in words(subject) if w not in INDEX_STOP_WORDS)


def query_stems(plan: QueryPlan) -> frozenset[str]:
    """Every stem the query looks for, in any phrasing, and the prefix being typed."""
    found: set[str] = set()
    for concept in plan.concepts:
        found.update(concept.stems)
        for alternative, _ in concept.alternatives:
            found.update(alternative)
    return frozenset(found)


def coverage(subject: str, asked: frozenset[str], prefix: str | None = None) -> float:
    """Share of the subject's words that the query asked about (0..1)."""
    stems = subject_stems(subject)
    if not stems:
        return 0.0
    hit = sum(1 for s in stems if s in asked or (prefix and s.startswith(prefix[:4])))
    return hit / len(stems)


def rerank(results, plan: QueryPlan, pool: int) -> list[tuple[str, float]]:  # type: ignore[no-untyped-def]
    """(id, score) of the candidates, re-ordered by score x (1 + weight x subject coverage)."""
    asked = query_stems(plan)
    scored = []
    for hit in results[:pool]:
        meta = hit.get("meta") or {}
        boost = 1.0 + SUBJECT_WEIGHT * coverage(meta.get("focus", ""), asked, plan.prefix)
        scored.append((hit["id"], float(hit.score or 0.0) * boost))
    scored.sort(key=lambda pair: pair[1], reverse=True)
    return scored
