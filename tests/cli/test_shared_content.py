"""A clinic's machine-wide, read-only content folder, used by an ordinary (non-root) user."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from as_nobody import as_nobody_possible, make_read_only_share, run_as_nobody, tree

from db.store import ContentStore
from desktop.core.paths import DataDir

pytestmark = pytest.mark.skipif(
    not as_nobody_possible(), reason="needs root, setpriv, and a checkout readable by 'nobody'"
)


@pytest.fixture
def world_tmp() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="pa-shared-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.parametrize("index_current", [True, False])
def test_read_only_content_folder_works_for_a_user(
    built_sample: DataDir, world_tmp: Path, index_current: bool
) -> None:
    source = world_tmp / "source"
    shutil.copytree(built_sample.root, source)
    if not index_current:
        with ContentStore(source / "content.db") as store:
            store.set_meta(content_version=42)
    setup = make_read_only_share(world_tmp, source)
    before = tree(setup.shared)
    info = run_as_nobody(setup, "info", "--json")
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["content_db"] == str(setup.shared / "content.db")
    found = run_as_nobody(setup, "search", "asthma", "--json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["total"] > 0
    assert tree(setup.shared) == before  # nothing in the shared folder was written
    assert not (setup.home / "data" / "patient-answers" / "content.db").exists()
    assert (setup.home / "cache" / "patient-answers").exists() == (not index_current)
