"""Grouped results in the window: cards name their publishers and dates, the answer page
names the publisher being read and links to the others, and the window lists the same entries
in the same order as `search --json` (the same core call, as-you-type prefix mode aside)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db.records import Answer
from desktop.core.build import build_content
from desktop.core.importers.medquad import LICENSE
from desktop.core.paths import DataDir
from desktop.core.reader.search import SearchPage
from desktop.ui.controllers.search import SETTLE_MS
from desktop.ui.panels.lists import HTML_ROLE

REPO = Path(__file__).resolve().parents[2]
MEDQUAD = REPO.parent / "shared" / "medquad"
PUBLISHERS = ("NHLBI", "MedlinePlus", "NIH Senior Health")


def grouped_answers() -> list[Answer]:
    """Three publishers answer "what is glaucoma" (MedQuAD-like: no review date), two its
    symptoms; one sample answer with a review date."""
    answers = [
        Answer(
            id=f"{source.replace(' ', '')}_glaucoma_Sec1",
            question="What is glaucoma?",
            body=f"Glaucoma is a group of eye diseases that damage the optic nerve ({source}).",
            source=source,
            license=LICENSE,
            focus="Glaucoma",
            topics=("Glaucoma",),
            question_type="information",
        )
        for source in PUBLISHERS
    ]
    answers += [
        Answer(
            id=f"{source.replace(' ', '')}_glaucoma_Sec2",
            question="What are the symptoms of glaucoma?",
            body="Glaucoma often has no symptoms at first; side vision is lost slowly.",
            source=source,
            license=LICENSE,
            focus="Glaucoma",
            topics=("Glaucoma",),
            question_type="symptoms",
        )
        for source in PUBLISHERS[:2]
    ]
    answers.append(
        Answer(
            id="glaucoma-drops",
            question="How do I use glaucoma eye drops?",
            body="Put one drop in the eye and close it for a minute; glaucoma drops work slowly.",
            source="Sample",
            reviewed="2025-03-04",
            topics=("Glaucoma",),
        )
    )
    return answers


@pytest.fixture(scope="module")
def grouped_dir(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    tmp = tmp_path_factory.mktemp("grouped-ui")
    src = tmp / "answers.jsonl"
    src.write_text(
        "\n".join(json.dumps(a.to_dict()) for a in grouped_answers()) + "\n", encoding="utf-8"
    )
    data_dir = DataDir(tmp / "data")
    report = build_content([src], data_dir)
    assert not report.issues, report.issues
    return data_dir


def cli_ids(data_dir: DataDir, text: str, limit: int = 30) -> list[tuple[str, list[str]]]:
    """(head id, also ids) of `search TEXT --json`, run as a separate process."""
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "search", text, "--json", "--limit", str(limit)]
        + ["--data-dir", str(data_dir.root)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    data = json.loads(out.stdout)
    return [(r["id"], [a["id"] for a in r["also"]]) for r in data["results"]]


def window_search(window, qtbot: QtBot, text: str):  # type: ignore[no-untyped-def]
    """Type text and wait for its whole-word results (at once when it ends in a space, after
    the pause in typing otherwise)."""
    window.search_field.setText(text)
    qtbot.waitUntil(
        lambda: (
            window.search.last_page is not None
            and window.search.last_page.query == text
            and window.search.last_page.whole_words
        ),
        timeout=20_000,
    )
    return window.search.last_page


def test_grouped_card_names_its_publishers_and_what_is_known_of_the_date(
    make_window, grouped_dir: DataDir, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(data_dir=grouped_dir)
    page = window_search(window, qtbot, "what is glaucoma ")
    head = page.rows[0]
    assert head.question == "What is glaucoma?"
    assert set(head.sources) == set(PUBLISHERS) and len(head.group) == 3
    card = window.side.results.model.index(0, 0).data(HTML_ROLE)
    assert "NHLBI" in card and "MedlinePlus" in card and "NIH Senior Health" in card
    assert "Collected 2017–2019" in card and "no review date" in card
    assert "Reviewed" not in card
    dated = next(r for r in page.rows if r.id == "glaucoma-drops")
    assert dated.dated == "Reviewed 4 March 2025" and dated.sources == ("Sample",)


def test_answer_page_links_to_the_other_publishers_and_opens_them(
    make_window, grouped_dir: DataDir, qtbot: QtBot, ui
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(data_dir=grouped_dir)
    head = window_search(window, qtbot, "what is glaucoma ").rows[0]
    window.side.results.answer_chosen.emit(head.id)
    answer_page = window.pages.answer_page
    qtbot.waitUntil(lambda: answer_page.answer_id == head.id, timeout=10_000)
    reading = dict(head.group)[head.id]
    text = answer_page.view.toPlainText()
    assert f"You are reading: {reading}" in text and "Also answered by" in text
    assert "reviewed more than two years ago" not in text  # unknown date: no stale claim
    assert "Collected 2017–2019" in text
    other_id, other = head.group[1]
    ui.click_link(answer_page.view, lambda href: href.endswith(other_id))
    qtbot.waitUntil(lambda: answer_page.answer_id == other_id, timeout=10_000)
    text = answer_page.view.toPlainText()
    assert f"You are reading: {other}" in text and reading in text.split("Also answered by")[1]


@pytest.mark.parametrize("text", ["glaucoma", "what is glaucoma", "glaucoma symptoms"])
def test_window_and_cli_list_the_same_entries(
    make_window, grouped_dir: DataDir, qtbot: QtBot, text: str
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(data_dir=grouped_dir)
    page = window_search(window, qtbot, text + " ")
    shown = [(r.id, [i for i, _ in r.group[1:]]) for r in page.rows]
    assert shown == cli_ids(grouped_dir, text)


@pytest.mark.parametrize("text", ["inhaler", "chest pain", "what is asthma"])
def test_window_and_cli_agree_on_sample_content(
    make_window, sample_data: DataDir, qtbot: QtBot, text: str
) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    page = window_search(window, qtbot, text + " ")
    assert [(r.id, [i for i, _ in r.group[1:]]) for r in page.rows] == cli_ids(sample_data, text)


def test_a_pause_in_typing_lists_what_the_command_line_lists(
    make_window, sample_data: DataDir, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    """Typing searches the last word as a prefix too; the list the reader stops at is the
    whole-word one, entry for entry the `search` command's (no trailing space needed)."""
    window = make_window()
    pages: list[SearchPage] = []
    window.search.results_ready.connect(pages.append)
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, "fever")
    qtbot.waitUntil(
        lambda: any(p.query == "fever" and p.whole_words for p in pages), timeout=20_000
    )
    typed = next(p for p in pages if p.query == "fever")
    settled = window.search.last_page
    assert not typed.whole_words and settled is not None and settled.whole_words
    assert settled.total > typed.total  # "fever" as typed listed fewer than the command line
    assert [(r.id, [i for i, _ in r.group[1:]]) for r in settled.rows] == cli_ids(
        sample_data, "fever"
    )
    assert window.side.results.model.rowCount() == len(settled.rows)


def test_a_pause_mid_word_keeps_the_prefix_results(make_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    """An unfinished word ("feve", "fev") is not corrected or emptied by the pause."""
    window = make_window()
    for text in ("feve", "fev"):
        window.search_field.setText(text)
        qtbot.waitUntil(
            lambda t=text: (
                window.search.last_page is not None and window.search.last_page.query == t
            ),
            timeout=20_000,
        )
        typed = window.search.last_page
        qtbot.wait(SETTLE_MS * 3)
        assert window.search.last_page is typed and typed.total > 0, text
        assert not typed.whole_words and typed.suggestion is None


def test_a_list_the_reader_went_into_is_not_swapped(make_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    """Down from the search box before the pause: the reader is choosing among the typed
    results, so the pause does not replace them (and the selection stays)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window = make_window()
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, "fever")
    qtbot.waitUntil(
        lambda: window.search.last_page is not None and window.search.last_page.query == "fever",
        timeout=20_000,
    )
    typed = window.search.last_page
    assert not typed.whole_words
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    view = window.side.results.view
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    qtbot.wait(SETTLE_MS * 3)
    assert window.search.last_page is typed


def test_finished_words_are_searched_once(make_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    """Text ending in a space is already whole words: no second search after the pause."""
    window = make_window()
    pages: list[SearchPage] = []
    window.search.results_ready.connect(pages.append)
    window.search_field.setText("fever ")
    qtbot.waitUntil(lambda: bool(pages), timeout=20_000)
    qtbot.wait(SETTLE_MS * 3)
    assert len(pages) == 1 and pages[0].whole_words


def test_results_heading_says_when_the_search_was_partial(window) -> None:  # type: ignore[no-untyped-def]
    from desktop.core.reader.search import SearchPage

    row = window.search.last_page
    results = window.side.results
    results.show_search(SearchPage(1, "asthma", 1, None, (), 1.0, partial=True))
    assert "too long to search in full" in results.heading.text()
    results.show_search(SearchPage(2, "asthma", 1, None, (), 1.0))
    assert "too long" not in results.heading.text() and row is None


def test_a_publisher_answering_in_several_parts_gets_a_link_per_part() -> None:
    from desktop.core.reader.publishers import switch_html

    group = (("A_Sec1", "NHLBI"), ("B_Sec15", "NIH"), ("B_Sec2", "NIH"), ("C_Sec1", "CDC"))
    line = switch_html("B_Sec15", group)
    assert "You are reading: <b>NIH</b> (part 2 of 2; also" in line
    assert 'href="pa-answer:B_Sec2">part 1</a>' in line
    assert ">NIH</a>" not in line and ">NHLBI</a>" in line and ">CDC</a>" in line
    other = switch_html("A_Sec1", group)
    assert ">NIH</a> (" in other and 'href="pa-answer:B_Sec15">part 2</a>' in other
    assert (
        switch_html("A_Sec1", (("A_Sec1", "NHLBI"),))
        == '<p class="publishers">From <b>NHLBI</b>.</p>'
    )
    assert switch_html("Z", group) == ""


@pytest.fixture(scope="session")
def medquad_dir(medquad_data: DataDir) -> DataDir:
    """The session's one MedQuAD build (tests/conftest.py), shared with the CLI tests."""
    return medquad_data


@pytest.mark.medquad
@pytest.mark.slow
@pytest.mark.timeout(1800)  # may build MedQuAD first (once per session: conftest.medquad_data)
def test_window_and_cli_agree_on_medquad(make_window, medquad_dir: DataDir, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(data_dir=medquad_dir)
    for text in ("heart attack", "glaucoma", "what is asthma"):
        expected = cli_ids(medquad_dir, text)
        for typed in (text + " ", text):  # finished at once, or by the pause in typing
            page = window_search(window, qtbot, typed)
            shown = [(r.id, [i for i, _ in r.group[1:]]) for r in page.rows]
            assert shown == expected, typed
    heart = window_search(window, qtbot, "heart attack ").rows[0]
    assert len(set(heart.sources)) >= 2 and "Collected 2017–2019" in heart.dated


def test_a_page_opened_without_a_search_links_the_other_publishers(
    make_window, grouped_dir: DataDir, qtbot: QtBot, ui
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(data_dir=grouped_dir)
    assert window.search.last_page is None  # no search behind it: a link, topic or bookmark
    window.hub.answer_requested.emit("MedlinePlus_glaucoma_Sec1")
    answer_page = window.pages.answer_page
    qtbot.waitUntil(lambda: answer_page.answer_id == "MedlinePlus_glaucoma_Sec1", timeout=10_000)
    text = answer_page.view.toPlainText()
    assert "You are reading: MedlinePlus" in text and "Also answered by" in text
    ui.click_link(answer_page.view, lambda href: href.endswith("NHLBI_glaucoma_Sec1"))
    qtbot.waitUntil(lambda: answer_page.answer_id == "NHLBI_glaucoma_Sec1", timeout=10_000)
    assert "You are reading: NHLBI" in answer_page.view.toPlainText()
    window.hub.answer_requested.emit("glaucoma-drops")  # one publisher: named, no links
    qtbot.waitUntil(lambda: answer_page.answer_id == "glaucoma-drops", timeout=10_000)
    assert "From Sample." in answer_page.view.toPlainText()
