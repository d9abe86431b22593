"""MedQuAD answers read like the source: each structure rule, and full golden renderings of
made-up fixtures in every source's layout (tests/core/golden/medquad/*.xml -> *.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.importers.medquad_text import restore_markdown
from tests.core.medquad_golden import GOLDEN, render_fixture

FIXTURES = sorted(GOLDEN.glob("*.xml"))


def test_every_source_has_a_fixture() -> None:
    sources = {f.read_text(encoding="utf-8").split('source="')[-1].split('"')[0] for f in FIXTURES}
    sources |= (
        {"NINDS"} if any("corpus=" in f.read_text(encoding="utf-8") for f in FIXTURES) else set()
    )
    assert {
        "CancerGov",
        "GARD",
        "GHR",
        "MPlusHealthTopics",
        "NIDDK",
        "NINDS",
        "NIHSeniorHealth",
        "NHLBI",
        "CDC",
    } <= sources


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_fixture_matches_its_golden_markdown(fixture: Path) -> None:
    golden = fixture.with_suffix(".md").read_text(encoding="utf-8")
    assert render_fixture(fixture) == golden


def test_inline_dash_after_a_sentence_starts_a_list() -> None:
    raw = "Tests help. - An x-ray shows bone.  - A scan shows more."
    assert restore_markdown(raw) == "Tests help.\n\n- An x-ray shows bone.\n- A scan shows more.\n"


def test_a_dash_inside_a_sentence_stays_text() -> None:
    assert restore_markdown("Snack smart - limit sweets.") == "Snack smart - limit sweets.\n"


def test_single_spaced_first_item_before_a_list_joins_it() -> None:
    raw = "Signs may include - sweating   - nausea   - fainting"
    assert restore_markdown(raw) == "Signs may include\n\n- sweating\n- nausea\n- fainting\n"


def test_wide_bullet_marker_is_a_list_item() -> None:
    raw = "Two kinds:         -   Slow type : grows slowly.      -   Fast type : spreads."
    assert (
        restore_markdown(raw) == "Two kinds:\n\n- Slow type: grows slowly.\n- Fast type: spreads.\n"
    )


def test_two_spaces_after_a_sentence_end_a_paragraph() -> None:
    raw = "First part ends here.  Second part starts. It goes on."
    assert (
        restore_markdown(raw, "GHR") == "First part ends here.\n\nSecond part starts. It goes on.\n"
    )


def test_short_line_is_a_heading_and_lines_after_a_colon_are_items() -> None:
    raw = (
        "Intro text here.\n\nOverview\n\nKinds include:\n\nEarly kind\n\nLate kind\n\n"
        "Outlook\n\nMost do well."
    )
    assert restore_markdown(raw) == (
        "Intro text here.\n\n## Overview\n\nKinds include:\n\n- Early kind\n- Late kind\n\n"
        "## Outlook\n\nMost do well.\n"
    )


def test_short_question_line_is_a_heading() -> None:
    raw = "Some text.\n  Is it in my area?\n  \nEach state counts cases."
    assert "## Is it in my area?\n\nEach state counts cases." in restore_markdown(raw)


def test_first_sentence_of_a_group_of_lines_heads_it() -> None:
    raw = "Key sentence of the part.\n   Body of the part goes here. More body."
    assert restore_markdown(raw) == (
        "## Key sentence of the part.\n\nBody of the part goes here. More body.\n"
    )


def test_repeated_sentences_are_shown_once() -> None:
    raw = (
        "Tests help. - A scan shows the heart clearly.  - A blood test shows damage to it. "
        "A scan shows the heart clearly. A blood test shows damage to it."
    )
    assert restore_markdown(raw).count("A scan shows the heart clearly.") == 1
    assert restore_markdown(raw).count("A blood test shows damage to it.") == 1


def test_a_paragraph_echoing_the_list_before_it_keeps_only_the_rest() -> None:
    raw = "Signs include - sweating   - nausea.  sweating nausea. After that, rest."
    assert restore_markdown(raw) == "Signs include\n\n- sweating\n- nausea.\n\nAfter that, rest.\n"


def test_heading_with_nothing_under_it_is_plain_text() -> None:
    assert restore_markdown("Some text.\n\nGeneral Information") == (
        "Some text.\n\nGeneral Information\n"
    )


def test_page_furniture_is_removed() -> None:
    assert restore_markdown("Summary : Care matters.") == "Care matters.\n"
    assert restore_markdown("Espaol\n\nCare matters.") == "Care matters.\n"
    raw = "Wash often.\n\nMore on: Handwashing\n\nStay home when sick."
    assert restore_markdown(raw, "CDC") == "Wash often.\n\nStay home when sick.\n"


def test_run_in_headings_only_where_the_source_runs_them_in() -> None:
    raw = "Chest Pain or Discomfort The most common sign is pain."
    assert restore_markdown(raw, "NIHSeniorHealth") == (
        "## Chest Pain or Discomfort\n\nThe most common sign is pain.\n"
    )
    assert restore_markdown(raw, "GHR") == raw + "\n"
    assert restore_markdown("The National Heart Institute says so.", "NIHSeniorHealth") == (
        "The National Heart Institute says so.\n"
    )


def test_question_headings_in_gard_text() -> None:
    raw = "How is it diagnosed? A doctor looks at x-rays."
    assert restore_markdown(raw, "GARD") == "## How is it diagnosed?\n\nA doctor looks at x-rays.\n"
    assert restore_markdown(raw, "GHR") == raw + "\n"


def test_gard_symptom_table_becomes_a_list() -> None:
    raw = (
        "Signs and Symptoms Approximate number of patients (when available) Short fingers 90% "
        "Curved spine 7.5% Soft teeth - The Human Phenotype Ontology (HPO) has collected it."
    )
    assert restore_markdown(raw, "GARD") == (
        "- Short fingers (90%)\n- Curved spine (7.5%)\n- Soft teeth\n\n"
        "The Human Phenotype Ontology (HPO) has collected it.\n"
    )


def test_text_stays_plain() -> None:
    assert restore_markdown("# not a heading") == "\\# not a heading\n"
    assert restore_markdown("Yes <b> *x* _y_") == "Yes &lt;b&gt; \\*x\\* \\_y\\_\n"


def test_two_spaces_after_a_quote_inside_a_sentence_do_not_break_it() -> None:
    raw = 'More is online. Also, see  "Key Words"  related to it.'
    assert restore_markdown(raw) == 'More is online. Also, see "Key Words" related to it.\n'


def test_short_phrases_on_one_line_become_items() -> None:
    raw = "There are three types:  - first kind - second kind, and - third kind.  Each differs."
    assert restore_markdown(raw) == (
        "There are three types:\n\n- first kind\n- second kind, and\n- third kind.\n\n"
        "Each differs.\n"
    )


def test_items_indented_under_an_item_are_its_sub_list() -> None:
    raw = "Do this:\n  - at home\n    - shut the door\n    - open a window\n  - outdoors\nDone."
    markdown = restore_markdown(raw)
    assert markdown == (
        "Do this:\n\n- at home\n    - shut the door\n    - open a window\n- outdoors\n\nDone.\n"
    )
    from desktop.core.render import body_html

    html = body_html(markdown)
    assert "<li>at home<ul>" in html.replace("\n", "") and html.count("<ul>") == 2


def test_a_first_line_item_takes_the_indentation_of_the_items_after_it() -> None:
    # MedQuAD strips the start of an answer: its first item line lost its indentation
    assert restore_markdown("- one thing\n    - another\n    - a third") == (
        "- one thing\n- another\n- a third\n"
    )


def test_a_nested_item_never_follows_a_paragraph_as_code() -> None:
    from desktop.core.importers.medquad_blocks import Block
    from desktop.core.importers.medquad_text import to_markdown

    blocks = [Block("p", "Text."), Block("li", "deep", depth=2), Block("li", "deeper", depth=3)]
    assert to_markdown(blocks) == "Text.\n\n- deep\n    - deeper\n"


def test_a_run_of_items_after_an_item_ending_with_a_colon_is_its_sub_list() -> None:
    # the page's HTML indentation: 9 spaces open the sub-list, 5 between its items, 8 close it
    raw = "Points    - Two kinds:         - Slow     - Fast        - Next point.    - Last."
    assert restore_markdown(raw) == (
        "Points\n\n- Two kinds:\n    - Slow\n    - Fast\n- Next point.\n- Last.\n"
    )


def test_a_narrower_gap_also_closes_a_sub_list() -> None:
    raw = "Facts  - Kinds include:      - one    - two  - Another point."
    assert restore_markdown(raw) == (
        "Facts\n\n- Kinds include:\n    - one\n    - two\n- Another point.\n"
    )


def test_items_after_a_paragraph_ending_with_a_colon_stay_one_list() -> None:
    raw = "Tips follow:       - Do one thing    - Do another    - Do a third"
    assert restore_markdown(raw) == "Tips follow:\n\n- Do one thing\n- Do another\n- Do a third\n"


def test_a_dash_in_a_sentence_never_opens_a_sub_list() -> None:
    # "too - they ...:" was cut at a single space: no gap of its own, so no parent
    raw = "Smoking is a risk too - they start fires. Tips:       - Shut the oven    - Check cords"
    assert "    - " not in restore_markdown(raw)


def test_a_sentence_after_short_phrases_closes_their_sub_list() -> None:
    # gaps alike (NIDDK): the phrases are the sub-list, the sentence the next point
    raw = (
        "Points  - Tests include:      - lab tests    - a scan    - a biopsy"
        "    - Which treatment a person needs depends on how bad it is.  - Eat well."
    )
    assert restore_markdown(raw) == (
        "Points\n\n- Tests include:\n    - lab tests\n    - a scan\n    - a biopsy\n"
        "- Which treatment a person needs depends on how bad it is.\n- Eat well.\n"
    )


def test_an_unfinished_sentence_opens_a_sub_list_its_lower_case_items_complete() -> None:
    # NIDDK "Points to Remember": no colon, and the same gap after the sub-list as inside it
    raw = (
        "- It is common.  - It occurs in adults who have      - kidney disease    - liver disease"
        "    - People with it may develop these problems:      - an infected cyst    - pain"
        "    - Most people need no treatment.  - Surgery is rare."
    )
    assert restore_markdown(raw, "NIDDK") == (
        "- It is common.\n- It occurs in adults who have\n    - kidney disease\n"
        "    - liver disease\n- People with it may develop these problems:\n"
        "    - an infected cyst\n    - pain\n- Most people need no treatment.\n- Surgery is rare.\n"
    )


def test_a_lead_in_item_starting_its_line_opens_a_sub_list_after_a_wide_gap() -> None:
    raw = "Men may have problems.\n- Problems in men with it include      - pain    - fatigue"
    assert restore_markdown(raw, "NIDDK") == (
        "Men may have problems.\n\n- Problems in men with it include\n    - pain\n    - fatigue\n"
    )


def test_capitalised_names_in_a_lower_case_sub_list_do_not_close_it() -> None:
    raw = "- The causes may include      - a cold    - Lyme disease    - the flu  - Rest helps."
    assert restore_markdown(raw, "NIDDK") == (
        "- The causes may include\n    - a cold\n    - Lyme disease\n    - the flu\n- Rest helps.\n"
    )


def test_a_line_the_items_after_it_complete_is_text_not_a_heading() -> None:
    raw = "A person may be more likely to get it if\n\n- he is older  - she smokes"
    assert restore_markdown(raw, "NIDDK") == (
        "A person may be more likely to get it if\n\n- he is older\n- she smokes\n"
    )
    # a title-case line before such items stays a heading
    raw = "Common Signs\n\n- tiredness  - pale skin"
    assert restore_markdown(raw, "NIDDK") == "## Common Signs\n\n- tiredness\n- pale skin\n"


def test_run_in_headings_with_small_words_is_and_dashes_inside() -> None:
    senior = "NIHSeniorHealth"
    assert restore_markdown(
        "Blood Flow to the Heart Is Blocked The heart works all day.", senior
    ) == ("## Blood Flow to the Heart Is Blocked\n\nThe heart works all day.\n")
    assert restore_markdown("Heart Failure is Serious Heart failure is common.", senior) == (
        "## Heart Failure is Serious\n\nHeart failure is common.\n"
    )
    assert restore_markdown(
        "Memory Problems -- A Common Sign Memory loss comes first.", senior
    ) == ("## Memory Problems -- A Common Sign\n\nMemory loss comes first.\n")
    assert restore_markdown("Finding New Treatments Recently, there were advances.", senior) == (
        "## Finding New Treatments\n\nRecently, there were advances.\n"
    )
    assert restore_markdown("Type 2 Diabetes Type 2 diabetes is the most common kind.", senior) == (
        "## Type 2 Diabetes\n\nType 2 diabetes is the most common kind.\n"
    )


def test_no_run_in_heading_where_the_words_are_one_phrase() -> None:
    senior = "NIHSeniorHealth"
    for raw in (
        "Wet AMD can be treated with laser surgery.",  # an acronym
        "Nearly 29 million Americans have diabetes.",  # a sentence's usual start
        "Adults 65 and older have a higher rate.",  # a number
        "Vitamin D helps the body absorb calcium.",  # a single letter
        "Early-onset Alzheimers is rare. It is called early-onset Alzheimers by doctors.",
    ):
        assert not restore_markdown(raw, senior).startswith("## "), raw


def test_an_answer_does_not_open_by_asking_its_question_again() -> None:
    raw = "What are the signs and symptoms of Demo syndrome? Most people have mild signs."
    asked = "What are the symptoms of Demo syndrome ?"
    assert restore_markdown(raw, "GARD", asked) == "Most people have mild signs.\n"
    assert restore_markdown(raw, "GARD", "How to diagnose Demo syndrome ?").startswith("## ")
    # a heading asking something else about the same subject stays
    raw = "Who Treats Demo Syndrome? Family doctors and specialists do."
    assert restore_markdown(raw, "GARD", "What are the treatments for Demo syndrome ?") == (
        "## Who Treats Demo Syndrome?\n\nFamily doctors and specialists do.\n"
    )


def test_a_term_item_keeps_the_definition_after_its_colon() -> None:
    raw = "Tests used:      -  Blood count:  A sample of blood is checked.      -  Scan :  A view."
    assert restore_markdown(raw, "CancerGov") == (
        "Tests used:\n\n- Blood count: A sample of blood is checked.\n- Scan: A view.\n"
    )


def test_short_lines_after_a_colon_stay_items_when_one_ends_with_a_quote() -> None:
    raw = 'They include:\n\nDiuretics, also called "water pills"\n\nNitrates\n\nBeta blockers'
    assert restore_markdown(raw, "NHLBI") == (
        'They include:\n\n- Diuretics, also called "water pills"\n- Nitrates\n- Beta blockers\n'
    )


def test_headings_without_text_in_a_row() -> None:
    # three or more: a list of short lines; two before text: a section and its sub-section
    raw = "There are three kinds.\n\nVasovagal\n\nCarotid sinus\n\nSituational\n\nMost are mild."
    assert restore_markdown(raw, "NINDS") == (
        "There are three kinds.\n\n- Vasovagal\n- Carotid sinus\n- Situational\n\nMost are mild.\n"
    )
    raw = "Intro text.\n\nTreatment Options by Stage\n\nStage I Disease\n\nSurgery is used."
    assert restore_markdown(raw, "CancerGov") == (
        "Intro text.\n\n## Treatment Options by Stage\n\n## Stage I Disease\n\nSurgery is used.\n"
    )


def test_lower_case_items_after_an_item_ending_with_a_colon_are_its_sub_list() -> None:
    # the line's first item has no gap before it; items one space closer than the first
    raw = (
        "- Defects can block urine:     - reflux    - a narrow ureter    - a valve"
        "    - Some babies have other conditions too:     - heart defects    - spina bifida"
    )
    assert restore_markdown(raw, "NIDDK") == (
        "- Defects can block urine:\n    - reflux\n    - a narrow ureter\n    - a valve\n"
        "- Some babies have other conditions too:\n    - heart defects\n    - spina bifida\n"
    )


def test_another_lead_in_closes_a_lower_case_sub_list() -> None:
    raw = (
        "A doctor can treat it by\n\n- treating the cause:      - lifestyle changes    - counseling"
        "    - prescribing medicines:      - pills    - creams  - performing surgery"
    )
    assert restore_markdown(raw, "NIDDK") == (
        "A doctor can treat it by\n\n- treating the cause:\n    - lifestyle changes\n"
        "    - counseling\n- prescribing medicines:\n    - pills\n    - creams\n"
        "- performing surgery\n"
    )


def test_a_list_echoed_inside_its_last_item_is_shown_once() -> None:
    # NIH Senior Health: the items again as run-on text, then the text after the list
    raw = (
        "Therapies include  - group therapy  - family counseling  - brief talks group therapy "
        "family counseling brief talks Learn more about each therapy."
    )
    assert restore_markdown(raw, "NIHSeniorHealth") == (
        "Therapies include\n\n- group therapy\n- family counseling\n- brief talks\n\n"
        "Learn more about each therapy.\n"
    )
    # one item before is no echo to go by
    raw = "Treatments:  - Chemotherapy.  - High-dose chemotherapy."
    assert restore_markdown(raw, "CancerGov").endswith("- High-dose chemotherapy.\n")


def test_the_text_after_an_echoed_list_is_read_like_any_text() -> None:
    # its run-in heading and the next list's first (single-spaced) item come back too
    raw = (
        "Signs include  - chills  - fever  - night sweats chills fever night sweats "
        "Checking Your Health Your doctor may - ask questions  - take blood"
    )
    assert restore_markdown(raw, "NIHSeniorHealth") == (
        "Signs include\n\n- chills\n- fever\n- night sweats\n\n## Checking Your Health\n\n"
        "Your doctor may\n\n- ask questions\n- take blood\n"
    )
