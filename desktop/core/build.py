"""Build content.db (and then the index) from sources, replacing the old one only on success."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path

from db.answer_rows import display_name, topic_forms
from db.records import Answer
from db.store import ContentStore, StoreError
from desktop.core.importers import ImportIssue, ImportResult, read_sources
from desktop.core.paths import DataDir
from desktop.core.progress import ProgressCallback
from desktop.core.resources import prebuilt_dir, sample_content_dir, synonyms_file
from desktop.core.workers import bulk_work, end, tune_helper, worker_context
from desktop.core.writer_lock import WriterBusy, WriterLock, WriterLockError


class BuildError(Exception):
    """A build that could not finish; the previous content.db is untouched."""


@dataclass
class BuildReport:
    """What a build did."""

    answers: int
    synonyms: int
    content_version: int
    seconds: float
    issues: list[ImportIssue] = field(default_factory=list)


def _prepare_dir(data_dir: DataDir) -> None:
    folder = data_dir.content_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"cannot create data folder {folder}: {exc.strerror or exc}") from exc
    if not data_dir.content_is_writable():
        raise BuildError(f"data folder {folder} is read-only: cannot build content there")


def _installed_version(data_dir: DataDir) -> int:
    if not data_dir.content_db.exists():
        return 0
    try:
        with ContentStore(data_dir.content_db, readonly=True) as store:
            return store.content_version()
    except (StoreError, sqlite3.Error, ValueError):
        return 0


def source_dates(answers: list[Answer]) -> str:
    """What is known about when each publisher's pages were written, for meta `source_dates`:
    JSON {publisher: {"reviewed": null, "collected": "2017-2019", "basis": ...}}. MedQuAD
    carries no review dates, only when the collection was made; the UI says exactly that."""
    from desktop.core.importers.medquad import COLLECTED, LICENSE

    known = sorted({a.source for a in answers if a.license == LICENSE and a.source})
    basis = "collected for MedQuAD (Ben Abacha & Demner-Fushman, 2019); no review date"
    return json.dumps(
        {name: {"reviewed": None, "collected": COLLECTED, "basis": basis} for name in known},
        sort_keys=True,
    )


def _writer_lock(data_dir: DataDir) -> WriterLock:
    """The data folder's one writer lock (sync takes it too): "another update is running"."""
    lock = WriterLock(data_dir.content_dir)
    try:
        lock.acquire()
    except (WriterBusy, WriterLockError) as exc:
        raise BuildError(str(exc)) from exc
    return lock


# Below this many XML files one process reads faster than two.
PARALLEL_READ_FROM = 400


def _expand(sources: list[Path]) -> list[Path]:
    """MedQuAD folders as their XML files (sorted), so the files can be shared out."""
    out: list[Path] = []
    for source in sources:
        files = sorted(source.rglob("*.xml")) if source.is_dir() else []
        authored = source.is_dir() and any(source.rglob("*.md"))
        out.extend(files if files and not authored else [source])
    return out


def _read_part(paths: list[Path], sink: Connection) -> None:
    """Child process: read some sources and send the result back."""
    tune_helper()
    sink.send(read_sources(paths))
    sink.close()


def _half_by_size(paths: list[Path]) -> int:
    """How many of the files (from the start) make up about half of their bytes: the two
    readers then finish together (a file count splits MedQuAD 12 MB / 15 MB)."""
    sizes = []
    for path in paths:
        try:
            sizes.append(path.stat().st_size if path.is_file() else 0)
        except OSError:
            sizes.append(0)
    total, done = sum(sizes), 0
    for count, size in enumerate(sizes, start=1):
        done += size
        if done * 2 >= total:
            return max(1, min(count, len(paths) - 1))
    return len(paths) // 2


def read_in_parallel(sources: list[Path], progress: ProgressCallback | None = None) -> ImportResult:
    """read_sources, with a large MedQuAD collection read by two processes (the second half
    of its files in a helper); answers and problems come back in the same order as from one."""
    paths = _expand(sources)
    xml_count = sum(1 for p in paths if p.suffix.lower() == ".xml")
    context = worker_context() if xml_count >= PARALLEL_READ_FROM else None
    if context is None:
        return read_sources(sources, progress)
    half = _half_by_size(paths)
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_read_part, args=(paths[half:], send), daemon=True)
    child.start()
    try:
        send.close()
        total = len(paths)
        first = read_sources(paths[:half], progress and (lambda done, _: progress(done, total)))
        try:
            second: ImportResult = receive.recv()
        except EOFError as exc:
            raise BuildError("reading the sources failed in the helper process") from exc
    finally:
        end(child)  # interrupted before the result arrived: the helper must not live on
    if progress:
        progress(total, total)
    seen = {a.id for a in first.answers}
    first.issues.extend(second.issues)
    for answer in second.answers:
        if answer.id in seen:
            first.issues.append(ImportIssue("", None, f"duplicate id {answer.id!r}"))
        else:
            seen.add(answer.id)
            first.answers.append(answer)
    first.synonyms.extend(second.synonyms)
    return first


def build_content(
    sources: list[Path],
    data_dir: DataDir,
    *,
    progress: ProgressCallback | None = None,
    index_progress: ProgressCallback | None = None,
    build_index: bool = True,
    index_procs: int = 1,
) -> BuildReport:
    """Import sources into a fresh content.db, swap it in, then build the search index."""
    _prepare_dir(data_dir)
    lock = _writer_lock(data_dir)
    try:
        return _build_content(
            sources,
            data_dir,
            progress=progress,
            index_progress=index_progress,
            build_index=build_index,
            index_procs=index_procs,
        )
    finally:
        lock.release()


def _build_content(
    sources: list[Path],
    data_dir: DataDir,
    *,
    progress: ProgressCallback | None = None,
    index_progress: ProgressCallback | None = None,
    build_index: bool = True,
    index_procs: int = 1,
) -> BuildReport:
    started = time.monotonic()
    _prepare_dir(data_dir)
    with bulk_work():
        result = read_in_parallel([Path(s) for s in sources], progress)
        if not result.answers:
            reason = "; ".join(str(i) for i in result.issues[:3]) or "the sources hold no answers"
            raise BuildError(f"nothing to build: {reason}")
        bundled = synonyms_file()
        if bundled.exists():
            from desktop.core.importers.synonyms import read_synonyms

            result.synonyms = read_synonyms(bundled, result.issues) + result.synonyms
        count = len(result.answers)
        version = _installed_version(data_dir) + 1
        if build_index:
            _write_all(result, data_dir, version, index_progress, index_procs)
        else:
            _write_store(result, data_dir, version)
    return BuildReport(
        answers=count,
        synonyms=len(result.synonyms),
        content_version=version,
        seconds=time.monotonic() - started,
        issues=result.issues,
    )


class _TopicsDiffer(Exception):
    """content.db named the topics otherwise than as_stored did (its rules changed)."""


def as_stored(answers: list[Answer]) -> tuple[list[Answer], set[str]]:
    """The published answers as content.db will give them back once written (in id order,
    each topic once, in its display form), and the topic names it will hold: the index is
    written from these while content.db is being written."""
    forms = topic_forms(answers)
    names = {key: display_name(counts) for key, counts in forms.items()}
    stored = []
    for answer in sorted((a for a in answers if a.status == "published"), key=_by_id):
        topics = tuple(names[key] for key in dict.fromkeys(t.casefold() for t in answer.topics))
        stored.append(answer if topics == answer.topics else replace(answer, topics=topics))
    return stored, set(names.values())


def _by_id(answer: Answer) -> str:
    return answer.id


def _write_all(
    result: ImportResult,
    data_dir: DataDir,
    version: int,
    progress: ProgressCallback | None,
    procs: int,
) -> None:
    """content.db, reading grades and glossary written here while index workers write the
    index of the same answers (from memory: content.db is not read back)."""
    from desktop.core.search.index import rebuild_index, write_new_index

    stored, topics = as_stored(result.answers)

    def meanwhile() -> None:
        _write_store(result, data_dir, version)
        with ContentStore(data_dir.content_db, readonly=True) as store:
            held = store.topic_names()
        if held != topics:
            raise _TopicsDiffer

    try:
        write_new_index(
            data_dir.index_dir, stored, version, procs=procs, progress=progress, meanwhile=meanwhile
        )
    except _TopicsDiffer:  # not expected: index what content.db holds, as it is
        rebuild_index(data_dir, progress=progress, procs=procs)


def _write_store(result: ImportResult, data_dir: DataDir, version: int) -> None:
    """content.db written and swapped in, then its reading grades (graded in another process
    meanwhile) and glossary."""
    from desktop.core.reading_level import PendingGrades

    grading = PendingGrades.of([a for a in result.answers if a.status == "published"])
    try:
        _write_content(result, data_dir, version)
        result.answers.clear()  # in content.db now: a large library is not held twice
        with ContentStore(data_dir.content_db) as store:
            grading.finish(store)
            from desktop.core.glossary import update_glossary

            update_glossary(store)
    finally:
        grading.close()


def _write_content(result: ImportResult, data_dir: DataDir, version: int) -> None:
    """Write content.db in a new file and swap it in."""
    tmp = data_dir.content_dir / f".content.db.building-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    try:
        with ContentStore(tmp) as store:
            with store.unjournaled():
                store.upsert_answers(result.answers)
                store.replace_synonyms(result.synonyms)
                store.set_meta(
                    content_version=version,
                    feed="local",
                    built_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    source_dates=source_dates(result.answers),
                )
        os.replace(tmp, data_dir.content_db)
    except (StoreError, sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise BuildError(f"could not write {data_dir.content_db}: {exc}") from exc


def ensure_content(data_dir: DataDir) -> None:
    """A new data folder gets the bundled sample content (prebuilt when the install ships it)."""
    if data_dir.content_db.exists():
        return
    if data_dir.shared_content:
        raise BuildError(
            f"the shared content folder {data_dir.content_dir} has no content yet; ask your "
            "administrator to run 'patient-answers sync' for this computer"
        )
    _prepare_dir(data_dir)
    lock = _writer_lock(data_dir)
    try:
        if not data_dir.content_db.exists():  # another process may have seeded it meanwhile
            _seed(data_dir)
    finally:
        lock.release()


def _seed(data_dir: DataDir) -> None:
    prebuilt = prebuilt_dir()
    if (prebuilt / "content.db").exists():
        tmp = data_dir.content_dir / f".content.db.seeding-{os.getpid()}"
        try:
            shutil.copyfile(prebuilt / "content.db", tmp)
            if (prebuilt / "index").is_dir() and not data_dir.index_dir.exists():
                shutil.copytree(prebuilt / "index", data_dir.index_dir)
            os.replace(tmp, data_dir.content_db)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise BuildError(f"cannot seed {data_dir.root}: {exc.strerror or exc}") from exc
        return
    report = _build_content([sample_content_dir()], data_dir)
    if report.issues:
        raise BuildError(f"bundled sample content is broken: {report.issues[0]}")
