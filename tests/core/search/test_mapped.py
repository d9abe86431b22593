"""Index segments are read from the memory map, not copied into the search process."""

from __future__ import annotations

import io
import pickle
import subprocess
import sys
from pathlib import Path

from whoosh.filedb import compound

from desktop.core.paths import DataDir
from desktop.core.search import SearchService
from desktop.core.search.mapped import MappedFile, MappedStream

REPO = Path(__file__).resolve().parents[3]


def test_mapped_stream_reads_as_bytesio_does() -> None:
    data = pickle.dumps({"a": [1, 2, 3], "b": "x" * 300}) + b"line one\nline two\ntail"
    ours, theirs = MappedStream(memoryview(data)), io.BytesIO(data)
    for s in (ours, theirs):
        assert s.seek(0) == 0
    assert pickle.load(ours) == pickle.load(theirs)  # type: ignore[arg-type]
    assert ours.tell() == theirs.tell()
    for step in (
        lambda s: s.readline(),
        lambda s: s.read(3),
        lambda s: s.seek(-4, io.SEEK_END),
        lambda s: s.read(),
        lambda s: s.read(5),  # at the end
        lambda s: s.seek(len(data) + 10),
        lambda s: s.read(2),  # past the end
        lambda s: s.seek(2, io.SEEK_SET),
        lambda s: s.seek(3, io.SEEK_CUR),
        lambda s: s.read(-1)[:7],
    ):
        assert step(ours) == step(theirs)
        assert ours.tell() == theirs.tell()
    ours.seek(1)
    target = bytearray(4)
    assert ours.readinto(target) == 4 and bytes(target) == data[1:5]


def test_compound_segments_open_without_a_copy(sample_data: DataDir) -> None:
    with SearchService.for_data_dir(sample_data) as service:
        assert compound.BufferFile is MappedFile
        opened = []
        assert service._searcher is not None
        for segment_reader, _ in service._searcher.reader().leaf_readers():
            storage = segment_reader._storage
            storage = getattr(storage, "a", storage)  # OverlayStorage(compound, folder)
            if isinstance(storage, compound.CompoundStorage):
                name = storage.list()[0]
                opened.append(storage.open_file(name))
        assert opened, "the sample index has compound segments"
        for f in opened:
            assert isinstance(f.file, MappedStream)
            assert f.file._buf.obj is f._buf.obj  # a view of the map, not a copy
        assert service.search("diabetes").results


def test_opening_search_uses_mapped_files() -> None:
    """The search package applies it itself (not only this test's import of mapped)."""
    code = "import desktop.core.search, whoosh.filedb.compound as c; print(c.BufferFile.__name__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert out.stdout.strip() == "MappedFile", out.stderr
