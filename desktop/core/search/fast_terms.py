"""The text fields' postings computed in one pass, for writing a whole index fast.

Whoosh runs every word of every answer through a chain of generator objects (tokenizer,
lowercase, accent folding, possessives, then stop words and stemmer, or edge n-grams); for
MedQuAD's bodies that chain is most of the index's time. `fast_index` computes exactly the
postings that chain gives (same terms, positions renumbered the way StopFilter does, same
frequencies, weights and encoding) with plain string operations, and remembers what each
distinct word (as written) becomes, so a library's repeated words are analysed once. It is
used only while index workers write segments, only for fields whose analyzer and format equal
the ones known here (checked, so a changed analyzer falls back to Whoosh's own path), and a
test compares both paths term for term.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from whoosh.formats import Frequency, Positions
from whoosh.lang.porter import stem as porter_stem
from whoosh.support.charset import accent_map
from whoosh.system import _INT_SIZE, pack_uint

from desktop.core.search.analysis import (
    INDEX_STOP_WORDS,
    PREFIX_SKIP_WORDS,
    TOKEN_PATTERN,
    plain_analyzer,
    prefix_analyzer,
    stemming_analyzer,
)

Posting = tuple[bytes, int, float, bytes]
Indexer = Callable[..., Iterable[Posting]]
_TOKEN = re.compile(TOKEN_PATTERN)
# The prefix field's edge n-grams (prefix_analyzer's NgramFilter).
GRAM_MIN, GRAM_MAX = 2, 15


def _plain(raw: str) -> str:
    """One token through LowercaseFilter, CharsetFilter(accent_map) and _PossessiveFilter."""
    text = raw.lower().translate(accent_map)
    if "'" in text or "’" in text:
        text = text.replace("’", "").replace("'", "")
    return text


def _stemmed(raw: str) -> str:
    """One token as the stemming analyzer indexes it; "" when StopFilter drops it."""
    text = _plain(raw)
    if not text or text in INDEX_STOP_WORDS:
        return ""
    return str(porter_stem(text))


def stem_terms(value: str, cache: dict[str, str]) -> dict[str, list[int]]:
    """Stemmed term -> positions, as stemming_analyzer() yields them in index mode."""
    positions: dict[str, list[int]] = defaultdict(list)
    position: int | None = None
    for index, raw in enumerate(_TOKEN.findall(value)):
        term = cache.get(raw)
        if term is None:
            term = cache[raw] = _stemmed(raw)
        if not term:
            continue
        # StopFilter(renumber=True): the first kept word keeps its place, the rest follow it.
        position = index if position is None else position + 1
        positions[term].append(position)
    return positions


def plain_counts(value: str, cache: dict[str, str], grams: bool) -> dict[str, int]:
    """Term -> frequency, as plain_analyzer() (or, with grams, prefix_analyzer(): function
    words dropped, then edge n-grams) yields."""
    counts: dict[str, int] = defaultdict(int)
    for raw in _TOKEN.findall(value):
        text = cache.get(raw)
        if text is None:
            text = cache[raw] = _plain(raw)
        if not grams:
            counts[text] += 1
        elif len(text) >= GRAM_MIN and text not in PREFIX_SKIP_WORDS:
            for size in range(GRAM_MIN, min(GRAM_MAX, len(text)) + 1):
                counts[text[:size]] += 1
    return counts


# Encoded position lists remembered (most are short and recur: [0], [3], [1, 7], ...).
ENCODED_CACHE = 200_000


def _positions_index(field: Any, original: Callable[..., Iterable[Posting]]) -> Indexer:
    boost = field.format.field_boost
    encode = field.format.encode
    cache: dict[str, str] = {}
    # positions -> Positions.encode(positions) without its 4-byte count (the pickled deltas)
    pickled: dict[tuple[int, ...], bytes] = {}

    def encoded(poslist: list[int]) -> bytes:
        # A new bytes object per posting, as Whoosh makes: a block of postings is pickled, and
        # pickle writes a shared object once and then refers back to it (a different file).
        key = tuple(poslist)
        tail = pickled.get(key)
        if tail is not None:
            return bytes(pack_uint(len(poslist))) + tail
        value: bytes = encode(poslist)
        if len(pickled) < ENCODED_CACHE:
            pickled[key] = value[_INT_SIZE:]
        return value

    def index(value: object, **kwargs: object) -> Iterable[Posting]:
        if not isinstance(value, str) or kwargs:
            return original(value, **kwargs)
        return [
            (term.encode("utf-8"), len(poslist), float(len(poslist)) * boost, encoded(poslist))
            for term, poslist in stem_terms(value, cache).items()
        ]

    return index


def _frequency_index(
    field: Any, original: Callable[..., Iterable[Posting]], grams: bool
) -> Indexer:
    boost = field.format.field_boost
    cache: dict[str, str] = {}

    def index(value: object, **kwargs: object) -> Iterable[Posting]:
        if not isinstance(value, str) or kwargs:
            return original(value, **kwargs)
        return [
            (term.encode("utf-8"), freq, float(freq) * boost, pack_uint(freq))
            for term, freq in plain_counts(value, cache, grams).items()
        ]

    return index


def fast_index(field: Any) -> Indexer | None:
    """A drop-in for `field.index` when the field is a text field analysed as known here."""
    fmt = field.format
    if type(fmt) is Positions and field.analyzer == stemming_analyzer():
        return _positions_index(field, field.index)
    if type(fmt) is Frequency and field.analyzer == plain_analyzer():
        return _frequency_index(field, field.index, grams=False)
    if type(fmt) is Frequency and field.analyzer == prefix_analyzer():
        return _frequency_index(field, field.index, grams=True)
    return None


def speed_up(schema: Any) -> None:
    """Give every known text field of this (worker's own) schema the one-pass postings."""
    for name in schema.names():
        faster = fast_index(schema[name])
        if faster is not None:
            schema[name].index = faster
