"""MedQuAD answer text back to the structure its web page had, as Markdown.

MedQuAD stored each answer as plain text scraped from HTML: list items became " - " runs,
headings became short lines (or words run into the next sentence), paragraphs became runs of
spaces or newlines, and some pages repeat a list as prose right after it. The general rules
here read those traces back:

1. Segments: newlines, three or more spaces, or two spaces after a sentence end split the
   text; a " - " after a sentence end or after two spaces starts a list item.
2. Blocks: "- x" is a list item; a short line standing alone without closing punctuation is a
   heading (a list item when the line before ends with ":"); a short question standing alone
   is a heading; the first sentence of a group of lines is the group's heading.
3. Per-source layouts (medquad_layouts): run-in headings, question headings, symptom tables.
4. Sentences a page repeats are shown once; a heading with nothing under it is plain text.
"""

from __future__ import annotations

import re

from desktop.core.importers.medquad_blocks import Block
from desktop.core.importers.medquad_layouts import is_link_label, prepare, split_runs
from desktop.core.importers.medquad_lists import (
    LineNesting,
    inline_depths,
    is_item,
    split_item_echo,
    strip_list_echo,
)

# Every gap starts with two spaces: the leading (?=\s\s) rejects most places at once, before
# the alternatives and their look-behinds are tried (the same cuts, five times faster).
_GAP = re.compile(
    r"(?=\s\s)(?:\s{3,}|(?:(?<=[.!?:;])|(?<=[.!?:;][\"”)]))\s{2}(?=\S)|\s{2,}(?=-\s))"
)
_GAP_KEPT = re.compile(f"({_GAP.pattern})")  # the same cuts, the gaps kept
_WIDE_BULLET = re.compile(r"(?=-\s\s)(?<!\S)-\s{2,}(?=\S)")
_SPACED_COLON = re.compile(r"(\w) +: ")
_INLINE_ITEM = re.compile(r"(?<=[.:!?])\s(?=-\s+[A-Z0-9\"“(])")
_CLOSING = '.,;:!?"”'
_QUOTES = '"”'
_QUESTION_START = re.compile(
    r"^(?:how|what|who|why|when|where|which|is|are|can|could|does|do|should|will)\b", re.I
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")
_PUNCTUATION = re.compile(r"[^\w\s]")
_HASHES = re.compile(r"^(#+)")
_NUMBERED = re.compile(r"^(\d+)\. ")
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())
_QUESTION_WORDS = _SMALL_WORDS | frozenset(
    "what which how is are do does can could should will i my".split()
)
_OTHER_QUESTIONS = frozenset("who when where why".split())
HEADING_MAX_WORDS = 12
KEY_SENTENCE_MAX_WORDS = 25
REPEAT_MIN_WORDS = 5
SHORT_ITEM_WORDS = 8
HEADING_LIST_MIN = 3
TERM_WORDS = 5


def _segments(text: str) -> list[Block]:
    """Cut the text at newlines, wide gaps and inline bullets; mark lines that stand alone;
    items of a line indented deeper than the item line before are nested in that item."""
    blocks: list[Block] = []
    groups: list[list[tuple[str, int]]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            groups[-1].append((line.strip(), len(line.expandtabs(4)) - len(line.lstrip())))
        elif groups[-1]:
            groups.append([])
    lines = [line for group in groups for line in group]
    if len(lines) > 1 and lines[0][0].startswith("- ") and lines[1][0].startswith("- "):
        # the text's first line lost its indentation (MedQuAD strips the answer's start)
        groups[0][0] = (lines[0][0], lines[1][1])
    nesting = LineNesting()
    for group in groups:
        for position, (line, indent) in enumerate(group):
            depth = nesting.depth(indent) if line.startswith("- ") else 0
            line = _WIDE_BULLET.sub("- ", line)
            if " :" in line:
                line = _SPACED_COLON.sub(r"\1: ", line)
            pieces = _lead_item(_pieces(line))
            for (_, piece), inline in zip(pieces, inline_depths(pieces), strict=True):
                if is_item(piece):
                    items = _split_short_items(piece[1:])
                    blocks.extend(Block("li", item, depth=depth + inline) for item in items)
                    continue
                nesting.reset()
                depth = 0
                blocks.append(
                    Block(
                        "p",
                        piece,
                        alone=len(pieces) == 1,
                        group_start=position == 0 and len(pieces) == 1,
                        group_size=len(group),
                    )
                )
    return blocks


def _pieces(line: str) -> list[tuple[int, str]]:
    """The line cut at wide gaps and inline bullets: each piece (spaces normalised) with the
    width of the gap before it (0 for the first), which tells a sub-list's items apart."""
    out: list[tuple[int, str]] = []
    parts = _GAP_KEPT.split(line)
    for index in range(0, len(parts), 2):
        gap = len(parts[index - 1]) if index else 0
        for n, piece in enumerate(_INLINE_ITEM.split(parts[index])):
            if not piece.strip():
                continue
            piece = " ".join(piece.split())
            if n == 0 and gap == 2 and out and _term_item(out[-1][1]) and not is_item(piece):
                out[-1] = (out[-1][0], f"{out[-1][1]} {piece}")  # "- Term:  its definition"
            else:
                out.append((gap if n == 0 else 1, piece))
    return out


def _term_item(piece: str) -> bool:
    """ "- Cytogenetic analysis:": an item naming a term its definition follows."""
    return is_item(piece) and piece.endswith(":") and _words(piece) <= TERM_WORDS + 1


def _lead_item(pieces: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """ "... may include - sweating  - nausea": the list's first item follows a single space,
    so a single-spaced " - " right before a list starts that list."""
    out: list[tuple[int, str]] = []
    for index, (gap, piece) in enumerate(pieces):
        following = pieces[index + 1][1] if index + 1 < len(pieces) else ""
        cut = piece.rfind(" - ")
        if following.startswith("- ") and cut > 0 and not piece.startswith("- "):
            out.extend([(gap, piece[:cut]), (1, piece[cut + 1 :])])
        else:
            out.append((gap, piece))
    return out


def _split_short_items(item: str) -> list[str]:
    """ "- a - b, and - c": an item holding two or more more single-spaced dashes between
    short phrases is a run of items the page put on one line."""
    parts = [p.strip() for p in item.split(" - ")]
    if len(parts) >= 3 and all(0 < len(p.split()) <= SHORT_ITEM_WORDS for p in parts):
        return parts
    return [item.strip()] if item.strip() else []


def _words(text: str) -> int:
    return len(text.split())


def _title_case(text: str) -> bool:
    """Every word but small ones capitalised: how these sites write headings."""
    found = False  # a word that is not a small one (stops at the first lower-case word)
    for word in text.split():
        if word[0].isupper() or word[0].isdigit():
            found = found or word.lower() not in _SMALL_WORDS
        elif word.lower() not in _SMALL_WORDS:
            return False
    return found


def _is_short_line(block: Block) -> bool:
    return (
        block.alone
        and _words(block.text) <= HEADING_MAX_WORDS
        and block.text[-1] not in _CLOSING
        and (block.text[0].isupper() or block.text[0].isdigit())
    )


def _lead_in(block: Block, after: Block | None) -> bool:
    """ "A person may be more likely to get it if" before "- he or she ...": a sentence the
    list's items complete (they start in lower case) is text, not a heading."""
    return (
        after is not None
        and after.kind == "li"
        and after.text[:1].islower()
        and not _title_case(block.text)
    )


def _classify(blocks: list[Block]) -> list[Block]:
    """Short lines become headings (or list items after a colon); group leads become headings."""
    out: list[Block] = []
    for index, block in enumerate(blocks):
        if block.kind != "p":
            out.append(block)
            continue
        before = out[-1] if out else None
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        heads_text = (
            _title_case(block.text)
            and after is not None
            and after.kind == "p"
            and not _is_short_line(after)
        )
        in_list = before is not None and (
            before.text.endswith(":") or (before.kind == "li" and before.alone)
        )
        line_item = (
            block.alone
            and _words(block.text) <= KEY_SENTENCE_MAX_WORDS
            and block.text.rstrip(_QUOTES)[-1:] not in _CLOSING  # 'Diuretics, "water pills"'
            and (block.text[0].isupper() or block.text[0].isdigit())
        )
        if line_item and in_list and not heads_text:
            depth = before.depth if before is not None and before.kind == "li" else 0
            out.append(Block("li", block.text, alone=True, depth=depth))
        elif _is_short_line(block) and not _lead_in(block, after):
            out.append(Block("h", block.text))
        elif (
            block.alone
            and block.text.endswith("?")
            and _words(block.text) <= HEADING_MAX_WORDS + 3
            and _QUESTION_START.match(block.text)
            and after is not None
        ):
            out.append(Block("h", block.text))
        elif (
            block.group_start
            and block.group_size > 1
            and block.text.endswith(".")
            and _words(block.text) <= KEY_SENTENCE_MAX_WORDS
            and len(_SENTENCE.split(block.text)) == 1
            and after is not None
            and after.kind == "p"
        ):
            out.append(Block("h", block.text))
        else:
            out.append(block)
    return out


def _norm(sentence: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", sentence.lower()).split())


def _split_echoes(blocks: list[Block]) -> list[Block]:
    """A list echoed as run-on text inside its last item: the item, then the text after
    (cut into its own segments, before headings and layouts are read)."""
    out: list[Block] = []
    items: list[str] = []
    for index, block in enumerate(blocks):
        found = split_item_echo(block.text, items) if block.kind == "li" else None
        items = items + [block.text] if block.kind == "li" else []
        if found is None:
            out.append(block)
            continue
        out.append(Block("li", found[0], depth=block.depth))
        if found[1]:  # what follows is read like any text ("... to - the next list's item")
            item_next = index + 1 < len(blocks) and blocks[index + 1].kind == "li"
            following = "  - " + blocks[index + 1].text if item_next else ""
            rest = _segments(found[1] + following)[: -1 if item_next else None]
            out.extend(rest)  # (the next item, read with the text before it, comes next)
            items = []
            for item in reversed(rest):  # the list the text after the echo starts
                if item.kind != "li":
                    break
                items.insert(0, item.text)
    return out


def _drop_repeats(blocks: list[Block]) -> list[Block]:
    """Show text the page repeats once: a sentence (of a list item or paragraph) already
    said earlier in the answer is dropped; headings always stay."""
    seen: set[str] = set()
    out: list[Block] = []
    items: list[str] = []
    for block in blocks:
        if block.kind == "h":
            out.append(block)
            items = []
            continue
        text = block.text
        if block.kind == "p" and len(items) >= 2:
            text = strip_list_echo(text, items)
        items = items + [block.text] if block.kind == "li" else []
        kept = []
        for sentence in _SENTENCE.split(text):
            key = _norm(sentence)
            if not key:
                continue
            if _words(key) >= REPEAT_MIN_WORDS and key in seen:
                continue
            seen.add(key)
            kept.append(sentence)
        if kept:
            out.append(Block(block.kind, " ".join(kept), depth=block.depth))
    return out


def _content_words(text: str) -> set[str]:
    """The words that carry a question's meaning, cut to five letters ("diagnosed" and
    "diagnose" alike)."""
    return {w[:5] for w in _norm(text).split() if len(w) > 1 and w not in _QUESTION_WORDS}


def _drop_question_heading(blocks: list[Block], question: str) -> list[Block]:
    """An answer that opens by asking its own question again ("What are the signs and
    symptoms of X?" under "What are the symptoms of X?") starts with the answer instead."""
    if not question or len(blocks) < 2 or blocks[0].kind != "h":
        return blocks
    asked, heading = _content_words(question), _content_words(blocks[0].text)
    if not blocks[0].text.endswith("?") or not asked or not asked <= heading:
        return blocks
    if (heading - asked) & _OTHER_QUESTIONS:  # "Who treats X?" is not "How is X treated?"
        return blocks
    return blocks[1:]


def _drop_empty_headings(blocks: list[Block]) -> list[Block]:
    """Headings with nothing under them: three or more in a row are a list of short lines
    (drug names, questions to ask, a page's contents); two in a row before text are a
    section and its first sub-section (when the first reads as a title, no full stop); any
    other heading with nothing under it (next a
    heading, or the end) is plain text."""
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        end = index
        while blocks[end].kind == "h" and end + 1 < len(blocks) and blocks[end + 1].kind == "h":
            end += 1
        run = blocks[index : end + 1]
        if len(run) >= HEADING_LIST_MIN:
            out.extend(Block("li", block.text) for block in run)
        elif len(run) == 2 and end + 1 < len(blocks) and run[0].text[-1] not in _CLOSING:
            out.extend(run)
        else:
            for position, block in enumerate(run):  # empty: a heading or the end follows
                empty = position + 1 < len(run) or end + 1 == len(blocks)
                out.append(Block("p", block.text) if block.kind == "h" and empty else block)
        index = end + 1
    return out


def escape_inline(text: str) -> str:
    """Keep plain text plain: no accidental HTML or emphasis."""
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("*", "\\*").replace("_", "\\_")


def _escape_line(text: str) -> str:
    """A paragraph or list item must not start a heading or a numbered list by accident."""
    text = escape_inline(text)
    if text.startswith("#"):
        text = _HASHES.sub(lambda m: "\\" * len(m.group(1)) + m.group(1), text)
    elif text[:1].isdigit():  # isdigit() holds for every character \d matches
        text = _NUMBERED.sub(r"\1\\. ", text)
    return text


def to_markdown(blocks: list[Block]) -> str:
    """Blocks as Markdown: "## heading", "- item" (items of one list on adjacent lines, a
    nested item indented four spaces a level, never deeper than one below the item before)."""
    out: list[str] = []
    previous = ""
    depth = -1  # of the item before (-1: no list open)
    for block in blocks:
        if block.kind == "h":
            line = "## " + escape_inline(block.text)
        elif block.kind == "li":
            depth = min(block.depth, depth + 1)
            line = "    " * depth + "- " + _escape_line(block.text)
        else:
            line = _escape_line(block.text)
        if block.kind != "li":
            depth = -1
        if out:
            out.append("\n" if block.kind == "li" and previous == "li" else "\n\n")
        out.append(line)
        previous = block.kind
    return "".join(out).strip() + "\n"


def restore_blocks(raw: str, source: str = "", question: str = "") -> list[Block]:
    """The answer's blocks after every rule (what the golden outlines describe); `question`
    is the question the answer is filed under."""
    text = prepare(raw.replace("\r", ""), source)
    blocks = _split_echoes([b for b in _segments(text) if not is_link_label(b.text)])
    blocks = split_runs(_classify(blocks), source)
    blocks = _drop_question_heading(_drop_repeats(blocks), question)
    return _drop_empty_headings(blocks)


def restore_markdown(raw: str, source: str = "", question: str = "") -> str:
    """Undo MedQuAD's flattening: lists, headings and paragraphs back, repeats once, and
    the question not asked again at the start."""
    blocks = restore_blocks(raw, source, question)
    return to_markdown(blocks) if blocks else ""
