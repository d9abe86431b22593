"""A feed can add and correct reviewed glossary entries ({"op": "glossary"}), signed as usual."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from sync_helpers import Publisher, sample_answers, write_jsonl

from db.store import ContentStore
from desktop.core.glossary import define
from desktop.core.paths import DataDir
from desktop.core.sync import SyncError, SyncOptions, sync
from desktop.core.sync.limits import PackLimits
from desktop.core.sync.packs import SetGlossary, read_pack
from desktop.core.sync.publisher import publish


def _glossary(path: Path, *rows: tuple[str, str, str]) -> Path:
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_feed_glossary_is_installed_corrected_and_outranks_the_bundled_one(
    sample_data: DataDir, tmp_path: Path, keypair
) -> None:
    feed = tmp_path / "feed"
    publisher = Publisher(feed, tmp_path / "work", keypair[0])
    source = publisher.work / "answers.jsonl"
    write_jsonl(source, sample_answers())
    glossary = _glossary(
        tmp_path / "clinic-glossary.tsv",
        (
            "spirometry",
            "A breathing test that measures how much and how fast you blow out.",
            "Clinic",
        ),
        (
            "sepsis",
            "A very serious reaction to an infection that harms the body's organs.",
            "Clinic",
        ),
    )
    publish([source, glossary], keypair[0], feed, feed_id="test-feed")
    options = SyncOptions(feed=str(feed), trusted_key_files=[keypair[1]])
    sync(sample_data, options)
    with ContentStore(sample_data.content_db, readonly=True) as store:
        entry = define(store, "spirometry")
        assert entry is not None and entry.source == "Clinic"
        sepsis = define(store, "Sepsis")
        assert sepsis is not None and sepsis.source == "Clinic"  # the feed's words win

    _glossary(glossary, ("spirometry", "A blowing test of how well your lungs work.", "Clinic"))
    report = publish([source, glossary], keypair[0], feed, feed_id="test-feed")
    assert report.changed is not False
    delta = feed / report.delta.path if report.delta else None
    assert delta is not None
    assert [type(op) for op in read_pack(delta)] == [SetGlossary]
    sync(sample_data, options)
    with ContentStore(sample_data.content_db, readonly=True) as store:
        entry = define(store, "spirometry")
        assert (
            entry is not None and entry.definition == "A blowing test of how well your lungs work."
        )
        bundled = define(store, "sepsis")  # no longer sent: the bundled definition again
        assert bundled is not None and bundled.source != "Clinic"


@pytest.mark.parametrize(
    "entries, says",
    [
        ("not a list", "not a list"),
        ([["sepsis", "Sepsis is bad."]], r"not \[term, definition, source\]"),
        ([["sepsis", "Sepsis is a very bad thing.", "X"]], "uses the term itself"),
        ([["x", "word " * 41, "X"]], "longer than 40 words"),
        ([["x", 5, "X"]], "a glossary entry"),
    ],
)
def test_a_bad_glossary_op_refuses_the_pack(tmp_path: Path, entries: object, says: str) -> None:
    pack = tmp_path / "p.jsonl.gz"
    with gzip.open(pack, "wt", encoding="utf-8") as out:
        out.write(json.dumps({"op": "glossary", "entries": entries}) + "\n")
    with pytest.raises(SyncError, match=says):
        list(read_pack(pack, PackLimits()))
