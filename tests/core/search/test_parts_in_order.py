"""A publisher's several parts of one answer are listed in the publisher's order (their ids
number them), whatever BM25 made of each part; nothing else moves."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from db.records import Answer
from desktop.core.build import build_content
from desktop.core.paths import DataDir
from desktop.core.search import SearchService, rerank
from desktop.core.search.rerank import natural_key, parts_in_order


def test_parts_swap_places_among_the_ranks_they_hold() -> None:
    ids = {1: "A_Sec15", 2: "B_Sec1", 3: "A_Sec6", 4: "A_Sec9", 5: "C_Sec2"}
    part = {1: "a", 2: "b", 3: "a", 4: "a", 5: "c"}
    scored = [(1, 9.0), (2, 8.0), (3, 7.0), (5, 6.0), (4, 5.0)]
    got = parts_in_order(scored, part.__getitem__, ids.__getitem__)
    # A's parts held ranks 1, 3 and 5: they keep them, in the order Sec6, Sec9, Sec15
    assert got == [(3, 9.0), (2, 8.0), (4, 7.0), (5, 6.0), (1, 5.0)]
    assert natural_key("x_Sec9") < natural_key("x_Sec10")


def _part(n: int, body: str) -> Answer:
    return Answer(
        id=f"Page_Sec{n}",
        question="How is zorblax treated?",
        body=body,
        source="Publisher A",
        focus="Zorblax",
        topics=("Zorblax",),
        question_type="treatment",
    )


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchService]:
    tmp = tmp_path_factory.mktemp("parts")
    answers = [
        _part(2, "Rest helps. Then walk a little each day."),
        # the later part says "zorblax" most: BM25 puts it first
        _part(10, "Zorblax zorblax zorblax: more about zorblax and rest."),
        _part(11, "Questions people ask about rest."),
        Answer(id="Other", question="What is rest?", body="Rest.", source="B", topics=("R",)),
    ]
    src = tmp / "answers.jsonl"
    src.write_text("\n".join(json.dumps(a.to_dict()) for a in answers) + "\n", "utf-8")
    data_dir = DataDir(tmp / "data")
    assert not build_content([src], data_dir).issues
    with SearchService(data_dir.content_db, data_dir.index_dir) as s:
        yield s


def test_an_entry_opens_with_the_publishers_first_part(
    service: SearchService, monkeypatch: pytest.MonkeyPatch
) -> None:
    (first, *_) = service.search("zorblax rest").results
    assert (first.id, [a.id for a in first.also]) == ("Page_Sec2", ["Page_Sec10", "Page_Sec11"])
    # without the rule, BM25's favourite part would lead
    monkeypatch.setattr(rerank, "parts_in_order", lambda scored, *_: scored)
    assert service.search("zorblax rest").results[0].id == "Page_Sec10"
