"""An entry lists each publisher's answers together, a publisher's several parts of one answer
in the publisher's order (their ids number them), whatever BM25 made of each part."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from db.records import Answer
from desktop.core.search import SearchService, grouping
from desktop.core.search.grouping import Cards, Entry, group_ranked, natural_key
from tests.core.search.made_up import searching


def cards(ids: list[str], sources: list[str], groups: list[str]) -> Cards:
    n = len(ids)
    return Cards(ids, sources, groups, [""] * n, [""] * n, [""] * n)


def test_each_publishers_parts_together_in_its_order() -> None:
    c = cards(
        ["A_Sec15", "B_Sec1", "A_Sec6", "X_Sec1", "A_Sec9", "A_Sec2"],
        ["A", "B", "A", "X", "A", "A"],
        ["g", "g", "g", "x", "g", "g"],
    )
    # ranked: A_Sec15, B, A_Sec6, X, A_Sec9; A_Sec2 matched but ranked below
    entries = group_ranked(c, [0, 1, 2, 3, 4], 10, [0, 1, 2, 3, 4, 5])
    assert entries == [Entry(5, (2, 4, 0, 1)), Entry(3, ())]
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
    with searching(tmp, answers) as s:
        yield s


def test_an_entry_opens_with_the_publishers_first_part(
    service: SearchService, monkeypatch: pytest.MonkeyPatch
) -> None:
    (first, *_) = service.search("zorblax rest").results
    assert (first.id, [a.id for a in first.also]) == ("Page_Sec2", ["Page_Sec10", "Page_Sec11"])
    # in BM25's order, its favourite part would lead
    monkeypatch.setattr(grouping, "natural_key", lambda ident: "")
    assert service.search("zorblax rest").results[0].id == "Page_Sec10"
