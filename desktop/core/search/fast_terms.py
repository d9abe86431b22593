"""The stemmed fields' postings computed in one pass, for writing a whole index fast.

Whoosh runs every word of every answer through a chain of six generator objects (tokenizer,
lowercase, accent folding, possessives, stop words, stemmer); for MedQuAD's bodies that chain
is most of the build's time. `fast_index` computes exactly the postings that chain gives
(same terms, positions renumbered the way StopFilter does, same weights and encoding) with
plain string operations. It is used only while index workers write segments, only for
fields whose analyzer equals `stemming_analyzer()` (checked, so a changed analyzer falls back
to Whoosh's own path), and a test compares both paths term for term.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from whoosh.formats import Positions
from whoosh.lang.porter import stem as porter_stem
from whoosh.support.charset import accent_map

from desktop.core.search.analysis import INDEX_STOP_WORDS, TOKEN_PATTERN, stemming_analyzer

Posting = tuple[bytes, int, float, bytes]
_TOKEN = re.compile(TOKEN_PATTERN)


def stem_terms(value: str, cache: dict[str, str]) -> dict[str, list[int]]:
    """Stemmed term -> positions, as stemming_analyzer() yields them in index mode."""
    positions: dict[str, list[int]] = defaultdict(list)
    position: int | None = None
    stops = INDEX_STOP_WORDS
    for index, match in enumerate(_TOKEN.finditer(value)):
        text = match.group(0).lower().translate(accent_map)
        if "'" in text or "’" in text:
            text = text.replace("’", "").replace("'", "")
        if not text or text in stops:
            continue
        # StopFilter(renumber=True): the first kept word keeps its place, the rest follow it.
        position = index if position is None else position + 1
        term = cache.get(text)
        if term is None:
            term = cache[text] = porter_stem(text)
        positions[term].append(position)
    return positions


def fast_index(field: Any) -> Callable[..., Iterator[Posting]] | None:
    """A drop-in for `field.index` when the field is a stemmed text field, else None."""
    if not isinstance(field.format, Positions) or field.analyzer != stemming_analyzer():
        return None
    original = field.index
    boost = field.format.field_boost
    encode = field.format.encode
    cache: dict[str, str] = {}

    def index(value: object, **kwargs: object) -> Iterator[Posting]:
        if not isinstance(value, str) or kwargs:
            yield from original(value, **kwargs)
            return
        for term, poslist in stem_terms(value, cache).items():
            yield (term.encode("utf-8"), len(poslist), float(len(poslist)) * boost, encode(poslist))

    return index


def speed_up(schema: Any) -> None:
    """Give every stemmed field of this (worker's own) schema the one-pass postings."""
    for name in schema.names():
        faster = fast_index(schema[name])
        if faster is not None:
            schema[name].index = faster
