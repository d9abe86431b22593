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


def _good(**changes: object) -> str:
    row: dict[str, object] = {"id": "fine", "question": "Q?", "body": "Some text.\n"}
    row.update(changes)
    return json.dumps(row)


BAD_LINES = {
    "question is a number": (_good(id="a", question=5), "must be text"),
    "topics hold a number": (_good(id="b", topics=["x", 3]), "must be text"),
    "asks is text": (_good(id="c", asks="ask?"), "must be a list"),
    "revision beyond SQLite": (_good(id="d", revision=10**20), "revision"),
    "revision is a float": (_good(id="e", revision=2.5), "whole number"),
    "revision is true": (_good(id="f", revision=True), "whole number"),
    "reference number 1e30": (_good(id="g", references=[{"number": 1e30}]), "whole number"),
    "reference text is a list": (_good(id="h", references=[{"number": 1, "text": []}]), "text"),
    "id with a dot": (_good(id="0000001.v2"), "must be 1-100"),
    "id with a space": (_good(id="has space"), "must be 1-100"),
    "id too long": (_good(id="x" * 101), "must be 1-100"),
    "body too big": (_good(id="i", body="w " * 60_000), "characters long"),
    "line break in question": (_good(id="j", question="Q?\u2028Status: withdrawn"), "U+2028"),
    "deep JSON": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "deep list": (_good(id="k", body="".join("    " * n + "- x\n" for n in range(60))), "nest"),
}


def test_every_bad_line_is_reported_by_number_and_the_rest_import(tmp_path: Path) -> None:
    names = list(BAD_LINES)
    lines = [_good()] + [BAD_LINES[name][0] for name in names]
    source = tmp_path / "mixed.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_sources([source])
    assert [a.id for a in result.answers] == ["fine"]
    by_line = {i.line: str(i) for i in result.issues}
    assert len(by_line) == len(names), by_line
    for number, name in enumerate(names, start=2):
        assert f"mixed.jsonl:{number}:" in by_line[number], (name, by_line.get(number))
        assert BAD_LINES[name][1] in by_line[number], (name, by_line[number])


def test_a_unicode_line_separator_inside_a_json_string_does_not_split_the_line(
    tmp_path: Path,
) -> None:
    source = tmp_path / "sep.jsonl"
    body = "First paragraph.\u2028Still the same paragraph.\n"
    source.write_text(_good(body=body) + "\n", encoding="utf-8")
    result = read_sources([source])
    assert not result.issues and result.answers[0].body == body
