"""Our own link schemes: the one place each is spelled, built and read back.

    pa-answer:ID        open an answer           pa-topic:NAME   list a topic's answers
    pa-search:TEXT      run a search             pa-visit:N      put question N of the
    #ref-N              show reference N                         answer on the visit sheet
    pa-saved:ID         keep the shown revision of a saved answer (its changes were read)
    pa-term:KEY         a glossary term: show its plain-words definition

Values are percent-encoded. Pages are written with these builders (desktop.core.render and
desktop.core.reader.pages) and the window reads clicks back with `link_target`, so a link
never needs to be found again in rendered HTML.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import quote, unquote

ANSWER_SCHEME = "pa-answer"
TOPIC_SCHEME = "pa-topic"
SEARCH_SCHEME = "pa-search"
VISIT_SCHEME = "pa-visit"
SAVED_SCHEME = "pa-saved"
TERM_SCHEME = "pa-term"
#: The schemes the sanitizer lets through besides the web's own.
OWN_SCHEMES = frozenset(
    {ANSWER_SCHEME, TOPIC_SCHEME, SEARCH_SCHEME, VISIT_SCHEME, SAVED_SCHEME, TERM_SCHEME}
)

LinkKind = Literal[
    "answer",
    "topic",
    "search",
    "visit",
    "saved",
    "term",
    "reference",
    "anchor",
    "external",
    "other",
]


def answer_href(answer_id: str) -> str:
    """A link that opens an answer."""
    return f"{ANSWER_SCHEME}:{quote(answer_id, safe='')}"


def topic_href(topic: str) -> str:
    """A link that lists a topic's answers."""
    return f"{TOPIC_SCHEME}:{quote(topic, safe='')}"


def search_href(text: str) -> str:
    """A link that searches for text."""
    return f"{SEARCH_SCHEME}:{quote(text, safe='')}"


def visit_href(number: int) -> str:
    """A link that puts "What to ask" question `number` of the answer on the visit sheet."""
    return f"{VISIT_SCHEME}:{number}"


def saved_href(answer_id: str) -> str:
    """A link that keeps the shown revision of a saved answer ("I have read what changed")."""
    return f"{SAVED_SCHEME}:{quote(answer_id, safe='')}"


def term_href(key: str) -> str:
    """A marked glossary term: shows its plain-words definition."""
    return f"{TERM_SCHEME}:{quote(key, safe='')}"


def reference_href(number: int) -> str:
    """A link to reference `number` of the answer."""
    return f"#ref-{number}"


def link_target(href: str) -> tuple[LinkKind, str]:
    """(kind, value) of a link: what a click on it asks for."""
    scheme, _, rest = href.partition(":")
    if href.startswith("#ref-") and href[5:].isdigit():
        return "reference", href[5:]
    if href.startswith("#"):
        return "anchor", href[1:]
    if scheme == ANSWER_SCHEME:
        return "answer", unquote(rest)
    if scheme == TOPIC_SCHEME:
        return "topic", unquote(rest)
    if scheme == SEARCH_SCHEME:
        return "search", unquote(rest)
    if scheme == SAVED_SCHEME:
        return "saved", unquote(rest)
    if scheme == TERM_SCHEME:
        return "term", unquote(rest)
    if scheme == VISIT_SCHEME and rest.isdigit():
        return "visit", rest
    if scheme in ("http", "https", "mailto"):
        return "external", href
    return "other", href
