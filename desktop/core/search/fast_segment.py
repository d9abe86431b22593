"""One index segment written the way Whoosh's SegmentWriter writes it, with less work per word.

An index worker (index_writer) writes a whole part of the library as one segment. Whoosh's
writer spends most of that time on bookkeeping around each of the ~2 million postings of
MedQuAD: a method call and a size estimate per posting to pool it, type assertions per
posting written, and a field length read back from disk (seek + read + decode) for every
posting. Here the same postings are pooled a document at a time (spilled to sorted runs on
disk by Whoosh's own pool past the memory limit, so the same sorted stream comes out), each
document's field lengths are read back once, and postings are added without the checks. The
segment's files are byte for byte what SegmentWriter writes (bench/import_medquad.py and
tests/core/test_medquad_build.py compare).
"""

from __future__ import annotations

import heapq
import marshal
import uuid
from array import array
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3PostingsWriter
from whoosh.writing import SegmentWriter

from desktop.core.search.fast_terms import speed_up

# Whoosh's PostingPool counts ~200 bytes of memory per pooled posting.
POSTING_BYTES = 200
_FREQUENCY = itemgetter(1)


class _Postings(W3PostingsWriter):
    """W3PostingsWriter.add_posting without its per-posting type assertions."""

    _maxweight: float
    _minlength: int | None
    _maxlength: int

    def add_posting(
        self, id_: int, weight: float, vbytes: bytes, length: int | None = None
    ) -> None:
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)
        if length:
            shortest = self._minlength
            if shortest is None or length < shortest:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength = length

    def add_flat(self, flat: list[Any], lengths: list[int | None]) -> None:
        """add_posting for each of a term's postings (flat: docnum, weight, value, ...), a
        block at a time: the same blocks, statistics and bytes."""
        docnums, weights, values = flat[0::3], flat[1::3], flat[2::3]
        limit = self._blocklimit
        total = len(docnums)
        for start in range(0, total, limit):
            if start:
                self._write_block()  # a full block, as add_posting writes it
            stop = start + limit
            ids = docnums[start:stop] if total > limit else docnums
            block_weights = weights[start:stop] if total > limit else weights
            self._ids = array("I", ids)
            self._weights = array("f", block_weights)
            heaviest = max(block_weights)
            self._maxweight = heaviest if heaviest > 0 else 0
            self._values = [v for v in values[start:stop] if v]
            if lengths:
                known = [n for n in map(lengths.__getitem__, ids) if n]
                self._minlength = min(known) if known else None
                self._maxlength = max(known) if known else 0
            else:
                self._minlength, self._maxlength = None, 0


class _Codec:
    """The writer's codec, handing out _Postings for each field."""

    def __init__(self, codec: Any) -> None:
        self._codec = codec

    def __getattr__(self, name: str) -> Any:
        return getattr(self._codec, name)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> _Postings:
        codec = self._codec
        return _Postings(
            dbfile,
            blocklimit=codec._blocklimit,  # noqa: SLF001 - the codec's own settings
            byteids=byteids,
            compression=codec._compression,  # noqa: SLF001
            inlinelimit=codec._inlinelimit,  # noqa: SLF001
        )


class _Lengths:
    """Every document's length of a field, read back from the segment once per field."""

    def __init__(self, reader: Any, count: int) -> None:
        self._reader = reader
        self._count = count
        self._fields: dict[str, list[int | None]] = {}

    def of(self, fieldname: str) -> list[int | None]:
        lengths = self._fields.get(fieldname)
        if lengths is None:
            read = self._reader.doc_field_length
            lengths = self._fields[fieldname] = [read(n, fieldname) for n in range(self._count)]
        return lengths


Flat = list[Any]  # one term's postings in document order: docnum, weight, value, docnum, ...
Term = tuple[str, bytes, Flat]


class _Runs:
    """Postings spilled to disk when a worker's part does not fit in memory: each run holds
    its terms sorted (by field, then term), a batch of terms per marshal record, and runs are
    written in document order. Merging them is then by term, not by posting: a term's
    postings from each run are joined in run order, so the merge costs little more than
    reading the runs back, whatever their number."""

    BATCH = 5_000
    # marshal format 2 keeps no references between objects: equal values read back as
    # separate objects, as they were written (pickle would otherwise refer back to them).
    VERSION = 2

    def __init__(self, storage: Any) -> None:
        self._storage = storage
        self.paths: list[str] = []

    def save(self, terms: Iterable[Term]) -> None:
        path = f"{uuid.uuid4().hex}.run"
        f = self._storage.create_file(path).raw_file()
        try:
            batch: list[Term] = []
            for term in terms:
                batch.append(term)
                if len(batch) >= self.BATCH:
                    marshal.dump(batch, f, self.VERSION)
                    batch = []
            if batch:
                marshal.dump(batch, f, self.VERSION)
        finally:
            f.close()
        self.paths.append(path)

    def _read(self, path: str) -> Iterator[Term]:
        f = self._storage.open_file(path).raw_file()
        try:
            while True:
                try:
                    batch = marshal.load(f)
                except EOFError:
                    return
                yield from batch
        finally:
            f.close()
            self._storage.delete_file(path)

    def merged(self) -> Iterator[Term]:
        """Every run's terms in order, each term's postings joined across runs."""
        streams = [self._read(path) for path in self.paths]
        self.paths = []
        key = itemgetter(0, 1)
        for (name, btext), group in groupby(heapq.merge(*streams, key=key), key=key):
            flat: Flat = []
            for _, _, postings in group:
                flat += postings
            yield name, btext, flat


class FastSegmentWriter(SegmentWriter):
    """A SegmentWriter for a worker's one segment: `add` documents, then `finish`."""

    def __init__(self, ix: Any, limitmb: int) -> None:
        super().__init__(ix, _lk=False, limitmb=limitmb)
        speed_up(self.schema)  # this worker's own copy; the index keeps the plain schema
        self._most = limitmb * 1024 * 1024 // POSTING_BYTES
        fields = [self.schema[name] for name in self.schema.names()]
        self._plain = all(not f.vector and not f.separate_spelling() for f in fields)
        self._fast_postings = (
            type(self.codec) is W3Codec and type(self.fieldwriter) is W3FieldWriter
        )
        if self._fast_postings:
            self.fieldwriter._codec = _Codec(self.codec)  # noqa: SLF001
        # Postings by field and term, each term's in document order (documents come in
        # order): sorting the terms alone then gives Whoosh's order of sorted postings.
        self._terms: dict[str, dict[bytes, Flat]] = {}
        self._pooled = 0
        self._runs = _Runs(self._tempstorage)

    def add(self, fields: dict[str, Any]) -> None:
        """SegmentWriter.add_document for documents without vectors, spelling or boosts."""
        if not self._plain or any(name.startswith("_") for name in fields):
            self._to_pool()  # Whoosh's own path from here on: its pool gets everything
            self.add_document(**fields)
            return
        self._check_state()
        perdoc = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        names = sorted(fields)
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    boost = self._field_boost(fields, name, self._doc_boost(fields))
                    terms = self._terms.get(name)
                    if terms is None:
                        terms = self._terms[name] = {}
                    items = field.index(value)
                    if not isinstance(items, list):
                        items = list(items)
                    if field.scorable:
                        length = sum(map(_FREQUENCY, items))
                    self._pooled += len(items)
                    get = terms.get
                    for btext, _, weight, vbytes in items:
                        postings = get(btext)
                        if postings is None:
                            terms[btext] = [docnum, weight * boost, vbytes]
                        else:
                            postings += (docnum, weight * boost, vbytes)
                perdoc.add_field(name, field, value if field.stored else None, length)
                if field.column_type:
                    perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1
        if self._pooled > self._most and self.pool.current == [] and not self.pool.runs:
            self._runs.save(self._sorted_terms())
            self._pooled = 0

    def _sorted_terms(self) -> Iterator[Term]:
        """The gathered terms by field and term (the gathering emptied as they go)."""
        for name in sorted(self._terms):
            terms = self._terms.pop(name)
            for btext in sorted(terms):
                yield name, btext, terms.pop(btext)

    def _to_pool(self) -> None:
        """Hand every gathered posting to Whoosh's pool as its tuples, in order."""
        for source in (self._runs.merged(), self._sorted_terms()):
            for name, btext, flat in source:
                self.pool.current.extend(
                    (name, btext, flat[i], flat[i + 1], flat[i + 2]) for i in range(0, len(flat), 3)
                )
        self._pooled = 0

    def _all_terms(self) -> Iterator[Term]:
        if not self._runs.paths:
            return self._sorted_terms()
        self._runs.save(self._sorted_terms())
        return self._runs.merged()

    def finish(self) -> Any:
        """Write the postings, close and assemble the segment, and return it (what
        SegmentWriter._finalize_segment does for Whoosh's own multiprocess writer)."""
        if not self._fast_postings or self.pool.current or self.pool.runs:
            self._to_pool()
            return self._finalize_segment()
        self.perdocwriter.close()
        reader = self.per_document_reader() if self.codec.length_stats else None
        lengths = _Lengths(reader, self.docnum - self.docbase) if reader else None
        _add_terms(self.fieldwriter, self.schema, lengths, self._all_terms())
        self.fieldwriter.close()
        if reader:
            reader.close()
        self._close_segment()
        self._assemble_segment()
        return self.get_segment()


def _add_terms(writer: Any, schema: Any, lengths: _Lengths | None, terms: Iterable[Term]) -> None:
    """FieldWriter.add_postings for sorted terms, a term's postings at a time."""
    lastfn: str | None = None
    field_lengths: list[int | None] = []
    for fieldname, btext, flat in terms:
        if fieldname != lastfn:
            if lastfn is not None:
                writer.finish_field()
            writer.start_field(fieldname, schema[fieldname])
            lastfn = fieldname
            field_lengths = lengths.of(fieldname) if lengths else []
        writer.start_term(btext)
        writer._postwriter.add_flat(flat, field_lengths)  # noqa: SLF001
        writer.finish_term()
