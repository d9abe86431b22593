"""Dashes the MedQuAD XML dropped come back; real words that end like a clause stay whole."""

from __future__ import annotations

import pytest

from desktop.core.importers.medquad_dashes import LostDashes

# Made-up document text: the words each run-on word splits into are used on their own too.
DOCUMENT = [
    "The thyroid is a gland in the neck. The pituitary controls the thyroidanother "
    "hormone-producing glandthen thyroid hormones may fall.",
    "Eat more meatespecially red meat. A demo diseasewhich starts slowly is common. Red meat "
    "helps. The disease is mild. Protein helps; your proteinand fat intake matters.",
]


@pytest.fixture
def dashes() -> LostDashes:
    return LostDashes(DOCUMENT)


def test_run_on_words_get_their_dash_back(dashes: LostDashes) -> None:
    assert dashes.restore(DOCUMENT[0]) == (
        "The thyroid is a gland in the neck. The pituitary controls the thyroid\u2014another "
        "hormone-producing gland\u2014then thyroid hormones may fall."
    )
    restored = dashes.restore(DOCUMENT[1])
    assert "meat\u2014especially red meat" in restored
    assert "demo disease\u2014which starts" in restored
    assert "protein\u2014and fat" in restored


@pytest.mark.parametrize(
    "word",
    [
        "flulike",  # "like" ends real words
        "topmost",  # so does "most"
        "glandshow",  # gland|show or glands|how: not guessed
        "errand",  # "and" only after four letters or more
        "prepare",  # "are" is not a tail
        "nowhere",  # "here" is not a tail
        "somethe",  # a function word before the tail
        "zorbthe",  # "zorb" is not a word of this document
    ],
)
def test_real_words_and_unknown_parts_stay_whole(word: str) -> None:
    document = LostDashes(["gland glands flu top err prep now some the like", word])
    assert document.restore(f"A {word} here.") == f"A {word} here."


def test_a_word_the_document_uses_often_is_a_real_word() -> None:
    text = "The cellthe cellthe cellthe cell."
    assert LostDashes([text]).restore(text) == text  # three uses: a word of this document
    once = "The cellthe cell."
    assert LostDashes([once]).restore(once) == "The cell\u2014the cell."


def test_a_capitalised_run_on_word_keeps_its_capital() -> None:
    text = "Meatespecially red meat helps."
    assert LostDashes([text]).restore(text) == "Meat\u2014especially red meat helps."
