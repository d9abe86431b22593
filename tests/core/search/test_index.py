"""The on-disk index: stamps, rebuilds, incremental updates, atomic swaps, many readers."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
from pathlib import Path

import pytest

from db.records import Answer
from db.store import ContentStore
from desktop.core.paths import DataDir
from desktop.core.search import (
    SearchService,
    ensure_index,
    index_state,
    rebuild_index,
    update_index,
)
from desktop.core.search.index import (
    POINTER,
    STAMP,
    _prune,
    live_path,
    open_live_index,
    read_stamp,
)
from desktop.core.search.schema import SCHEMA_VERSION


def _version(data_dir: DataDir) -> int:
    with ContentStore(data_dir.content_db, readonly=True) as store:
        return store.content_version()


def test_missing_corrupt_and_behind_indexes_are_rebuilt(sample_data: DataDir) -> None:
    version = _version(sample_data)
    assert index_state(sample_data.index_dir, version).status == "ok"
    shutil.rmtree(sample_data.index_dir)
    assert index_state(sample_data.index_dir, version).status == "missing"
    assert ensure_index(sample_data).status == "ok"
    live = live_path(sample_data.index_dir)
    assert live is not None
    for toc in live.glob("*.toc"):
        toc.write_bytes(b"garbage")
    assert index_state(sample_data.index_dir, version).status == "corrupt"
    assert ensure_index(sample_data).status == "ok"
    with ContentStore(sample_data.content_db) as store:
        store.set_meta(content_version=version + 1)
    assert index_state(sample_data.index_dir, version + 1).status == "behind"
    assert ensure_index(sample_data).status == "ok"


def test_an_index_of_an_older_schema_is_rebuilt_before_it_is_searched(
    sample_data: DataDir,
) -> None:
    """What every reader's index is after an update that changes the schema (6: the prefix
    field without function words): rebuilt once, by itself, when search opens."""
    version = _version(sample_data)
    old = live_path(sample_data.index_dir)
    assert old is not None
    stamp = read_stamp(old)
    stamp["schema"] = SCHEMA_VERSION - 1
    (old / STAMP).write_text(json.dumps(stamp), encoding="utf-8")
    assert index_state(sample_data.index_dir, version).status == "old-schema"
    with SearchService.for_data_dir(sample_data) as service:
        assert index_state(sample_data.index_dir, version).status == "ok"
        assert live_path(sample_data.index_dir) != old
        typed = service.search("Wh", as_you_type=True).results
        assert [h.id for h in typed] == ["asthma-in-children"]  # "wheezes", not "what"


def test_incremental_update_adds_changes_and_deletes(sample_data: DataDir) -> None:
    with ContentStore(sample_data.content_db) as store:
        store.upsert_answers(
            [
                Answer(
                    id="zebra-new",
                    question="Are zebras striped for a reason?",
                    summary="Stripes may keep flies away.",
                    body="Zebra stripes.\n",
                )
            ]
        )
        store.delete_answers(["sleep-apnoea"])
        store.set_meta(content_version=7)
    update_index(sample_data, changed_ids=["zebra-new"], deleted_ids=["sleep-apnoea"])
    assert index_state(sample_data.index_dir, 7).status == "ok"
    with SearchService(sample_data.content_db, sample_data.index_dir) as service:
        assert [h.id for h in service.search("zebra stripes").results] == ["zebra-new"]
        assert "sleep-apnoea" not in [h.id for h in service.search("sleep apnoea").results]


def test_service_picks_up_a_swapped_index(sample_data: DataDir) -> None:
    with SearchService(sample_data.content_db, sample_data.index_dir) as service:
        before = live_path(sample_data.index_dir)
        assert service.search("asthma").total > 0
        with ContentStore(sample_data.content_db) as store:
            store.upsert_answers(
                [Answer(id="quokka", question="Why do quokkas smile?", body="Quokka.\n")]
            )
        rebuild_index(sample_data)
        assert live_path(sample_data.index_dir) != before
        assert service.refresh() is True
        assert [h.id for h in service.search("quokka").results] == ["quokka"]
        assert service.refresh() is False


def test_pointer_names_only_a_folder_inside(sample_data: DataDir) -> None:
    (sample_data.index_dir / POINTER).write_text("../../etc", encoding="utf-8")
    assert live_path(sample_data.index_dir) is None
    assert index_state(sample_data.index_dir, 1).status == "missing"


def _searcher_process(data_root: str, rounds: int, queue: multiprocessing.Queue) -> None:
    data_dir = DataDir(Path(data_root))
    errors, searched = [], 0
    service = SearchService(data_dir.content_db, data_dir.index_dir)
    for _ in range(rounds):
        try:
            service.refresh()
            if service.search("asthma children").total < 1:
                errors.append("no results")
            searched += 1
        except Exception as exc:  # noqa: BLE001 - report any failure to the parent
            errors.append(repr(exc))
    queue.put((searched, errors))


def _rebuilder_process(data_root: str, rounds: int, queue: multiprocessing.Queue) -> None:
    errors = []
    for _ in range(rounds):
        try:
            rebuild_index(DataDir(Path(data_root)))
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))
    queue.put((rounds, errors))


@pytest.mark.slow
def test_two_processes_search_while_a_third_rebuilds(sample_data: DataDir) -> None:
    ctx = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue = ctx.Queue()
    procs = [
        ctx.Process(target=_searcher_process, args=(str(sample_data.root), 60, queue))
        for _ in range(2)
    ]
    procs.append(ctx.Process(target=_rebuilder_process, args=(str(sample_data.root), 5, queue)))
    for p in procs:
        p.start()
    outcomes = [queue.get(timeout=240) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert all(errors == [] for _, errors in outcomes), outcomes
    assert sorted(n for n, _ in outcomes) == [5, 60, 60]


def test_a_rebuild_never_removes_the_folder_another_rebuild_points_at(
    sample_data: DataDir,
) -> None:
    """Two rebuilds racing (two windows and a sync): the one that prunes last must keep the
    folder the pointer names now, or every reader finds a pointer to nothing."""
    root = sample_data.index_dir
    first = rebuild_index(sample_data)
    second = rebuild_index(sample_data)
    assert live_path(root) == second
    (root / "CURRENT").write_text(first.name, encoding="utf-8")  # the other rebuild won
    old = time.time() - 3 * 3600
    os.utime(first, (old, old))  # an old folder: no grace period protects it
    _prune(root, keep={second.name})
    assert first.is_dir()
    open_live_index(root).close()


def test_a_reader_follows_the_pointer_when_its_folder_goes_away(sample_data: DataDir) -> None:
    """A reader that read the pointer just before a rebuild swapped and removed that folder
    reads the pointer again instead of failing."""
    from desktop.core.search import index as index_module

    root = sample_data.index_dir
    rebuild_index(sample_data)
    reads = [root / "v-0-gone"]  # first read: a folder a rebuild has just removed

    def pointer(index_root: Path) -> Path | None:
        return reads.pop(0) if reads else live_path(index_root)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(index_module, "live_path", pointer)
        ix = open_live_index(root)
    assert ix.doc_count() > 0
    ix.close()
