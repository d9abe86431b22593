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
