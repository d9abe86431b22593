"""What every importer yields, and the dispatcher that picks an importer per source."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from db.answer_rules import validate_answer
from db.records import Answer, GlossaryEntry, Synonym


@dataclass(frozen=True)
class ImportIssue:
    """A problem in one source file: reported, that file (or record) skipped."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    """Everything read from the sources: answers, synonyms, and the problems found."""

    answers: list[Answer] = field(default_factory=list)
    synonyms: list[Synonym] = field(default_factory=list)
    #: Reviewed plain-words definitions (a `*glossary*.tsv` source), sent by a feed.
    glossary: list[GlossaryEntry] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)


Item = Answer | ImportIssue
Progress = Callable[[int, int | None], None]


def _source_kind(path: Path) -> str:
    """Guess what a source holds from its name and content."""
    if path.is_dir():
        if any(path.rglob("*.xml")):
            return "medquad"
        return "authoring"
    suffix = path.suffix.lower()
    if suffix == ".tsv" and "glossary" in path.name.lower():
        return "glossary"
    return {
        ".md": "authoring",
        ".markdown": "authoring",
        ".xml": "medquad",
        ".jsonl": "jsonl",
        ".tsv": "synonyms",
    }.get(suffix, "unknown")


def read_sources(paths: list[Path], progress: Progress | None = None) -> ImportResult:
    """Read every source; a broken file becomes an issue, the others still import."""
    from desktop.core.importers import authoring, jsonl, medquad, synonyms

    result = ImportResult()
    seen: dict[str, str] = {}
    plans: list[tuple[str, Path]] = []
    for path in paths:
        if not path.exists():
            result.issues.append(ImportIssue(str(path), None, "no such file or folder"))
            continue
        kind = _source_kind(path)
        if kind == "unknown":
            result.issues.append(
                ImportIssue(
                    str(path), None, "not a known source (.md, .xml, .jsonl, .tsv or a folder)"
                )
            )
            continue
        plans.append((kind, path))
    files: list[tuple[str, Path]] = []
    for kind, path in plans:
        if kind == "synonyms":
            result.synonyms.extend(synonyms.read_synonyms(path, result.issues))
        elif kind == "glossary":
            from desktop.core.glossary import read_glossary_file

            problems: list[str] = []
            result.glossary.extend(read_glossary_file(path, problems))
            result.issues.extend(ImportIssue(str(path), None, p) for p in problems)
        elif path.is_dir():
            pattern = "*.xml" if kind == "medquad" else "*.md"
            found = sorted(path.rglob(pattern))
            if kind == "authoring":
                for tsv in sorted(path.rglob("synonyms.tsv")):
                    result.synonyms.extend(synonyms.read_synonyms(tsv, result.issues))
            if not found:
                result.issues.append(ImportIssue(str(path), None, "folder holds no answer files"))
            files.extend((kind, f) for f in found)
        else:
            files.append((kind, path))
    readers: dict[str, Callable[[Path], Iterator[Item]]] = {
        "authoring": authoring.read_file,
        "medquad": medquad.read_file,
        "jsonl": jsonl.read_file,
    }
    total = len(files)
    for done, (kind, path) in enumerate(files, start=1):
        for item in _read_one(readers[kind], path):
            if isinstance(item, ImportIssue):
                result.issues.append(item)
            elif problems := validate_answer(item):
                # every importer's answers meet the client's rules, or are reported and skipped
                result.issues.append(
                    ImportIssue(str(path), None, f"{item.id!r:.80}: {problems[0]}")
                )
            elif item.id in seen:
                result.issues.append(
                    ImportIssue(
                        str(path), None, f"duplicate id {item.id!r} (first in {seen[item.id]})"
                    )
                )
            else:
                seen[item.id] = str(path)
                result.answers.append(item)
        if progress:
            progress(done, total)
    return result


def _read_one(reader: Callable[[Path], Iterator[Item]], path: Path) -> list[Item]:
    """Everything one file yields; a file that breaks its reader becomes one issue (the
    build goes on with the other files)."""
    try:
        return list(reader(path))
    except OSError as exc:
        return [ImportIssue(str(path), None, f"cannot read: {exc.strerror or exc}")]
    except RecursionError:
        return [ImportIssue(str(path), None, "nested too deeply to read")]
    except (ValueError, TypeError, KeyError, OverflowError, MemoryError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return [ImportIssue(str(path), None, f"cannot import: {reason}")]


def decode_utf8(path: Path, data: bytes) -> str | ImportIssue:
    """Decode UTF-8 (BOM allowed) or say which line holds the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return ImportIssue(str(path), line, "not UTF-8 text (save the file as UTF-8)")
