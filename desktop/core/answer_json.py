"""An answer as JSON for `show --format json`: every field, sections split out."""

from __future__ import annotations

from db.records import Answer
from desktop.core.markdown_parts import split_sections
from desktop.core.render import DISCLAIMER, attribution


def answer_json(answer: Answer) -> dict[str, object]:
    """Every field of an answer for `show --format json`: the sections split out, the
    publisher named, the doctor questions listed."""
    sections = [
        {"heading": heading, "markdown": "\n".join(lines).strip()}
        for heading, _, lines in split_sections(answer.body)
    ]
    return {
        "id": answer.id,
        "question": answer.question,
        "summary": answer.summary,
        "confidence": answer.confidence,
        "reviewed": answer.reviewed,
        "topics": list(answer.topics),
        "language": answer.language,
        "source": attribution(answer),
        "source_url": answer.source_url,
        "license": answer.license,
        "status": answer.status,
        "revision": answer.revision,
        "sections": sections,
        "references": [
            {k: v for k, v in vars(r).items() if v is not None} for r in answer.references
        ],
        "doctor_questions": list(answer.asks),
        "disclaimer": DISCLAIMER,
    }
