"""Publishers on the answer page and in `show`, however the answer is opened: the group of
answers to the same question is found in the content (the search's grouping rule), related
answers list a question once naming its publishers, and publishers read by their real names."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from db.records import Answer
from desktop.core.build import build_content
from desktop.core.importers.medquad import LICENSE
from desktop.core.paths import DataDir
from desktop.core.reader.answers import LoadedAnswer, answer_document, load_answer

REPO = Path(__file__).resolve().parents[2]
# Short names as the MedQuAD importer stores them ("GARD", "NCI": read by their real names).
PUBLISHERS = ("NHLBI", "GARD", "NIH Senior Health")


def _answer(answer_id: str, question: str, source: str, qtype: str, topic: str) -> Answer:
    return Answer(
        id=answer_id,
        question=question,
        body=f"{question} A synthetic answer about {topic.lower()} from {source}.",
        source=source,
        license=LICENSE,
        focus=topic,
        topics=(topic,),
        question_type=qtype,
    )


def answers() -> list[Answer]:
    """ "What is a zorb?" from three publishers (NIH Senior Health in two parts), its
    symptoms from two, its causes from one; another topic asked by one publisher."""
    out = [_answer("NHLBI_1_Sec1", "What is a zorb?", "NHLBI", "information", "Zorb")]
    out.append(_answer("GARD_7_Sec1", "What is a zorb?", "GARD", "information", "Zorb"))
    out += [
        _answer(f"SH_3_Sec{n}", "What is a zorb?", "NIH Senior Health", "information", "Zorb")
        for n in (1, 2)
    ]
    out += [
        _answer(
            f"{s.replace(' ', '')}_sym", "What are the symptoms of a zorb?", s, "symptoms", "Zorb"
        )
        for s in ("NHLBI", "GARD")
    ]
    out.append(_answer("NHLBI_cause", "What causes a zorb?", "NHLBI", "causes", "Zorb"))
    out.append(_answer("CDC_9_Sec1", "What is a flib?", "CDC", "information", "Flib"))
    return out


def publishers_line(loaded: LoadedAnswer | None) -> str:
    """The page's line under the title naming its publishers ('' when there is none)."""
    assert loaded is not None
    found = re.search(r'<p class="publishers">.*?</p>', loaded.html)
    return found.group(0) if found else ""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    tmp = tmp_path_factory.mktemp("publishers")
    src = tmp / "answers.jsonl"
    src.write_text("\n".join(json.dumps(a.to_dict()) for a in answers()) + "\n", "utf-8")
    built = DataDir(tmp / "data")
    report = build_content([src], built)
    assert not report.issues, report.issues
    return built


def test_page_opened_without_a_search_names_the_publisher_and_links_the_others(
    data_dir: DataDir,
) -> None:
    loaded = load_answer(data_dir.content_db, "GARD_7_Sec1")  # a topic, bookmark or link
    head = publishers_line(loaded)
    assert "You are reading: <b>Genetic and Rare Diseases Information Center</b>" in head
    assert 'href="pa-answer:NHLBI_1_Sec1">NHLBI</a>' in head
    assert 'href="pa-answer:SH_3_Sec1">NIH Senior Health</a>' in head
    assert 'href="pa-answer:SH_3_Sec2">part 2</a>' in head
    assert "_sym" not in head and "NHLBI_cause" not in head  # other questions: not the group
    assert loaded is not None and "Collected 2017–2019 · no review date" in loaded.html


def test_a_search_order_is_kept_but_every_publisher_is_linked(data_dir: DataDir) -> None:
    # the search found only two of them: the page still links all three publishers
    loaded = load_answer(
        data_dir.content_db, "SH_3_Sec2", group=(("SH_3_Sec2", "NIH Senior Health"),)
    )
    head = publishers_line(loaded)
    assert "You are reading: <b>NIH Senior Health</b> (part 2 of 2; also" in head
    assert ">NHLBI</a>" in head and ">Genetic and Rare Diseases Information Center</a>" in head


def test_an_answer_no_one_else_gives_names_its_publisher(data_dir: DataDir) -> None:
    head = publishers_line(load_answer(data_dir.content_db, "NHLBI_cause"))
    assert head == '<p class="publishers">From <b>NHLBI</b>.</p>'


def test_related_answers_list_a_question_once_naming_its_publishers(data_dir: DataDir) -> None:
    loaded = load_answer(data_dir.content_db, "NHLBI_cause")
    assert loaded is not None
    questions = [r.question for r in loaded.related]
    assert sorted(questions) == ["What are the symptoms of a zorb?", "What is a zorb?"]
    what = next(r for r in loaded.related if r.question == "What is a zorb?")
    assert set(what.sources) == {"NHLBI", "GARD", "NIH Senior Health"}
    page = loaded.html
    assert page.count(">What is a zorb?</a>") == 1
    assert page.count(">What are the symptoms of a zorb?</a>") == 1
    related = page.split("Related answers")[1]
    assert "Genetic and Rare Diseases Information Center" in related
    assert ">What causes a zorb?</a>" not in related  # the page's own question
    assert '>What are the symptoms of a zorb?</a> <span class="muted">(' in related


def test_related_answers_leave_out_the_question_on_the_page(data_dir: DataDir) -> None:
    loaded = load_answer(data_dir.content_db, "NHLBI_1_Sec1")
    assert loaded is not None
    assert "What is a zorb?" not in [r.question for r in loaded.related]
    assert {r.question for r in loaded.related} == {
        "What are the symptoms of a zorb?",
        "What causes a zorb?",
    }
    # entries from several publishers: each names its own, one publisher or more
    assert '>What causes a zorb?</a> <span class="muted">(NHLBI)</span>' in loaded.html


def test_related_answers_of_one_publisher_name_none(data_dir: DataDir) -> None:
    from desktop.core.reader.pages import related_html

    section = related_html(["Zorb"], [("a", "Q1?", ("NHLBI",)), ("b", "Q2?", ("NHLBI",))])
    assert "NHLBI" not in section and section.count("<li>") == 2


def test_publishers_read_by_their_real_names() -> None:
    from desktop.core.reader.publishers import publisher_name, publishers_text, switch_html

    assert publisher_name("GARD") == "Genetic and Rare Diseases Information Center"
    assert publisher_name("NCI") == "National Cancer Institute"
    assert publisher_name("NIHSeniorHealth") == "NIH Senior Health"  # content built before
    assert publisher_name("Sample") == "Sample"
    assert publishers_text(["NCI", "CancerGov", "CDC"]) == "National Cancer Institute · CDC"
    line = switch_html("A", (("A", "GARD"), ("B", "NCI")))
    assert "<b>Genetic and Rare Diseases Information Center</b>" in line
    assert ">National Cancer Institute</a>" in line


def test_show_names_the_publishers_as_text_html_and_json(data_dir: DataDir) -> None:
    text = answer_document(data_dir.content_db, "NHLBI_1_Sec1", "text")
    assert text is not None
    lines = text.splitlines()
    assert lines[2] == "From NHLBI · Collected 2017–2019 · no review date"
    assert lines[3] == (
        "Also answered by: Genetic and Rare Diseases Information Center (GARD_7_Sec1)"
        " · NIH Senior Health (SH_3_Sec1, SH_3_Sec2)"
    )
    part = answer_document(data_dir.content_db, "SH_3_Sec2", "text")
    assert part is not None
    assert part.splitlines()[3:5] == [
        "Other parts of this answer: SH_3_Sec1",
        "Also answered by: Genetic and Rare Diseases Information Center (GARD_7_Sec1)"
        " · NHLBI (NHLBI_1_Sec1)",
    ]
    page = answer_document(data_dir.content_db, "NHLBI_1_Sec1", "html")
    assert page is not None and page.startswith("<!DOCTYPE html>")
    assert "You are reading: <b>NHLBI</b>" in page and "Collected 2017–2019" in page
    data = json.loads(answer_document(data_dir.content_db, "GARD_7_Sec1", "json") or "")
    assert data["publisher"] == "Genetic and Rare Diseases Information Center"
    assert data["dated"] == "Collected 2017–2019 · no review date"
    assert data["also"] == [
        {"id": "NHLBI_1_Sec1", "source": "NHLBI"},
        {"id": "SH_3_Sec1", "source": "NIH Senior Health"},
        {"id": "SH_3_Sec2", "source": "NIH Senior Health"},
    ]


def test_show_command_prints_the_publisher_line(data_dir: DataDir) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "show", "CDC_9_Sec1", "--data-dir", str(data_dir.root)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    assert "\nFrom CDC · Collected 2017–2019 · no review date\n" in out.stdout
    assert "Also answered by" not in out.stdout


def test_search_text_names_publishers_while_json_keeps_the_stored_source(
    data_dir: DataDir,
) -> None:
    def search(*extra: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "desktop", "search", "what is a zorb", *extra]
            + ["--data-dir", str(data_dir.root)],
            capture_output=True,
            text=True,
            cwd=REPO,
            check=True,
        ).stdout

    assert "Genetic and Rare Diseases Information Center" in search()
    sources = {
        s
        for r in json.loads(search("--json"))["results"]
        for s in [r["source"], *(a["source"] for a in r["also"])]
    }
    assert "GARD" in sources and "Genetic and Rare Diseases Information Center" not in sources
