"""A machine-wide, read-only content folder in the window: read, search, never write there."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from as_nobody import as_nobody_possible, make_read_only_share, run_as_nobody, tree
from pytestqt.qtbot import QtBot

from db.store import ContentStore
from desktop.core.paths import DataDir
from desktop.core.resources import sample_content_dir
from desktop.core.sync import SyncOptions
from desktop.ui.controllers.sync import MANAGED

REPO = Path(__file__).resolve().parents[2]


def read_only(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod it read-only, and (since root ignores modes) make os.access say so too."""
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    real_access = os.access

    def access(path, mode, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).startswith(str(folder)) and mode & os.W_OK:
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)


@pytest.fixture
def shared(built_sample: DataDir, tmp_path: Path) -> Iterator[Path]:
    """A copy of the sample content, as an administrator would install it for everyone."""
    folder = tmp_path / "shared"
    shutil.copytree(built_sample.root, folder)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.mark.parametrize("index_current", [True, False])
def test_the_window_reads_a_read_only_shared_folder(
    qtbot: QtBot,
    make_window,
    ui,
    shared: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    index_current: bool,
) -> None:  # type: ignore[no-untyped-def]
    if not index_current:  # content newer than its index: search needs a per-user index
        with ContentStore(shared / "content.db") as store:
            store.set_meta(content_version=7)
    read_only(shared, monkeypatch)
    before = ui.tree(shared)
    data_dir = DataDir(tmp_path / "me", shared)
    window = make_window(data_dir=data_dir)
    assert (
        window.status_area.count_label.text()
        == f"{len(list(sample_content_dir().glob('*.md')))} answers"
    )
    ui.read_a_little(window)  # bookmarks and history go to this user's own user.db
    assert data_dir.user_db.exists()
    engine = window.search.engine._service
    expected = shared / "index" if index_current else data_dir.fallback_index_dir
    assert engine is not None and engine.index_root == expected
    controller = window.add_sync(SyncOptions(feed=str(tmp_path / "feed")), watch_network=False)
    controller.start()
    qtbot.waitUntil(lambda: window.status_area.update_label.text() == MANAGED)
    assert not window.actions_.check_updates.isEnabled()
    assert window.actions_.check_updates.toolTip() == MANAGED
    assert not controller.check(manual=True)
    window.close()
    assert ui.tree(shared) == before  # nothing in the shared folder was written
    assert not (data_dir.root / "sync.lock").exists()
    assert not data_dir.downloads_dir.exists()


@pytest.mark.slow
@pytest.mark.skipif(not as_nobody_possible(), reason="needs root, setpriv and user 'nobody'")
def test_the_real_window_opens_a_read_only_folder_for_an_ordinary_user(
    built_sample: DataDir,
) -> None:
    """As user nobody, for whom the folder really is read-only: `gui --smoke` works."""
    world = Path(tempfile.mkdtemp(prefix="pa-shared-ui-"))
    try:
        setup = make_read_only_share(world, built_sample.root)
        before = tree(setup.shared)
        run = run_as_nobody(setup, "gui", "--smoke")
        assert run.returncode == 0, run.stderr
        assert tree(setup.shared) == before
    finally:
        shutil.rmtree(world, ignore_errors=True)
