"""Grouping, overview-first, tie-breaking, hyphenated terms, filters and work caps, on content
generated here (several publishers answering the same questions, as in MedQuAD)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.records import Answer
from desktop.core.search import SearchOptions, SearchService, rerank
from desktop.core.search import query as query_module
from tests.core.search.made_up import build

BODY = "Glaucoma is a group of eye diseases that damage the optic nerve of the eye."


def generated_answers() -> list[Answer]:
    """Three publishers answer "what is glaucoma", two its symptoms, one its treatment; plus
    answers that only share a word with a hyphenated term, and same-score twins."""
    answers = []
    for source in ("NEI", "MPlusHealthTopics", "NIHSeniorHealth"):
        answers.append(
            Answer(
                id=f"{source}_glaucoma_Sec1",
                question="What is (are) Glaucoma?",
                body=f"{BODY} Said by {source}.",
                source=source,
                focus="Glaucoma",
                topics=("Glaucoma",),
                question_type="information",
            )
        )
    for source in ("GARD", "NEI"):
        answers.append(
            Answer(
                id=f"{source}_glaucoma_Sec2",
                question="What are the symptoms of Glaucoma?",
                body="Glaucoma often has no symptoms at first; side vision is lost slowly.",
                source=source,
                focus="Glaucoma",
                topics=("Glaucoma",),
                question_type="symptoms",
            )
        )
    answers.append(
        Answer(
            id="NEI_glaucoma_Sec3",
            question="What are the treatments for Glaucoma?",
            body="Eye drops that lower eye pressure are the usual treatment for glaucoma.",
            source="NEI",
            focus="Glaucoma",
            topics=("Glaucoma",),
            question_type="treatment",
        )
    )
    answers.append(
        Answer(
            id="GARD_glaucoma_Sec4",
            question="Glaucoma: what causes glaucoma?",
            body="Glaucoma: causes of glaucoma. Glaucoma runs in families; glaucoma is common.",
            source="GARD",
            focus="Glaucoma",
            topics=("Glaucoma",),
            question_type="causes",
        )
    )
    answers.append(
        Answer(
            id="car-crash-injuries",
            question="What injuries do car crashes cause?",
            body="A car crash can injure the neck. Wear a seat belt in every car.",
            source="Sample",
            focus="Car crash injuries",
            topics=("Injuries",),
        )
    )
    answers.append(
        Answer(
            id="psma-car-t",
            question="Do PSMA CAR-T cells work in prostate cancer?",
            body="CAR-T cells aimed at PSMA are being tested in prostate cancer trials.",
            source="Sample",
            focus="PSMA CAR-T therapy",
            topics=("Prostate cancer",),
        )
    )
    for n in range(6):  # identical text: same score, only the id can order them
        answers.append(
            Answer(
                id=f"twin-{n}",
                question=f"Can zebrafish stripes regrow, case {n}?",
                body="Zebrafish stripes regrow after injury.",
                source="Sample",
                topics=("Zebrafish",),
            )
        )
    return answers


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchService]:
    data_dir = build(tmp_path_factory.mktemp("grouped"), generated_answers())
    with SearchService(data_dir.content_db, data_dir.index_dir) as s:
        yield s


def test_one_entry_per_question_naming_every_publisher(service: SearchService) -> None:
    results = service.search("glaucoma", limit=10)
    heads = [h.id for h in results.results]
    assert len(heads) == 4 == results.total  # what is / symptoms / treatment / causes
    first = results.results[0]
    assert first.question_type == "information"
    assert sorted(first.sources) == ["MPlusHealthTopics", "NEI", "NIHSeniorHealth"]
    assert {a.id for a in first.also} | {first.id} == {
        f"{s}_glaucoma_Sec1" for s in ("NEI", "MPlusHealthTopics", "NIHSeniorHealth")
    }
    symptoms = next(h for h in results.results if h.question_type == "symptoms")
    assert sorted(symptoms.sources) == ["GARD", "NEI"]


def test_topic_only_query_opens_with_the_overview(
    service: SearchService, monkeypatch: pytest.MonkeyPatch
) -> None:
    # By words alone the causes answer (glaucoma six times) would come first; a query that
    # only names the subject opens with the subject's overview all the same.
    monkeypatch.setattr(rerank, "QUESTION_WEIGHT", 0.0)
    assert service.search("glaucoma").results[0].question == "What is (are) Glaucoma?"
    typed = service.search("Glaucoma ", as_you_type=True).results[0]
    assert typed.question_type == "information"
    # ... while a question about symptoms still opens with the symptoms.
    assert service.search("glaucoma symptoms").results[0].question_type == "symptoms"


def test_ties_are_broken_by_id_not_by_index_order(tmp_path: Path) -> None:
    answers = generated_answers()
    orders = []
    for n, seed in enumerate((1, 2, 3)):
        shuffled = answers[:]
        random.Random(seed).shuffle(shuffled)
        data_dir = build(tmp_path / f"b{n}", shuffled)
        with SearchService(data_dir.content_db, data_dir.index_dir) as s:
            orders.append([h.id for h in s.search("zebrafish stripes", limit=3).results])
    assert orders[0] == orders[1] == orders[2] == ["twin-0", "twin-1", "twin-2"]


def test_a_word_of_a_hyphenated_term_does_not_match_alone(service: SearchService) -> None:
    for as_you_type in (False, True):
        found = [h.id for h in service.search("PSMA CAR-T", as_you_type=as_you_type).results]
        assert found == ["psma-car-t"], found
    # a term that is not in the collection whole is still searched word by word
    assert "car-crash-injuries" in [h.id for h in service.search("car-seatbelt").results]


def test_filters_ignore_case_and_say_when_nothing_matches(service: SearchService) -> None:
    upper = service.run("eye", SearchOptions(topic="GLAUCOMA"))
    assert upper.results and all("Glaucoma" in h.topics for h in upper.results)
    assert [h.id for h in service.run("eye", SearchOptions(source="nei")).results] and all(
        h.source == "NEI" for h in service.run("eye", SearchOptions(source="nei")).results
    )
    missing = service.run("eye", SearchOptions(topic="Glaucom"))
    assert missing.total == 0 and not missing.results
    assert missing.notes[0].closest == ("Glaucoma",)
    assert "Glaucoma" in missing.notes[0].message()


def test_results_do_not_depend_on_the_clock(
    service: SearchService, monkeypatch: pytest.MonkeyPatch
) -> None:
    calm = service.search("glaucoma eye", limit=10)
    ticks = iter(range(0, 10**9, 1000))  # every look at the clock: 1000 s later
    monkeypatch.setattr("time.perf_counter", lambda: float(next(ticks)))
    busy = service.search("glaucoma eye", limit=10)
    assert [(h.id, h.also) for h in busy.results] == [(h.id, h.also) for h in calm.results]
    assert busy.total == calm.total and not busy.partial


def test_work_per_query_is_capped_and_said(
    service: SearchService, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    original = query_module.Vocabulary.correct

    def counting(self: query_module.Vocabulary, word: str) -> str | None:
        asked.append(word)
        return original(self, word)

    monkeypatch.setattr(query_module.Vocabulary, "correct", counting)
    misspelt = " ".join(f"glaukoma{chr(97 + n % 26)}{chr(97 + n // 26 % 26)}" for n in range(300))
    results = service.search(misspelt)
    assert len(asked) <= query_module.MAX_CORRECTIONS
    assert results.partial
    asked.clear()
    long_word = service.search("x" * 3000 + " glaucoma")
    assert asked == [] and long_word.partial
    assert long_word.results[0].question == "What is (are) Glaucoma?"
    assert not service.search("glaucoma").partial
