"""Issue 13 B, G, H and issue 14 item 3 (source side): `build` and `publish` apply the
client's answer rules to every source; a bad record is reported as path:line and skipped, the
rest builds, and nothing the client would refuse is ever signed. Real processes, real files."""

from __future__ import annotations

import json
from pathlib import Path

from fault_cli import assert_ok, patient_answers

from desktop.core.paths import DataDir

MEDQUAD_XML = """<?xml version="1.0" encoding="UTF-8"?>
<Document id="{stem}" source="GHR" url="https://medlineplus.gov/genetics/condition/x/">
<Focus>Example condition</Focus>
<QAPairs>
  <QAPair pid="1">
    <Question qid="{stem}-1" qtype="information">What is example condition ?</Question>
    <Answer>Example condition is a made-up condition used by a test.</Answer>
  </QAPair>
</QAPairs>
</Document>
"""

GOOD_MD = """Id: {id}
Question: What is a good answer?
Summary: A plain one.
Topics: Tests
Source: Test sample

Plain words.
"""


def _sources(tmp_path: Path) -> tuple[Path, Path, Path]:
    medquad = tmp_path / "3_GHR_QA"
    medquad.mkdir()
    for stem in ("0000001.v2", "0000002"):
        (medquad / f"{stem}.xml").write_text(MEDQUAD_XML.format(stem=stem), encoding="utf-8")
    authoring = tmp_path / "authoring"
    authoring.mkdir()
    (authoring / "fine.md").write_text(GOOD_MD.format(id="fine-md"), encoding="utf-8")
    sneaky = GOOD_MD.format(id="sneaky").replace(
        "good answer?", "good answer?\u2028Status: withdrawn"
    )
    (authoring / "sneaky.md").write_text(sneaky, encoding="utf-8")
    (authoring / "superscript.md").write_text(
        GOOD_MD.format(id="superscript").replace("Source:", "Revision: ²\nSource:"),
        encoding="utf-8",
    )
    jsonl = tmp_path / "rows.jsonl"
    good = {"id": "fine-jsonl", "question": "Fine?", "body": "Yes.\n"}
    rows = [
        json.dumps(good),
        json.dumps({**good, "id": "num", "question": 7}),
        json.dumps({**good, "id": "big", "revision": 2**70}),
        json.dumps({**good, "id": "has space"}),
        json.dumps({**good, "id": "huge", "body": "word " * 30_000}),
    ]
    jsonl.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return medquad, authoring, jsonl


def test_build_reports_each_bad_record_by_place_and_builds_the_rest(
    tmp_path: Path,
) -> None:
    medquad, authoring, jsonl = _sources(tmp_path)
    data = tmp_path / "data"
    out = patient_answers("build", str(medquad), str(authoring), str(jsonl), data_dir=data)
    assert "Traceback" not in out.stderr
    assert out.returncode == 1  # problems were found (and skipped)
    problems = [line for line in out.stderr.splitlines() if line.startswith("problem: ")]
    expected = [
        "0000001.v2.xml: 'GHR_0000001.v2_Sec1': id",
        "sneaky.md:2: this metadata line holds U+2028",
        "superscript.md:5: Revision must be a whole number",
        "rows.jsonl:2: field 'question' must be text",
        "rows.jsonl:3: revision",
        "rows.jsonl:4: id 'has space'",
        "rows.jsonl:5: the body is 150,000 characters long",
    ]
    for part in expected:
        assert any(part in line for line in problems), (part, problems)
    assert len(problems) == len(expected), problems
    assert "Built 3 answers" in out.stdout
    for answer_id in ("fine-md", "fine-jsonl", "GHR_0000002_Sec1"):
        assert_ok(patient_answers("show", answer_id, data_dir=data))
    assert "no answer" in patient_answers("show", "sneaky", data_dir=data).stderr


def test_publish_signs_nothing_clients_refuse_and_can_publish_again(tmp_path: Path) -> None:
    medquad, authoring, jsonl = _sources(tmp_path)
    key = tmp_path / "keys" / "feed.key"
    assert_ok(patient_answers("keygen", "--out", str(key)))
    feed = tmp_path / "feed"
    refused = patient_answers("publish", str(medquad), "--key", str(key), "--out", str(feed))
    assert "Traceback" not in refused.stderr and refused.returncode == 1
    assert "0000001.v2.xml" in refused.stderr
    assert not (feed / "feed.json").exists()  # nothing signed
    (medquad / "0000001.v2.xml").rename(medquad / "0000001.xml")
    for attempt in (1, 2):  # and again: the feed is never wedged
        (medquad / "0000001.xml").write_text(
            MEDQUAD_XML.format(stem="0000001").replace("made-up", f"made-up ({attempt})"),
            encoding="utf-8",
        )
        done = patient_answers("publish", str(medquad), "--key", str(key), "--out", str(feed))
        assert_ok(done)
    assert json.loads((feed / "feed.json").read_text(encoding="utf-8"))["latest"] == 2


def test_a_source_tree_for_sample_data_still_builds_clean(sample_data: DataDir) -> None:
    from desktop.core.resources import sample_content_dir

    out = patient_answers("build", str(sample_content_dir()), data_dir=sample_data.root)
    assert_ok(out)
