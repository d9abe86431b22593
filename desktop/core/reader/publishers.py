"""Who published an answer and when, in the words the window shows on cards and pages.

MedQuAD answers carry no review date: what is known (collected 2017–2019) sits in content.db
meta `source_dates`; the window says that instead of a date it does not have. A grouped
result (the same question from several publishers) keeps its members in rank order, so the
answer page can name the publisher being read and link to the others. The page finds its
group in the content itself (content_group: the search's grouping rule, group_key), so it names
the publishers however the answer was opened (a result, a topic, a bookmark, a link, `show`).

An answer's `source` keeps the short form the importer stored ("NCI", "GARD", and MedQuAD's
codes in content built before): it is what `--source` and JSON carry. What a person reads is
`publisher_name(source)` ("National Cancer Institute").
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
    from db.records import Answer
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


#: Publishers by the names an answer's `source` may carry that a reader would not know:
#: MedQuAD's short names and codes (content built before kept the codes).
_DISPLAY_NAMES = {
    "NCI": "National Cancer Institute",
    "CancerGov": "National Cancer Institute",
    "GARD": "Genetic and Rare Diseases Information Center",
    "GHR": "Genetics Home Reference",
    "MPlusHealthTopics": "MedlinePlus",
    "NIHSeniorHealth": "NIH Senior Health",
}
#: Answers of one topic looked at to find an answer's group (MedQuAD's largest topic holds
#: a few dozen; a bigger one only means a group may miss a far member).
GROUP_CANDIDATES = 400


def publisher_name(source: str) -> str:
    """The publisher as a reader knows it ("GARD" -> "Genetic and Rare Diseases Information
    Center"); other sources are shown as they are."""
    return _DISPLAY_NAMES.get(source, source)


def publishers_text(sources: Sequence[str]) -> str:
    """ "NHLBI · MedlinePlus · NIH Senior Health" (each once, in the order given)."""
    return " · ".join(dict.fromkeys(publisher_name(s) for s in sources if s))


def content_group(store: ContentStore, answer: Answer, order: Sequence[str] = ()) -> Group:
    """(id, publisher) of every published answer to the same question as `answer` (itself
    included), by the search's own grouping rule; `order`: ids of a search's ranking to keep
    (its best-ranked publisher first); the rest follow by publisher, then in the source's order.
    Answers to the same question share a topic, so only the answer's topics are looked at."""
    from desktop.core.search.grouping import group_key

    key = group_key(answer)
    ids: dict[str, None] = {answer.id: None}
    for topic in dict.fromkeys((*answer.topics, answer.focus)):
        if topic:
            ids.update(dict.fromkeys(store.answer_ids_in_topic(topic, GROUP_CANDIDATES)))
    members = [a for a in store.answers(list(ids)) if a.id == answer.id or group_key(a) == key]
    if all(a.id != answer.id for a in members):
        members.append(answer)  # a withdrawn answer still names its own publisher
    rank = {answer_id: n for n, answer_id in enumerate(order)}
    members.sort(
        key=lambda a: (
            rank.get(a.id, len(rank)),
            publisher_name(a.source).casefold(),
            _natural(a.id),
        )
    )
    return tuple((a.id, a.source) for a in members)


def grouped_related(
    related: Sequence[Answer], exclude: str = ""
) -> list[tuple[str, str, tuple[str, ...]]]:
    """Related answers with one entry per question (the search's group key): (id of the
    first, its question, the publishers answering it), in the order given. `exclude`: the
    group key of the answer on the page (its own question is already one click away)."""
    from desktop.core.search.grouping import group_key

    out: dict[str, tuple[str, str, list[str]]] = {}
    for answer in related:
        key = group_key(answer)
        if key == exclude:
            continue
        entry = out.setdefault(key, (answer.id, answer.question, []))
        if answer.source and answer.source not in entry[2]:
            entry[2].append(answer.source)
    return [(i, q, tuple(s)) for i, q, s in out.values()]


def _natural(answer_id: str) -> list[tuple[int, str]]:
    """Sort key reading numbers as numbers ("Sec2" before "Sec15")."""
    return [(int(p), "") if p.isdigit() else (0, p) for p in re.split(r"(\d+)", answer_id)]


def publisher_lines(current_id: str, group: Group, dated: str = "") -> list[str]:
    """What `show` prints under the title: "From NHLBI · Collected 2017–2019 · no review
    date", the other parts of the same publisher's answer, and the other publishers'
    answers to the same question, with their ids (to `show`): "Also answered by:
    MedlinePlus (MPlus_1_Sec1) · NIH Senior Health (...)"."""
    reading = next((s for i, s in group if i == current_id), "")
    first = " · ".join(x for x in (publisher_name(reading), dated) if x)
    lines = [f"From {first}"] if first else []
    own = [i for i, s in group if s == reading and i != current_id]
    if own:
        lines.append(f"Other parts of this answer: {', '.join(sorted(own, key=_natural))}")
    others: dict[str, list[str]] = {}
    for answer_id, source in group:
        if source != reading:
            others.setdefault(publisher_name(source) or "Other", []).append(answer_id)
    if others:
        listed = " · ".join(f"{who} ({', '.join(ids)})" for who, ids in others.items())
        lines.append(f"Also answered by: {listed}")
    return lines


def switch_html(current_id: str, group: Group) -> str:
    """The answer page's line naming its publisher ("From NHLBI."), and for a grouped answer
    the publisher being read and links to the other publishers' answers to the same question
    ('' when `current_id` is not in `group` or has no publisher). A publisher that answers
    in several parts gets one link per part ("part 2")."""
    if current_id not in {i for i, _ in group}:
        return ""
    esc = html.escape
    reading = next(s for i, s in group if i == current_id)
    if len(group) < 2:
        name = publisher_name(reading)
        return f'<p class="publishers">From <b>{esc(name)}</b>.</p>' if name else ""
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

    line = f"You are reading: <b>{esc(publisher_name(reading) or current_id)}</b>"
    own = parts.pop(reading)
    if len(own) > 1:
        line += f" (part {own.index(current_id) + 1} of {len(own)}; also {more(own, current_id)})"
    others = []
    for source, ids in parts.items():
        item = link(best[source], publisher_name(source) or best[source])
        if len(ids) > 1:
            item += f" ({more(ids, '')})"
        others.append(item)
    if others:
        line += f". Also answered by: {' · '.join(others)}"
    return f'<p class="publishers">{line}.</p>'
