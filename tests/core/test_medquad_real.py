"""Real MedQuAD answers of every source keep their golden structure (outline files hold only
block kinds and sizes, never source text). Needs ../shared/medquad; skipped without it.

Refresh after an intended rule change: UPDATE_GOLDEN=1 pytest tests/core/test_medquad_real.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.core.medquad_golden import GOLDEN, real_outline

MEDQUAD = Path(__file__).resolve().parents[3] / "shared" / "medquad"
OUTLINES = GOLDEN / "real_outlines.txt"
ANSWERS = {
    "CancerGov": [
        "0000007_2_Sec1",
        "0000016_1_Sec1",
        "0000037_3_Sec1",
        "0000013_2_4_Sec2",
        "0000036_3_Sec3",
        "0000023_1_Sec7",
        "0000015_1_Sec3",
        "0000001_1_Sec3",
        "0000024_1_Sec6",
    ],
    "GARD": ["0006007_Sec2", "0002711_Sec1", "0003062_Sec1", "0000341_Sec2", "0001612_Sec1"],
    "GHR": ["0000131_Sec1", "0000131_Sec5", "0000532_Sec5", "0000440_Sec1"],
    "MPlusHealthTopics": ["0000257_Sec1", "0000422_Sec1", "0000800_Sec1", "0000262_Sec1"],
    "NIDDK": [
        "0000036_Sec1",
        "0000036_Sec3",
        "0000036_Sec6",
        "0000195_Sec3",
        "0000139_Sec10",
        "0000122_Sec9",
        "0000135_Sec10",
        "0000213_Sec11",
        "0000152_Sec3",
        "0000216_Sec8",
        "0000219_Sec6",
    ],
    "NINDS": ["0000216_Sec1", "0000197_Sec1", "0000031_Sec1", "0000078_Sec1"],
    "NIHSeniorHealth": [
        "0000033_Sec14",
        "0000033_Sec2",
        "0000018_Sec3",
        "0000012_Sec1",
        "0000050_Sec10",
        "0000033_Sec1",
        "0000015_Sec1",
        "0000004_Sec2",
        "0000002_Sec7",
        "0000054_Sec4",
    ],
    "NHLBI": [
        "0000038_Sec1",
        "0000019_Sec4",
        "0000019_Sec6",
        "0000019_Sec7",
        "0000077_Sec2",
        "0000057_Sec5",
    ],
    "CDC": [
        "0000339_Sec2",
        "0000269_Sec2",
        "0000269_Sec5",
        "0000092_Sec5",
        "0000121_Sec5",
        "0000258_Sec6",
        "0000415_Sec5",
        "0000418_Sec5",
        "0000423_Sec2",
    ],
}
IDS = [f"{source}_{rest}" for source, rests in ANSWERS.items() for rest in rests]


def _read_golden() -> dict[str, str]:
    golden: dict[str, str] = {}
    for chunk in OUTLINES.read_text(encoding="utf-8").split("=== ")[1:]:
        answer_id, _, body = chunk.partition("\n")
        golden[answer_id] = body
    return golden


def test_golden_outlines_cover_every_source_and_hold_no_text() -> None:
    golden = _read_golden()
    assert sorted(golden) == sorted(IDS)
    for body in golden.values():
        for line in body.splitlines():
            assert line.lstrip(" ").startswith(("## <heading, ", "- <list item, ", "<paragraph, "))


@pytest.mark.medquad
@pytest.mark.skipif(not MEDQUAD.is_dir(), reason="../shared/medquad is not present")
def test_real_answers_match_their_golden_outlines() -> None:
    actual = {answer_id: real_outline(MEDQUAD, answer_id) for answer_id in IDS}
    if os.environ.get("UPDATE_GOLDEN"):
        OUTLINES.write_text("".join(f"=== {k}\n{v}" for k, v in actual.items()), encoding="utf-8")
    assert actual == _read_golden()
