"""Publish: compare sources with the feed's latest version, then write packs and a signed feed."""

from __future__ import annotations

import json
import os
import secrets
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from db.records import Answer, GlossaryEntry, Synonym
from desktop.core.importers import ImportIssue, read_sources
from desktop.core.progress import ProgressCallback
from desktop.core.sync import keys
from desktop.core.sync.errors import PublishError, SyncError
from desktop.core.sync.feed import FEED_FILE, FEED_ID, SIG_FILE, Feed, PackRef, parse_feed
from desktop.core.sync.limits import PackLimits
from desktop.core.sync.pack_rules import parse_answer
from desktop.core.sync.packs import (
    Delete,
    Op,
    SetGlossary,
    SetSynonyms,
    Upsert,
    answer_hash,
    file_sha256,
    glossary_key,
    read_pack,
    synonyms_key,
    write_pack,
)


@dataclass
class PublishReport:
    """What a publish did (version is unchanged when nothing changed)."""

    feed: str
    version: int
    changed: bool
    added: int = 0
    updated: int = 0
    removed: int = 0
    synonyms_changed: bool = False
    snapshot: PackRef | None = None
    delta: PackRef | None = None
    issues: list[ImportIssue] = field(default_factory=list)


@dataclass
class _State:
    """The content of one version: answers by id and the feed's synonyms."""

    answers: dict[str, Answer]
    synonyms: list[list[str]]
    glossary: list[list[str]] = field(default_factory=list)


def _load_feed(out: Path, public: keys.TrustedKey) -> tuple[Feed, _State] | None:
    """The feed already in `out` (verified with our own key) and its latest content, or None."""
    feed_path = out / FEED_FILE
    if not feed_path.exists():
        return None
    raw = feed_path.read_bytes()
    try:
        keys.verify(raw, (out / SIG_FILE).read_bytes(), [public])
        feed = parse_feed(raw)
    except OSError as exc:
        raise PublishError(f"{out / SIG_FILE} cannot be read: {exc.strerror or exc}") from exc
    except SyncError as exc:
        raise PublishError(f"the feed in {out} is not one this key signed: {exc}") from exc
    pack = out / feed.snapshot.path
    if not pack.exists() or file_sha256(pack) != feed.snapshot.sha256:
        raise PublishError(
            f"{pack} is missing or damaged: cannot compare with version {feed.latest}"
        )
    state = _State({}, [])
    try:
        for op in read_pack(pack):
            if isinstance(op, Upsert):
                state.answers[op.answer.id] = op.answer
            elif isinstance(op, SetSynonyms):
                state.synonyms = synonyms_key(op.synonyms)
            elif isinstance(op, SetGlossary):
                state.glossary = glossary_key(op.entries)
    except SyncError as exc:
        raise PublishError(str(exc)) from exc
    return feed, state


def _diff(
    old: _State,
    answers: list[Answer],
    synonyms: list[Synonym],
    report: PublishReport,
    glossary: list[GlossaryEntry] | None = None,
) -> tuple[list[Op], _State]:
    """The ops from `old` to the sources, and the new state (revisions raised on change)."""
    ops: list[Op] = []
    new = _State({}, synonyms_key(synonyms), glossary_key(glossary or []))
    for answer in sorted(answers, key=lambda a: a.id):
        before = old.answers.get(answer.id)
        if before is None:
            report.added += 1
        elif answer_hash(before) == answer_hash(answer):
            new.answers[answer.id] = before
            continue
        else:
            report.updated += 1
            answer = answer.with_changes(revision=max(answer.revision, before.revision + 1))
        new.answers[answer.id] = answer
        ops.append(Upsert(answer))
    for answer_id in sorted(set(old.answers) - set(new.answers)):
        report.removed += 1
        ops.append(Delete(answer_id))
    if new.synonyms != old.synonyms:
        report.synonyms_changed = True
        ops.append(SetSynonyms(tuple(Synonym(*row) for row in new.synonyms)))
    if new.glossary != old.glossary:
        ops.append(SetGlossary(tuple(GlossaryEntry(*row) for row in new.glossary)))
    return ops, new


def _snapshot_ops(state: _State) -> list[Op]:
    ops: list[Op] = [Upsert(state.answers[i]) for i in sorted(state.answers)]
    if state.synonyms:
        ops.append(SetSynonyms(tuple(Synonym(*row) for row in state.synonyms)))
    if state.glossary:
        ops.append(SetGlossary(tuple(GlossaryEntry(*row) for row in state.glossary)))
    return ops


def _write_signed(out: Path, feed: Feed, private: Ed25519PrivateKey) -> None:
    """Replace feed.json, then feed.json.sig (each atomically)."""
    data = feed.to_bytes()
    tag = uuid.uuid4().hex
    feed_tmp, sig_tmp = out / f".{FEED_FILE}.{tag}", out / f".{SIG_FILE}.{tag}"
    try:
        feed_tmp.write_bytes(data)
        sig_tmp.write_bytes(keys.sign(private, data))
        os.replace(feed_tmp, out / FEED_FILE)
        os.replace(sig_tmp, out / SIG_FILE)
    finally:
        feed_tmp.unlink(missing_ok=True)
        sig_tmp.unlink(missing_ok=True)


def _prune_snapshots(out: Path, feed: Feed, previous: Feed | None) -> None:
    """Drop snapshot packs older than the previous one (a client may still be fetching that)."""
    keep = {feed.snapshot.path} | {d.path for d in feed.deltas}
    if previous:
        keep.add(previous.snapshot.path)
    for pack in (out / "packs").glob("*.jsonl.gz"):
        if f"packs/{pack.name}" not in keep:
            pack.unlink(missing_ok=True)


def publish(
    sources: list[Path],
    key_file: Path,
    out: Path,
    *,
    publisher: str | None = None,
    feed_id: str | None = None,
    progress: ProgressCallback | None = None,
) -> PublishReport:
    """Create or extend the signed feed in `out`; nothing is written when sources have issues."""
    private = keys.load_private(key_file)
    public = keys.TrustedKey(private.public_key(), keys.key_id(private.public_key()), str(key_file))
    result = read_sources([Path(s) for s in sources], progress)
    result.issues.extend(client_refusals(result.answers))
    if result.issues or not result.answers:
        first = str(result.issues[0]) if result.issues else "the sources hold no answers"
        report = PublishReport(feed="", version=0, changed=False, issues=result.issues)
        raise SourceIssues(f"nothing published: {first}", report)
    try:
        out.mkdir(parents=True, exist_ok=True)
        existing = _load_feed(out, public)
    except OSError as exc:
        raise PublishError(f"cannot use {out}: {exc.strerror or exc}") from exc
    if existing and feed_id and feed_id != existing[0].feed:
        raise PublishError(f"{out} already holds feed {existing[0].feed!r}; its id cannot change")
    if feed_id is not None and (not FEED_ID.match(feed_id) or feed_id == "local"):
        raise PublishError(f"feed id {feed_id!r} must be 1-64 of A-Z, a-z, 0-9, '.', '_', '-'")
    previous, old_state = existing if existing else (None, _State({}, []))
    report = PublishReport(
        feed=previous.feed if previous else (feed_id or _new_feed_id()),
        version=previous.latest if previous else 0,
        changed=False,
    )
    ops, new_state = _diff(old_state, result.answers, result.synonyms, report, result.glossary)
    if previous and not ops:
        return report
    version = report.version + 1
    try:
        snapshot = write_pack(_snapshot_ops(new_state), out / "packs", version)
        deltas = list(previous.deltas) if previous else []
        if previous:
            delta = write_pack(ops, out / "packs", version)
            report.delta = replace(delta, from_=previous.latest)
            deltas.append(report.delta)
        feed = Feed(
            feed=report.feed,
            publisher=publisher or (previous.publisher if previous else "Patient Answers"),
            latest=version,
            published_at=datetime.now(UTC).isoformat(timespec="seconds"),
            snapshot=snapshot,
            deltas=tuple(deltas),
            key_id=public.key_id,
        )
        _write_signed(out, feed, private)
        _prune_snapshots(out, feed, previous)
    except OSError as exc:
        raise PublishError(f"cannot write the feed in {out}: {exc.strerror or exc}") from exc
    report.version, report.changed, report.snapshot = version, True, snapshot
    return report


def client_refusals(answers: list[Answer]) -> list[ImportIssue]:
    """Answers every client would refuse (pack_rules, at the default limits): reported, so a
    publisher never signs a version that wedges the feed on every computer."""
    limits = PackLimits()
    issues = []
    if len(answers) > limits.max_answers:
        issues.append(
            ImportIssue("sources", None, f"more than {limits.max_answers:,} answers in one feed")
        )
    for answer in answers:
        where = f"answer {answer.id}"
        data = answer.to_dict()
        size = len(json.dumps({"op": "upsert", "answer": data}, ensure_ascii=False).encode())
        try:
            if size > limits.max_answer_bytes:
                raise SyncError(f"it is {size:,} bytes (at most {limits.max_answer_bytes:,})")
            parse_answer(data, where, limits)
        except SyncError as exc:
            message = str(exc).removeprefix(f"{where}: ").removesuffix(": refusing the pack")
            issues.append(ImportIssue(where, None, f"clients would refuse it: {message}"))
    return issues


def _new_feed_id() -> str:
    return f"feed-{secrets.token_hex(8)}"


class SourceIssues(PublishError):
    """Sources with problems: nothing was written; the report lists them."""

    def __init__(self, message: str, report: PublishReport) -> None:
        super().__init__(message)
        self.report = report
