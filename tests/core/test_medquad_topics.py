"""Topic names merged case-insensitively with one display form; publisher and dates stored."""

from __future__ import annotations

import json
from pathlib import Path

from db.records import Answer
from db.store import ContentStore
from desktop.core.build import build_content
from desktop.core.importers.medquad import COLLECTED, PUBLISHERS
from desktop.core.paths import DataDir
from tests.core.medquad_golden import GOLDEN


def _answer(answer_id: str, topic: str) -> Answer:
    return Answer(id=answer_id, question=f"Q {answer_id}?", body="Text.", topics=(topic,))


def test_topics_differing_only_in_capitals_are_one_topic(tmp_path: Path) -> None:
    with ContentStore(tmp_path / "c.db") as store:
        store.upsert_answers(
            [
                _answer("a", "Heart Attack"),
                _answer("b", "Heart attack"),
                _answer("c", "Heart attack"),
                _answer("d", "heart ATTACK"),
            ]
        )
        topics = store.topics()
        assert [(t.name, t.count) for t in topics] == [("Heart attack", 4)]
        assert sorted(store.answer_ids_in_topic("HEART ATTACK")) == ["a", "b", "c", "d"]
        assert store.get_answer("a").topics == ("Heart attack",)  # type: ignore[union-attr]


def test_display_form_is_deterministic_on_a_tie(tmp_path: Path) -> None:
    for order in (["Knee Ache", "Knee ache"], ["Knee ache", "Knee Ache"]):
        path = tmp_path / f"{order[0]}.db"
        with ContentStore(path) as store:
            store.upsert_answers([_answer(str(i), t) for i, t in enumerate(order)])
            assert [t.name for t in store.topics()] == ["Knee ache"]


def test_a_small_update_does_not_rename_a_big_topic(tmp_path: Path) -> None:
    with ContentStore(tmp_path / "c.db") as store:
        store.upsert_answers([_answer(str(i), "Knee ache") for i in range(3)])
        store.upsert_answers([_answer("new", "Knee Ache")])
        assert [(t.name, t.count) for t in store.topics()] == [("Knee ache", 4)]


def test_build_stores_publisher_focus_type_and_what_is_known_of_dates(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path / "data")
    build_content([GOLDEN / "nhlbi.xml", GOLDEN / "ghr.xml"], data_dir, build_index=False)
    with ContentStore(data_dir.content_db, readonly=True) as store:
        answer = store.get_answer("NHLBI_nhlbi_Sec1")
        assert answer is not None
        assert answer.source == "NHLBI" and PUBLISHERS[answer.source].startswith("National Heart")
        assert answer.reviewed is None
        assert answer.focus == "Demo blood condition" and answer.question_type == "information"
        dates = json.loads(store.get_meta("source_dates") or "{}")
    assert sorted(dates) == ["Genetics Home Reference", "NHLBI"]
    assert dates["NHLBI"]["collected"] == COLLECTED and dates["NHLBI"]["reviewed"] is None
