"""Dashes and apostrophes the MedQuAD XML dropped come back; real words stay whole."""

from __future__ import annotations

import pytest

from desktop.core.importers.medquad_marks import LostMarks

# Made-up document text: the words each run-on word splits into are used on their own too.
DOCUMENT = [
    "The thyroid is a gland in the neck. The pituitary controls the thyroidanother "
    "hormone-producing glandthen thyroid hormones may fall.",
    "Eat more meatespecially red meat. A demo diseasewhich starts slowly is common. Red meat "
    "helps. The disease is mild. Protein helps; your proteinand fat intake matters.",
]


@pytest.fixture
def marks() -> LostMarks:
    return LostMarks(DOCUMENT)


def test_run_on_words_get_their_dash_back(marks: LostMarks) -> None:
    assert marks.restore(DOCUMENT[0]) == (
        "The thyroid is a gland in the neck. The pituitary controls the thyroid\u2014another "
        "hormone-producing gland\u2014then thyroid hormones may fall."
    )
    restored = marks.restore(DOCUMENT[1])
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
    document = LostMarks(["gland glands flu top err prep now some the like", word])
    assert document.restore(f"A {word} here.") == f"A {word} here."


def test_a_word_the_document_uses_often_is_a_real_word() -> None:
    text = "The cellthe cellthe cellthe cell."
    assert LostMarks([text]).restore(text) == text  # three uses: a word of this document
    once = "The cellthe cell."
    assert LostMarks([once]).restore(once) == "The cell\u2014the cell."


def test_a_capitalised_run_on_word_keeps_its_capital() -> None:
    text = "Meatespecially red meat helps."
    assert LostMarks([text]).restore(text) == "Meat\u2014especially red meat helps."


def test_contractions_and_possessives_get_their_apostrophe_back() -> None:
    text = (
        "If you dont eat, your bodys stores run low. Doesnt it help? Youre not alone; it "
        "isnt rare. The body needs food. Thats why the babys weight is checked: a baby grows."
    )
    assert LostMarks([text]).restore(text) == (
        "If you don't eat, your body's stores run low. Doesn't it help? You're not alone; it "
        "isn't rare. The body needs food. That's why the baby's weight is checked: a baby grows."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Synophrys is a single eyebrow.",  # no "synophry" in the document
        "Denys-Drash syndrome is rare.",  # nor "deny"
        "The kidneys and the days.",  # a vowel before the y: a regular plural
        "It lets you rest; its cells are ill.",  # "lets", "its", "ill" are words too
    ],
)
def test_words_that_are_words_keep_their_letters(text: str) -> None:
    assert LostMarks([text]).restore(text) == text


def test_a_name_gets_its_possessive_back_where_the_page_writes_it_elsewhere() -> None:
    page = ["Crohn's Disease", "Crohns disease affects the gut. Coombs test is used."]
    marks = LostMarks(page)
    assert marks.restore(page[1]) == "Crohn's disease affects the gut. Coombs test is used."
    # without "Crohn's" anywhere on the page nothing is guessed ("Graves disease")
    alone = "Graves disease affects the thyroid."
    assert LostMarks([alone]).restore(alone) == alone
