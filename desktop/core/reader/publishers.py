"""Who published an answer and when, in the words the window shows on cards and pages.

MedQuAD answers carry no review date: what is known (collected 2017–2019) sits in content.db
meta `source_dates`; the window says that instead of a date it does not have. A grouped
result (the same question from several publishers) keeps its members in rank order, so the
answer page can name the publisher being read and link to the others.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from desktop.core.reader.dates import day_text
from desktop.core.reader.links import answer_href

if TYPE_CHECKING:
    from db.store import ContentStore

#: (answer id, publisher) of each answer of a grouped result, best-ranked first.
Group = tuple[tuple[str, str], ...]


def known_dates(store: ContentStore) -> dict[str, str]:
    """Publisher -> when its pages were collected ("2017-2019"), from meta `source_dates`
    (only publishers without review dates appear there)."""
    try:
        raw = json.loads(store.get_meta("source_dates") or "{}")
    except ValueError:
        return {}
    if not isinstance(raw, dict):
        return {}
    out = {}
    for source, facts in raw.items():
        if isinstance(facts, dict) and isinstance(facts.get("collected"), str):
            out[str(source)] = facts["collected"]
    return out


def date_line(reviewed: str | None, source: str, collected: Mapping[str, str]) -> str:
    """ "Reviewed 3 March 2024", or what is known when there is no review date."""
    if reviewed:
        return f"Reviewed {day_text(reviewed)}"
    when = collected.get(source)
    if when:
        return f"Collected {when.replace('-', '–')} · no review date"
    return "No review date"


def publishers_text(sources: Sequence[str]) -> str:
    """ "NHLBI · MedlinePlus · NIH Senior Health" (each once, in the order given)."""
    return " · ".join(dict.fromkeys(s for s in sources if s))


def switch_html(current_id: str, group: Group) -> str:
    """The answer page's line for a grouped answer: the publisher being read, and links to
    the other publishers' answers to the same question ('' when the answer is not grouped)."""
    if len(group) < 2 or current_id not in {i for i, _ in group}:
        return ""
    esc = html.escape
    reading = next(s for i, s in group if i == current_id)
    others = [
        f'<a href="{esc(answer_href(i), quote=True)}">{esc(s or i)}</a>'
        for i, s in group
        if i != current_id
    ]
    return (
        f'<p class="publishers">You are reading: <b>{esc(reading)}</b>. '
        f"Also answered by: {' · '.join(others)}</p>"
    )
