"""Highlighted, HTML-escaped snippets of an answer's text for a result list."""

from __future__ import annotations

import html
import re

from whoosh import highlight

from desktop.core.search.analysis import stemming_analyzer

_MARKUP = re.compile(r"(^|\n)\s*(#+|[-*+]|\d+\.)\s+|\\(?=[\\`*_{}\[\]()#+.!-])|\*\*|__|`")
_CITATIONS = re.compile(r"\s*\[\d+(?:\s*[,–-]\s*\d+)*\]")
_ANALYZER = stemming_analyzer()
_FORMATTER = highlight.HtmlFormatter(tagname="b", between=" … ")
_FRAGMENTER = highlight.ContextFragmenter(maxchars=220, surround=70)


def plain_text(markdown_text: str) -> str:
    """Markdown without its markup, citation markers or extra white space."""
    text = _MARKUP.sub(r"\1", markdown_text)
    text = _CITATIONS.sub("", text)
    return " ".join(html.unescape(text).split())


def make_snippet(text: str, terms: set[str], length: int = 220) -> str:
    """Best passages with matched words in <b>; everything HTML-escaped."""
    plain = plain_text(text)
    if terms:
        found = highlight.highlight(plain, frozenset(terms), _ANALYZER, _FRAGMENTER, _FORMATTER,
                                    top=2, minscore=1)
        if found:
            return found
    short = plain[:length]
    if len(plain) > length:
        short = short.rsplit(" ", 1)[0] + " …"
    return html.escape(short)
