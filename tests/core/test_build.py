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
