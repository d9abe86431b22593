"""The editorial rules every bundled sample answer must keep (issue 16), checked file by file.

These are the rules a clinician signing the content relies on. The conventions a writer follows:

- Citations: every ``[n]`` in the body has reference ``n``, and every reference is cited.
- Reviewed date: a date not in the future, and not before the publication date of anything cited.
  A reference may give its full date ("published 27 November 2024"); otherwise its latest year
  counts (a review in that year passes).
- Confidence: high, moderate or low. A moderate or low answer says why in exactly one sentence
  that starts "Confidence is moderate because" / "Confidence is low because" (in the summary or
  the body; the level named must be the answer's level). High answers carry no such sentence.
- Summary: plain prose under 90 words, no citation markers.
- Emergency advice ("call 999/911/112", "ambulance", "A&E", "emergency department/number/line",
  "medical emergency") sits only in a "## When to get help now" section. That section, when an
  answer has one, comes first in the body and is a bullet list ("- ..."); a lead-in line ending
  with ":" is allowed. An answer whose summary gives such advice must have the section.
- Lists render as lists: leave a blank line between a lead-in sentence and the first "- " item
  (Python-Markdown otherwise folds the items into the paragraph above).
- Question: a plain question ending in "?", at most 25 words, using lay words: a clinical term
  with a common lay name (below) may appear only in brackets after the lay words.
- Sample content stays labelled as sample in its Source line, and the file is named after its Id.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from db.records import Answer
from desktop.core.importers.authoring import parse
from desktop.core.markdown_parts import CITATION, cited_numbers, split_sections
from desktop.core.render import render_answer
from desktop.core.resources import sample_content_dir

FILES = sorted(sample_content_dir().glob("*.md"))
HELP_NOW = "When to get help now"
EMERGENCY = re.compile(
    r"\b(?:999|911|112)\b|\bambulance\b|\bA&E\b|\bmedical emergency\b"
    r"|\bemergency (?:department|room|number|line|services?)\b",
    re.IGNORECASE,
)
REASON = re.compile(r"(?:^|(?<=[.!?]\s))Confidence is (high|moderate|low) because\b", re.MULTILINE)
MONTHS = (
    "January February March April May June July August September October November December"
).split()
FULL_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") ((?:19|20)\d\d)\b")
YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
# Clinical term -> the lay words a question should use instead (the term may follow in brackets).
CLINICAL_TERMS = {
    "myocardial infarction": "heart attack",
    "hypertension": "high blood pressure",
    "hypotension": "low blood pressure",
    "cerebrovascular": "stroke",
    "pyrexia": "fever",
    "hypoglycaemia": "low blood sugar",
    "hypoglycemia": "low blood sugar",
    "hyperglycaemia": "high blood sugar",
    "dyspnoea": "breathlessness",
    "dyspnea": "breathlessness",
    "syncope": "fainting",
    "emesis": "vomiting",
    "pruritus": "itching",
    "haemorrhage": "bleeding",
    "hemorrhage": "bleeding",
    "gastroenteritis": "diarrhoea and vomiting",
    "nocturnal": "night-time",
    "renal": "kidney",
    "hepatic": "liver",
    "cardiac": "heart",
    "pulmonary": "lung",
    "neoplasm": "tumour or cancer",
    "carcinoma": "cancer",
    "glycated haemoglobin": "HbA1c blood test",
    "otitis media": "middle ear infection",
    "pharyngitis": "sore throat",
    "cystitis": "bladder infection",
    "urticaria": "hives",
    "seizure disorder": "epilepsy",
}


def load(path: Path) -> Answer:
    return parse(path.read_text(encoding="utf-8"))


def ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


@pytest.fixture(params=FILES, ids=ids(FILES))
def answer(request: pytest.FixtureRequest) -> Answer:
    return load(request.param)


def sections(answer: Answer) -> list[tuple[str, list[str]]]:
    return [(heading, lines) for heading, _, lines in split_sections(answer.body)]


def test_there_is_sample_content_to_check() -> None:
    assert len(FILES) >= 34


def test_file_is_named_after_its_id_and_labelled_as_sample() -> None:
    for path in FILES:
        answer = load(path)
        assert answer.id == path.stem, path.name
        assert "sample" in answer.source.lower(), path.name
        assert answer.topics, f"{path.name} has no topics"


def test_every_citation_has_a_reference_and_every_reference_is_cited(answer: Answer) -> None:
    cited = cited_numbers(answer.body)
    listed = {r.number for r in answer.references}
    assert answer.references, "no references"
    assert cited - listed == set(), "cited without a reference"
    assert listed - cited == set(), "listed but never cited"
    assert sorted(listed) == list(range(1, len(listed) + 1)), "references are not numbered 1..n"


def published(text: str) -> date | None:
    """The latest date a reference names: a full date if given, else 1 January of its year."""
    full = [date(int(y), MONTHS.index(m) + 1, int(d)) for d, m, y in FULL_DATE.findall(text)]
    years = [date(int(y), 1, 1) for y in YEAR.findall(FULL_DATE.sub("", text))]
    return max(full + years, default=None)


def test_reviewed_is_not_in_the_future_nor_before_what_it_cites(answer: Answer) -> None:
    assert answer.reviewed, "no Reviewed date"
    reviewed = date.fromisoformat(answer.reviewed)
    assert reviewed <= date.today(), "Reviewed is in the future"
    for ref in answer.references:
        when = published(ref.text)
        assert when is None or when <= reviewed, f"reviewed before reference {ref.number}"


def test_published_reads_full_dates_and_years() -> None:
    assert published("NICE guideline NG245. Published 27 November 2024.") == date(2024, 11, 27)
    assert published("Cochrane Database of Systematic Reviews, 2013.") == date(2013, 1, 1)
    assert published("NHS. Asthma. https://www.nhs.uk/conditions/asthma/") is None


def test_confidence_is_given_and_lower_confidence_says_why(answer: Answer) -> None:
    assert answer.confidence in ("high", "moderate", "low")
    reasons = REASON.findall(f"{answer.summary}\n{answer.body}")
    if answer.confidence == "high":
        assert reasons == [], "a high-confidence answer needs no 'Confidence is ... because'"
    else:
        assert reasons == [answer.confidence], (
            f"needs exactly one sentence 'Confidence is {answer.confidence} because ...'"
        )


def test_summary_is_plain_and_under_90_words(answer: Answer) -> None:
    assert answer.summary
    assert len(answer.summary.split()) < 90, len(answer.summary.split())
    assert not CITATION.search(answer.summary), "citation markers belong in the body"


def test_emergency_advice_is_first_and_a_list_under_when_to_get_help_now(answer: Answer) -> None:
    parts = sections(answer)
    for heading, lines in parts:
        if heading != HELP_NOW:
            found = EMERGENCY.findall("\n".join(lines))
            assert not found, f"emergency advice {found} outside '{HELP_NOW}' (in '{heading}')"
    help_now = [lines for heading, lines in parts if heading == HELP_NOW]
    if EMERGENCY.search(answer.summary):
        assert help_now, f"the summary gives emergency advice but there is no '{HELP_NOW}'"
    if not help_now:
        return
    assert len(help_now) == 1 and parts[0][0] == HELP_NOW, f"'{HELP_NOW}' must come first"
    text = [line for line in help_now[0] if line.strip()]
    items = [line for line in text if line.startswith("- ")]
    assert items, f"'{HELP_NOW}' must be a bullet list"
    for line in text:
        assert line.startswith(("- ", "  ")) or line.rstrip().endswith(":"), (
            f"'{HELP_NOW}' has a line that is neither a bullet nor a lead-in: {line!r}"
        )


def test_lists_render_as_lists(answer: Answer) -> None:
    html = render_answer(answer)
    for paragraph in re.findall(r"<p>(.*?)</p>", html, flags=re.DOTALL):
        assert not re.search(r"(?:^|\n)\s*- ", paragraph), (
            f"a list is glued to the line above it (leave a blank line): {paragraph[:80]!r}"
        )


def test_question_is_in_plain_words(answer: Answer) -> None:
    question = answer.question
    assert question.endswith("?")
    assert len(question.split()) <= 25
    outside_brackets = re.sub(r"\([^)]*\)", "", question).lower()
    for term, lay in CLINICAL_TERMS.items():
        assert not re.search(rf"\b{term}\b", outside_brackets), f"say {lay!r}, not {term!r}"


def test_the_rules_catch_what_they_are_for() -> None:
    """Each rule fails on a file that breaks it (so a passing run means something)."""
    good = FILES[0].read_text(encoding="utf-8")
    future = re.sub(r"^Reviewed: .*$", "Reviewed: 2999-01-01", good, flags=re.MULTILINE)
    with pytest.raises(AssertionError):
        test_reviewed_is_not_in_the_future_nor_before_what_it_cites(load_text(future))
    jargon = re.sub(
        r"^Question: .*$", "Question: What is a myocardial infarction?", good, flags=re.MULTILINE
    )
    with pytest.raises(AssertionError):
        test_question_is_in_plain_words(load_text(jargon))
    buried = good.replace(
        "## What to ask your doctor", "Call 999 now.\n\n## What to ask your doctor"
    )
    with pytest.raises(AssertionError):
        test_emergency_advice_is_first_and_a_list_under_when_to_get_help_now(load_text(buried))
    glued = good.replace("## What to ask your doctor\n", "## What to ask your doctor\nAsk:\n")
    with pytest.raises(AssertionError):
        test_lists_render_as_lists(load_text(glued))
    uncited = good.replace("## References\n", "## References\n99. Never cited. 2001.\n")
    with pytest.raises(AssertionError):
        test_every_citation_has_a_reference_and_every_reference_is_cited(load_text(uncited))
    long_summary = re.sub(r"^Summary: ", "Summary: " + "word " * 90, good, flags=re.MULTILINE)
    with pytest.raises(AssertionError):
        test_summary_is_plain_and_under_90_words(load_text(long_summary))
    stale = re.sub(r"^Reviewed: .*$", "Reviewed: 1990-01-01", good, flags=re.MULTILINE)
    with pytest.raises(AssertionError):
        test_reviewed_is_not_in_the_future_nor_before_what_it_cites(load_text(stale))
    low = re.sub(r"^Confidence: .*$", "Confidence: low", good, flags=re.MULTILINE)
    low = re.sub(r"Confidence is \w+ because[^.]*\.", "", low)
    with pytest.raises(AssertionError):
        test_confidence_is_given_and_lower_confidence_says_why(load_text(low))


def load_text(text: str) -> Answer:
    return parse(text)
