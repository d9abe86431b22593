"""Read aloud's text: what is said, cut into sentences, each at its place on the page."""

from __future__ import annotations

from desktop.core.read_aloud import Block, Run, blocks_from_text, page_text, sentences
from desktop.core.reader.links import reference_href, visit_href


def _block(*parts: tuple[str, str] | str, start: int = 0, **kw: object) -> Block:
    """A block from text pieces ("plain" or (text, href) or (text, "^") for superscript)."""
    runs, pos = [], start
    for part in parts:
        if isinstance(part, str):
            runs.append(Run(pos, part))
            text = part
        else:
            text, how = part
            runs.append(Run(pos, text, superscript=True) if how == "^" else Run(pos, text, how))
        pos += len(text)
    return Block(tuple(runs), **kw)  # type: ignore[arg-type]


def test_a_paragraph_is_cut_into_sentences_with_their_document_ranges() -> None:
    text = "Drink water. Rest at home! Is it serious? Ask your GP."
    found = sentences([_block(text, start=100)])
    assert [s.text for s in found] == [
        "Drink water.",
        "Rest at home!",
        "Is it serious?",
        "Ask your GP.",
    ]
    for s in found:
        assert text[s.start - 100 : s.end - 100] == s.text


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    found = sentences(blocks_from_text("Take a painkiller, e.g. paracetamol. See Dr. Smith today."))
    assert [s.text for s in found] == [
        "Take a painkiller, e.g. paracetamol.",
        "See Dr. Smith today.",
    ]


def test_citation_markers_are_skipped_but_the_highlight_covers_the_sentence() -> None:
    block = _block(
        "Most colds get better in a week",
        ("[", "^"),
        ("1", reference_href(1)),
        (", ", "^"),
        ("3", reference_href(3)),
        ("]", "^"),
        ". Rest helps.",
    )
    found = sentences([block])
    assert [s.text for s in found] == ["Most colds get better in a week.", "Rest helps."]
    assert found[0].start == 0
    assert found[0].end == len("Most colds get better in a week[1, 3].")
    assert "1" not in page_text(found) and "[" not in page_text(found)


def test_citation_brackets_around_reference_links_are_skipped() -> None:
    block = _block(
        "Colds last a week [",
        ("1", reference_href(1)),
        ", ",
        ("2", reference_href(2)),
        "–",
        ("4", reference_href(4)),
        "]. Rest.",
    )
    found = sentences([block])
    assert page_text(found) == "Colds last a week.\nRest."
    assert found[0].end == len("Colds last a week [1, 2–4].")


def test_citations_typed_as_plain_text_are_skipped() -> None:
    found = sentences(blocks_from_text("Antibiotics do not help colds [2]. Honey may help [1, 4]."))
    assert page_text(found) == "Antibiotics do not help colds.\nHoney may help."


def test_a_superscript_that_is_not_a_citation_is_read() -> None:
    found = sentences([_block("An area of 2 m", ("two", "^"), ".")])
    assert found[0].text == "An area of 2 mtwo."


def test_visit_sheet_and_saved_links_are_not_read() -> None:
    block = _block(
        "Should I take antibiotics? ",
        ("+ Add to visit sheet", visit_href(0)),
        listed=True,
    )
    found = sentences([block, _block(("I have read the changes", "pa-saved:colds"), start=60)])
    assert page_text(found) == "Should I take antibiotics?"


def test_other_links_are_read() -> None:
    found = sentences([_block("Read ", ("Colds in children", "pa-answer:colds"), " too.")])
    assert page_text(found) == "Read Colds in children too."


def test_the_references_section_is_skipped_and_reading_resumes_after_it() -> None:
    blocks = [
        _block("Summary", heading=1),
        _block("Colds are common.", start=10),
        _block("References", start=40, heading=2),
        _block("NHS. Common cold. 2024.", start=60, listed=True),
        _block("NICE. Respiratory tract infections. 2019.", start=90, listed=True),
        _block("Source: NHS.", start=140),
        _block("This is general information.", start=160),
    ]
    found = sentences(blocks)
    assert page_text(found) == (
        "Summary\nColds are common.\nSource: NHS.\nThis is general information."
    )
    assert [s.block for s in found] == [0, 1, 5, 6]


def test_a_sentence_never_runs_across_blocks() -> None:
    found = sentences(blocks_from_text("When to get help\nCall 111 if you are worried"))
    assert [s.text for s in found] == ["When to get help", "Call 111 if you are worried"]
    assert (found[1].start, found[1].end) == (17, 17 + len("Call 111 if you are worried"))


def test_empty_and_punctuation_only_blocks_say_nothing() -> None:
    assert sentences(blocks_from_text("\n  \n...\n·")) == []


def test_non_breaking_spaces_are_read_as_spaces() -> None:
    found = sentences([_block("\u00a0Moderate confidence\u00a0 · Last reviewed 1 May 2025")])
    assert found[0].text == "Moderate confidence · Last reviewed 1 May 2025"


def test_the_related_answers_list_is_skipped() -> None:
    blocks = [
        _block("Rest helps."),
        _block("Related answers", start=20, heading=2),
        _block(("Colds in children", "pa-answer:colds"), start=40, listed=True),
        _block("This is general information.", start=60),
    ]
    assert page_text(sentences(blocks)) == "Rest helps.\nThis is general information."
