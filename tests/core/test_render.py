"""Rendering: golden HTML, citation links, and sanitizing hostile content."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from db.records import Answer, Reference
from desktop.core.importers.authoring import parse
from desktop.core.render import render_answer, render_page, render_text, sanitize

GOLDEN = Path(__file__).parent / "golden"
TODAY = date(2026, 11, 25)
SOURCE = """Id: golden
Question: What helps with high blood pressure?
Summary: Less salt & more walking help; medicines help too.
Confidence: high
Reviewed: 2026-05-12
Topics: Heart health
Source: Patient Answers sample content (not medical advice)

## What the research says
Cutting salt lowers blood pressure [1]. Walking helps too [1, 2].
Some people need medicine [2-3].

| Change | Typical drop |
|---|---|
| Less salt | a few points |

## What to ask your doctor
- What is my target?
- Should I check at home?

## References
1. NHS. High blood pressure (hypertension). https://www.nhs.uk/conditions/high-blood-pressure-hypertension/
2. Example A. A trial. Journal. 2020. doi:10.1000/abc.123
3. Example B. Another. PMID: 123456
"""


def _check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; UPDATE_GOLDEN=1 to accept"


def test_answer_html_matches_golden() -> None:
    _check_golden("answer.html", render_answer(parse(SOURCE), today=TODAY, visit_links=True) + "\n")


def test_answer_text_matches_golden() -> None:
    _check_golden("answer.txt", render_text(parse(SOURCE)))


def test_citations_become_reference_links() -> None:
    html = render_answer(parse(SOURCE), today=TODAY)
    assert '<a class="cite" href="#ref-1"' in html and '<a class="cite" href="#ref-2"' in html
    assert 'id="ref-3"' in html and "https://pubmed.ncbi.nlm.nih.gov/123456/" in html
    assert "https://doi.org/10.1000/abc.123" in html
    assert "pa-visit:" not in html  # only when asked for


def test_visit_links_follow_each_question() -> None:
    html = render_answer(parse(SOURCE), today=TODAY, visit_links=True)
    assert html.count('href="pa-visit:') == 2 and 'href="pa-visit:1"' in html


def test_stale_warning_after_two_years() -> None:
    answer = parse(SOURCE.replace("2026-05-12", "2024-05-12"))
    assert 'class="stale"' in render_answer(answer, today=TODAY)
    assert 'class="stale"' not in render_answer(parse(SOURCE), today=TODAY)


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src="https://tracker.example/pixel.gif">',
        "[click](javascript:alert(1))",
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<iframe src="https://evil.example"></iframe>',
        '<p onclick="alert(1)" style="background:url(https://evil.example/x)">x</p>',
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        '<object data="https://evil.example/x.swf"></object>',
    ],
)
def test_hostile_content_cannot_run_or_load(hostile: str) -> None:
    answer = Answer(id="h", question="Q <b>bold</b>?", body=f"Text\n\n{hostile}\n")
    html = render_answer(answer).lower()
    for bad in (
        "<script",
        "javascript:",
        "<img",
        "<iframe",
        "onclick",
        "style=",
        "<link",
        "<object",
        "evil.example",
        "tracker.example",
    ):
        assert bad not in html
    assert "q &lt;b&gt;bold&lt;/b&gt;?" in html


def test_sanitize_keeps_our_subset() -> None:
    kept = (
        '<h2>T</h2><ul><li><a href="https://x.org">a</a></li></ul>'
        "<table><tbody><tr><td>1</td></tr></tbody></table>"
    )
    assert sanitize(kept) == kept


def test_page_is_standalone_html() -> None:
    page = render_page(parse(SOURCE), "body { color: black; }", today=TODAY)
    assert page.startswith("<!DOCTYPE html>") and "<style>body { color: black; }</style>" in page
    assert "<title>What helps with high blood pressure?</title>" in page


def test_medquad_style_answer_renders_attribution() -> None:
    answer = Answer(
        id="GHR_1_Sec1",
        question="What is X?",
        body="X is rare.\n",
        source="GHR",
        source_url="https://ghr.nlm.nih.gov/condition/x",
        license="CC BY 4.0. From MedQuAD.",
        references=(Reference(1, "ref"),),
    )
    html = render_answer(answer)
    assert "Genetics Home Reference" in html and "CC BY 4.0" in html
    assert 'href="https://ghr.nlm.nih.gov/condition/x"' in html
