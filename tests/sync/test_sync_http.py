"""Syncing over a real HTTP server on 127.0.0.1: first sync, delta chains, another feed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_helpers import (
    MARK,
    Publisher,
    assert_index_truthful,
    content,
    indexed,
    mark,
    sample_answers,
)
from sync_server import FeedServer

from desktop.core.paths import DataDir
from desktop.core.search import SearchService, index_state
from desktop.core.sync import RetryPolicy, SyncEvent, SyncOptions, sync


@pytest.fixture
def publisher(server: FeedServer, tmp_path: Path, keypair: tuple[Path, Path]) -> Publisher:
    return Publisher(server.root / "feed", tmp_path / "work", keypair[0])


def _options(server: FeedServer, keypair: tuple[Path, Path], retry: RetryPolicy) -> SyncOptions:
    return SyncOptions(
        feed=server.url, trusted_key_files=[keypair[1]], bundled_keys=False, retry=retry
    )


def _search_ids(data_dir: DataDir, text: str) -> set[str]:
    with SearchService.for_data_dir(data_dir) as service:
        return {h.id for h in service.search(text, limit=100).results}


def test_first_sync_installs_the_snapshot(
    sample_data: DataDir, server: FeedServer, publisher: Publisher, keypair, fast_retry
) -> None:
    answers = sample_answers()[:20]
    answers = mark(answers, {answers[0].id})
    publisher.publish(answers)
    events: list[SyncEvent] = []
    result = sync(sample_data, _options(server, keypair, fast_retry), events.append)
    assert (result.status, result.method, result.to_version, result.feed) == (
        "updated",
        "snapshot",
        1,
        "test-feed",
    )
    after = content(sample_data)
    others = len(sample_answers()) - len(answers)
    assert set(after["answers"]) == {a.id for a in answers}  # the others were replaced away
    assert (after["version"], after["feed"]) == (1, "test-feed")
    assert result.removed == others and result.updated == 1
    assert index_state(sample_data.index_dir, 1).status == "ok"
    assert indexed(sample_data) == {a.id: a.question for a in answers}
    assert _search_ids(sample_data, MARK) == {answers[0].id}
    assert result.bytes_downloaded == result.snapshot_bytes > 0
    assert {e.stage for e in events} >= {"check", "download", "apply", "index"}
    assert not list(sample_data.downloads_dir.glob("*"))


def test_a_delta_chain_brings_an_old_install_up_to_date(
    sample_data: DataDir, server: FeedServer, publisher: Publisher, keypair, fast_retry
) -> None:
    base = sample_answers()
    publisher.publish(base)
    sync(sample_data, _options(server, keypair, fast_retry))
    v2 = mark(base, {base[1].id, base[2].id})
    publisher.publish(v2)
    v3 = [a for a in v2 if a.id != base[3].id] + [
        base[4].with_changes(id="brand-new-answer", question=f"A new {MARK} question?")
    ]
    report = publisher.publish(v3)
    assert report.version == 3
    server.requests.clear()
    result = sync(sample_data, _options(server, keypair, fast_retry))
    assert (result.method, result.from_version, result.to_version) == ("delta", 1, 3)
    fetched = [p for p in server.paths() if p.startswith("feed/packs/")]
    assert len(fetched) == 2 and publisher_snapshot(server) not in fetched
    assert (result.added, result.updated, result.removed) == (1, 2, 1)
    assert result.bytes_downloaded < result.snapshot_bytes
    after = content(sample_data)
    assert set(after["answers"]) == {a.id for a in v3}
    assert after["answers"][base[1].id][1].endswith(f"{MARK}.")
    assert index_state(sample_data.index_dir, 3).status == "ok"
    assert_index_truthful(sample_data)
    assert _search_ids(sample_data, MARK) == {base[1].id, base[2].id, "brand-new-answer"}
    again = sync(sample_data, _options(server, keypair, fast_retry))
    assert again.status == "current" and again.bytes_downloaded == 0


def publisher_snapshot(server: FeedServer) -> str:
    import json

    feed = json.loads((server.root / "feed" / "feed.json").read_text())
    return "feed/" + feed["snapshot"]["path"]


def test_a_withdrawn_answer_leaves_search(
    sample_data: DataDir, server: FeedServer, publisher: Publisher, keypair, fast_retry
) -> None:
    base = sample_answers()
    publisher.publish(base)
    sync(sample_data, _options(server, keypair, fast_retry))
    gone = base[5]
    publisher.publish([a.with_changes(status="withdrawn") if a.id == gone.id else a for a in base])
    result = sync(sample_data, _options(server, keypair, fast_retry))
    assert result.removed == 1 and result.changes[0].id == gone.id
    assert gone.id not in content(sample_data)["answers"]
    assert gone.id not in indexed(sample_data)


def test_another_feed_installs_its_snapshot(
    sample_data: DataDir, server: FeedServer, tmp_path: Path, keypair, fast_retry
) -> None:
    base = sample_answers()
    first = Publisher(server.root / "feed", tmp_path / "a", keypair[0], feed_id="feed-a")
    first.publish(base[:10])
    first.publish(base[:12])
    sync(sample_data, _options(server, keypair, fast_retry))
    assert content(sample_data)["version"] == 2
    # The same address now serves another feed, also at version 2, with other answers.
    import shutil

    shutil.rmtree(server.root / "feed")
    second = Publisher(server.root / "feed", tmp_path / "b", keypair[0], feed_id="feed-b")
    second.publish(base[20:25])
    second.publish(base[20:30])
    result = sync(sample_data, _options(server, keypair, fast_retry))
    assert (result.method, result.feed, result.to_version) == ("snapshot", "feed-b", 2)
    after = content(sample_data)
    assert set(after["answers"]) == {a.id for a in base[20:30]} and after["feed"] == "feed-b"
    assert indexed(sample_data) == {a.id: a.question for a in base[20:30]}


def test_synonyms_arrive_in_packs(
    sample_data: DataDir, server: FeedServer, tmp_path: Path, keypair, fast_retry
) -> None:
    from desktop.core.sync.publisher import publish

    source = tmp_path / "src"
    from sync_helpers import write_jsonl

    write_jsonl(source / "answers.jsonl", sample_answers())
    (source / "extra.tsv").write_text("zebra sickness\tzebracornium\tlay\n", encoding="utf-8")
    publish([source / "answers.jsonl", source / "extra.tsv"], keypair[0], server.root / "feed")
    sync(sample_data, _options(server, keypair, fast_retry))
    from db.store import ContentStore

    with ContentStore(sample_data.content_db, readonly=True) as store:
        pairs = {(s.term, s.synonym) for s in store.synonyms()}
    assert ("zebra sickness", "zebracornium") in pairs
    assert ("heart attack", "myocardial infarction") in pairs or len(pairs) > 100  # bundled kept
