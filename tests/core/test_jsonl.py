"""JSON Lines interchange."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.importers import read_sources


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    good = {
        "id": "j1",
        "question": "Q?",
        "body": "## What to ask your doctor\n- Ask?\n",
        "topics": ["T"],
        "references": [{"number": 1, "text": "NHS. Page."}],
    }
    lines = [
        json.dumps(good),
        "",
        "{not json",
        json.dumps([1]),
        json.dumps({**good, "id": "j2", "x": 1}),
        json.dumps({"id": "j3", "question": "Q?", "body": ""}),
    ]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = read_sources([path])
    assert [a.id for a in result.answers] == ["j1"]
    assert result.answers[0].asks == ("Ask?",)
    assert sorted(i.line for i in result.issues) == [3, 4, 5, 6]
    assert any("unknown field(s): x" in str(i) for i in result.issues)
    assert any("empty" in str(i) for i in result.issues)
