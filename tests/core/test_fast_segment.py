"""An index worker's segment is byte for byte the segment Whoosh's own writer makes."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

from db.records import Answer
from desktop.core.importers import read_sources
from desktop.core.search import fast_segment
from desktop.core.search.fast_segment import FastSegmentWriter
from desktop.core.search.schema import build_schema, document_for
from tests.core.medquad_golden import GOLDEN


def _answers() -> list[Answer]:
    answers = read_sources([GOLDEN]).answers
    extra = Answer(
        id="zz-odd",
        question="Ménière’s disease? Crohn's  -- naïve Pneumonoultramicroscopicsilicovolcanoconiosis",  # noqa: E501
        summary="",
        topics=("Ear", "Balance, inner ear"),
        body="## Heading\n\n- a b c\n- it's the 2nd-3rd toe\n\nÆsthetic œuvre straße.",
        source="Test",
    )
    return sorted([*answers, extra], key=lambda a: a.id)


def _segment_files(folder: Path, fast: bool) -> dict[str, bytes]:
    """Write the answers as one segment; its files by name (the random segment id taken out)."""
    folder.mkdir()
    storage = FileStorage(str(folder))
    ix = storage.create_index(build_schema())
    if fast:
        writer = FastSegmentWriter(ix, limitmb=256)
        for answer in _answers():
            writer.add(document_for(answer))
        segment = writer.finish()
    else:
        plain = SegmentWriter(ix, _lk=False, limitmb=256)
        for answer in _answers():
            plain.add_document(**document_for(answer))
        segment = plain._finalize_segment()  # noqa: SLF001 - as Whoosh's own workers do
    files = {}
    compound = segment.open_compound_file(storage)
    for name in compound.list():
        handle = compound.open_file(name)
        files[name.replace(segment.segid, "S")] = handle.read().replace(
            segment.segid.encode(), b"S"
        )
        handle.close()
    compound.close()
    return files


def test_the_fast_writer_writes_whoosh_s_own_bytes(tmp_path: Path) -> None:
    fast = _segment_files(tmp_path / "fast", fast=True)
    plain = _segment_files(tmp_path / "plain", fast=False)
    assert len(fast) >= 4 and fast == plain


def test_postings_past_the_memory_limit_spill_to_runs_and_come_back_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fast_segment, "POSTING_BYTES", 256 * 1024 * 1024 // 50)  # 50 postings
    runs = []
    save = fast_segment._Runs.save  # noqa: SLF001

    def counted(self: fast_segment._Runs, terms: object) -> None:  # noqa: SLF001
        runs.append(1)
        save(self, terms)  # type: ignore[arg-type]

    monkeypatch.setattr(fast_segment._Runs, "save", counted)  # noqa: SLF001
    spilled = _segment_files(tmp_path / "spilled", fast=True)
    assert len(runs) > 3
    assert spilled == _segment_files(tmp_path / "plain", fast=False)
