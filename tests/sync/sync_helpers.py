"""Helpers for the sync tests: sources, a feed publisher, and consistency checks."""

from __future__ import annotations

import json
from pathlib import Path

from db.records import Answer
from db.store import ContentStore
from desktop.core.importers import read_sources
from desktop.core.paths import DataDir
from desktop.core.resources import sample_content_dir
from desktop.core.search.index import index_state, open_live_index
from desktop.core.sync.keys import fingerprint, load_public
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
