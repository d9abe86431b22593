"""Reading levels: textstat grades, plain labels, and grading when content is built."""

from __future__ import annotations

import pytest

from db.records import Answer
from db.store import ContentStore
from desktop.core import reading_level as rl
from desktop.core.paths import DataDir

EASY = "The cat sat. It was a big cat. We fed it. It ate fish. Then it slept."
HARD = (
    "Pharmacokinetic heterogeneity attributable to polymorphic cytochrome isoenzymes "
    "substantially complicates individualised therapeutic anticoagulation, necessitating "
    "comprehensive longitudinal monitoring of international normalised ratio determinations."
)


def test_labels_follow_the_grade() -> None:
    easy, hard = rl.grade_text(EASY), rl.grade_text(HARD)
    assert easy is not None and hard is not None and easy < rl.EASY_BELOW < rl.HARDER_ABOVE < hard
    assert rl.label_for(easy) == "Easy to read"
    assert rl.label_for(10.0) == "Average"
    assert rl.label_for(hard) == "Harder to read"
    level = rl.level(hard)
    assert level is not None and level.to_json() == {"grade": round(hard, 1), "label": level.label}
    assert "Flesch-Kincaid" in level.tooltip
    assert rl.level(None) is None and rl.grade_text("Two words") is None


def test_only_the_words_a_reader_reads_are_graded() -> None:
    answer = Answer(
        id="a",
        question="Q?",
        summary="A summary [1].",
        body="## **Heading** words\n\n- first item\n- second [2, 3]\n\nSee [NHS](https://x.y/z).\n\n"
        "## References\n\n1. Pharmacokinetic heterogeneity.\n",
    )
    assert rl.reading_text(answer) == "A summary. first item. second. See NHS."
    long = answer.with_changes(body="word " * 1000)
    assert len(rl.reading_text(long).split()) == rl.SAMPLE_WORDS


def test_a_build_grades_every_answer(built_sample: DataDir) -> None:
    with ContentStore(built_sample.content_db, readonly=True) as store:
        ids = [a.id for a in store.answers()]
        levels = rl.levels_for(store, ids)
        assert set(levels) == set(ids)
        assert {lv.label for lv in levels.values()} <= {"Easy to read", "Average", "Harder to read"}
        assert store.ungraded_answer_ids() == []


def test_an_edited_answer_is_graded_again(sample_data: DataDir) -> None:
    with ContentStore(sample_data.content_db) as store:
        answer = next(iter(store.answers()))
        store.upsert_answers([answer.with_changes(summary=HARD, body="", revision=9)])
        assert store.ungraded_answer_ids() == [answer.id]
        assert rl.update_reading_levels(store) == 1
        assert store.reading_grades([answer.id])[answer.id] > rl.HARDER_ABOVE


@pytest.mark.parametrize("count", [3, rl.PARALLEL_FROM])
def test_pending_grades_in_this_or_another_process(tmp_path, count: int) -> None:
    with ContentStore(tmp_path / "c.db") as store:
        store.upsert_answers(
            Answer(id=f"a{i}", question="Q?", summary=EASY if i % 2 else HARD) for i in range(count)
        )
        pending = rl.PendingGrades(store)
        assert pending.finish(store) == count
        grades = store.reading_grades([f"a{i}" for i in range(count)])
        assert len(grades) == count and grades["a1"] < rl.EASY_BELOW < grades["a0"]


def test_the_fast_grade_is_textstat_s_grade() -> None:
    from desktop.core.importers import read_sources
    from desktop.core.resources import sample_content_dir

    texts = [rl.reading_text(a) for a in read_sources([sample_content_dir()]).answers]
    texts += [
        "Short. Very short! Is it? Yes it is. The patient’s doctor can't say.",
        "ÉTÉ İstanbul naïve co-operate e-mail 3.5 mg/dL (about 1 in 1,000). Don't stop.",
        "one two three",
        "Hyperlipoproteinemia, pneumonoultramicroscopicsilicovolcanoconiosis and anemia.",
        "A... b!!! c??? — d; e: f",
    ]
    assert len(texts) > 20
    for text in texts:
        expected = float(rl._scorer().flesch_kincaid_grade(text))  # noqa: SLF001 - the reference
        assert rl.flesch_kincaid(text) == expected, text[:60]
