"""Lay <-> clinical synonyms from content.db, matched against the words a person typed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from db.records import Synonym
from desktop.core.search.analysis import FILLER_WORDS, words

MAX_PHRASE = 5
# How much another phrasing counts next to the words typed: an abbreviation or a spelling
# variant is the same thing; a lay word is nearly so; "related" words only hint.
KIND_WEIGHTS = {"abbr": 0.9, "spelling": 1.0, "brand": 0.9, "lay": 0.8, "related": 0.3}
# Another name of a subject that its own answers give (aliases.py).
ALIAS_WEIGHT = 0.8
# Kinds of the pairs aliases.py mines: an abbreviation is matched only when typed in capitals
# (a mined "PAD" or "SOD" may be an everyday word too).
MINED_ABBR = "mined-abbr"
MINED_NAME = "mined-name"


@dataclass(frozen=True)
class SynonymMatch:
    """Words [start, end) of the input matched a term; alternatives are other phrasings."""

    start: int
    end: int
    alternatives: tuple[tuple[tuple[str, ...], float], ...]


class SynonymMap:
    """Phrase -> equivalent phrases, both directions, all folded to plain words."""

    def __init__(self, pairs: list[Synonym]) -> None:
        self._alternatives: dict[tuple[str, ...], dict[tuple[str, ...], float]] = defaultdict(dict)
        self._needs_capitals: set[tuple[str, ...]] = set()
        curated: set[tuple[str, ...]] = set()
        mined_capitals: set[tuple[str, ...]] = set()
        for pair in pairs:
            left, right = tuple(words(pair.term)), tuple(words(pair.synonym))
            if not left or not right or left == right:
                continue
            mined = pair.kind.startswith("mined")
            weight = ALIAS_WEIGHT if mined else KIND_WEIGHTS.get(pair.kind, 0.5)
            if not mined:
                curated.update((left, right))
            # A mined alias leads to its subject's name, not back: the name typed in full
            # is searched as typed.
            directions = ((left, right),) if mined else ((left, right), (right, left))
            for a, b in directions:
                self._alternatives[a][b] = max(weight, self._alternatives[a].get(b, 0.0))
            for side in (left, right) if not mined else (left,):
                if pair.kind == "abbr" and (side[0] in FILLER_WORDS or len(side[0]) <= 2):
                    if len(side) == 1:  # "ALL" (the leukaemia) but not "all"; "MS", not "ms"
                        self._needs_capitals.add(side)
                elif pair.kind == MINED_ABBR and len(side) == 1:
                    # A mined abbreviation ("PAD", "SOD") may be an everyday word too.
                    mined_capitals.add(side)
        # A curated pair's sides keep their own rule ("copd" typed in small letters).
        self._needs_capitals |= mined_capitals - curated

    def __len__(self) -> int:
        return len(self._alternatives)

    def match(self, tokens: list[str], originals: list[str]) -> list[SynonymMatch]:
        """Longest matches first, left to right, never overlapping."""
        found: list[SynonymMatch] = []
        i = 0
        while i < len(tokens):
            for size in range(min(MAX_PHRASE, len(tokens) - i), 0, -1):
                phrase = tuple(tokens[i : i + size])
                alts = self._alternatives.get(phrase)
                if not alts:
                    continue
                if phrase in self._needs_capitals and not (
                    originals[i].isupper() and len(originals[i]) > 1
                ):
                    continue
                found.append(SynonymMatch(i, i + size, tuple(sorted(alts.items()))))
                i += size
                break
            else:
                i += 1
        return found
