"""Dashes MedQuAD's text lost: "the thyroidanother hormone-producing glandthen thyroid
hormones may decrease" was "the thyroid—another hormone-producing gland—then ...".

The XML dropped every em dash the pages had, gluing the words on either side into one
("diseasewhich", "meatespecially", "abdomenalso called ascites"): about 520 such words in
340 answers, mostly NIDDK and NHLBI. They read as typos and no search finds them. The dash is
put back where a rare run-on word splits into a word the same document uses on its own and
a word that starts a clause or an aside ("which", "such", "especially", "the", "also
called"); English compounds end in such words almost never, and the few tails that do end
real words ("like": flulike; "most": topmost; "how": glands|how or gland|show; "are":
prepare; "where", "while", "about", "more", "very", "here") are not used, and "and" only
after a word of four letters or more (errand, gland).
General rules only: nothing here names a word of a particular answer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from desktop.core.search.analysis import FUNCTION_WORDS

# Words that open a clause or an aside after a dash, and end (almost) no English word.
TAILS = frozenset(
    """the such can that when for also called especially usually which often including
    into with from have before those should between you mostly but your after they known
    sometimes having during though both then because this below instead too does further
    than once who has them these until even particularly might may another and""".split()
)
FIRST_MIN = 3  # letters of the word before the dash ("ill—during" counts, "an—" does not)
# Tails that end a few short words: "err|and", "gl|and", "br|and" (no word of four letters
# or more is followed by "and" inside an English word).
FIRST_MIN_BEFORE = {"and": 4}
RARE_MAX = 2  # a run-on word seen more often than this in its document is a real word
DASH = "\u2014"
_TOKEN = re.compile(r"[A-Za-z]+")
_BY_LENGTH = sorted(TAILS, key=len, reverse=True)
_ENDINGS = tuple(_BY_LENGTH)


class LostDashes:
    """The run-on words of one document and where their dashes go, judged by the words the
    document uses (build once per document, then `restore` each of its texts).

    The document's words are counted once and only its rare words ending in a tail are
    looked at (a regex over every word of MedQuAD, tail by tail, cost seconds of import)."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.counts: Counter[str] = Counter(_TOKEN.findall("\n".join(texts).lower()))
        self.cuts: dict[str, int] = {}  # run-on word -> where its dash goes
        for word, seen in self.counts.items():
            if seen <= RARE_MAX and word.endswith(_ENDINGS):
                cut = self._cut(word)
                if cut is not None:
                    self.cuts[word] = cut
        words = sorted(self.cuts, key=len, reverse=True)
        self._found = re.compile(rf"\b(?:{'|'.join(words)})\b", re.IGNORECASE) if words else None

    def _cut(self, word: str) -> int | None:
        """Where the dash goes in a rare word of this document, or None."""
        for tail in _BY_LENGTH:
            least = FIRST_MIN_BEFORE.get(tail, FIRST_MIN)
            if not word.endswith(tail) or len(word) - len(tail) < least:
                continue
            first = word[: -len(tail)]
            if first in FUNCTION_WORDS or first in TAILS or not self.counts[first]:
                continue
            return len(first)
        return None

    def split(self, word: str) -> str | None:
        """`word` with its dash back ("diseasewhich" -> "disease—which"), or None."""
        cut = self.cuts.get(word.lower())
        return None if cut is None else f"{word[:cut]}{DASH}{word[cut:]}"

    def restore(self, text: str) -> str:
        """The text with every lost dash put back."""
        if self._found is None:
            return text

        def fix(match: re.Match[str]) -> str:
            found = self.split(match.group(0))
            return match.group(0) if found is None else found

        return self._found.sub(fix, text)
