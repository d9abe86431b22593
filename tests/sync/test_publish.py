"""Publishing: keys, the first version, deltas only when something changed, nothing on errors."""

from __future__ import annotations

import gzip
import json
import stat
from pathlib import Path

import pytest
from sync_helpers import Publisher, mark, sample_answers, write_jsonl

from db.answer_rules import MAX_NESTING, MAX_REFERENCES
from db.records import Reference
from desktop.cli import main
from desktop.core.sync import PublishError, SourceIssues, publish
from desktop.core.sync.feed import parse_feed
from desktop.core.sync.keys import fingerprint, load_public, trusted_keys, verify
from desktop.core.sync.limits import PackLimits
from desktop.core.sync.packs import file_sha256


def _ops(feed_dir: Path, path: str) -> list[dict]:
    with gzip.open(feed_dir / path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_keygen_writes_a_private_and_a_public_key(tmp_path: Path, capsys) -> None:
    key = tmp_path / "keys" / "clinic.key"
    assert main(["keygen", "--out", str(key)]) == 0
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert b"PRIVATE KEY" in key.read_bytes()
    assert b"PUBLIC KEY" in (tmp_path / "keys" / "clinic.key.pub").read_bytes()
    out = capsys.readouterr().out
    assert "key id" in out
    shown = fingerprint(load_public(tmp_path / "keys" / "clinic.key.pub"))
    assert f"Fingerprint: {shown}" in out
    assert f"# fingerprint {shown}" in (tmp_path / "keys" / "clinic.key.pub").read_text()
    before = key.read_bytes()
    assert main(["keygen", "--out", str(key)]) == 1
    assert "refusing to overwrite" in capsys.readouterr().err
    assert key.read_bytes() == before


def test_the_bundled_sample_feed_key_is_a_real_public_key() -> None:
    bundled = trusted_keys(bundled=True)
    assert bundled and all(k.origin.endswith(".pub") for k in bundled)
    for path in Path(bundled[0].origin).parent.iterdir():
        assert b"PRIVATE" not in path.read_bytes()


def test_first_publish_then_no_change_then_a_delta(tmp_path: Path, keypair) -> None:
    publisher = Publisher(tmp_path / "feed", tmp_path / "work", keypair[0])
    base = sample_answers()
    first = publisher.publish(base)
    assert (first.version, first.changed, first.added, first.delta) == (1, True, len(base), None)
    raw = (publisher.out / "feed.json").read_bytes()
    verify(
        raw,
        (publisher.out / "feed.json.sig").read_bytes(),
        trusted_keys([keypair[1]], bundled=False),
    )
    feed = parse_feed(raw)
    assert feed.latest == 1 and feed.deltas == () and feed.feed == "test-feed"
    assert file_sha256(publisher.out / feed.snapshot.path) == feed.snapshot.sha256
    assert feed.snapshot.path == f"packs/{feed.snapshot.sha256}.jsonl.gz"

    again = publisher.publish(base)
    assert (again.changed, again.version) == (False, 1)
    assert (publisher.out / "feed.json").read_bytes() == raw

    v2 = mark(base, {base[0].id})[1:] + [base[0].with_changes(summary="Changed.")]
    v2 = [a for a in v2 if a.id != base[1].id]
    report = publisher.publish(v2)
    assert (report.version, report.added, report.updated, report.removed) == (2, 0, 1, 1)
    feed = parse_feed((publisher.out / "feed.json").read_bytes())
    assert [(d.from_, d.to) for d in feed.deltas] == [(1, 2)]
    ops = _ops(publisher.out, feed.deltas[0].path)
    assert [(o["op"], o.get("id") or o["answer"]["id"]) for o in ops] == [
        ("upsert", base[0].id),
        ("delete", base[1].id),
    ]
    assert ops[0]["answer"]["revision"] == base[0].revision + 1
    snapshot = _ops(publisher.out, feed.snapshot.path)
    assert len(snapshot) == len(base) - 1
    assert (publisher.out / feed.deltas[0].path).exists()


def test_old_snapshots_are_pruned_but_deltas_kept(tmp_path: Path, keypair) -> None:
    publisher = Publisher(tmp_path / "feed", tmp_path / "work", keypair[0])
    base = sample_answers()
    snapshots = []
    for n in range(4):
        publisher.publish(mark(base, {base[n].id}, tag=f"v{n}"))
        snapshots.append(parse_feed((publisher.out / "feed.json").read_bytes()).snapshot.path)
    feed = parse_feed((publisher.out / "feed.json").read_bytes())
    assert len(feed.deltas) == 3
    present = {f"packs/{p.name}" for p in (publisher.out / "packs").iterdir()}
    assert present == {d.path for d in feed.deltas} | set(snapshots[-2:])


def test_sources_with_problems_publish_nothing(tmp_path: Path, keypair, capsys) -> None:
    publisher = Publisher(tmp_path / "feed", tmp_path / "work", keypair[0])
    publisher.publish(sample_answers())
    before = {p.name: p.read_bytes() for p in publisher.out.rglob("*") if p.is_file()}
    bad = write_jsonl(tmp_path / "bad" / "answers.jsonl", sample_answers()[:3])
    with open(bad, "a", encoding="utf-8") as handle:
        handle.write('{"id": "no question"}\n')
    with pytest.raises(SourceIssues) as caught:
        publish([bad], keypair[0], publisher.out)
    assert "answers.jsonl:4" in str(caught.value)
    code = main(["publish", str(bad), "--key", str(keypair[0]), "--out", str(publisher.out)])
    assert code == 1 and "problem:" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in publisher.out.rglob("*") if p.is_file()} == before


def test_a_feed_cannot_be_extended_with_another_key(tmp_path: Path, keypair, other_keypair) -> None:
    publisher = Publisher(tmp_path / "feed", tmp_path / "work", keypair[0])
    publisher.publish(sample_answers())
    source = write_jsonl(tmp_path / "src.jsonl", sample_answers()[:5])
    with pytest.raises(PublishError) as caught:
        publish([source], other_keypair[0], publisher.out)
    assert "not one this key signed" in str(caught.value)


def test_publish_cli(tmp_path: Path, keypair, capsys) -> None:
    source = write_jsonl(tmp_path / "src" / "answers.jsonl", sample_answers())
    out = tmp_path / "feed"
    args = [
        "publish",
        str(source),
        "--key",
        str(keypair[0]),
        "--out",
        str(out),
        "--feed-id",
        "clinic",
        "--publisher",
        "Clinic library",
    ]
    assert main(args) == 0
    assert "Published feed clinic version 1" in capsys.readouterr().out
    assert main(args) == 0
    assert "No change: feed clinic stays at version 1" in capsys.readouterr().out
    assert parse_feed((out / "feed.json").read_bytes()).publisher == "Clinic library"
    assert load_public(keypair[1])
    with pytest.raises(SystemExit) as usage:
        main(["publish", str(source), "--out", str(out)])
    assert usage.value.code == 2


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            {
                "references": tuple(
                    Reference(i, "r" * 1900, url="https://x.org/" + "u" * 1900)
                    for i in range(1, 141)
                )
            },
            "bytes (at most 524,288)",
        ),
    ],
    ids=["size"],
)
def test_publish_never_signs_an_answer_clients_refuse(
    tmp_path: Path, keypair, change: dict, reason: str
) -> None:
    """The client's pack rules, checked before signing: a refused answer would wedge the feed
    on every computer (issue 13 B's lesson, for issue 14's bounds)."""
    answers = sample_answers()
    answers[0] = answers[0].with_changes(**change)
    source = write_jsonl(tmp_path / "src" / "answers.jsonl", answers)
    with pytest.raises(SourceIssues) as caught:
        publish([source], keypair[0], tmp_path / "feed", feed_id="test-feed")
    assert reason in str(caught.value) and "clients would refuse it" in str(caught.value)
    # and the parts' bounds are the import rules themselves: the client is never stricter
    assert (PackLimits().max_references, PackLimits().max_nesting) == (MAX_REFERENCES, MAX_NESTING)
    assert not (tmp_path / "feed" / "feed.json").exists()
