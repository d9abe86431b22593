"""The fast evaluator gives Whoosh's own matches and scores, to the last bit."""

from __future__ import annotations

import pytest
from whoosh import query as q
from whoosh.searching import Searcher

from desktop.core.search import SearchService, evaluate, term_scores
from desktop.core.search.evaluate import Evaluator
from desktop.core.search.query_tree import ArrayOr, build_query

TEXTS = [
    "heart attack",
    "heart attack signs",
    "water infection",
    "high blood pressure without pills",
    "PSMA CAR-T",
    '"blood pressure" at night',
    "diabetis in pregnancy",
    "what is asthma",
    "doctor",
    "statins muscle pain",
    "chronic obstructive pulmonary disease exercise",
    "My mother is 78 and she has fallen twice this year, once in the kitchen and once on the "
    "stairs at night. She lives alone and I am worried she will break a hip because her bones "
    "are thin. What can we do to stop her falling again?",
]
TYPED = ["osteopor", "sleep apn", "heart att", "blood pr", "ch", "what is the tre"]


def whoosh_top_n(searcher: Searcher, query: q.Query) -> list[tuple[float, int]]:
    return [(float(s), d) for s, d in searcher.search(query, limit=None, terms=False).top_n]


def searcher_of(updated_service: SearchService) -> Searcher:
    searcher = updated_service._searcher  # the updated_service's own open searcher
    assert searcher is not None
    return searcher


def test_every_match_scores_as_whoosh_scores_it(updated_service: SearchService) -> None:
    searcher = searcher_of(updated_service)
    assert len(list(searcher.leaf_searchers())) > 1 and searcher.reader().has_deletions()
    evaluator = Evaluator(searcher)
    queries = [build_query(updated_service.plan(t)) for t in TEXTS]
    queries += [build_query(updated_service.plan(t, as_you_type=True)) for t in TYPED]
    kinds = " ".join(str(query) for query in queries)
    assert '"' in kinds and "ANDMAYBE" in kinds and "prefix:" in kinds  # phrases, optionals
    matched = 0
    for query in queries * 2:  # the second round reads the kept term scores
        expected = whoosh_top_n(searcher, query)
        assert evaluator.top_n(query) == expected, query
        matched += bool(expected)
    assert matched >= 2 * (len(queries) - 2)


def test_whooshs_union_and_intersection_trees_are_followed(updated_service: SearchService) -> None:
    """OR and AND trees are built by estimated size, ties in their given order: summing in
    another order could change a score's last bit, and so an order of equal-looking results."""
    searcher = searcher_of(updated_service)
    words = ["blood", "pressure", "heart", "pain", "sleep", "night", "doctor", "infection"]
    terms = [q.Term(f, w, boost=b) for w in words for f, b in (("body", 1.0), ("question", 1.5))]
    tree_or = q.Or(terms, boost=1.3)
    tree_or.matcher_type = q.Or.DEFAULT_MATCHER
    array_or = q.Or(terms[::-1])
    array_or.matcher_type = q.Or.ARRAY_MATCHER
    both = q.And([q.Or([terms[0], terms[2]]), q.Or([terms[1], terms[3]])], boost=0.7)
    maybe = q.AndMaybe(tree_or, q.Or([terms[4], terms[5]]))
    evaluator = Evaluator(searcher)
    for query in (tree_or, array_or, both, maybe):
        expected = whoosh_top_n(searcher, query)
        assert expected and evaluator.top_n(query) == expected, query


def test_kept_term_scores_stay_within_their_bound(
    updated_service: SearchService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(term_scores, "CACHE_POSTINGS", 20)
    evaluator = Evaluator(searcher_of(updated_service))
    for text in TEXTS:
        evaluator.top_n(build_query(updated_service.plan(text)))
        kept = evaluator.terms
        assert kept._size <= 20 or len(kept._cache) == 1
    assert kept._size == sum(len(s) for s in kept._cache.values())


def test_a_single_term_ranks_as_whoosh_ranks_it(updated_service: SearchService) -> None:
    """A lone term (the first letters typed) is ranked straight from its postings."""
    searcher = searcher_of(updated_service)
    evaluator = Evaluator(searcher)
    terms = [q.Term("prefix", p, boost=2.0) for p in ("c", "he", "dia", "zzz")]
    terms += [q.Term("body", "pain"), q.Term("question", "blood", boost=1.5)]
    terms += [q.Term("nosuchfield", "x")]
    for term in terms * 2:
        assert evaluator.top_n(term) == whoosh_top_n(searcher, term), term
        docnums, by_rank = evaluator.ranking(term)
        assert by_rank[:3] == [s for s, _ in evaluator.top_n(term)[:3]]
    assert len(evaluator.top_n(terms[1])) > 10 and len(evaluator.top_n(terms[4])) > 10


def test_a_kept_lone_term_ranking_is_the_same_ranking(
    updated_service: SearchService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large lone-term rankings are kept between searches (here every one, in a bound of
    a few): a kept one gives the same docnums and scores, and the bound holds."""
    monkeypatch.setattr(evaluate, "KEPT_MIN", 1)
    monkeypatch.setattr(evaluate, "KEPT_RANKS", 60)
    searcher = searcher_of(updated_service)
    evaluator = Evaluator(searcher)
    terms = [q.Term("prefix", p, boost=2.0) for p in ("he", "di", "pa", "bl", "he")]
    for term in terms * 2:
        docnums, by_rank = evaluator.ranking(term)
        assert list(zip(by_rank, docnums, strict=True)) == whoosh_top_n(searcher, term), term
        assert evaluator._kept_size <= 60 or len(evaluator._kept) == 1
    assert evaluator._kept


def test_a_kept_query_ranking_is_the_same_ranking(
    updated_service: SearchService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whole queries' rankings are kept too (the same query comes back as a person types):
    a query built again from the same text finds the kept ranking, which is Whoosh's."""
    monkeypatch.setattr(evaluate, "KEPT_MIN", 1)
    searcher = searcher_of(updated_service)
    evaluator = Evaluator(searcher)
    texts = [("heart attack signs", False), ("what is the tre", True), ('"blood pressure" a', True)]
    for _ in range(3):
        for text, typing in texts:
            query = build_query(updated_service.plan(text, as_you_type=typing))
            ranking = evaluator.top(query, 2)
            assert list(zip(ranking.scores, ranking, strict=True)) == whoosh_top_n(searcher, query)
    assert len(evaluator._kept) == len(texts)


def test_query_keys_tell_apart_what_changes_a_ranking() -> None:
    term = q.Term("body", "pain")
    same = [q.Term("body", "pain"), q.Term("body", "pain")]
    others = [q.Term("body", "pain", boost=2.0), q.Term("question", "pain"), q.Term("body", "pai")]
    assert evaluate.query_key(same[0]) == evaluate.query_key(same[1]) is not None
    assert len({evaluate.query_key(t) for t in [term, *others]}) == 4
    either, both = q.Or([term, others[1]]), q.And([term, others[1]])
    array_or = ArrayOr([term, others[1]])
    phrases = [q.Phrase("body", ["chest", "pain"]), q.Phrase("body", ["chest", "pain"], slop=2)]
    keys = [evaluate.query_key(n) for n in (either, both, array_or, q.Or([term], boost=0.5))]
    keys += [evaluate.query_key(q.AndMaybe(either, both)), *map(evaluate.query_key, phrases)]
    assert None not in keys and len(set(keys)) == len(keys)
    assert evaluate.query_key(q.Prefix("body", "pa")) is None  # not a kind query_tree builds
    assert evaluate.query_key(q.Or([term, q.Prefix("body", "pa")])) is None
