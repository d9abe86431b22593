"""The block a restored MedQuAD answer is made of (shared by the text rules and layouts)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Block:
    """One block of the answer: "h" heading, "li" list item, "p" paragraph."""

    kind: str
    text: str
    alone: bool = False  # the whole source line (no other text on it)
    group_start: bool = False  # first line of lines not separated by a blank line
    group_size: int = 1
    depth: int = 0  # a list item's nesting: 0 top level, 1 inside the item before, ...
