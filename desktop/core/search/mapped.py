"""Read an index's compound segment files straight from the memory map, without a copy.

Whoosh maps each segment file (`*.seg`) and opens every sub-file inside it as a
`BufferFile` over a slice of the map; but `BufferFile` also wraps that slice in a
`BytesIO`, and `BytesIO` copies what it is given: every segment was read whole into the
heap of the search process (~100 MB at 3x MedQuAD, the largest part of the search process's
memory, growing with the library). `MappedFile` is the same `BufferFile` whose stream reads
from the map itself: the bytes read are the same, and only the pages actually read are
resident (shared with the page cache, dropped by the system under pressure).

`use_mapped_files()` makes Whoosh's compound storage open sub-files this way; it is called
when this module is imported (desktop.core.search.index imports it).
"""

from __future__ import annotations

import io

from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile


class MappedStream:
    """The read side of `io.BytesIO` over a buffer, without copying the buffer."""

    __slots__ = ("_buf", "_pos")

    def __init__(self, buf: memoryview | bytes) -> None:
        self._buf = memoryview(buf)
        self._pos = 0

    def read(self, size: int | None = -1) -> bytes:
        start = self._pos
        length = len(self._buf)
        end = length if size is None or size < 0 else min(start + size, length)
        if end <= start:
            return b""
        self._pos = end
        return bytes(self._buf[start:end])

    def readinto(self, target: bytearray | memoryview) -> int:
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        start = self._pos
        length = len(self._buf)
        stop = length if size is None or size < 0 else min(start + size, length)
        if stop <= start:
            return b""
        rest = bytes(self._buf[start:stop])
        newline = rest.find(b"\n")
        line = rest if newline < 0 else rest[: newline + 1]
        self._pos = start + len(line)
        return line

    def __iter__(self) -> MappedStream:
        return self

    def __next__(self) -> bytes:
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            position = offset
        elif whence == io.SEEK_CUR:
            position = self._pos + offset
        elif whence == io.SEEK_END:
            position = len(self._buf) + offset
        else:
            raise ValueError(f"invalid whence ({whence})")
        if position < 0:
            raise ValueError(f"negative seek value {position}")
        self._pos = position
        return position

    def tell(self) -> int:
        return self._pos

    def write(self, data: bytes) -> int:
        raise io.UnsupportedOperation("write")

    def truncate(self, size: int | None = None) -> int:
        raise io.UnsupportedOperation("truncate")

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self._buf = memoryview(b"")


class MappedFile(BufferFile):
    """Whoosh's `BufferFile`, reading through a `MappedStream` (no copy of the buffer)."""

    def __init__(self, buf: memoryview | bytes, name: str | None = None, onclose: object = None):
        super().__init__(b"", name=name, onclose=onclose)
        self._buf = buf
        self.file = MappedStream(buf)


def use_mapped_files() -> None:
    """Make Whoosh's compound storage open its sub-files as `MappedFile`s."""
    compound.BufferFile = MappedFile  # the name CompoundStorage.open_file uses


use_mapped_files()
