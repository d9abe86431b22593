"""Who published an answer and when, in the words the window shows on cards and pages.

MedQuAD answers carry no review date: what is known (collected 2017–2019) sits in content.db
meta `source_dates`; the window says that instead of a date it does not have. A grouped
result (the same question from several publishers) keeps its members in rank order, so the
answer page can name the publisher being read and link to the others.
"""

from __future__ import annotations

import html
import json
import re
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


def _natural(answer_id: str) -> list[tuple[int, str]]:
    """Sort key reading numbers as numbers ("Sec2" before "Sec15")."""
    return [(int(p), "") if p.isdigit() else (0, p) for p in re.split(r"(\d+)", answer_id)]


def switch_html(current_id: str, group: Group) -> str:
    """The answer page's line for a grouped answer: the publisher being read, and links to
    the other publishers' answers to the same question ('' when the answer is not grouped).
    A publisher that answers in several parts gets one link per part ("part 2")."""
    if len(group) < 2 or current_id not in {i for i, _ in group}:
        return ""
    esc = html.escape
    best: dict[str, str] = {}  # publisher -> its best-ranked answer
    parts: dict[str, list[str]] = {}  # publisher -> its answers, in the source's order
    for answer_id, source in group:
        best.setdefault(source, answer_id)
        parts.setdefault(source, []).append(answer_id)
    for ids in parts.values():
        ids.sort(key=_natural)

    def link(answer_id: str, label: str) -> str:
        return f'<a href="{esc(answer_href(answer_id), quote=True)}">{esc(label)}</a>'

    def more(ids: list[str], skip: str) -> str:
        return " · ".join(link(i, f"part {n}") for n, i in enumerate(ids, 1) if i != skip)

    reading = next(s for i, s in group if i == current_id)
    line = f"You are reading: <b>{esc(reading or current_id)}</b>"
    own = parts.pop(reading)
    if len(own) > 1:
        line += f" (part {own.index(current_id) + 1} of {len(own)}; also {more(own, current_id)})"
    others = []
    for source, ids in parts.items():
        item = link(best[source], source or best[source])
        if len(ids) > 1:
            item += f" ({more(ids, '')})"
        others.append(item)
    if others:
        line += f". Also answered by: {' · '.join(others)}"
    return f'<p class="publishers">{line}.</p>'
