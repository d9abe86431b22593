"""Irregular word forms are searched as their usual form too ("fallen" finds falls), on
answers generated here that only use the usual form."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from db.records import Answer
from desktop.core.search import SearchService
from desktop.core.search.analysis import FILLER_WORDS, stem
from desktop.core.search.query import FORM_WEIGHT
from desktop.core.search.word_forms import IRREGULAR, usual_form
from tests.core.search.made_up import searching


def test_the_list_maps_forms_porter_keeps_apart() -> None:
    assert usual_form("fallen") == "fall"
    assert usual_form("children") == "child"
    assert usual_form("teeth") == "tooth"
    assert usual_form("falls") is None  # regular forms are Porter's job
    for form, usual in IRREGULAR.items():
        assert form != usual and form == form.casefold()
        assert form not in FILLER_WORDS  # fillers are dropped before forms are read
    # the reason for the list: these pairs stem apart
    assert stem("fallen") != stem("fall") and stem("children") != stem("child")


def _answer(ident: str, question: str, body: str) -> Answer:
    return Answer(id=ident, question=question, body=body, source="Sample", topics=("Test",))


@pytest.fixture(scope="module")
def search(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchService]:
    tmp = tmp_path_factory.mktemp("forms")
    answers = [
        _answer("falls", "How can older people avoid a fall?", "A fall at home " * 3),
        _answer("teeth-a", "How do I look after my tooth?", "Brush the tooth twice a day."),
        _answer("walking", "Is walking good for you?", "Walking is good exercise."),
        _answer("cooking", "How do I cook rice?", "Rinse the rice and boil it in water."),
    ]
    with searching(tmp, answers) as service:
        yield service


def test_an_irregular_form_finds_the_usual_one(search: SearchService) -> None:
    assert [h.id for h in search.search("she has fallen").results][:1] == ["falls"]
    assert [h.id for h in search.search("my teeth").results][:1] == ["teeth-a"]


def test_the_usual_form_is_another_phrasing_of_the_word_typed(search: SearchService) -> None:
    (concept,) = search.plan("fallen").concepts
    assert concept.stems == (stem("fallen"),)
    assert concept.alternatives == [((stem("fall"),), FORM_WEIGHT)]
    # "falling" later in the same text is the same concept, not a second one
    assert len(search.plan("fallen and falling").concepts) == 1
