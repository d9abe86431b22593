"""Building content: atomic replace, failures keep the old content, read-only folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from db.store import ContentStore
from desktop.core.build import BuildError, build_content, ensure_content
from desktop.core.paths import DataDir
from desktop.core.search.index import index_state

GOOD = "Id: one\nQuestion: One?\nSummary: S.\n\n## What the research says\nText.\n"


def test_new_data_dir_is_seeded_with_sample_content(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "new")
    ensure_content(data_dir)
    with ContentStore(data_dir.content_db, readonly=True) as store:
        assert store.count_answers() >= 24 and store.content_version() == 1
        assert len(store.synonyms()) >= 300
        assert index_state(data_dir.index_dir, 1).status == "ok"


def test_failed_build_leaves_previous_content_untouched(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "one.md").write_text(GOOD, encoding="utf-8")
    data_dir = DataDir(tmp_path / "data")
    build_content([src], data_dir)
    before = data_dir.content_db.read_bytes()
    (src / "one.md").write_text("Colour: blue\n", encoding="utf-8")
    with pytest.raises(BuildError, match="nothing to build"):
        build_content([src], data_dir)
    assert data_dir.content_db.read_bytes() == before
    assert not [p for p in data_dir.root.iterdir() if p.name.startswith(".content.db")]


def test_build_with_a_broken_file_builds_the_rest_and_bumps_version(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "one.md").write_text(GOOD, encoding="utf-8")
    (src / "two.md").write_text(GOOD.replace("Id: one", "Id: two") + "See [4].\n", encoding="utf-8")
    data_dir = DataDir(tmp_path / "data")
    first = build_content([src], data_dir)
    second = build_content([src], data_dir)
    assert (first.answers, len(first.issues)) == (1, 1)
    assert "two.md:7: citation [4] has no matching reference" in str(first.issues[0])
    assert second.content_version == first.content_version + 1


@pytest.mark.skipif(
    os.geteuid() == 0 if hasattr(os, "geteuid") else False, reason="root ignores file permissions"
)
def test_read_only_data_dir_gives_a_one_line_reason(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "ro")
    data_dir.root.mkdir()
    data_dir.root.chmod(0o555)
    try:
        with pytest.raises(BuildError, match="read-only"):
            ensure_content(data_dir)
    finally:
        data_dir.root.chmod(0o755)


def test_read_only_check_does_not_depend_on_permissions_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores chmod, so also simulate a read-only mount through os.access."""
    data_dir = DataDir(tmp_path / "ro2")
    data_dir.root.mkdir()
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    with pytest.raises(BuildError, match="read-only"):
        ensure_content(data_dir)
    assert list(data_dir.root.iterdir()) == []


def test_the_index_is_written_from_the_answers_as_content_db_gives_them_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index workers start from the answers in memory while content.db is written:
    those must be what content.db then gives back (order, topics named once, settled)."""
    from dataclasses import replace

    from db.records import Answer
    from desktop.core import build
    from desktop.core.importers import read_sources
    from desktop.core.resources import sample_content_dir
    from tests.core.medquad_golden import GOLDEN

    answers = read_sources([GOLDEN, sample_content_dir()]).answers
    answers = [
        *answers[::-1],
        Answer(id="b-case", question="Q?", topics=("Heart Attack", "heart attack", "Asthma")),
        Answer(id="a-case", question="Q?", topics=("heart attack",)),
        Answer(id="c-case", question="Q?", topics=("HEART attack", "Zed")),
        Answer(id="d-gone", question="Q?", topics=("Gone topic",), status="withdrawn"),
        replace(answers[0], id="e-copy", topics=("asthma", "ASTHMA")),
    ]
    stored, topics = build.as_stored(answers)
    data_dir = DataDir(tmp_path / "data")
    build._prepare_dir(data_dir)  # noqa: SLF001
    build._write_content(build.ImportResult(answers=answers), data_dir, 1)  # noqa: SLF001
    with ContentStore(data_dir.content_db, readonly=True) as store:
        assert stored == list(store.answers())
        assert topics == store.topic_names()
    assert [a.topics for a in stored if a.id.endswith("-case")] == [
        ("heart attack",),
        ("heart attack", "asthma"),
        ("heart attack", "Zed"),
    ]

    # Were content.db's rules to change, the index is made from content.db as it is.
    monkeypatch.setattr(build, "display_name", lambda forms: "other")
    report = build.build_content([GOLDEN], DataDir(tmp_path / "again"))
    assert report.answers and index_state(DataDir(tmp_path / "again").index_dir, 1).status == "ok"
