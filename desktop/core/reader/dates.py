"""The one way a day is written for readers: "12 May 2026" (unambiguous in every country).

Answers, lists, the visit sheet, the status line and the command line all use `day_text`,
so the same day never reads two ways.
"""

from __future__ import annotations

from datetime import date


def day_text(iso: str | None) -> str:
    """2026-05-12 (or a timestamp starting with it) -> 12 May 2026; '' when unknown, the
    text itself when it is not a date."""
    if not iso:
        return ""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.day} {day.strftime('%B')} {day.year}"
