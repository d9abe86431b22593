"""Text analysis shared by the index and by query building, so both see the same terms."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    Filter,
    LowercaseFilter,
    NgramFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
)
from whoosh.lang.porter import stem as porter_stem
from whoosh.support.charset import accent_map

# English function words ("what", "are", "the", "how", "my").
FUNCTION_WORDS = frozenset(
    """a about above after again against all am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each few for from further had hadn't has hasn't have
    haven't having he he'd he'll he's her here here's hers herself him himself his how how's
    i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my
    myself no nor not of off on once only or other ought our ours ourselves out over own same
    shan't she she'd she'll she's should shouldn't so some such than that that's the their
    theirs them themselves then there there's these they they'd they'll they're they've this
    those through to too under until up very was wasn't we we'd we'll we're we've were weren't
    what what's when when's where where's which while who who's whom why why's with won't would
    wouldn't you you'd you'll you're you've your yours yourself yourselves""".split()
)
# Words that carry no topic in a patient's question ("what does my ... mean").
FILLER_WORDS = FUNCTION_WORDS | frozenset(
    """please thank thanks hello hi dear doctor dr sir madam regards help tell know want wanted
    need needs get got getting would like just also really much many anything something
    anyone someone question questions ask asking wondering wonder curious information info
    im ive dont cant whats pls plz ok okay yes yeah thing things way ways lot lots kind
    since still even ever every already always now currently recently year years old ago
    day days week weeks month months time times may might must use used using one ones
    see seen come comes came go goes going will hope hoping worried worry worrying concerned
    advice again anybody somebody""".split()
)
# Kept out of the index too: they are in nearly every answer and only slow queries down.
INDEX_STOP_WORDS = frozenset(
    """a an and are as at be by for from has have in is it its of on or that the this to
    was were will with""".split()
)

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
TOKEN_PATTERN = r"\w+(?:['’]\w+)*"


def fold(text: str) -> str:
    """Lowercase and strip accents and combining marks: Ménière -> meniere."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Folded words of a text, apostrophes kept inside words (crohn's)."""
    return [w.replace("’", "'") for w in _WORD.findall(fold(text))]


def stem(word: str) -> str:
    """The Porter stem the index uses."""
    return porter_stem(word.replace("'", "")) if len(word) > 2 else word.replace("'", "")


class _PossessiveFilter(Filter):
    """crohn's -> crohns, so possessives match with or without the apostrophe."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if "'" in t.text or "’" in t.text:
                t.text = t.text.replace("’", "").replace("'", "")
            yield t


def stemming_analyzer() -> Analyzer:
    """Tokenize, lowercase, fold accents, drop the commonest words, Porter-stem."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | _PossessiveFilter()
        | StopFilter(stoplist=INDEX_STOP_WORDS, minsize=1)
        | StemFilter(stemfn=porter_stem, ignore=None, cachesize=50000)
    )


def plain_analyzer() -> Analyzer:
    """Tokenize, lowercase, fold accents: the vocabulary for 'did you mean'."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | _PossessiveFilter()
    )


# Words whose beginnings the prefix field leaves out: function words. The first letters of
# "what", "are", "how" or "the" are in most questions, so "ar" or "ho" typed as the start of
# "arthritis" or "hormone" matched nearly every answer, said nothing and cost the most (a
# linear read of ~45,000 postings at 10x MedQuAD). As typed (apostrophes kept): possessive
# folding would turn "we'll" into "well" and "i'll" into "ill", words that do carry a topic.
# (Everyday words a patient adds, "doctor", "time", "old", stay: answers are about them.)
PREFIX_SKIP_WORDS = frozenset(w for w in FUNCTION_WORDS if "'" not in w)


def prefix_analyzer() -> Analyzer:
    """Edge n-grams (2..15 characters) of each word but function words, for
    search-as-you-type."""
    return (
        plain_analyzer()
        | StopFilter(stoplist=PREFIX_SKIP_WORDS, minsize=1)
        | NgramFilter(minsize=2, maxsize=15, at="start")
    )
