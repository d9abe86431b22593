"""Question kinds learnt from the collection's own questions: "treatments of X" opens with
the answer to "How is X treated?", on content generated here (MedQuAD-like templates)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from db.records import Answer
from desktop.core.search import SearchService, rerank
from desktop.core.search.analysis import stem
from desktop.core.search.rerank import CUE_AT_LEAST, TypeCues
from tests.core.search.made_up import searching

SUBJECTS = [f"Zorblax {n}" for n in range(CUE_AT_LEAST + 5)]
TEMPLATES = {
    "information": "What is {}?",
    "treatment": "How is {} treated?",
    "exams and tests": "How is {} diagnosed?",
    "symptoms": "What are the symptoms of {}?",
}


def cues() -> TypeCues:
    rows = [(kind, s, t.format(s)) for s in SUBJECTS for kind, t in TEMPLATES.items()]
    # A subject whose name holds a cue word: its own words say nothing about the kind.
    rows += [(kind, "Treated water", t.format("Treated water")) for kind, t in TEMPLATES.items()]
    return TypeCues.learn(*zip(*rows, strict=True))


def test_cues_come_from_the_collections_own_questions() -> None:
    learnt = cues()
    assert learnt.asked(frozenset({stem("treated")})) == {"treatment": 1.0}
    assert set(learnt.asked(frozenset({stem("diagnosed")}))) == {"exams and tests"}
    assert set(learnt.asked(frozenset({stem("symptoms")}))) == {"symptoms"}
    # words every kind of question uses, and the subjects' own words, are not cues
    assert learnt.asked(frozenset({stem("zorblax"), stem("water"), "what", "how"})) == {}


def test_other_forms_of_a_cue_word_ask_the_same_kind() -> None:
    learnt = cues()
    # Porter leaves these apart from the question's word ("treated" -> treat, "treatments"
    # -> treatment; "diagnosed" -> diagnos, "diagnosis" -> diagnosi)
    assert stem("treatments") != stem("treated")
    assert set(learnt.asked(frozenset({stem("treatments")}))) == {"treatment"}
    assert set(learnt.asked(frozenset({stem("diagnosis")}))) == {"exams and tests"}
    assert set(learnt.asked(frozenset({stem("treating"), stem("symptom")}))) == {
        "treatment",
        "symptoms",
    }
    # a word that only starts like a cue is not one ("test" -> "testosterone")
    assert learnt.asked(frozenset({stem("testosterone")})) == {}


def answers() -> list[Answer]:
    out = []
    for n, subject in enumerate(SUBJECTS):
        for kind, template in TEMPLATES.items():
            # The overview talks about treatment and diagnosis at length (BM25 likes it);
            # the other answers say what they are about once.
            body = (
                f"{subject} is a made-up condition. Treatments and diagnosis of {subject}: "
                "treatments help; treatments vary; diagnosis takes time; diagnosis is hard."
                if kind == "information"
                else f"About {subject}: {kind}. Nothing more is said here."
            )
            out.append(
                Answer(
                    id=f"S{n:02d}_{kind.replace(' ', '_')}",
                    question=template.format(subject),
                    body=body,
                    source="Sample",
                    focus=subject,
                    topics=(subject,),
                    question_type=kind,
                )
            )
    return out


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchService]:
    tmp = tmp_path_factory.mktemp("kinds")
    with searching(tmp, answers()) as s:
        yield s


def kinds_first(service: SearchService, text: str) -> list[str | None]:
    return [h.question_type for h in service.search(text, limit=3).results]


def test_the_kind_asked_comes_first(
    service: SearchService, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert kinds_first(service, "What are the treatments of Zorblax 7?")[0] == "treatment"
    assert kinds_first(service, "zorblax 7 diagnosis")[0] == "exams and tests"
    assert kinds_first(service, "how do you diagnose zorblax 7")[0] == "exams and tests"
    # By words alone the overview (which says "treatments" four times) would come first.
    monkeypatch.setattr(rerank, "TYPE_WEIGHT", 0.0)
    assert kinds_first(service, "What are the treatments of Zorblax 7?")[0] == "information"


def test_a_subject_alone_still_opens_with_the_overview(service: SearchService) -> None:
    assert kinds_first(service, "zorblax 7")[0] == "information"
    first = service.search("zorblax 7").results[0]
    assert first.id == "S07_information"
