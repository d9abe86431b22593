"""Highlighted, HTML-escaped snippets of an answer's text for a result list.

A small sentence picker instead of Whoosh's highlighter: it reads only the start of long
answers, scores sentences by how many different searched words they hold, and bolds those
words. Several times faster on long answers (bench/search_speed.py), same look.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from desktop.core.search.analysis import fold, stem

_HEADINGS = re.compile(r"(?m)^[ \t]*#+[ \t][^\n]*$")  # section titles are not passages
_MARKUP = re.compile(r"(^|\n)\s*(#+|[-*+]|\d+\.)\s+|\\(?=[\\`*_{}\[\]()#+.!-])|\*\*|__|`")
_CITATIONS = re.compile(r"\s*\[\d+(?:\s*[,–-]\s*\d+)*\]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
READ_AT_MOST = 8000


@lru_cache(maxsize=100_000)
def _stem_of(word: str) -> str:
    return stem(fold(word).replace("'", "").replace("’", ""))


def _sentences(markdown_text: str) -> tuple[str, ...]:
    return _sentences_of_start(markdown_text[:READ_AT_MOST])


@lru_cache(maxsize=512)  # the same answers come back keystroke after keystroke
def _sentences_of_start(start: str) -> tuple[str, ...]:
    text = _HEADINGS.sub("", start)
    text = _CITATIONS.sub("", _MARKUP.sub(r"\1", text))
    return tuple(" ".join(s.split()) for s in _SENTENCE_END.split(html.unescape(text)) if s.strip())


@lru_cache(maxsize=5_000)
def _stems(sentence: str) -> frozenset[str]:
    return frozenset(map(_stem_of, _WORD.findall(sentence)))


def _best(sentences: tuple[str, ...], terms: set[str]) -> int:
    """The first sentence holding the most different searched words. Sentences are read
    only until one holds them all: no later one can do better."""
    if not terms:
        return 0
    best, best_score = 0, -1
    for i, sentence in enumerate(sentences):
        score = len(_stems(sentence) & terms)
        if score > best_score:
            best, best_score = i, score
            if score == len(terms):
                break
    return best


def _matches(sentence: str, terms: set[str]) -> list[tuple[int, int]]:
    stem_of = _stem_of
    return [m.span() for m in _WORD.finditer(sentence) if stem_of(m.group()) in terms]


def _clip(sentence: str, length: int) -> str:
    if len(sentence) <= length:
        return sentence
    return sentence[:length].rsplit(" ", 1)[0] + " …"


def snippet_parts(
    text: str, terms: set[str], length: int = 220
) -> tuple[str, list[tuple[int, int]]]:
    """The passage that holds the most searched words, as plain text, and the (start, end)
    offsets of the searched words in it."""
    sentences = _sentences(text)
    if not sentences:
        return "", []
    best = _best(sentences, terms)
    chosen = sentences[best]
    if len(chosen) < length // 2 and best + 1 < len(sentences):
        chosen = f"{chosen} {sentences[best + 1]}"
    passage = ("… " if best > 0 else "") + _clip(chosen, length)
    return passage, _matches(passage, terms)


def to_html(passage: str, matches: list[tuple[int, int]]) -> str:
    """The passage escaped, its matches in <b>."""
    out, last = [], 0
    for start, end in matches:
        out.append(html.escape(passage[last:start]))
        out.append(f"<b>{html.escape(passage[start:end])}</b>")
        last = end
    out.append(html.escape(passage[last:]))
    return "".join(out)
