"""Other names of a subject, mined from the opening of its own answers.

People ask with whatever name they know ("Lou Gehrig's disease", "PKU", "swine flu") while
an answer's subject and question use another ("Amyotrophic lateral sclerosis",
"Phenylketonuria", "H1N1 flu"). Answers say so themselves, right after naming their subject:
"Phenylketonuria (PKU) is ...", "Amyotrophic lateral sclerosis, also called Lou Gehrig's
disease, ...", or in the subject itself: "H1N1 flu (swine flu)". Reading those few forms, only
where they follow the subject's own name at a word start, gives pairs that SynonymMap then
uses like the curated synonyms (a typed alias also searches the subject's name).

Nothing here is taken from any question set: the pairs come from the collection being
searched, once per opened index. Work is bounded by counts: the first OPENING characters of
each overview, looked at only where they hold a bracket or a "called"/"known as".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from db.records import Synonym
from desktop.core.search.analysis import FILLER_WORDS, INDEX_STOP_WORDS, words
from desktop.core.search.synonyms import MINED_ABBR, MINED_NAME

OPENING = 250  # characters of an answer's opening that are read
MAX_ALIAS_WORDS = 5  # SynonymMap matches typed phrases of at most this many words
# An alias that names more than this many subjects ("CMT", "MD") is too ambiguous to expand.
MAX_SUBJECTS = 3

_ABBR = re.compile(r"\s*\(([A-Za-z][A-Za-z0-9-]{1,9})\)")
_CALLED = re.compile(
    r"\s*(?:\([^()]{1,20}\))?\s*[,(]?\s*(?:also|sometimes|commonly|formerly|previously)\s+"
    r"(?:called|known\s+as|referred\s+to\s+as|named)\s+(?:an?\s+|the\s+)?([^,.;:()\[\]]{2,80})",
    re.IGNORECASE,
)
_OR = re.compile(r"\s+or\s+", re.IGNORECASE)
_END = re.compile(r"\s+(?:and|is|are|was|were|which|that|because|in|for|with)\s.*", re.I)
_SUBJECT_ALIAS = re.compile(r"^(.+?)\s*\(([^()]{2,60})\)\s*$")


def _is_acronym(abbr: str, name: str) -> bool:
    """'PKU' of 'phenylketonuria', 'GSDIII' of 'glycogen storage disease type III': the
    letters start with the name's first letter and all appear in it in order."""
    letters = [c for c in abbr.lower() if c.isalpha()]
    name = name.lower()
    if len(letters) < 2 or letters[0] != name[0]:
        return False
    at = 0
    for c in letters:
        at = name.find(c, at) + 1
        if at == 0:
            return False
    return True


def _kind(alias: str, subject: str) -> str | None:
    """MINED_ABBR for a word in capitals ("TRAPS", "SCAR7": only ever matched in capitals),
    MINED_NAME for another name, None for what names nothing on its own: fillers, numbers
    and loci ("47", "17q21"), too many words, or only words of the subject's own name."""
    folded = words(alias)
    kept = [w for w in folded if w not in FILLER_WORDS and w not in INDEX_STOP_WORDS]
    if not kept or len(folded) > MAX_ALIAS_WORDS:
        return None
    if not any(sum(c.isalpha() for c in w) >= 2 for w in kept):
        return None
    if set(kept) <= set(words(subject)):
        return None
    if len(folded) == 1 and sum(c.isupper() for c in alias) >= 2:
        return MINED_ABBR
    return MINED_NAME


def _names(listed: str, subject: str) -> list[tuple[str, str]]:
    """The names of an "also called A or B" list. "a prolapsed or dropped bladder" is one
    name, not "prolapsed": a one-word piece beside a longer one shares the longer one's noun."""
    pieces = [_END.sub("", p).strip(" \"'“”") for p in _OR.split(listed)]
    if len(pieces) > 1 and any(len(p.split()) == 1 for p in pieces):
        if any(len(p.split()) > 1 for p in pieces):
            pieces = [_END.sub("", listed).strip(" \"'“”")]
    found = []
    for piece in pieces:
        kind = _kind(piece, subject) if piece.lower() != subject.lower() else None
        if kind:
            found.append((piece, kind))
    return found


def aliases_in(subject: str, opening: str) -> list[tuple[str, str]]:
    """(alias, kind) pairs an answer's opening gives for its subject."""
    subject = subject.strip()
    found: list[tuple[str, str]] = []
    whole = _SUBJECT_ALIAS.match(subject)
    if whole:  # "H1N1 flu (swine flu)": typed "swine flu" also searches "H1N1 flu"
        kind = _kind(whole.group(2).strip(), whole.group(1))
        if kind:
            found.append((whole.group(2).strip(), kind))
    at = opening.lower().find(subject.lower())
    if not subject or at < 0 or (at > 0 and opening[at - 1].isalnum()):
        return found
    after = opening[at + len(subject) :]
    if after[:1].isalnum():
        return found
    abbr = _ABBR.match(after)
    if abbr and sum(c.isupper() for c in abbr.group(1)) >= 2:
        if _is_acronym(abbr.group(1), subject):
            found.append((abbr.group(1), MINED_ABBR))
    called = _CALLED.match(after)
    if called:
        found.extend(_names(called.group(1), subject))
    return found


def mined_aliases(openings: Iterable[tuple[str, str]]) -> list[Synonym]:
    """Alias -> subject pairs of the whole collection, ambiguous aliases left out.

    `openings` are (subject, first OPENING characters) of the overviews
    (ContentStore.overview_openings): that is where a subject's other names are given."""
    subjects: dict[str, dict[str, str]] = defaultdict(dict)  # alias -> {subject: kind}
    seen: set[tuple[str, str]] = set()
    for subject, opening in openings:
        if not ("(" in opening or "called" in opening or "known as" in opening or "(" in subject):
            continue
        if (subject, opening) in seen:  # a publisher's parts often open alike
            continue
        seen.add((subject, opening))
        for alias, kind in aliases_in(subject, opening):
            subjects[alias.lower() if kind == MINED_NAME else alias][subject] = kind
    pairs: list[Synonym] = []
    for alias, named in subjects.items():
        if len({s.lower() for s in named}) > MAX_SUBJECTS:
            continue
        pairs.extend(Synonym(alias, subject, kind) for subject, kind in named.items())
    return pairs
