"""HTML for the window's own pages (start page, related answers, visit sheet, About).

Pure functions, no Qt. Everything from content or the reader is escaped; links use our own
schemes, built by desktop.core.reader.links.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

from db.records import Reference, TopicCount
from db.user_store import VisitAnswer, VisitItem
from desktop.core.reader.dates import day_text
from desktop.core.reader.links import answer_href, search_href, topic_href

START_TOPICS = 24

esc = html.escape


def start_page_html(
    topics: Sequence[TopicCount],
    recent: Sequence[tuple[str, str, str | None]],
    answer_count: int,
    topic_total: int | None = None,
) -> str:
    """Welcome, recently updated answers and the biggest topics (`topic_total`: how many
    topics there are in all, when `topics` holds only the biggest)."""
    topic_total = len(topics) if topic_total is None else topic_total
    parts = [
        "<h1>Find answers to your health questions</h1>",
        '<p class="summary">Type a question or a few words in the search box at the top '
        "(press Ctrl+K to go there). You can also start from a topic below. Everything here "
        "works without the internet.</p>",
    ]
    if recent:
        parts.append("<h2>Recently updated answers</h2><ul>")
        for answer_id, question, reviewed in recent:
            when = (
                f' <span class="muted">(reviewed {esc(day_text(reviewed))})</span>'
                if reviewed
                else ""
            )
            parts.append(f'<li><a href="{answer_href(answer_id)}">{esc(question)}</a>{when}</li>')
        parts.append("</ul>")
    if topics:
        shown = sorted(
            sorted(topics, key=lambda t: -t.count)[:START_TOPICS], key=lambda t: t.name.lower()
        )
        title = "Topics" if topic_total <= START_TOPICS else "Some of the biggest topics"
        parts.append(f"<h2>{title}</h2><ul>")
        for t in shown:
            noun = "answer" if t.count == 1 else "answers"
            parts.append(
                f'<li><a href="{topic_href(t.name)}">{esc(t.name)}</a> '
                f'<span class="topic-count">({t.count} {noun})</span></li>'
            )
        parts.append("</ul>")
        if topic_total > START_TOPICS:
            parts.append(
                f'<p class="muted">All {topic_total:,} topics are in the Topics list '
                "(press Ctrl+2).</p>"
            )
    parts.append(f'<p class="muted">{answer_count:,} answers are available on this computer.</p>')
    return "\n".join(parts)


def recent_searches_html(searches: Sequence[str]) -> str:
    """The reader's recent searches as links (start page); empty when there are none."""
    if not searches:
        return ""
    links = "".join(f'<li><a href="{search_href(s)}">{esc(s)}</a></li>' for s in searches)
    return f"<h2>Your recent searches</h2><ul>{links}</ul>"


def with_recent_searches(start_html: str, searches: Sequence[str]) -> str:
    """The start page with the recent searches placed before its first section."""
    extra = recent_searches_html(searches)
    head, found, tail = start_html.partition("<h2>")
    return head + extra + found + tail if found else start_html + extra


def related_html(topics: Sequence[str], related: Sequence[tuple[str, str, Sequence[str]]]) -> str:
    """The "Related answers" section added under an answer: (id, question, its publishers)
    per entry; a question several publishers answer is one entry naming them (when the
    entries come from more than one publisher, each names its own)."""
    from desktop.core.reader.publishers import publishers_text

    parts = []
    several = len({s for _, _, sources in related for s in sources}) > 1
    if related:
        parts.append('<h2 class="related">Related answers</h2><ul>')
        for answer_id, question, sources in related:
            who = publishers_text(sources) if several else ""
            more = f' <span class="muted">({esc(who)})</span>' if who else ""
            parts.append(f'<li><a href="{answer_href(answer_id)}">{esc(question)}</a>{more}</li>')
        parts.append("</ul>")
    if topics:
        links = " · ".join(f'<a href="{topic_href(t)}">{esc(t)}</a>' for t in topics)
        parts.append(f'<p class="related">More about: {links}</p>')
    return "\n".join(parts)


def reference_panel_html(ref: Reference) -> str:
    """One reference in full, with buttons-like links (the panel shown when a citation is
    clicked; the reference list inside the answer is render.reference_html)."""
    from desktop.core.reference_html import reference_links

    words = {"Link": "Open the web page"}
    links = " &nbsp; ".join(
        f'<a href="{esc(url, quote=True)}">{esc(words.get(label, label))}</a>'
        for label, url in reference_links(ref)
    )
    out = f"<p><b>Reference {ref.number}.</b> {esc(ref.text)}</p>"
    if links:
        out += f"<p>{links}</p>"
    return out


def visit_sheet_html(
    answers: Sequence[VisitAnswer], items: Sequence[VisitItem], note: str, today: date | None = None
) -> str:
    """The visit sheet as a large-print document to print or save as PDF."""
    from desktop.core.render import DISCLAIMER

    today = today or date.today()
    by_answer: dict[str, list[VisitItem]] = {}
    for item in items:
        by_answer.setdefault(item.answer_id, []).append(item)
    parts = [
        "<h1>Questions for my visit</h1>",
        f'<p class="muted">Prepared on {esc(day_text(today.isoformat()))} with Patient '
        "Answers.</p>",
    ]
    number = 0
    for answer in answers:
        parts.append(f"<h2>{esc(answer.question)}</h2>")
        if answer.reviewed:
            day = esc(day_text(answer.reviewed))
            parts.append(f'<p class="muted">From an answer last reviewed {day}.</p>')
        for item in by_answer.get(answer.answer_id, []):
            number += 1
            parts.append(f"<p><b>{number}. {esc(item.text)}</b></p>")
            if item.note.strip():
                note_html = esc(item.note).replace("\n", "<br/>")
                parts.append(f'<p class="note">My notes: {note_html}</p>')
            else:
                parts.append('<p class="note">Notes: ________________________________</p>')
        if answer.references:
            parts.append('<p class="muted">Where this comes from:</p><ol class="references">')
            parts += [f"<li>{esc(r.text)}</li>" for r in answer.references]
            parts.append("</ol>")
    if note.strip():
        parts.append("<h2>Other things to mention</h2>")
        parts.append(f"<p>{esc(note).replace(chr(10), '<br/>')}</p>")
    if items:
        from desktop.core.take_home import take_home_html

        parts.append(take_home_html(list(items), note))
    parts.append(f'<p class="disclaimer">{esc(DISCLAIMER)}</p>')
    return "\n".join(parts)


LIBRARY_LICENCES = (
    ("Qt and PySide6", "GNU LGPL version 3", "https://www.qt.io/licensing/"),
    ("Whoosh (search)", "BSD licence", "https://github.com/Sygil-Dev/whoosh-reloaded"),
    ("Python-Markdown", "BSD licence", "https://python-markdown.github.io/"),
    ("nh3 and ammonia (safe HTML)", "MIT or Apache 2.0", "https://github.com/messense/nh3"),
    ("sqlite-utils", "Apache 2.0", "https://sqlite-utils.datasette.io/"),
    ("cryptography", "Apache 2.0 or BSD", "https://cryptography.io/"),
    ("platformdirs", "MIT licence", "https://github.com/tox-dev/platformdirs"),
    ("Python", "PSF licence", "https://www.python.org/"),
)
MEDQUAD_ATTRIBUTION = (
    "Answers from the MedQuAD collection (Ben Abacha A, Demner-Fushman D. A question-entailment "
    "approach to question answering. BMC Bioinformatics. 2019;20:511) are shared under the "
    "Creative Commons Attribution 4.0 licence (CC BY 4.0). The text comes from U.S. National "
    "Institutes of Health websites; we changed its layout for reading here."
)


def _answers(count: int) -> str:
    return f"{count:,} answer" + ("" if count == 1 else "s")


def about_html(
    app_version: str,
    content_version: int | None,
    answer_count: int | None,
    licences: Sequence[tuple[str, str, int]],
) -> str:
    """The About box: versions, bundled libraries and content collections."""
    parts = [
        "<h1>Patient Answers</h1>",
        f"<p>Version {esc(app_version)}. Plain-language health answers you can read "
        "without the internet. This is general information, not medical advice.</p>",
    ]
    if content_version is not None:
        size = f", {_answers(answer_count)}" if answer_count is not None else ""
        parts.append(f"<p>Content version {content_version}{size}.</p>")
    parts.append("<h2>Content collections</h2>")
    cc_by = [x for x in licences if x[0].upper().startswith("CC BY 4.0")]
    if cc_by:
        total = sum(x[2] for x in cc_by)
        parts.append(
            f"<p>{esc(MEDQUAD_ATTRIBUTION)} ({_answers(total)}.) "
            '<a href="https://creativecommons.org/licenses/by/4.0/">Licence text</a> · '
            '<a href="https://github.com/abachaa/MedQuAD">MedQuAD</a></p>'
        )
    others = [x for x in licences if not x[0].upper().startswith("CC BY 4.0")]
    for licence, source, count in others:
        who = esc(source or "Other answers")
        parts.append(f"<p>{who}: {esc(licence)} ({_answers(count)}).</p>")
    if not licences:
        parts.append("<p>The installed answers carry no separate licence notice.</p>")
    parts.append("<h2>Software used</h2><ul>")
    parts += [
        f'<li>{esc(name)}: {esc(lic)} (<a href="{url}">website</a>)</li>'
        for name, lic, url in LIBRARY_LICENCES
    ]
    parts.append("</ul><p>Patient Answers itself is released under the MIT licence.</p>")
    return "\n".join(parts)
