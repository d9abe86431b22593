"""Packs: gzip JSON Lines of ops, named by their sha256 (DESIGN section 5).

{"op": "upsert", "answer": {...}}     insert or replace one answer
{"op": "delete", "id": "..."}         remove one answer
{"op": "synonyms", "synonyms": [[term, synonym, kind], ...]}   replace the feed's synonyms
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import uuid
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from db.records import Answer, Synonym, validate_answer
from desktop.core.sync.errors import SyncError
from desktop.core.sync.feed import PackRef


@dataclass(frozen=True)
class Upsert:
    """Insert or replace one answer."""

    answer: Answer


@dataclass(frozen=True)
class Delete:
    """Remove one answer."""

    id: str


@dataclass(frozen=True)
class SetSynonyms:
    """Replace the synonyms that came from the feed."""

    synonyms: tuple[Synonym, ...]


Op = Upsert | Delete | SetSynonyms


def answer_hash(answer: Answer) -> str:
    """sha256 of an answer's content; the revision is left out (publish raises it)."""
    data = answer.to_dict()
    data.pop("revision", None)
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def synonyms_key(synonyms: Iterable[Synonym]) -> list[list[str]]:
    """Synonyms as sorted, de-duplicated rows (what packs carry and publish compares)."""
    return sorted({(s.term, s.synonym, s.kind) for s in synonyms})  # type: ignore[arg-type]


def op_to_json(op: Op) -> dict[str, object]:
    """The pack line of one op."""
    if isinstance(op, Upsert):
        return {"op": "upsert", "answer": op.answer.to_dict()}
    if isinstance(op, Delete):
        return {"op": "delete", "id": op.id}
    return {"op": "synonyms", "synonyms": [list(row) for row in synonyms_key(op.synonyms)]}


def write_pack(ops: Iterable[Op], packs_dir: Path, version: int) -> PackRef:
    """Write ops as a gzip JSON Lines pack named by its sha256; return its reference."""
    packs_dir.mkdir(parents=True, exist_ok=True)
    tmp = packs_dir / f".pack-{uuid.uuid4().hex}.tmp"
    digest = hashlib.sha256()
    try:
        with (
            open(tmp, "wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="", compresslevel=6) as gz,
        ):
            for op in ops:
                gz.write(json.dumps(op_to_json(op), ensure_ascii=False).encode("utf-8") + b"\n")
        with open(tmp, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        sha = digest.hexdigest()
        final = packs_dir / f"{sha}.jsonl.gz"
        size = tmp.stat().st_size
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
    return PackRef(path=f"packs/{final.name}", sha256=sha, size=size, to=version)


def _parse_line(data: object, where: str) -> Op:
    if not isinstance(data, dict):
        raise SyncError(f"{where}: not a JSON object", "corrupt")
    kind = data.get("op")
    if kind == "upsert":
        try:
            answer = Answer.from_dict(data["answer"])  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError) as exc:
            raise SyncError(f"{where}: bad answer: {exc}", "corrupt") from exc
        problems = validate_answer(answer)
        if problems:
            raise SyncError(f"{where}: answer {answer.id!r}: {problems[0]}", "corrupt")
        return Upsert(answer)
    if kind == "delete" and isinstance(data.get("id"), str):
        return Delete(data["id"])  # type: ignore[arg-type]
    if kind == "synonyms" and isinstance(data.get("synonyms"), list):
        try:
            rows = tuple(
                Synonym(str(r[0]), str(r[1]), str(r[2]) if len(r) > 2 else "lay")
                for r in data["synonyms"]
            )  # type: ignore[union-attr]
        except (TypeError, IndexError) as exc:
            raise SyncError(f"{where}: bad synonyms", "corrupt") from exc
        return SetSynonyms(rows)
    raise SyncError(f"{where}: unknown op {kind!r}", "corrupt")


def read_pack(path: Path) -> Iterator[Op]:
    """Stream the ops of a verified pack; a malformed line raises SyncError(kind='corrupt')."""
    try:
        with gzip.open(path, "rb") as gz:
            for number, line in enumerate(gz, start=1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                except ValueError as exc:
                    raise SyncError(f"pack {path.name} line {number}: not JSON", "corrupt") from exc
                yield _parse_line(data, f"pack {path.name} line {number}")
    except (OSError, EOFError, zlib.error) as exc:
        raise SyncError(f"pack {path.name} cannot be read: {exc}", "corrupt") from exc


def file_sha256(path: Path) -> str:
    """sha256 of a file, streamed."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
