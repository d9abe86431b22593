"""The glossary: definitions drawn from content, the reviewed file, marking rules, `define`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from db.glossary_store import glossary_entries
from db.records import Answer, GlossaryEntry
from db.store import ContentStore
from desktop.core import glossary as g
from desktop.core.paths import DataDir
from desktop.core.render import render_answer
from desktop.core.term_marking import TermMarker

REPO = Path(__file__).resolve().parents[2]


def what_is(term: str, first: str, **extra: object) -> Answer:
    return Answer(id=term.replace(" ", "-"), question=f"What is {term}?", summary=first, **extra)  # type: ignore[arg-type]


def test_a_what_is_answer_gives_a_definition_without_the_term() -> None:
    d = g.definition_from(
        what_is("glaucoma", "Glaucoma is a group of eye diseases that damage the optic nerve.")
    )
    assert d is not None and d.definition.startswith("A group of eye diseases")
    assert not g.uses_term(d.definition, "glaucoma") and d.answer_id == "glaucoma"
    short = what_is("gout", "Gout is a kind of arthritis. It causes sudden, severe joint pain.")
    d2 = g.definition_from(short)
    assert (
        d2 is not None
        and d2.definition == "A kind of arthritis. It causes sudden, severe joint pain."
    )


@pytest.mark.parametrize(
    "first",
    [
        "Glaucoma is glaucoma of the eye that damages the optic nerve.",  # uses the term
        "Many people have it and do not know.",  # does not start with the term
        "Glaucoma is " + "very " * 45 + "common.",  # longer than 40 words
    ],
)
def test_definitions_that_would_not_be_plain_are_not_drawn(first: str) -> None:
    assert g.definition_from(what_is("glaucoma", first)) is None


def test_the_reviewed_file_is_checked_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text(
        "# comment\nbiopsy\tTaking a small piece of tissue to look at.\tNHS\n"
        "stent\tA stent is a tube.\tX\nlonely\n" + "long\t" + "word " * 41 + "\tX\n",
        encoding="utf-8",
    )
    problems: list[str] = []
    entries = g.read_glossary_file(path, problems)
    assert [e.term for e in entries] == ["biopsy"]
    assert [p.split(": ", 1)[0] for p in problems] == [f"{path}:3", f"{path}:4", f"{path}:5"]
    assert "uses the term itself" in problems[0] and "longer than 40 words" in problems[2]


def test_the_bundled_glossary_keeps_its_own_rules() -> None:
    problems: list[str] = []
    glossary_file, everyday_file = g.glossary_files()
    entries = g.read_glossary_file(glossary_file, problems)
    assert problems == [] and len(entries) >= 50
    assert all(len(e.definition.split()) <= g.MAX_WORDS for e in entries)
    assert "cold" in g.read_everyday_words(everyday_file)


def test_reviewed_entries_win_and_everyday_words_are_never_defined() -> None:
    answers = [
        what_is("arrhythmia", "Arrhythmia is a problem with the rate or rhythm of the heartbeat."),
        what_is("pain", "Pain is a feeling that something hurts somewhere."),
    ]
    reviewed = [GlossaryEntry("arrhythmia", "A heartbeat that is irregular.", "Reviewed")]
    built = g.build_glossary(answers, reviewed, frozenset({"pain"}))
    assert [(e.term, e.source, e.answer_id) for e in built] == [
        ("arrhythmia", "Reviewed", "arrhythmia")  # the reviewed words, linked to the answer
    ]


MARKER = TermMarker(
    [
        GlossaryEntry("arrhythmia", "An uneven heartbeat.", "S", "arr"),
        GlossaryEntry("heart failure", "A heart that pumps too weakly.", "S"),
        GlossaryEntry("heart", "Never marked: shorter than heart failure.", "S"),
    ]
)


def test_marking_rules() -> None:
    html = (
        "<h2>Arrhythmia and heart failure</h2>"
        "<p>Arrhythmias and heart failure. Again: arrhythmia, heart failure.</p>"
        '<p>See <a href="https://x">arrhythmia</a> <sup><a href="#ref-1">1</a></sup></p>'
        "<h2>Next</h2><p>An arrhythmia.</p>"
        '<h2 class="references">References</h2><ol class="references"><li>arrhythmia</li></ol>'
    )
    marked = MARKER.mark_html(html)
    assert marked.count('class="term"') == 3  # once per section, not in headings/links/refs
    assert (
        '<a class="term" href="pa-term:arrhythmia" title="An uneven heartbeat.">Arrhythmias</a>'
        in marked
    )
    assert 'href="pa-term:heart%20failure"' in marked and 'pa-term:heart"' not in marked
    assert "<h2>Arrhythmia and heart failure</h2>" in marked
    assert MARKER.mark_html("<p>arrhythmia</p>", own_terms=frozenset({"arrhythmia"})) == (
        "<p>arrhythmia</p>"
    )


def test_rendered_answers_mark_terms_but_not_their_own_subject() -> None:
    answer = Answer(
        id="arr",
        question="What is arrhythmia?",
        summary="An arrhythmia can come with heart failure.",
        body="## More\n\nHeart failure [1].\n\n## References\n\n1. Heart failure guide.\n",
        references=(),
    )
    html = render_answer(answer, terms=MARKER)
    assert html.count('class="term"') == 2  # summary + section; arrhythmia is this page's own
    assert 'title="An uneven heartbeat."' not in html


def test_build_fills_the_glossary_and_define_answers(built_sample: DataDir) -> None:
    with ContentStore(built_sample.content_db, readonly=True) as store:
        assert len(glossary_entries(store)) >= 50
        entry = g.define(store, "Arrhythmias")
        assert entry is not None and entry.term == "arrhythmia"
    run = subprocess.run(
        [sys.executable, "-m", "desktop", "define", "sepsis", "--json",
         "--data-dir", str(built_sample.root)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert set(data) == {"term", "definition", "source", "answer_id"} and data["term"] == "sepsis"
    miss = subprocess.run(
        [sys.executable, "-m", "desktop", "define", "sepssis",
         "--data-dir", str(built_sample.root)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert miss.returncode == 1 and miss.stderr.count("\n") == 1
    assert "close matches: sepsis" in miss.stderr


def test_show_html_marks_terms_like_the_window(built_sample: DataDir) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "desktop", "show", "psma-car-t-barriers", "--format", "html",
         "--data-dir", str(built_sample.root)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert 'class="term"' in run.stdout and 'href="pa-term:immunotherapy"' in run.stdout


def test_show_json_has_every_field_and_the_reading_level(built_sample: DataDir) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "desktop", "show", "fever-in-children", "--format", "json",
         "--data-dir", str(built_sample.root)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    for key in ("question", "summary", "confidence", "reviewed", "source", "sections",
                "references", "doctor_questions"):  # fmt: skip
        assert data[key], key
    assert set(data["reading_level"]) == {"grade", "label"}
    assert data["reading_level"]["label"] in {"Easy to read", "Average", "Harder to read"}


def test_terms_in_the_question_are_the_page_subject_and_not_marked() -> None:
    answer = Answer(
        id="x",
        question="What should I do about heart failure?",
        summary="Heart failure and an arrhythmia often come together.",
    )
    html = render_answer(answer, terms=MARKER)
    assert "pa-term:heart%20failure" not in html and "pa-term:arrhythmia" in html
