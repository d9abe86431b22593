"""Which passage a snippet shows: the first sentence holding the most different searched words."""

from __future__ import annotations

from desktop.core.search.snippets import _stem_of, snippet_parts

SENTENCES = [
    "Asthma makes the airways narrow and swollen for a while.",
    "An inhaler eases asthma quickly when the airways tighten at night.",
    "A preventer inhaler taken every day keeps asthma calm for most people.",
    "Inhaler technique matters: ask a nurse to check how you use your inhaler and spacer.",
]
BODY = " ".join(SENTENCES)


def stems(*words: str) -> set[str]:
    return {_stem_of(w) for w in words}


def test_the_first_sentence_with_the_most_searched_words_is_shown() -> None:
    # sentences 2 and 3 both hold "inhaler" and "asthma": the first of them wins
    passage, _ = snippet_parts(BODY, stems("inhaler", "asthma"))
    assert passage.startswith("… " + SENTENCES[1])
    # a later sentence holding more of the words beats earlier ones holding fewer
    passage, _ = snippet_parts(BODY, stems("inhaler", "nurse", "spacer"))
    assert passage.startswith("… " + SENTENCES[3][:40])


def test_words_found_nowhere_or_no_words_show_the_start() -> None:
    for terms in (set(), stems("diabetes")):
        passage, matches = snippet_parts(BODY, terms)
        assert passage.startswith(SENTENCES[0]) and not matches


def test_the_same_text_gives_the_same_passage_again() -> None:
    first = snippet_parts(BODY, stems("night", "inhaler"))
    assert snippet_parts(BODY, stems("night", "inhaler")) == first
    assert first[0].startswith("… " + SENTENCES[1])
