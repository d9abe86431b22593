"""Words shown for the kinds stored in content: one table each, used by every view."""

from __future__ import annotations

from typing import Literal

Confidence = Literal["high", "moderate", "low"]

#: The link after each "What to ask your doctor" question (window only), and what it says
#: once the question is on the visit sheet.
ADD_TO_SHEET = "+ Add to visit sheet"
ON_SHEET = "✓ On your visit sheet"

#: confidence -> (label, what it means), for answers, result lists and the command line.
CONFIDENCE_LABELS: dict[str, tuple[str, str]] = {
    "high": ("High confidence", "Strong, consistent research supports this answer."),
    "moderate": ("Moderate confidence", "Good research supports this answer, but it may change."),
    "low": ("Low confidence", "Research is limited or mixed; this answer may change."),
}


def confidence_label(confidence: str | None) -> str:
    """ "High confidence" and so on; '' for no or an unknown confidence."""
    found = CONFIDENCE_LABELS.get(confidence or "")
    return found[0] if found else ""
