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

import marshal
from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3PostingsWriter
from whoosh.writing import PostingPool, SegmentWriter

from desktop.core.search.fast_terms import speed_up

# Whoosh's PostingPool counts ~200 bytes of memory per pooled posting.
POSTING_BYTES = 200


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


class _Runs(PostingPool):
    """Whoosh's posting pool with its runs on disk written and read a batch at a time
    (marshal), not pickled one posting at a time: a library too large for memory spills
    several runs per worker (3x MedQuAD onwards), and the same postings come back in order."""

    BATCH = 20_000

    def _write_run(self, f: Any, items: Iterable[tuple[Any, ...]]) -> None:
        batch: list[tuple[Any, ...]] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.BATCH:
                marshal.dump(batch, f)
                batch = []
        if batch:
            marshal.dump(batch, f)
        f.close()

    def _read_run(self, path: str) -> Iterator[tuple[Any, ...]]:
        f = self._open_run(path)
        try:
            while True:
                try:
                    batch = marshal.load(f)
                except EOFError:
                    return
                yield from batch
        finally:
            f.close()
            self._remove_run(path)


class FastSegmentWriter(SegmentWriter):
    """A SegmentWriter for a worker's one segment: `add` documents, then `finish`."""

    def __init__(self, ix: Any, limitmb: int) -> None:
        super().__init__(ix, _lk=False, limitmb=limitmb)
        self.pool = _Runs(self._tempstorage, self.newsegment, limitmb=limitmb)
        speed_up(self.schema)  # this worker's own copy; the index keeps the plain schema
        self._most = limitmb * 1024 * 1024 // POSTING_BYTES
        fields = [self.schema[name] for name in self.schema.names()]
        self._plain = all(not f.vector and not f.separate_spelling() for f in fields)
        self._fast_postings = (
            type(self.codec) is W3Codec and type(self.fieldwriter) is W3FieldWriter
        )
        if self._fast_postings:
            self.fieldwriter._codec = _Codec(self.codec)  # noqa: SLF001
        # Postings by field, each list in document order: sorting one field's postings by term
        # alone (a stable sort keeps document order) gives the order of sorting whole tuples,
        # at half the cost.
        self._by_field: dict[str, list[tuple[Any, ...]]] = {}
        self._pooled = 0

    def add(self, fields: dict[str, Any]) -> None:
        """SegmentWriter.add_document for documents without vectors, spelling or boosts."""
        if not self._plain or any(name.startswith("_") for name in fields):
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
                    items = list(field.index(value))
                    if field.scorable:
                        length = sum(item[1] for item in items)
                    postings = self._by_field.get(name)
                    if postings is None:
                        postings = self._by_field[name] = []
                    postings.extend([(name, t, docnum, w * boost, v) for t, _, w, v in items])
                    self._pooled += len(items)
                perdoc.add_field(name, field, value if field.stored else None, length)
                if field.column_type:
                    perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1
        if self._pooled > self._most:
            self._to_pool()
            self.pool.save()  # a sorted run on disk; the pool merges the runs back in order

    def _to_pool(self) -> None:
        """Hand the postings gathered by field to Whoosh's pool, already in order (its own
        sort of a run then only confirms the order)."""
        self.pool.current.extend(self._by_field_sorted())
        self._pooled = 0

    def _by_field_sorted(self) -> list[tuple[Any, ...]]:
        """The gathered postings by field, term, document; the gathering emptied."""
        by_term = itemgetter(1)
        ordered: list[tuple[Any, ...]] = []
        for name in sorted(self._by_field):
            postings = self._by_field.pop(name)
            postings.sort(key=by_term)
            ordered.extend(postings)
        return ordered

    def _sorted_postings(self) -> Iterable[tuple[Any, ...]]:
        """Every posting in the order Whoosh's pool gives: by field, term, document."""
        if self.pool.runs or self.pool.current:
            self._to_pool()
            return self.pool.iter_postings()  # type: ignore[no-any-return]  # merges runs
        return self._by_field_sorted()

    def finish(self) -> Any:
        """Write the postings, close and assemble the segment, and return it (what
        SegmentWriter._finalize_segment does for Whoosh's own multiprocess writer)."""
        if not self._fast_postings:
            self._to_pool()
            return self._finalize_segment()
        self.perdocwriter.close()
        reader = self.per_document_reader() if self.codec.length_stats else None
        lengths = _Lengths(reader, self.docnum - self.docbase) if reader else None
        _add_postings(self.fieldwriter, self.schema, lengths, self._sorted_postings())
        self.fieldwriter.close()
        if reader:
            reader.close()
        self._close_segment()
        self._assemble_segment()
        return self.get_segment()


def _add_postings(
    writer: Any, schema: Any, lengths: _Lengths | None, items: Iterable[tuple[Any, ...]]
) -> None:
    """FieldWriter.add_postings for a sorted stream, with lengths from memory."""
    lastfn: str | None = None
    lasttext: bytes | None = None
    field_lengths: list[int | None] = []
    add: Any = None
    for fieldname, btext, docnum, weight, value in items:
        if fieldname != lastfn:
            if lasttext is not None:
                writer.finish_term()
            if lastfn is not None:
                writer.finish_field()
            writer.start_field(fieldname, schema[fieldname])
            lastfn, lasttext = fieldname, None
            field_lengths = lengths.of(fieldname) if lengths else []
        if docnum == -1:  # Whoosh's marker for a spelling word, not a posting
            continue
        if btext != lasttext:
            if lasttext is not None:
                writer.finish_term()
            writer.start_term(btext)
            lasttext = btext
            add = writer._postwriter.add_posting  # noqa: SLF001
        add(docnum, weight, value or b"", field_lengths[docnum] if lengths else 0)
    if lasttext is not None:
        writer.finish_term()
