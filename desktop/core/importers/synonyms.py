"""The synonyms data file: term<TAB>synonym<TAB>kind, with # comments."""

from __future__ import annotations

from pathlib import Path

from db.records import Synonym, SynonymKind
from desktop.core.importers.base import ImportIssue, decode_utf8

KINDS = tuple(SynonymKind)


def read_synonyms(path: Path, issues: list[ImportIssue]) -> list[Synonym]:
    """Read pairs; a malformed line is reported and skipped."""
    try:
        text = decode_utf8(path, path.read_bytes())
    except OSError as exc:
        issues.append(ImportIssue(str(path), None, f"cannot read: {exc.strerror or exc}"))
        return []
    if isinstance(text, ImportIssue):
        issues.append(text)
        return []
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if parts[:2] == ["term", "synonym"]:
            continue
        if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
            issues.append(ImportIssue(str(path), number, "expected term<TAB>synonym<TAB>kind"))
            continue
        kind = parts[2] if len(parts) == 3 else "lay"
        if kind not in KINDS:
            issues.append(ImportIssue(str(path), number, f"unknown kind {kind!r}"))
            continue
        pairs.append(Synonym(parts[0].lower(), parts[1].lower(), kind))
    return pairs
