"""Mark the terms of an answer that the glossary explains, the same way for window and CLI.

A marked term is `<a class="term" href="pa-term:KEY" title="DEFINITION">words</a>`: a link,
so it can be reached with the keyboard (Tab) as well as hovered, and the window shows the
definition with a link to the full answer; a browser shows the title on hover.

Rules: terms are marked in running text only (never inside headings, links, citation
markers, code or the reference list); a term is marked once per section (each `<h2>` starts
a new one); the answer's own subject is not marked on its own page; longer terms win over
shorter ones ("heart attack" over "heart"). Matching is on whole words, case-insensitive,
with a simple plural ("arrhythmias" finds "arrhythmia").
"""

from __future__ import annotations

import html
import re

from db.records import GlossaryEntry
from desktop.core.reader.links import TERM_SCHEME, term_href

__all__ = ["TERM_SCHEME", "TermMarker", "term_href"]
_TOKENS = re.compile(r"(<[^>]*>)|([^<]+)")
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)([^>]*)>")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "sup", "code", "pre", "button"}
_VOID = {"br", "hr", "img", "meta", "input", "link"}


class TermMarker:
    """Marks glossary terms in rendered answer HTML. Build once per glossary; cheap to use."""

    def __init__(self, entries: list[GlossaryEntry]) -> None:
        self.entries: dict[str, GlossaryEntry] = {}
        for entry in entries:
            for form in (entry.key, entry.key + "s", entry.key + "es"):
                self.entries.setdefault(form, entry)
        self.longest = max((len(key.split()) for key in self.entries), default=0)
        #: The first word of every term: most words of a text start none, and are skipped.
        self.first_words = frozenset(key.split()[0] for key in self.entries)
        #: Each defined term by its key (plural forms left out).
        self.by_key: dict[str, GlossaryEntry] = {e.key: e for e in entries}

    def __len__(self) -> int:
        return len({e.key for e in self.entries.values()})

    def lookup(self, words: str) -> GlossaryEntry | None:
        """The entry for some words as written (any case, simple plural), or None."""
        return self.entries.get(" ".join(words.lower().split()))

    def terms_in(self, text: str) -> frozenset[str]:
        """The keys of the terms a plain text uses (a page's question: its own subject)."""
        found: set[str] = set()
        self._mark_text(text, found, frozenset())
        return frozenset(found)

    def mark_html(self, fragment: str, *, own_terms: frozenset[str] = frozenset()) -> str:
        """The fragment with explained terms marked (see the module's rules). `own_terms` are
        the keys of the page's own subject, which are not marked."""
        if not self.entries:
            return fragment
        out: list[str] = []
        skipping: list[str] = []  # open elements whose text is never marked
        in_references = False
        seen: set[str] = set()
        heading: list[str] = []
        for token in _TOKENS.finditer(fragment):
            tag, text = token.group(1), token.group(2)
            if tag is not None:
                out.append(tag)
                match = _TAG.match(tag)
                if not match:
                    continue
                closing, name = match.group(1) == "/", match.group(2).lower()
                attrs = match.group(3)
                if name == "h2" and not closing:
                    seen = set()
                    in_references = 'class="references"' in attrs
                    heading = []
                if name == "h2" and closing and "".join(heading).strip().lower() == "references":
                    in_references = True
                if name == "ol" and not closing and 'class="references"' in attrs:
                    in_references = True
                if name in _SKIP and not attrs.rstrip().endswith("/"):
                    if closing:
                        if name in skipping:
                            del skipping[len(skipping) - 1 - skipping[::-1].index(name)]
                    else:
                        skipping.append(name)
                continue
            if skipping or in_references or text is None:
                if skipping and skipping[-1] == "h2":
                    heading.append(text or "")
                out.append(text or "")
                continue
            out.append(self._mark_text(text, seen, own_terms))
        return "".join(out)

    def _mark_text(self, text: str, seen: set[str], own_terms: frozenset[str]) -> str:
        words = list(_WORD.finditer(text))
        out: list[str] = []
        position = 0
        i = 0
        while i < len(words):
            found = None
            if words[i].group(0).lower() not in self.first_words:
                i += 1
                continue
            for n in range(min(self.longest, len(words) - i), 0, -1):
                first, last = words[i], words[i + n - 1]
                span = text[first.start() : last.end()]
                if n > 1 and not re.fullmatch(r"[A-Za-z'\- ]+", span):
                    continue  # only words joined by spaces make a term
                entry = self.lookup(span)
                if entry is not None:
                    found = (entry, first.start(), last.end(), n)
                    break
            if found is None:
                i += 1
                continue
            entry, start, end, n = found
            i += n
            if entry.key in seen or entry.key in own_terms:
                continue
            seen.add(entry.key)
            out.append(text[position:start])
            definition = html.escape(html.unescape(entry.definition), quote=True)
            out.append(
                f'<a class="term" href="{term_href(entry.key)}" title="{definition}">'
                f"{text[start:end]}</a>"
            )
            position = end
        out.append(text[position:])
        return "".join(out)
