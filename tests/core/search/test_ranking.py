"""A ranking sorted only as far as it is read gives exactly what sorting it all gives."""

from __future__ import annotations

import random

import pytest
from whoosh import query as q

from desktop.core.search import SearchService, evaluate, ranking
from desktop.core.search.evaluate import Evaluator
from desktop.core.search.ranking import TopRanking, cut_score


def full_order(ids: list[int], values: list[float]) -> tuple[list[int], list[float]]:
    """Best first, ties by docnum: what the evaluator's full sort gives."""
    pairs = sorted(zip(ids, values, strict=True), key=lambda p: (-p[1], p[0]))
    return [d for d, _ in pairs], [s for _, s in pairs]


def made_up_scores(n: int, distinct: int, seed: int) -> tuple[list[int], list[float]]:
    """Unique docnums in no order, scores drawn from a few values (many ties, as one term's
    scores are) or from many."""
    rng = random.Random(seed)
    levels = [round(rng.uniform(0.1, 20.0), 3) for _ in range(distinct)]
    ids = rng.sample(range(n * 3), n)
    return ids, [rng.choice(levels) for _ in ids]


@pytest.mark.parametrize("distinct", [1, 3, 40, 5000])
@pytest.mark.parametrize("head", [1, 7, 50, 300])
def test_every_rank_reads_as_the_full_sort(distinct: int, head: int) -> None:
    ids, values = made_up_scores(4000, distinct, seed=distinct * 1000 + head)
    docnums, scores = full_order(ids, values)
    top = TopRanking(list(ids), list(values), head)
    assert len(top) == len(docnums)
    assert top[:head] == docnums[:head] and top.scores[:head] == scores[:head]
    # reading one past the sorted ranks (the re-ranked pool's tie check) is exact too
    for i in range(min(len(docnums), head * 3)):
        assert top.scores[i] == scores[i]
    assert sorted(top.members) == sorted(ids)
    assert top[head + 5] == docnums[head + 5]  # beyond: everything gets sorted
    assert list(top) == docnums and list(top.scores) == scores
    made = TopRanking.of_scores(dict(zip(ids, values, strict=True)), head)  # as the evaluator
    assert made[:head] == docnums[:head] and list(made.scores) == scores
    assert sorted(made.members) == sorted(ids) and list(made) == docnums
    in_order = sorted(zip(ids, values, strict=True))  # one term's postings are in order
    for cut_at in (head, None):
        term = TopRanking(
            [d for d, _ in in_order], [v for _, v in in_order], cut_at, ascending=True
        )
        assert term[:head] == docnums[:head] and term.scores[: head + 1] == scores[: head + 1]
        assert list(term) == docnums and list(term.scores) == scores


def test_a_cut_leaves_at_least_head_ranks_and_small_rankings_uncut() -> None:
    ids, values = made_up_scores(5000, 200, seed=1)
    found = cut_score(values, 100)
    assert found is not None
    cut, reach = found
    assert reach == [v >= cut for v in values] and sum(reach) >= 100
    assert cut_score(values[:300], 100) is None  # under CUT_FROM x head: all sorted
    assert cut_score(values, 0) is None and cut_score([], 5) is None


def test_the_services_searches_match_a_fully_sorted_evaluator(
    updated_service: SearchService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With cuts forced on the sample content, a search's ranking is the full ranking."""
    monkeypatch.setattr(ranking, "CUT_FROM", 1)
    searcher = updated_service._searcher
    assert searcher is not None
    evaluator = Evaluator(searcher)
    for term in [q.Term("prefix", p, boost=2.0) for p in ("c", "he", "dia")]:
        docnums, scores = evaluator.ranking(term)
        expected = list(zip(docnums, scores, strict=True))
        for head in (1, 3, 10):
            top = Evaluator(searcher).top(term, head)
            assert list(zip(top, top.scores, strict=True)) == expected, (term, head)


def test_kept_rankings_and_pools_give_the_same_results(
    updated_service: SearchService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Searches that find their ranking kept (with its entry count and re-ranked pools)
    show what a search that computes everything shows, asked in any order."""
    texts = [("what is the tre", True), ("heart att", True), ("heart attack signs", False)]
    texts += [("what is the tr", True), ("what is the tre", True), ("ch", True)]

    def shown(typing_order: list[tuple[str, bool]]) -> list[object]:
        out: list[object] = []
        for text, typing in typing_order:
            for limit in (3, 10):
                found = updated_service.search(text, limit=limit, as_you_type=typing)
                hits = [(h.id, h.score, h.snippet, h.also) for h in found.results]
                out.append((text, typing, limit, found.total, hits))
        return out

    monkeypatch.setattr(evaluate, "KEPT_MIN", 10**9)
    updated_service._use_searcher(updated_service._searcher)  # type: ignore[arg-type]
    expected = shown(texts)
    monkeypatch.setattr(evaluate, "KEPT_MIN", 1)
    monkeypatch.setattr(ranking, "CUT_FROM", 1)
    updated_service._use_searcher(updated_service._searcher)  # type: ignore[arg-type]
    assert shown(texts) == expected
    assert shown(texts) == expected  # every ranking kept now
    assert updated_service._evaluator is not None and updated_service._evaluator._kept
