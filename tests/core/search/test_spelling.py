"""The fast corrector suggests exactly what Whoosh's ReaderCorrector suggests."""

from __future__ import annotations

import random
from collections import Counter

from whoosh.support.levenshtein import distance

from db.store import ContentStore
from desktop.core.paths import DataDir
from desktop.core.search import SearchService, update_index
from desktop.core.search.spelling import WordCorrector, could_be_within


def misspellings(words: list[str], count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        w = list(rng.choice(words))
        for _ in range(rng.randint(0, 3)):
            p = rng.randrange(len(w) + 1)
            op = rng.randrange(4)
            if op == 0:
                w.insert(p, rng.choice("aeioulnrst"))
            elif op == 1 and len(w) > 1 and p < len(w):
                del w[p]
            elif op == 2 and p < len(w):
                w[p] = rng.choice("aeioulnrst")
            elif op == 3 and p + 1 < len(w):
                w[p], w[p + 1] = w[p + 1], w[p]
        out.append("".join(w))
    return out


def test_suggestions_are_whooshs_on_an_index_of_several_segments(sample_data: DataDir) -> None:
    with ContentStore(sample_data.content_db, readonly=True) as store:
        ids = sorted(a.id for a in store.answers())
    update_index(sample_data, changed_ids=ids[::3])  # a second segment: Whoosh's slow path
    with SearchService(sample_data.content_db, sample_data.index_dir) as service:
        searcher = service._searcher
        assert searcher is not None
        reader = searcher.reader()
        assert len(list(searcher.leaf_searchers())) > 1
        words = [w.decode() for w in reader.lexicon("words")]
        whoosh, ours = searcher.corrector("words"), WordCorrector(reader, "words")
        corrected = 0
        for word in misspellings(words, 400):
            for maxdist, limit in ((1, 1), (2, 1), (2, 5)):
                expected = whoosh.suggest(word, limit=limit, maxdist=maxdist, prefix=1)
                assert ours.suggest(word, limit=limit, maxdist=maxdist, prefix=1) == expected
                corrected += bool(expected)
        assert corrected > 600


def test_the_cheap_bounds_never_rule_out_a_word_within_reach() -> None:
    rng = random.Random(11)
    words = ["".join(rng.choice("abcde") for _ in range(rng.randint(1, 7))) for _ in range(400)]
    checked = 0
    for a in words:
        for b in words[:60]:
            for most in (1, 2):
                if distance(a, b, limit=most) <= most:
                    assert could_be_within(a, Counter(a), b, Counter(b), most)
                    checked += 1
    assert checked > 100
    assert not could_be_within("abc", Counter("abc"), "abcdef", Counter("abcdef"), 2)
    assert not could_be_within("abcd", Counter("abcd"), "wxyz", Counter("wxyz"), 2)
