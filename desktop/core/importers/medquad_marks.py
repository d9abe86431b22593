"""Dashes and apostrophes MedQuAD's text lost.

The XML dropped every em dash the pages had, gluing the words on either side into one: "the
thyroidanother hormone-producing glandthen thyroid hormones may decrease" was "the
thyroid—another hormone-producing gland—then ..." (about 520 such words in 340 answers,
mostly NIDDK and NHLBI: "diseasewhich", "meatespecially", "abdomenalso called ascites").
They read as typos and no search finds them. The dash is put back where a rare run-on word
splits into a word the same document uses on its own and a word that starts a clause or an
aside ("which", "such", "especially", "the", "also called"); English compounds end in such
words almost never, and the few tails that do end real words ("like": flulike; "most":
topmost; "how": glands|how or gland|show; "are": prepare; "where", "while", "about", "more",
"very", "here") are not used, and "and" only after a word of four letters or more (errand).

It dropped apostrophes too: "dont", "youre", "the bodys immune system". Contractions come
back from a closed list of forms that are no other word in health text ("lets", "its" or
"ill" are, and stay), and a consonant + "ys" becomes "y's" when the document uses the word
without it ("bodys" -> "body's"; "synophrys" or "Denys-Drash" stay: their documents never
say "synophry" or "deny"). A regular plural of such a word ends in "ies", so "ys" there is a
lost possessive. A name gets its possessive back before "disease", "syndrome", "palsy" and
the like when the page writes it with one elsewhere ("Crohns disease" where the page also
has "Crohn's"; "Coombs test" stays).

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
APOSTROPHE = "'"
# Contractions written without their apostrophe -> where it goes. Left out: "lets", "its",
# "hes", "ive", "im", "well", "ill", "shed", "wed": each is also a word (or an abbreviation).
CONTRACTIONS = {
    word: len(word) - len(end)
    for end, words in (
        (
            "t",
            "dont doesnt didnt isnt arent wasnt werent havent hasnt hadnt shouldnt wouldnt "
            "couldnt cant wont",
        ),
        ("re", "youre theyre"),
        ("ve", "youve theyve weve"),
        ("ll", "youll theyll itll"),
        ("s", "thats whats theres heres wheres"),
    )
    for word in words.split()
}
_CONSONANT_YS = re.compile(r"[a-z]*[bcdfghjklmnpqrstvwxz]ys")
# A name the page writes with its possessive somewhere ("Crohn's"), and what an eponym names.
_POSSESSIVE_NAME = re.compile(r"\b([A-Z][a-z]+)['’]s\b")
EPONYM_NOUNS = (
    "disease syndrome palsy disorder ataxia lymphoma thyroiditis encephalitis angina "
    "sign phenomenon dystrophy chorea ulcer sarcoma"
).split()
_TOKEN = re.compile(r"[A-Za-z]+")
_BY_LENGTH = sorted(TAILS, key=len, reverse=True)
_ENDINGS = tuple(_BY_LENGTH)


class LostMarks:
    """The words of one document that lost a dash or an apostrophe, and where it goes, judged
    by the words the document uses (build once per document, then `restore` each of its
    texts).

    The document's words are counted once and only its rare words ending in a tail, its
    contractions and its "ys" words are looked at (a regex over every word of MedQuAD, tail
    by tail, cost seconds of import)."""

    def __init__(self, texts: Iterable[str]) -> None:
        joined = "\n".join(texts)
        self.counts: Counter[str] = Counter(_TOKEN.findall(joined.lower()))
        # "Crohns disease" where the page also writes "Crohn's": the name's apostrophe
        names = sorted({m.group(1) for m in _POSSESSIVE_NAME.finditer(joined)})
        self._eponyms = (
            re.compile(rf"\b({'|'.join(names)})s(?=\s+(?:{'|'.join(EPONYM_NOUNS)})\b)")
            if names
            else None
        )
        self.marks: dict[str, tuple[int, str]] = {}  # word -> (where, which mark)
        for word, seen in self.counts.items():
            if word in CONTRACTIONS:
                self.marks[word] = (CONTRACTIONS[word], APOSTROPHE)
            elif _CONSONANT_YS.fullmatch(word) and self.counts[word[:-1]]:
                self.marks[word] = (len(word) - 1, APOSTROPHE)
            elif seen <= RARE_MAX and word.endswith(_ENDINGS):
                cut = self._cut(word)
                if cut is not None:
                    self.marks[word] = (cut, DASH)
        words = sorted(self.marks, key=len, reverse=True)
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

    def fixed(self, word: str) -> str | None:
        """`word` with its mark back ("diseasewhich" -> "disease—which", "dont" -> "don't"),
        or None."""
        found = self.marks.get(word.lower())
        if found is None:
            return None
        at, mark = found
        return f"{word[:at]}{mark}{word[at:]}"

    def restore(self, text: str) -> str:
        """The text with every lost dash and apostrophe put back."""

        if self._found is not None:  # it matches only words of `marks`
            text = self._found.sub(lambda m: self.fixed(m.group(0)) or m.group(0), text)
        if self._eponyms is not None:
            text = self._eponyms.sub(rf"\1{APOSTROPHE}s", text)
        return text
