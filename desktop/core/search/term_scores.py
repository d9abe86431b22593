"""Each term's postings, scored, kept between the queries of one open searcher.

Reading a term (desktop.core.search.postings) is most of a search's work on a large library,
and the same terms come back query after query ("symptom", "treatment", the prefix being
typed): `TermScores` keeps them (LRU, bounded by postings), and remembers each term's
document frequency and presence per segment (asked again and again while planning and
evaluating a query).
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, _lenfield
from whoosh.columns import NumericColumn
from whoosh.searching import Searcher

from desktop.core.search.postings import Postings, ScoreTables, read_postings

# Term postings kept between queries, and a bound on their total size, so memory stays small
# whatever is typed: 12 bytes a posting (two arrays), so at most ~12 MB. On MedQuAD that
# holds a few hundred terms; at 10x (164k answers) the commonest field terms have ~20,000
# postings a segment and the cache still holds the 30-60 terms of a long message.
CACHE_POSTINGS = 1_000_000
# Terms whose document frequency (and presence) is remembered, per segment.
KNOWN_TERMS = 100_000


class TermScores:
    """Each term's postings and scores in each segment, kept (LRU, CACHE_POSTINGS) between
    queries of one open searcher."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self._cache: OrderedDict[tuple[int, str, bytes], Postings] = OrderedDict()
        self._size = 0
        self._lengths: dict[tuple[int, str], bytes | None] = {}  # per segment and field
        self._tables = ScoreTables()
        self._known: dict[tuple[int, str, str], tuple[int, bytes | None]] = {}

    def get(self, segment: int, sub: Searcher, fieldname: str, text: bytes) -> Postings:
        key = (segment, fieldname, text)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        found = self._read(segment, sub, fieldname, text)
        self._cache[key] = found
        self._size += len(found)
        while self._size > CACHE_POSTINGS and len(self._cache) > 1:
            _, dropped = self._cache.popitem(last=False)
            self._size -= len(dropped)
        return found

    def lookup(
        self, segment: int, sub: Searcher, fieldname: str, text: str
    ) -> tuple[int, bytes | None]:
        """A term's document frequency in the segment (Term.estimate_size) and its bytes
        when the segment has it (None: no such field, term or valid text)."""
        key = (segment, fieldname, text)
        found = self._known.get(key)
        if found is None:
            found = _term_info(sub, fieldname, text)
            if len(self._known) >= KNOWN_TERMS:
                self._known.clear()
            self._known[key] = found
        return found

    def _read(self, segment: int, sub: Searcher, fieldname: str, text: bytes) -> Postings:
        """Score every posting with the searcher's own scorer (BM25F: global idf and average
        length, this segment's document lengths)."""
        matcher = sub.postings(fieldname, text, weighting=self.searcher.weighting)
        lengths = self._lengths_of(segment, sub, fieldname)
        if lengths is not None:
            found = read_postings(matcher, lengths, self._tables)
            if found is not None:
                return found
        ids: array[int] = array("i")
        scores: array[float] = array("d")
        while matcher.is_active():
            ids.append(matcher.id())
            scores.append(matcher.score())
            matcher.next()
        return Postings(ids, scores)

    def _lengths_of(self, segment: int, sub: Searcher, fieldname: str) -> bytes | None:
        """Each document's length in the field, or None when stored some other way."""
        key = (segment, fieldname)
        if key not in self._lengths:
            self._lengths[key] = _stored_lengths(sub.reader(), fieldname)
        return self._lengths[key]


def _term_info(sub: Searcher, fieldname: str, text: str) -> tuple[int, bytes | None]:
    """(Term.estimate_size, the term's bytes if the segment has the term)."""
    if fieldname not in sub.schema:
        return 0, None
    try:
        btext = sub.schema[fieldname].to_bytes(text)
    except ValueError:
        return 0, None
    reader = sub.reader()
    df = int(reader.doc_frequency(fieldname, btext))
    return df, (btext if (fieldname, btext) in reader else None)


def _stored_lengths(reader: Any, fieldname: str) -> bytes | None:
    """Every document's length byte in a field (`reader.doc_field_length(d, fieldname, 1)`
    is BYTE_LENGTHS[byte]), read from Whoosh 3's one-byte length column in one go (None when
    the segment is stored some other way)."""
    perdoc: Any = getattr(reader, "_perdoc", None)
    if type(perdoc) is not W3PerDocReader:
        return None
    count: int = reader.doc_count_all()
    column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        return bytes([1]) * count  # BYTE_LENGTHS[1] == 1, the default length
    if type(column) is not NumericColumn.Reader or column._typecode != "B":
        return None
    raw = column._dbfile.get(column._basepos, column._count) if column._count else b""
    # a zero byte (or no byte) reads as None, as doc_field_length returns it
    found: bytes = bytes(raw[:count]) + bytes(max(0, count - len(raw)))
    return found
