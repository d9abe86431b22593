"""MedQuAD XML: the three layouts, ids, restored lists, and the full collection when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.importers import read_sources
from desktop.core.importers.medquad import restore_markdown

MEDQUAD = Path(__file__).resolve().parents[3] / "shared" / "medquad"

DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<Document id="0000042" source="GHR" url="https://example.org/x">
<Focus>Example syndrome</Focus>
<QAPairs>
<QAPair pid="1"><Question qid="1" qtype="information">What is (are) Example syndrome ?</Question>
<Answer>Example syndrome is rare.    Signs include       - tired eyes     - sore feet  Treatment helps.</Answer></QAPair>
<QAPair pid="2"><Question qid="2" qtype="treatment">What are the treatments for Example syndrome ?</Question><Answer></Answer></QAPair>
<QAPair pid="3"><Question qid="3" qtype="inheritance">Is Example syndrome inherited ?</Question><Answer>Yes &lt;sometimes&gt; *rarely*.</Answer></QAPair>
</QAPairs></Document>
"""
OLD_LAYOUT = """<?xml version="1.0" encoding="UTF-8"?>
<doc docid="0000007" corpus="NINDS" url="https://example.org/old">
<doctitle-focus>Old thing</doctitle-focus>
<qaPairs><pair pid="1"><question qid="7-1" qtype="information">what is old thing ?</question>
<answer>Old thing is old.</answer></pair></qaPairs></doc>
"""
CDC_LAYOUT = """<?xml version="1.0" encoding="UTF-8"?>
<DiseaseFile fid="0000397" source="CDC" url="https://example.org/cdc">
<Focus>Parasites - Example</Focus><QAPairs><QAPair pid="1">
<Question qid="397-1" qtype="information">What is (are) Parasites - Example ?</Question>
<Answer>Line one.
    
Line two.</Answer></QAPair></QAPairs></DiseaseFile>
"""


def test_three_layouts_ids_and_fields(tmp_path: Path) -> None:
    folder = tmp_path / "mq"
    folder.mkdir()
    (folder / "0000042.xml").write_text(DOCUMENT, encoding="utf-8")
    (folder / "0000007.xml").write_text(OLD_LAYOUT, encoding="utf-8")
    (folder / "0000397.xml").write_text(CDC_LAYOUT, encoding="utf-8")
    (folder / "broken.xml").write_text("<Document source='GHR'><QAPairs>", encoding="utf-8")
    result = read_sources([folder])
    by_id = {a.id: a for a in result.answers}
    assert sorted(by_id) == [
        "CDC_0000397_Sec1",
        "GHR_0000042_Sec1",
        "GHR_0000042_Sec3",
        "NINDS_0000007_Sec1",
    ]
    first = by_id["GHR_0000042_Sec1"]
    assert first.question == "What is Example syndrome?"
    assert first.focus == "Example syndrome" and first.topics == ("Example syndrome",)
    assert first.source == "Genetics Home Reference" and first.source_url == "https://example.org/x"
    assert first.reviewed is None
    assert first.question_type == "information" and first.license.startswith("CC BY 4.0")
    assert "- tired eyes\n- sore feet" in first.body
    assert "Signs include\n\n- tired eyes" in first.body
    assert by_id["GHR_0000042_Sec3"].body.strip() == "Yes &lt;sometimes&gt; \\*rarely\\*."
    assert by_id["CDC_0000397_Sec1"].body == "Line one.\n\nLine two.\n"
    assert by_id["NINDS_0000007_Sec1"].topics == ("Old thing",)
    assert len(result.issues) == 1 and "broken.xml" in str(result.issues[0])


def test_restore_markdown_keeps_text_plain() -> None:
    assert restore_markdown("# not a heading") == "\\# not a heading\n"
    assert restore_markdown("Intro:   - a   - b") == "Intro:\n\n- a\n- b\n"
    assert restore_markdown("1. not a list") == "1\\. not a list\n"


@pytest.mark.medquad
@pytest.mark.skipif(not MEDQUAD.is_dir(), reason="../shared/medquad is not present")
def test_full_medquad_collection_imports_every_answered_pair() -> None:
    result = read_sources([MEDQUAD])
    assert result.issues == []
    assert len(result.answers) == 16423
    ids = {a.id for a in result.answers}
    assert {"GHR_0000001_Sec2", "CancerGov_0000001_1_Sec1", "NINDS_0000007_Sec1"} <= ids
