"""Nested lists in MedQuAD answer text: where a list item held a list of its own.

The scraped text keeps two traces of a sub-list:

* lines: CDC kept each item on its own line, a sub-list's " - " lines indented deeper than
  its parent item's (LineNesting);
* runs of items on one line (the National Cancer Institute's pages, some NIDDK ones): an item
  ending with ":" is followed by a gap wider than the one before it, its own items by gaps
  alike, and the next item of the outer list by a wide (or narrow) gap again, as the page's
  HTML indented them ("- Four types are used:         - Surgery     - Chemotherapy
  - Next point" with 9, 5 and 8 spaces). A single space is no such trace (a dash in a
  sentence may have started the item). NIDDK's "Points to Remember" open a sub-list with an
  unfinished sentence instead of a colon ("- ... adults who have      - chronic kidney
  disease    - end-stage kidney disease    - People with ...") and close it with the same
  gap as between its items: there the sub-list's items continue the sentence in lower case,
  and the next capitalised sentence (or another lead-in ending with ":") is the outer list's
  next point. Lower-case items after an item ending with ":" are its sub-list whatever the
  gaps (they continue its sentence).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# An item closes its sub-list when its gap is this much wider than the widest gap between
# the sub-list's own items (before two of them are known: one narrower than the gap that
# opened the sub-list), or narrower than the narrowest.
WIDER_BY = 2
# Up to this many words and no closing full stop: a phrase ("lab tests"), not a sentence.
PHRASE_WORDS = 8
# An item that starts its line opens a sub-list with a gap at least this wide.
WIDE_GAP = 3
_NOT_ALNUM = re.compile(r"[\W_]+")
# At least this many words: a sentence's start (a lead-in or a point), not a name ("Ultrasound").
LEAD_IN_WORDS = 4


def is_item(piece: str) -> bool:
    """ "- text" (or a lone "-"): a list item piece."""
    return piece.startswith("-") and (piece == "-" or piece[1].isspace())


class LineNesting:
    """List depth of item lines from their indentation; `reset` when a paragraph ends the
    list."""

    def __init__(self) -> None:
        self.indents: list[int] = []

    def depth(self, indent: int) -> int:
        """The depth of an item line indented `indent` columns (one level at most deeper
        than the line before)."""
        while self.indents and self.indents[-1] > indent:
            self.indents.pop()
        if not self.indents or self.indents[-1] < indent:
            self.indents.append(indent)
        return len(self.indents) - 1

    def reset(self) -> None:
        """A paragraph came: the next item starts a new list."""
        self.indents = []


def _phrase(item: str) -> bool:
    """ "- lab tests": a short item that is not a sentence."""
    text = item.lstrip("- ").rstrip()
    return len(text.split()) <= PHRASE_WORDS and not text.endswith((".", "!", "?"))


def _sentence(item: str) -> bool:
    """ "- Which treatment a person needs depends on ...": a whole sentence."""
    text = item.lstrip("- ").rstrip()
    return len(text.split()) > PHRASE_WORDS and text.endswith(".") and text[:1].isupper()


def _lead_in(item: str) -> bool:
    """ "- Kidney disease occurs in adults who have": a capitalised sentence left unfinished
    (no closing punctuation), which the items after it complete."""
    text = item.lstrip("- ").rstrip()
    return len(text.split()) >= LEAD_IN_WORDS and text[:1].isupper() and text[-1:].isalnum()


def _lower(item: str) -> bool:
    """ "- end-stage kidney disease": an item that continues a sentence (lower-case start)."""
    return item.lstrip("- ")[:1].islower()


def _capitalised_point(item: str) -> bool:
    """ "- People with the disease may develop ...": a point of its own (a capitalised word,
    not an acronym, opening a sentence or a lead-in)."""
    text = item.lstrip("- ").rstrip()
    first = text.split(" ", 1)[0]
    return (
        len(text.split()) >= LEAD_IN_WORDS
        and first[:1].isupper()
        and (len(first) == 1 or first[1:].islower())
    )


def _wider(before: int, gap: int) -> bool:
    """The gap before an item is wider than the one before its parent (a line's first item,
    with no gap before it, needs a wide one)."""
    return 2 <= before < gap or (before == 0 and gap >= WIDE_GAP)


def inline_depths(pieces: Sequence[tuple[int, str]]) -> list[int]:
    """The depth inside its line of each (gap before it, text) piece (0 for paragraphs and
    top-level items): an item after a gap of its own that ends with ":" and is followed by a
    wider gap opens a sub-list; an item after a gap clearly wider or narrower than those
    between the sub-list's items closes it, and so does a whole sentence after two or more
    short phrases (gaps alike, NIDDK: "- lab tests  - endoscopies  - Which treatment ...")."""
    depths: list[int] = []
    # open sub-lists: [opening gap, narrowest, widest item gap, items, items all phrases,
    # items all lower-case]
    frames: list[list[int]] = []
    previous: tuple[int, str] | None = None
    for gap, piece in pieces:
        if not is_item(piece):
            frames, previous = [], None
            depths.append(0)
            continue
        opens = previous is not None and (
            (previous[1].endswith(":") and (_lower(piece) or _wider(previous[0], gap)))
            or (_lead_in(previous[1]) and _lower(piece) and _wider(previous[0], gap))
        )
        if opens:
            frames.append([gap, 0, 0, 1, int(_phrase(piece)), int(_lower(piece))])
        elif frames:
            opening, narrowest, widest, items, phrases, lower = frames[-1]
            if widest:
                closes = gap >= widest + WIDER_BY or gap < narrowest
            else:  # items continuing a sentence may sit one space closer than the first
                closes = gap > opening if lower else gap >= opening - 1
            closes = closes or (phrases == 1 and items >= 2 and _sentence(piece))
            # a capitalised point, or another lead-in, follows the items completing a sentence
            closes = closes or (lower == 1 and (_capitalised_point(piece) or piece.endswith(":")))
            if closes:
                frames.pop()
            else:
                narrowest, widest = min(narrowest or gap, gap), max(widest, gap)
                frames[-1][1:] = [
                    narrowest,
                    widest,
                    items + 1,
                    int(phrases and _phrase(piece)),
                    int(lower and _lower(piece)),
                ]
        depths.append(len(frames))
        previous = (gap, piece)
    return depths


def _bare(word: str) -> str:
    return _NOT_ALNUM.sub("", word.lower())


def split_item_echo(text: str, items: Sequence[str]) -> tuple[str, str] | None:
    """NIH Senior Health repeats a list as run-on text inside its last item ("- helps soften
    scales  - comes as a cream. helps soften scales comes as a cream. Learn more ..."): the
    item's own text, and what follows the echo (text after the list), or None when the item
    holds no echo of the two or more items before it (all of them, word for word)."""
    if len(items) < 2 or len(text) < sum(len(item) for item in items) * 0.9:
        return None  # too short to hold the items again
    compact = _bare(text)
    for item in items[:2]:  # cheap first: the echo holds the longest word of each
        if _bare(max(item.split(), key=len, default="")) not in compact:
            return None
    words = text.split()
    bare = [_bare(w) for w in words]
    first = [b for b in (_bare(w) for w in items[0].split()) if b]
    expected_items = [b for item in items for b in (_bare(w) for w in item.split()) if b]
    needed = len(expected_items)
    for start in range(1, len(words) - len(first) + 1):
        if bare[start : start + len(first)] != first:
            continue
        expected = expected_items + [b for b in bare[:start] if b]
        matched, at = 0, start
        while at < len(words) and matched < len(expected):
            if bare[at] and bare[at] != expected[matched]:
                break
            matched += 1 if bare[at] else 0
            at += 1
        if matched >= needed:
            return " ".join(words[:start]), " ".join(words[at:])
    return None


def strip_list_echo(text: str, items: Sequence[str]) -> str:
    """A paragraph that opens by repeating the list before it, item after item, word for
    word ("sweating nausea fainting. Next ..."), keeps only what follows the echo."""
    rest = text
    for item in items:
        bare = item.rstrip(".;,")
        if not rest.lower().startswith(bare.lower()):
            return text
        rest = rest[len(bare) :].lstrip(" .;,")
    return rest
