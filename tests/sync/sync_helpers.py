"""Helpers for the sync tests: sources, a feed publisher, and consistency checks."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

from db.records import Answer
from db.store import ContentStore
from desktop.core.importers import read_sources
from desktop.core.paths import DataDir
from desktop.core.resources import sample_content_dir
from desktop.core.search.index import index_state, open_live_index
from desktop.core.sync.keys import fingerprint, load_private, load_public, sign
from desktop.core.sync.publisher import PublishReport, publish

MARK = "zebracornium"  # a word no sample answer uses: marks changed answers in searches


def sample_answers() -> list[Answer]:
    """The bundled sample answers, as read by the importers."""
    result = read_sources([sample_content_dir()])
    assert not result.issues
    return result.answers


def write_jsonl(path: Path, answers: list[Answer]) -> Path:
    """A JSON Lines source file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in answers),
        encoding="utf-8",
    )
    return path


def mark(answers: list[Answer], ids: set[str], tag: str = MARK) -> list[Answer]:
    """Copies where the given answers get a new sentence (a content change)."""
    return [
        a.with_changes(summary=f"{a.summary} Updated {tag}.") if a.id in ids else a for a in answers
    ]


class Publisher:
    """Publishes successive versions of a feed from JSON Lines sources."""

    def __init__(self, out: Path, work: Path, key: Path, feed_id: str = "test-feed") -> None:
        self.out, self.work, self.key, self.feed_id = out, work, key, feed_id
        self.count = 0

    def publish(self, answers: list[Answer]) -> PublishReport:
        """One publish of exactly these answers."""
        self.count += 1
        source = write_jsonl(self.work / f"src-{self.count}" / "answers.jsonl", answers)
        return publish([source], self.key, self.out, feed_id=self.feed_id)


def content(data_dir: DataDir) -> dict[str, object]:
    """What a reader sees in content.db: published ids with questions/summaries, and meta."""
    with ContentStore(data_dir.content_db, readonly=True) as store:
        answers = {a.id: (a.question, a.summary) for a in store.answers()}
        return {
            "answers": answers,
            "version": store.content_version(),
            "feed": store.get_meta("feed"),
        }


def indexed(data_dir: DataDir) -> dict[str, str]:
    """Every document in the live index: id -> question."""
    ix = open_live_index(data_dir.index_dir)
    try:
        with ix.searcher() as searcher:
            return {f["id"]: f["question"] for f in searcher.all_stored_fields()}
    finally:
        ix.close()


def assert_index_truthful(data_dir: DataDir) -> None:
    """If the index says it is current, it must hold exactly content.db's published answers."""
    with ContentStore(data_dir.content_db, readonly=True) as store:
        version = store.content_version()
        questions = {a.id: a.question for a in store.answers()}
    if index_state(data_dir.index_dir, version).status == "ok":
        assert indexed(data_dir) == questions


def trust_args(pub: Path) -> list[str]:
    """`--trusted-key PUB --trust-new-key FINGERPRINT`: offering a key and confirming it."""
    return ["--trusted-key", str(pub), "--trust-new-key", fingerprint(load_public(pub))]


def hand_made_feed(
    out: Path,
    key: Path,
    lines: list[bytes],
    *,
    version: int = 1,
    feed_id: str = "test-feed",
    change: Callable[[dict[str, object]], None] | None = None,
) -> None:
    """A feed written by hand and signed in the test: one snapshot pack of exactly these
    lines (gzip), and feed.json changed by `change` before signing. Validly signed, so only
    the client's own rules stand between it and the installed answers."""
    packs = out / "packs"
    packs.mkdir(parents=True, exist_ok=True)
    raw = gzip.compress(b"".join(lines), mtime=0)
    sha = hashlib.sha256(raw).hexdigest()
    (packs / f"{sha}.jsonl.gz").write_bytes(raw)
    data: dict[str, object] = {
        "format": 1,
        "feed": feed_id,
        "publisher": "Test publisher",
        "latest": version,
        "published_at": "2026-12-01T00:00:00+00:00",
        "key_id": "",
        "snapshot": {
            "version": version,
            "path": f"packs/{sha}.jsonl.gz",
            "sha256": sha,
            "size": len(raw),
        },
        "deltas": [],
    }
    if change is not None:
        change(data)
    body = (json.dumps(data) + "\n").encode()
    (out / "feed.json").write_bytes(body)
    (out / "feed.json.sig").write_bytes(sign(load_private(key), body))


def upsert_line(answer: dict[str, object]) -> bytes:
    """One pack line inserting this answer (a dict, so tests can make it wrong)."""
    return json.dumps({"op": "upsert", "answer": answer}).encode() + b"\n"


_PROGRESS = re.compile(r"^[A-Z][A-Za-z ]*: \d[\d,]*(/[\d,]+)?( [a-z]+)?$")


def error_lines(stderr: str) -> list[str]:
    """The lines of stderr that are not progress ("Downloading: 8,055/62,664 bytes"), which
    a command prints when its output goes to a file or a pipe."""
    return [line for line in stderr.splitlines() if line.strip() and not _PROGRESS.match(line)]
