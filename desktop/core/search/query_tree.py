"""A query plan as a Whoosh query tree (built by our code, never Whoosh's parser).

Kept apart from the planning in query.py: planning decides what a person asked (words,
phrasings, weights); this module only says how Whoosh should match and score it.
"""

from __future__ import annotations

from whoosh import query as q

from desktop.core.search.query import (
    PHRASE_FIELDS,
    SHORT_FIELDS,
    TEXT_FIELDS,
    Concept,
    QueryPlan,
)


class ArrayOr(q.Or):
    """An OR that loads its matches into arrays in one pass: much faster than Whoosh's
    binary tree of unions for the many-clause queries people write (measured in
    bench/search_speed.py)."""

    matcher_type = q.Or.ARRAY_MATCHER


def _terms_for(
    stems: tuple[str, ...], boost: float, common: frozenset[str], union: type = ArrayOr
) -> q.Query:
    """All stems of a phrasing, each in any text field (an And across stems)."""

    def fields(s: str) -> tuple[str, ...]:
        return SHORT_FIELDS if s in common else TEXT_FIELDS

    if len(stems) == 1:
        return union([q.Term(f, stems[0]) for f in fields(stems[0])], boost=boost)
    node = q.And([q.Or([q.Term(f, s) for f in fields(s)]) for s in stems])
    node.boost = boost
    return node


def build_query(plan: QueryPlan) -> q.Query:
    """The Whoosh query of a plan: an OR of concepts, each an OR of its phrasings; optional
    concepts only add to the score of answers that match a required one."""
    parts: list[q.Query] = []
    optional: list[q.Query] = []
    for c in plan.concepts:
        if c.optional:
            # a plain Or skips to the required matches; ArrayOr would read every posting
            optional.append(_concept_query(c, plan, q.Or))
        else:
            parts.append(_concept_query(c, plan))
    if plan.prefix:
        parts.append(q.Term("prefix", plan.prefix, boost=2.0))
    if not parts:
        return q.NullQuery
    required = parts[0] if len(parts) == 1 else ArrayOr(parts)
    if not optional:
        return required
    return q.AndMaybe(required, optional[0] if len(optional) == 1 else q.Or(optional))


def _concept_query(c: Concept, plan: QueryPlan, union: type = ArrayOr) -> q.Query:
    """One concept: its words in any text field, or any of its other phrasings."""
    if c.phrase:
        phrasings: list[q.Query] = [
            q.Phrase(f, list(c.stems), boost=c.weight) for f in PHRASE_FIELDS
        ]
        phrasings += [
            _terms_for(alt, c.weight * w * len(c.stems) / len(alt), plan.common_stems, union)
            for alt, w in c.alternatives
        ]
        return q.Or(phrasings)
    options = [_terms_for(c.stems, c.weight, plan.common_stems, union)]
    # Each phrasing weighs about as much in total as the words typed, however many words
    # it has ("shingles" ~ "herpes zoster" must not favour the two-word side).
    options += [
        _terms_for(alt, c.weight * w * len(c.stems) / len(alt), plan.common_stems, union)
        for alt, w in c.alternatives
    ]
    return options[0] if len(options) == 1 else union(options)
