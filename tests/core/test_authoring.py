"""The authoring Markdown format: parsing, and errors that name file, line and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.importers import read_sources
from desktop.core.importers.authoring import AuthoringError, parse
from desktop.core.resources import sample_content_dir

GOOD = """Id: good-one
Question: Is this a good answer?
Summary: Yes.
Confidence: moderate
Reviewed: 2026-01-02
Topics: Heart health; Sleep
Source: Test

## What the research says
It is good [1, 2].

## What to ask your doctor
- First question?
- Second question
  that goes on?

## References
1. NHS. Good page. https://www.nhs.uk/conditions/good/
2. Smith J. A study. Journal. 2020. doi:10.1000/xyz123 PMID: 12345
"""


def test_parse_good_file() -> None:
    a = parse(GOOD)
    assert (
        a.id == "good-one" and a.confidence == "moderate" and a.topics == ("Heart health", "Sleep")
    )
    assert a.asks == ("First question?", "Second question that goes on?")
    assert "## References" not in a.body and "It is good [1, 2]." in a.body
    assert a.references[0].url == "https://www.nhs.uk/conditions/good/"
    assert (a.references[1].doi, a.references[1].pmid) == ("10.1000/xyz123", "12345")


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("Confidence: moderate", "Colour: blue"), 4, "unknown metadata key 'Colour'"),
        (("Confidence: moderate", "Confidence: sure"), 4, "high, moderate or low"),
        (("Reviewed: 2026-01-02", "Reviewed: yesterday"), 5, "not a date"),
        (("It is good [1, 2].", "It is good [3]."), 10, "citation [3] has no matching reference"),
        (("Id: good-one", "Id: bad id"), 1, "id 'bad id'"),
        (("Summary: Yes.\n", "Summary: Yes.\nnot metadata\n"), 4, "expected 'Key: value'"),
        (("2. Smith", "Smith"), 19, "numbered line"),
    ],
)
def test_errors_name_line_and_problem(change: tuple[str, str], line: int, message: str) -> None:
    with pytest.raises(AuthoringError) as info:
        parse(GOOD.replace(*change))
    assert message in str(info.value)
    assert info.value.line == line


def test_missing_question_and_empty_answer() -> None:
    with pytest.raises(AuthoringError, match="missing metadata 'Question:'"):
        parse(GOOD.replace("Question: Is this a good answer?\n", ""))
    empty = "Id: empty\nQuestion: Anything?\n\n"
    with pytest.raises(AuthoringError, match="empty"):
        parse(empty)


def test_broken_files_are_reported_and_the_rest_import(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "dup.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "latin1.md").write_bytes(GOOD.replace("Yes.", "Café.").encode("latin-1"))
    (tmp_path / "unknown.md").write_text(GOOD.replace("Source:", "Author:"), encoding="utf-8")
    result = read_sources([tmp_path, tmp_path / "missing.md"])
    assert [a.id for a in result.answers] == ["good-one"]
    messages = sorted(str(i) for i in result.issues)
    assert any("good.md" in m and "duplicate id 'good-one'" in m for m in messages)
    assert any(m.startswith(f"{tmp_path / 'latin1.md'}:3: not UTF-8") for m in messages)
    assert any("unknown.md:7: unknown metadata key 'Author'" in m for m in messages)
    assert any("missing.md: no such file" in m for m in messages)


def test_bundled_sample_content_is_clean_and_big_enough() -> None:
    result = read_sources([sample_content_dir()])
    assert result.issues == []
    assert len(result.answers) >= 24
    topics = {t for a in result.answers for t in a.topics}
    assert len(topics) >= 8
    for a in result.answers:
        assert a.summary and a.confidence and a.reviewed and a.references, a.id
        assert a.asks, f"{a.id} has no 'What to ask your doctor' items"
        assert "sample" in a.source.lower()
    psma = next(a for a in result.answers if a.id == "psma-car-t-barriers")
    assert "castration-resistant" in psma.question


def test_no_invented_identifiers_in_sample_references() -> None:
    """Sample content cites by organisation and title; no DOI or PMID we cannot vouch for."""
    result = read_sources([sample_content_dir()])
    for a in result.answers:
        for r in a.references:
            assert r.doi is None and r.pmid is None, (a.id, r.text)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\v", "\f", "\r"])
def test_a_unicode_line_separator_never_starts_a_metadata_line(
    tmp_path: Path, separator: str
) -> None:
    # "Status: withdrawn" hidden after a separator must not withdraw the answer
    text = GOOD.replace(
        "Question: Is this a good answer?",
        f"Question: Is this a good answer?{separator}Status: withdrawn",
    )
    with pytest.raises(AuthoringError) as caught:
        parse(text)
    assert caught.value.line == 2 and f"U+{ord(separator):04X}" in str(caught.value)
    (tmp_path / "sneaky.md").write_text(text, encoding="utf-8", newline="")
    result = read_sources([tmp_path / "sneaky.md"])
    assert result.answers == [] and "sneaky.md:2:" in str(result.issues[0])


def test_crlf_files_still_read() -> None:
    answer = parse(GOOD.replace("\n", "\r\n"))
    assert answer.id == "good-one" and answer.references[0].number == 1


@pytest.mark.parametrize("digits", ["²", "①", "٣", "2²"])
def test_revision_and_reference_numbers_take_ascii_digits_only(digits: str) -> None:
    with pytest.raises(AuthoringError) as caught:
        parse(GOOD.replace("Source: Test\n", f"Source: Test\nRevision: {digits}\n"))
    assert caught.value.line == 8 and "Revision" in str(caught.value)
    with pytest.raises(AuthoringError, match="numbered line"):
        parse(GOOD.replace("1. NHS. Good page.", f"{digits}. NHS. Good page."))


def test_numbers_beyond_sqlite_and_sane_bounds_are_refused() -> None:
    with pytest.raises(AuthoringError, match="Revision"):
        parse(GOOD.replace("Source: Test\n", "Source: Test\nRevision: 99999999999999999999\n"))
    with pytest.raises(AuthoringError, match="reference number"):
        parse(GOOD.rstrip("\n") + "\n99999999999999999999. Extra page.\n")


def test_deep_nesting_and_huge_files_are_reported_and_skipped(tmp_path: Path) -> None:
    deep = "\n".join("    " * level + f"- level {level}" for level in range(60))
    deep_file = GOOD.replace("It is good [1, 2].", f"{deep}\n\nIt is good [1, 2].")
    (tmp_path / "deep.md").write_text(deep_file, encoding="utf-8")
    huge = GOOD.replace("It is good [1, 2].", "word " * 250_000 + "[1, 2]")
    (tmp_path / "huge.md").write_text(huge, encoding="utf-8")
    long_body = GOOD.replace("It is good [1, 2].", "word " * 25_000 + "[1, 2]")
    (tmp_path / "long.md").write_text(long_body.replace("good-one", "long"), encoding="utf-8")
    (tmp_path / "fine.md").write_text(GOOD.replace("good-one", "fine"), encoding="utf-8")
    result = read_sources([tmp_path])
    assert [a.id for a in result.answers] == ["fine"]
    messages = sorted(str(i) for i in result.issues)
    assert len(messages) == 3
    assert "deep.md" in messages[0] and "nests" in messages[0]
    assert "huge.md" in messages[1] and "bytes" in messages[1]
    assert "long.md" in messages[2] and "characters long" in messages[2]
