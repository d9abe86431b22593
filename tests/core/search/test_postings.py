"""Postings read in bulk give Whoosh's own docnums and scores, block shapes of every kind."""

from __future__ import annotations

import pickle

import pytest
from whoosh.searching import Searcher

from desktop.core.search import SearchService
from desktop.core.search.postings import ScoreTables, _ids_and_weights, read_postings


def walked(searcher: Searcher, sub: Searcher, field: str, text: bytes) -> list[tuple[int, float]]:
    matcher = sub.postings(field, text, weighting=searcher.weighting)
    out = []
    while matcher.is_active():
        out.append((matcher.id(), matcher.score()))
        matcher.next()
    return out


def test_every_term_reads_as_whooshs_matcher_walks_it(updated_service: SearchService) -> None:
    searcher = updated_service._searcher
    assert searcher is not None and searcher.reader().has_deletions()
    evaluator = updated_service._evaluator
    assert evaluator is not None
    tables = ScoreTables()
    compared = 0
    for segment, (sub, _) in enumerate(searcher.leaf_searchers()):
        reader = sub.reader()
        for field in ("body", "question", "title", "prefix"):
            if field not in sub.schema:
                continue
            lengths = evaluator.terms._lengths_of(segment, sub, field)
            assert lengths is not None
            for text in list(reader.lexicon(field))[:400]:
                matcher = sub.postings(field, text, weighting=searcher.weighting)
                found = read_postings(matcher, lengths, tables)
                expected = walked(searcher, sub, field, text)
                if found is None:  # a single posting kept inline in the term's entry
                    assert len(expected) <= 1
                    continue
                assert list(zip(found.ids, found.scores, strict=True)) == expected
                compared += 1
    assert compared > 500


@pytest.mark.parametrize(
    "weights", [None, 2.0, (1.0, 3.0, 2.0)], ids=["all-one", "one-weight", "weights"]
)
@pytest.mark.parametrize(
    "values",
    [
        None,
        b"\x00\x01\x00\x02\x00\x03",
        (b"(c_codecs\nencode\n", b"x", b"(c_codecs\nencode\n"),
        (b"", b"", b"a"),
    ],
    ids=["no-values", "fixed-size", "positions", "empty-first"],
)
def test_block_ids_and_weights_whatever_the_values(weights: object, values: object) -> None:
    deltas = (5, 40, 99)  # 40 is "(": the start of the values marker
    data = pickle.dumps((deltas, weights, values), 2)
    assert _ids_and_weights(data, 3) == (deltas, weights)


def test_a_cut_that_does_not_fit_reads_the_whole_block() -> None:
    """The marker cannot start inside Whoosh's ids or weights; if a block ever had it there
    (here: weights that are bytes), the cut pickle fails its check and the block is read
    whole."""
    block = ((1, 2), (b"(c_codecs\nencode\n", b"z"), (b"a", b"b"))
    data = pickle.dumps(block, 2)
    assert data.count(b"(c_codecs\nencode\n") == 1  # in the weights (the values reuse it)
    assert _ids_and_weights(data, 2) == block[:2]
