"""Snippets are passages of the answer, never its section titles (issue 15)."""

from __future__ import annotations

from desktop.core.search.snippets import _stem_of, snippet_parts

BODY = (
    "## What the research says\n\n"
    "Wheezing is a whistling sound when breathing out.\n\n"
    "## When to see a doctor\n\n"
    "- see a doctor if the wheeze does not settle\n"
)


def test_a_snippet_never_shows_a_section_heading() -> None:
    for words in ({"research"}, {"doctor"}, {"wheez"}, set()):
        passage, _ = snippet_parts(BODY, {_stem_of(w) for w in words})
        assert "What the research says" not in passage
        assert "When to see a doctor" not in passage
        assert passage.strip(" …")


def test_the_searched_words_are_still_found_in_the_passage() -> None:
    passage, matches = snippet_parts(BODY, {_stem_of("whistling")})
    assert passage.startswith("Wheezing is a whistling sound")
    assert [passage[a:b] for a, b in matches] == ["whistling"]
