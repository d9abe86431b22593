"""Answer -> safe HTML for QTextBrowser's HTML subset (and for `show --format html`).

Content is untrusted: the Markdown output and everything we add goes through nh3 with a
short allow-list, so an answer can never run script, load a remote resource or carry a
`javascript:` link. Citation markers [1] / [1, 3] become links to the reference list.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import markdown

from db.records import Answer
from desktop.core.glossary import term_key, term_of
from desktop.core.html_safety import sanitize
from desktop.core.importers.medquad import PUBLISHERS
from desktop.core.markdown_parts import ASK_HEADING, CITATION
from desktop.core.reader.dates import day_text
from desktop.core.reader.labels import ADD_TO_SHEET, CONFIDENCE_LABELS, ON_SHEET
from desktop.core.reader.links import reference_href, visit_href
from desktop.core.reference_html import reference_html, reference_links
from desktop.core.term_marking import TermMarker

if TYPE_CHECKING:
    from desktop.core.reading_level import ReadingLevel

DISCLAIMER = (
    "This answer is general information to help you talk with your doctor. It is not medical "
    "advice and cannot replace care from a health professional who knows you. If you think you "
    "may have an emergency, call your local emergency number now."
)
STALE_AFTER_DAYS = 730

_TAG_SPLIT = re.compile(r"(<[^>]+>)")


def _link_citations(fragment: str) -> str:
    """Turn [1] and [1, 3] in text (never inside tags or links) into reference links."""
    out: list[str] = []
    in_link = 0
    for part in _TAG_SPLIT.split(fragment):
        if part.startswith("<"):
            lowered = part.lower()
            if lowered.startswith("<a ") or lowered == "<a>":
                in_link += 1
            elif lowered.startswith("</a"):
                in_link = max(0, in_link - 1)
            out.append(part)
        elif in_link:
            out.append(part)
        else:
            out.append(CITATION.sub(_citation_link, part))
    return "".join(out)


def _one_citation(number: str) -> str:
    href = reference_href(int(number))
    return f'<a class="cite" href="{href}" title="Reference {number}">{number}</a>'


def _citation_link(match: re.Match[str]) -> str:
    """[1, 3] and [2-4] -> superscript links to each reference named."""
    parts = []
    for part in re.split(r"\s*,\s*", match.group(1)):
        bounds = [b for b in re.split(r"\s*[–-]\s*", part) if b]
        parts.append("–".join(_one_citation(b) for b in bounds))
    return f'<sup class="cite">[{", ".join(parts)}]</sup>'


def visit_link(number: int, label: str = ADD_TO_SHEET) -> str:
    """The link after "What to ask" question `number` that puts it on the visit sheet."""
    return (
        f'<a class="visit" href="{visit_href(number)}" '
        f'title="Add this question to your visit sheet">{html.escape(label)}</a>'
    )


def _split_at_questions(fragment: str) -> list[str]:
    """The sanitized body cut just before the end of each "What to ask your doctor" item,
    where the window puts its visit sheet link (a body without the list stays whole)."""
    marker = re.search(
        r"<h2[^>]*>\s*What to ask your doctor\s*</h2>\s*<ul>(.*?)</ul>",
        fragment,
        re.IGNORECASE | re.DOTALL,
    )
    if not marker:
        return [fragment]
    pieces, start = [], 0
    for item in re.finditer(r"<li>.*?(</li>)", fragment[: marker.end(1)], re.DOTALL):
        if item.start() < marker.start(1):
            continue
        pieces.append(fragment[start : item.start(1)] + " ")
        start = item.start(1)
    pieces.append(fragment[start:])
    return pieces


@dataclass(frozen=True)
class AnswerHtml:
    """An answer rendered once for the window: HTML pieces with a visit sheet link between
    each two (one per "What to ask your doctor" question). `page()` joins them with the
    label each question needs now, so marking one as added never renders again."""

    pieces: tuple[str, ...]

    @property
    def questions(self) -> int:
        """How many questions carry a visit sheet link."""
        return len(self.pieces) - 1

    def page(self, on_sheet: Collection[int] = (), *, keep_together: bool = True) -> str:
        """The HTML, with "On your visit sheet" after the questions numbered in `on_sheet`
        (`keep_together`: "+ Add to visit sheet" never breaks mid-phrase: it moves to a
        line of its own)."""
        add = ADD_TO_SHEET.replace(" ", "\u00a0") if keep_together else ADD_TO_SHEET
        out = [self.pieces[0]]
        for n, piece in enumerate(self.pieces[1:]):
            out += [visit_link(n, ON_SHEET if n in on_sheet else add), piece]
        return "".join(out)


URGENT_HEADING = "When to get help now"
_URGENT = re.compile(
    rf"<h2[^>]*>\s*{URGENT_HEADING}\s*</h2>(.*?)(?=<h2[\s>]|\Z)", re.IGNORECASE | re.DOTALL
)


def urgent_first(fragment: str) -> str:
    """Put "When to get help now" (emergency advice) first, right after the summary, framed
    as a warning (class "urgent": answer-light/dark.css, and print). Our own markup, added
    after sanitizing: a one-cell table, the only block QTextDocument gives a border and a
    background."""
    match = _URGENT.search(fragment)
    if match is None:
        return fragment
    rest = fragment[: match.start()] + fragment[match.end() :]
    box = (
        '<table class="urgent" width="100%" cellspacing="0" cellpadding="10" border="2">'
        f'<tr><td class="urgent"><h2 class="urgent">⚠ {URGENT_HEADING}</h2>'
        f"{match.group(1).strip()}</td></tr></table>\n"
    )
    return box + rest.strip()


def body_html(body_markdown: str) -> str:
    """The Markdown body as HTML (before sanitizing)."""
    return markdown.markdown(body_markdown, extensions=["tables", "sane_lists"])


def is_stale(reviewed: str | None, today: date | None = None) -> bool:
    """True when the last review is more than two years old."""
    if not reviewed:
        return False
    try:
        when = date.fromisoformat(reviewed)
    except ValueError:
        return False
    return ((today or date.today()) - when).days > STALE_AFTER_DAYS


def attribution(answer: Answer) -> str:
    """Who published this answer, in words."""
    return PUBLISHERS.get(answer.source, answer.source)


def render_answer(
    answer: Answer,
    *,
    today: date | None = None,
    visit_links: bool = False,
    terms: TermMarker | None = None,
) -> str:
    """The answer as a sanitized HTML fragment: title, badge, dates, summary, body, references
    (`visit_links`: with a visit sheet link after each "What to ask your doctor" question;
    `terms`: glossary terms marked)."""
    rendered = render_answer_html(answer, today=today, terms=terms)
    return rendered.page(keep_together=False) if visit_links else "".join(rendered.pieces)


def render_answer_html(
    answer: Answer,
    *,
    today: date | None = None,
    related: str = "",
    terms: TermMarker | None = None,
    reading: ReadingLevel | None = None,
    undated: str = "",
    publishers: str = "",
) -> AnswerHtml:
    """The answer for the window, rendered once: pieces around its visit sheet links, and
    `related` (our own HTML: related answers and topics) placed just above the disclaimer.
    `undated`: what is known of its date when it has no review date ("Collected 2017–2019 ·
    no review date"); `publishers`: our own HTML under the title naming the publisher being
    read and linking to the others' answers to the same question."""
    esc = html.escape
    parts = [f'<h1 class="question">{esc(answer.question)}</h1>']
    facts = []
    if answer.confidence in CONFIDENCE_LABELS:
        label, meaning = CONFIDENCE_LABELS[answer.confidence]
        facts.append(
            f'<span class="badge badge-{answer.confidence}" title="{esc(meaning)}">'
            f"&nbsp;{esc(label)}&nbsp;</span>"
        )
    if answer.reviewed:
        facts.append(
            f'<span class="reviewed">Last reviewed {esc(day_text(answer.reviewed))}</span>'
        )
    elif undated:
        facts.append(f'<span class="reviewed">{esc(undated)}</span>')
    if reading is not None:
        facts.append(f'<span class="reading" title="{esc(reading.tooltip)}">{reading.label}</span>')
    if facts:
        parts.append('<p class="facts">' + " &nbsp;·&nbsp; ".join(facts) + "</p>")
    if is_stale(answer.reviewed, today):
        parts.append(
            '<p class="stale"><b>Please note:</b> this answer was last reviewed more than '
            "two years ago. Newer research may have changed the advice. Check with your "
            "doctor.</p>"
        )
    if answer.summary:
        parts.append(f'<p class="summary">{esc(answer.summary)}</p>')
    head = sanitize("\n".join(parts))
    body = urgent_first(sanitize(_link_citations(body_html(answer.body))))
    if terms is not None:  # our own markup, added after sanitizing
        own = frozenset({term_key(answer.focus), term_key(term_of(answer))} - {""})
        own |= terms.terms_in(answer.question)  # what the page is about is not explained
        head = terms.mark_html(head, own_terms=own)
        body = terms.mark_html(body, own_terms=own)
    if publishers:  # our own markup (answer links), added after sanitizing
        title_end = head.find("</h1>") + len("</h1>")
        head = head[:title_end] + publishers + head[title_end:]
    pieces = _split_at_questions(body) if answer.asks else [body]
    parts = []
    if answer.references:
        parts.append('<h2 class="references">References</h2><ol class="references">')
        for ref in answer.references:
            parts.append(
                f'<li id="ref-{ref.number}"><a name="ref-{ref.number}"></a>'
                f"{reference_html(ref)}</li>"
            )
        parts.append("</ol>")
    source_line = []
    if answer.source:
        who = esc(attribution(answer))
        if answer.source_url:
            who = f'<a href="{esc(answer.source_url, quote=True)}">{who}</a>'
        source_line.append(f"Source: {who}.")
    if answer.license:
        source_line.append(f"Licence: {esc(answer.license)}")
    if source_line:
        parts.append('<p class="source">' + " ".join(source_line) + "</p>")
    tail = sanitize("\n".join(parts))
    disclaimer = sanitize(f'<p class="disclaimer">{esc(DISCLAIMER)}</p>')
    tail = "\n".join(x for x in (tail, related, disclaimer) if x)
    pieces[0] = f"{head}\n{pieces[0]}"
    pieces[-1] = f"{pieces[-1]}\n{tail}"
    return AnswerHtml(tuple(pieces))


def render_page(
    answer: Answer, css: str = "", *, today: date | None = None, terms: TermMarker | None = None
) -> str:
    """A standalone HTML page (for `show --format html`, print and PDF export)."""
    title = html.escape(answer.question)
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(answer.language)}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{css}</style></head><body>\n"
        f"{render_answer(answer, today=today, terms=terms)}\n</body></html>\n"
    )


def render_text(answer: Answer) -> str:
    """Plain text for a terminal: question, facts, summary, body, references, disclaimer."""
    lines = [answer.question, "=" * min(len(answer.question), 78)]
    facts = []
    if answer.confidence in CONFIDENCE_LABELS:
        facts.append(CONFIDENCE_LABELS[answer.confidence][0])
    if answer.reviewed:
        facts.append(f"Last reviewed {day_text(answer.reviewed)}")
    if facts:
        lines.append(" · ".join(facts))
    if is_stale(answer.reviewed):
        lines.append("Please note: last reviewed more than two years ago.")
    if answer.topics:
        lines.append("Topics: " + "; ".join(answer.topics))
    lines.append("")
    if answer.summary:
        lines += [answer.summary, ""]
    lines.append(answer.body.strip())
    if answer.references:
        lines += ["", "References"]
        for ref in answer.references:
            extra = " ".join(url for _, url in reference_links(ref) if url not in ref.text)
            lines.append(f"{ref.number}. {ref.text} {extra}".rstrip())
    if answer.source:
        lines += ["", f"Source: {attribution(answer)} {answer.source_url}".rstrip()]
    if answer.license:
        lines.append(f"Licence: {answer.license}")
    lines += ["", DISCLAIMER]
    return "\n".join(lines) + "\n"


def render_markdown(answer: Answer) -> str:
    """The answer back in the authoring format."""
    meta = [f"Id: {answer.id}", f"Question: {answer.question}"]
    if answer.summary:
        meta.append(f"Summary: {answer.summary}")
    if answer.confidence:
        meta.append(f"Confidence: {answer.confidence}")
    if answer.reviewed:
        meta.append(f"Reviewed: {answer.reviewed}")
    if answer.topics:
        meta.append("Topics: " + "; ".join(answer.topics))
    if answer.source:
        meta.append(f"Source: {answer.source}")
    if answer.source_url:
        meta.append(f"Source-URL: {answer.source_url}")
    text = "\n".join(meta) + "\n\n" + answer.body.strip() + "\n"
    if answer.references:
        text += (
            "\n## References\n"
            + "\n".join(f"{r.number}. {r.text}" for r in answer.references)
            + "\n"
        )
    return text


__all__ = [
    "ASK_HEADING",
    "AnswerHtml",
    "render_answer_html",
    "render_answer",
    "render_page",
    "render_text",
    "render_markdown",
    "sanitize",
    "is_stale",
    "DISCLAIMER",
]
