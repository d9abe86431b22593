"""Packs: gzip JSON Lines of ops, named by their sha256 (DESIGN section 5).

{"op": "upsert", "answer": {...}}     insert or replace one answer
{"op": "delete", "id": "..."}         remove one answer
{"op": "synonyms", "synonyms": [[term, synonym, kind], ...]}   replace the feed's synonyms
{"op": "glossary", "entries": [[term, definition, source], ...]}  replace the feed's reviewed
                                                                  glossary entries
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import time
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from db.records import Answer, GlossaryEntry, Synonym
from desktop.core.sync.errors import SyncError
from desktop.core.sync.feed import PackRef
from desktop.core.sync.limits import PackLimits
from desktop.core.sync.pack_rules import (
    parse_answer,
    parse_delete,
    parse_glossary,
    parse_synonyms,
)


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


@dataclass(frozen=True)
class SetGlossary:
    """Replace the reviewed glossary entries that came from the feed."""

    entries: tuple[GlossaryEntry, ...]


Op = Upsert | Delete | SetSynonyms | SetGlossary


def answer_hash(answer: Answer) -> str:
    """sha256 of an answer's content; the revision is left out (publish raises it)."""
    data = answer.to_dict()
    data.pop("revision", None)
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def synonyms_key(synonyms: Iterable[Synonym]) -> list[list[str]]:
    """Synonyms as sorted, de-duplicated rows (what packs carry and publish compares)."""
    return sorted([s.term, s.synonym, s.kind] for s in set(synonyms))


def op_to_json(op: Op) -> dict[str, object]:
    """The pack line of one op."""
    if isinstance(op, Upsert):
        return {"op": "upsert", "answer": op.answer.to_dict()}
    if isinstance(op, Delete):
        return {"op": "delete", "id": op.id}
    if isinstance(op, SetGlossary):
        return {"op": "glossary", "entries": glossary_key(op.entries)}
    return {"op": "synonyms", "synonyms": [list(row) for row in synonyms_key(op.synonyms)]}


def glossary_key(entries: Iterable[GlossaryEntry]) -> list[list[str]]:
    """Glossary entries as sorted rows [term, definition, source] (packs and publish)."""
    return [list(row) for row in sorted({(e.term, e.definition, e.source) for e in entries})]


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


def _parse_line(data: object, where: str, limits: PackLimits) -> Op:
    if not isinstance(data, dict):
        raise SyncError(f"{where}: not a JSON object: refusing the pack", "corrupt")
    kind = data.get("op")
    if kind == "upsert":
        return Upsert(parse_answer(data.get("answer"), where, limits))
    if kind == "delete":
        return Delete(parse_delete(data, where))
    if kind == "synonyms":
        return SetSynonyms(parse_synonyms(data, where, limits))
    if kind == "glossary":
        return SetGlossary(parse_glossary(data, where, limits))
    raise SyncError(f"{where}: not an op this app knows: refusing the pack", "corrupt")


Tick = Callable[[int], None]


def read_pack(
    path: Path,
    limits: PackLimits | None = None,
    *,
    declared_size: int | None = None,
    tick: Tick | None = None,
) -> Iterator[Op]:
    """Stream the ops of a verified pack, within `limits`; anything malformed or too costly
    raises SyncError(kind='corrupt'). `tick` hears how many bytes were read so far, often
    (every 256 KiB, every 2,000 lines), so a long read shows progress and can be cancelled."""
    limits = limits or PackLimits()
    size = declared_size if declared_size is not None else path.stat().st_size
    budget = limits.max_expansion * size + limits.expansion_floor
    started = time.monotonic()
    answers = 0
    expanded = 0
    reported = 0
    name = path.name[:16]
    try:
        with gzip.open(path, "rb") as gz:
            for number in range(1, limits.max_lines + 2):
                where = f"pack {name}… line {number}"
                if number > limits.max_lines:
                    raise SyncError(
                        f"pack {name}… has more than {limits.max_lines:,} lines: refusing it",
                        "corrupt",
                    )
                line = gz.readline(limits.max_line_bytes + 1)
                if not line:
                    break
                expanded += len(line)
                if len(line) > limits.max_line_bytes:
                    raise SyncError(
                        f"{where} is over {limits.max_line_bytes:,} bytes: refusing the pack",
                        "corrupt",
                    )
                if expanded > budget:
                    raise SyncError(
                        f"pack {name}… unpacks to more than {budget:,} bytes, far more than its "
                        f"signed size of {size:,} bytes allows: refusing it",
                        "corrupt",
                    )
                if tick is not None and (expanded - reported >= 256 * 1024 or number % 2000 == 0):
                    reported = expanded
                    tick(expanded)
                if time.monotonic() - started > limits.max_seconds:
                    raise SyncError(
                        f"reading pack {name}… took over {limits.max_seconds:g} s: refusing it",
                        "corrupt",
                    )
                if not line.strip():
                    continue
                if len(line) > limits.max_answer_bytes and b'"upsert"' in line[:200]:
                    raise SyncError(
                        f"{where}: an answer larger than {limits.max_answer_bytes:,} bytes: "
                        "refusing the pack",
                        "corrupt",
                    )
                try:
                    data = json.loads(line)
                except ValueError as exc:
                    raise SyncError(f"{where}: not JSON: refusing the pack", "corrupt") from exc
                except RecursionError as exc:
                    raise SyncError(
                        f"{where}: nested too deeply: refusing the pack", "corrupt"
                    ) from exc
                op = _parse_line(data, where, limits)
                if isinstance(op, Upsert):
                    answers += 1
                    if answers > limits.max_answers:
                        raise SyncError(
                            f"pack {name}… holds more than {limits.max_answers:,} answers: "
                            "refusing it",
                            "corrupt",
                        )
                yield op
    except (OSError, EOFError, zlib.error) as exc:
        raise SyncError(f"pack {name}… cannot be read: {type(exc).__name__}", "corrupt") from exc


def file_sha256(path: Path) -> str:
    """sha256 of a file, streamed."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
