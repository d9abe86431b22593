"""Take-home QR codes: decoded for real with zbarimg, the way a phone camera reads them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from db.user_store import VisitItem
from desktop.core.take_home import MAX_VERSION, sheet_text, take_home_codes

needs_zbarimg = pytest.mark.skipif(
    shutil.which("zbarimg") is None, reason="zbarimg (Debian zbar-tools) is not installed"
)


def decode(png: bytes, tmp_path: Path) -> str:
    """What a QR reader finds in an image (raw text, no 'QR-Code:' prefix)."""
    image = tmp_path / "code.png"
    image.write_bytes(png)
    run = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sbinary", str(image)],
        capture_output=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.decode("utf-8").removesuffix("\n")


def items(count: int, words: int = 8) -> list[VisitItem]:
    return [
        VisitItem(n, "fever", f"Question {n}: " + " ".join(["é-word"] * words) + "?", "", "t")
        for n in range(1, count + 1)
    ]


def test_the_sheet_text_lists_questions_and_notes() -> None:
    sheet = [
        VisitItem(1, "a", "Is it safe?", "ask twice", "t"),
        VisitItem(2, "a", "How long?", "", "t"),
    ]
    assert sheet_text(sheet, "bring  the list") == (
        "Questions for my doctor\n1. Is it safe?\n   Note: ask twice\n2. How long?\n"
        "Also: bring the list"
    )


@needs_zbarimg
def test_a_short_sheet_is_one_code_that_decodes_to_its_text(tmp_path: Path) -> None:
    text = sheet_text(items(3))
    codes = take_home_codes(text)
    assert len(codes) == 1 and codes[0].text == text
    assert decode(codes[0].png(), tmp_path) == text


@needs_zbarimg
def test_a_long_sheet_is_split_over_numbered_codes_that_rebuild_it(tmp_path: Path) -> None:
    text = sheet_text(items(30, words=12))
    codes = take_home_codes(text)
    assert len(codes) > 1
    assert all(c.code.version <= MAX_VERSION for c in codes)
    decoded = [decode(c.png(), tmp_path) for c in codes]
    prefixes = [f"({n} of {len(codes)})\n" for n in range(1, len(codes) + 1)]
    assert [d[: len(p)] for d, p in zip(decoded, prefixes, strict=True)] == prefixes
    rebuilt = "\n".join(d[len(p) :] for d, p in zip(decoded, prefixes, strict=True))
    assert rebuilt.split() == text.split()  # every word, in order
    assert codes[0].caption.startswith("Code 1 of")


@needs_zbarimg
def test_one_very_long_question_is_cut_between_words(tmp_path: Path) -> None:
    text = "Questions for my doctor\n1. " + " ".join(f"word{n}" for n in range(400))
    codes = take_home_codes(text)
    assert len(codes) > 1
    joined = " ".join(decode(c.png(), tmp_path).split("\n", 1)[1] for c in codes)
    assert joined.split() == text.split()
