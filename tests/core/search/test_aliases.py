"""Other names of a subject, mined from its own answers' openings, lead a search to the
subject's answers ("Lou Gehrig's disease treated" finds "How is ALS treated?" whose text never
says Lou Gehrig), on answers generated here."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from db.records import Answer, Synonym
from desktop.core.search import SearchService
from desktop.core.search.aliases import aliases_in
from desktop.core.search.analysis import stem
from desktop.core.search.synonyms import ALIAS_WEIGHT, MINED_ABBR, MINED_NAME, SynonymMap
from tests.core.search.made_up import searching

ALS = "Amyotrophic lateral sclerosis"


def test_aliases_are_read_where_they_follow_the_subjects_name() -> None:
    opening = f"{ALS} (ALS), also called Lou Gehrig's disease or motor neuron disease, is a"
    assert aliases_in(ALS, opening) == [
        ("ALS", MINED_ABBR),
        ("Lou Gehrig's disease", MINED_NAME),
        ("motor neuron disease", MINED_NAME),
    ]
    assert aliases_in("Phenylketonuria", "Phenylketonuria (PKU) is an inherited") == [
        ("PKU", MINED_ABBR)
    ]
    assert aliases_in("H1N1 flu (swine flu)", "H1N1 is a virus.") == [("swine flu", MINED_NAME)]
    # a name in capitals is matched only in capitals, like an abbreviation
    assert aliases_in("Periodic fever", "Periodic fever, also called TRAPS, is") == [
        ("TRAPS", MINED_ABBR)
    ]
    # "a prolapsed or dropped bladder" is one name, not "prolapsed"
    assert aliases_in("Cystocele", "Cystocele, also called a prolapsed or dropped bladder, is") == [
        ("prolapsed or dropped bladder", MINED_NAME)
    ]


def test_text_that_is_not_an_alias_of_the_subject_is_left() -> None:
    # the subject's name ends a longer name, and the letters are not its initials
    assert (
        aliases_in(
            "Stroke",
            "The National Institute of Neurological Disorders and Stroke "
            "(NINDS) supports research.",
        )
        == []
    )
    assert aliases_in("Gout", "Gout (see the picture) is a kind of arthritis.") == []
    assert aliases_in("Lupus", "Lupus erythematosus, also called SLE, is") == []  # longer name
    assert aliases_in("Gout", "Arthritis, also called joint pain, is") == []  # another subject
    # numbers and loci, and the subject's own words, name nothing on their own
    assert aliases_in("Triple X syndrome", "Triple X syndrome, also called 47,XXX, is") == []
    assert aliases_in("Tuberculosis (TB)", "Tuberculosis (TB) is") == [("TB", MINED_ABBR)]


def test_a_mined_alias_leads_to_its_subject_and_not_back() -> None:
    synonyms = SynonymMap(
        [
            Synonym("PAD", "Peripheral artery disease", MINED_ABBR),
            Synonym("lou gehrig's disease", ALS, MINED_NAME),
        ]
    )
    (match,) = synonyms.match(["lou", "gehrig's", "disease"], ["Lou", "Gehrig's", "disease"])
    assert match.alternatives == ((tuple(ALS.lower().split()), ALIAS_WEIGHT),)
    assert synonyms.match(ALS.lower().split(), ALS.split()) == []  # the name is searched as typed
    # a mined abbreviation may be an everyday word: only capitals mean it
    assert synonyms.match(["pad"], ["PAD"]) and not synonyms.match(["pad"], ["pad"])
    # ... unless a curated pair says otherwise
    curated = SynonymMap(
        [
            Synonym("pad", "peripheral artery disease", "abbr"),
            Synonym("PAD", "Peripheral artery disease", MINED_ABBR),
        ]
    )
    assert curated.match(["pad"], ["pad"])


def _answer(ident: str, question: str, body: str, focus: str, kind: str) -> Answer:
    return Answer(
        id=ident,
        question=question,
        body=body,
        source="Sample",
        topics=("Test",),
        focus=focus,
        question_type=kind,
    )


ZORB = "Zorblax syndrome"  # made up: no curated synonym can help


@pytest.fixture(scope="module")
def search(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchService]:
    tmp = tmp_path_factory.mktemp("aliases")
    answers = [
        _answer(
            "zorb-what",
            f"What is {ZORB}?",
            f"{ZORB}, also called Quimby disease, is a disease of the nerve cells that "
            "control muscles.",
            ZORB,
            "information",
        ),
        _answer(
            "zorb-treat",
            f"How is {ZORB} treated?",
            "Medicines can slow the loss of muscle strength; therapy helps with breathing.",
            ZORB,
            "treatment",
        ),
        # the alias also appears where it is not the subject
        _answer(
            "quimby",
            "Who was Ada Quimby?",
            "Ada Quimby was a doctor. Quimby disease, a disease of the nerves, is named after "
            "Ada Quimby; it is treated by doctors.",
            "Ada Quimby",
            "information",
        ),
    ]
    for name in ("Parkinson disease", "Kidney disease", "Lyme disease", "Celiac disease"):
        ident = name.split()[0].lower()
        body = f"{name} is a disease. {name} is treated with medicines; a disease clinic helps."
        answers.append(_answer(ident, f"How is {name} treated?", body, name, "treatment"))
    with searching(tmp, answers) as service:
        yield service


def test_an_alias_finds_the_subjects_answers_that_never_say_it(search: SearchService) -> None:
    ranked = [h.id for h in search.search("how is Quimby disease treated").results]
    # the subject's answers come first: its overview says the alias, its treatment answer is
    # found through the subject's name (without the alias: the page about Ada Quimby)
    assert set(ranked[:2]) == {"zorb-what", "zorb-treat"}


def test_an_alternative_the_text_names_anyway_is_not_counted_twice(
    search: SearchService,
) -> None:
    plan = search.plan(f"Quimby disease ({ZORB})")
    typed = {stem(w) for w in f"quimby disease {ZORB}".lower().split()}
    assert all(not set(alt) <= typed for c in plan.concepts for alt, _ in c.alternatives)
    assert (stem("quimby"),) in [c.stems for c in plan.concepts]  # plain words again
