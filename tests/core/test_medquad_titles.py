"""MedQuAD template questions as people write them, by general rules (no per-title table)."""

from __future__ import annotations

import pytest

from desktop.core.importers.medquad_titles import casing_from, clean_focus, clean_question

# Made-up document text: how the page itself writes the focus mid-sentence.
TEXT = (
    "A knee ache is common. Many people with a knee ache rest. If a knee ache lasts, see a "
    "doctor. Knee ache is not serious."
)
PLURAL_TEXT = (
    "Gallstones are hard lumps. Doctors find gallstones with a scan. Gallstones are common."
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What is (are) Knee Ache ?", "What is a knee ache?"),
        ("Do you have information about Knee Ache", "What should I know about knee ache?"),
        ("What are the symptoms of Knee Ache ?", "What are the symptoms of a knee ache?"),
        ("What are the treatments for Knee Ache ?", "How is a knee ache treated?"),
        ("Is Knee Ache inherited ?", "Is knee ache inherited?"),
        ("How many people are affected by Knee Ache ?", "How common is knee ache?"),
        (
            "What are the genetic changes related to Knee Ache ?",
            "What genetic changes are related to knee ache?",
        ),
        ("What causes Knee Ache ?", "What causes a knee ache?"),
        ("How to diagnose Knee Ache ?", "How is a knee ache diagnosed?"),
        (
            "what research (or clinical trials) is being done for Knee Ache ?",
            "What research is being done on knee ache?",
        ),
        ("What is the outlook for Knee Ache ?", "What is the outlook for knee ache?"),
        ("Who is at risk for Knee Ache? ?", "Who is at risk for a knee ache?"),
        ("What to do for Knee Ache ?", "What can I do about knee ache?"),
        ("How to prevent Knee Ache ?", "How can a knee ache be prevented?"),
        ("What are the stages of Knee Ache ?", "What are the stages of knee ache?"),
        ("What are the complications of Knee Ache ?", "What are the complications of a knee ache?"),
        (
            "Where to find support for people with Knee Ache ?",
            "Where can people with knee ache find support?",
        ),
    ],
)
def test_every_question_type_template(question: str, expected: str) -> None:
    assert clean_question(question, "Knee Ache", casing_from([TEXT], "Knee Ache")) == expected


def test_plural_focus_takes_are_from_the_documents_own_verbs() -> None:
    casing = casing_from([PLURAL_TEXT], "Gallstones")
    assert clean_question("What is (are) Gallstones ?", "Gallstones", casing) == (
        "What are gallstones?"
    )
    assert clean_question("How to diagnose Gallstones ?", "Gallstones", casing) == (
        "How are gallstones diagnosed?"
    )
    # "People with X have" is no evidence of a plural: only sentence-opening uses count.
    casing = casing_from(["Bloom syndrome is rare. People with Bloom syndrome have rashes."])
    assert clean_question("What is (are) Bloom syndrome ?", "", casing) == (
        "What is Bloom syndrome?"
    )


def test_names_and_acronyms_keep_their_capitals() -> None:
    casing = casing_from(["People with COPD cough. Doctors call Bloom syndrome rare."])
    assert clean_question("What causes COPD ?", "COPD", casing) == "What causes COPD?"
    assert clean_focus("Bloom syndrome", casing) == "Bloom syndrome"


def test_pasted_headings_are_no_evidence_of_capitals() -> None:
    text = "The list of signs for Familial Knee Ache follows. It is a familial knee ache."
    casing = casing_from([text], "Familial Knee Ache")
    assert clean_focus("Familial Knee Ache", casing) == "Familial knee ache"


def test_page_title_prefix_and_follow_up_questions() -> None:
    casing = casing_from(["A gut problem hurts. Cases of HPS are rare. Doctors track HPS."])
    assert clean_focus("What I need to know about Gut Problem", casing) == "Gut problem"
    assert clean_question("how can hps be prevented for Demo Fever ?", "Demo Fever", casing) == (
        "Demo fever: how can HPS be prevented?"
    )


@pytest.mark.parametrize(
    ("template", "focus", "expected"),
    [
        # a question, with a subtitle: the title alone for the overview, then what is asked
        (
            "What is (are) {} ?",
            "Am I at Risk for Knee Ache? Taking Steps to Lower Your Risk",
            "Am I at risk for knee ache? Taking steps to lower your risk",
        ),
        (
            "How to prevent {} ?",
            "Am I at Risk for Knee Ache? Taking Steps to Lower Your Risk",
            "Am I at risk for knee ache? Taking steps to lower your risk"
            " — how can it be prevented?",
        ),
        ("What causes {} ?", "Is It Knee Ache?", "Is it knee ache? What causes it?"),
        # a title with a subtitle, and a sentence
        (
            "What is (are) {} ?",
            "Prevent Knee Problems: Keep Your Knees Healthy",
            "Prevent knee problems: keep your knees healthy",
        ),
        (
            "What are the symptoms of {} ?",
            "Prevent Knee Problems: Keep Your Knees Healthy",
            "Prevent knee problems: keep your knees healthy — what are the symptoms of it?",
        ),
        (
            "Who is at risk for {} ?",
            "I Can Lower My Risk for Knee Ache",
            "I can lower my risk for knee ache — who is at risk for it?",
        ),
        # "I" as a name and a colon inside a name are subjects, pasted in as before
        ("What causes {} ?", "I Cell Knee Ache", "What causes I cell knee ache?"),
        (
            "What causes {} ?",
            "Arginine:glycine Knee Ache",
            "What causes Arginine:glycine knee ache?",
        ),
    ],
)
def test_a_page_title_is_the_answers_title(template: str, focus: str, expected: str) -> None:
    question = template.format(focus)
    assert clean_question(question, focus, casing_from([TEXT], focus)) == expected
