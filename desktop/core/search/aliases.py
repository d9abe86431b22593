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
import sqlite3
from collections import defaultdict

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
# Overviews ("What is X?") are where a subject's other names are given; answers of no known
# kind are read too. Reading only these halves the cost (~35 ms for MedQuAD's 4,539 overviews
# of 16,423 answers) and keeps ~90 % of the pairs.
_SQL = (
    "SELECT focus, substr(body, 1, ?) FROM answers "
    "WHERE focus != '' AND question_type IN ('information', '')"
)


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


def _meaningful(alias: str) -> bool:
    kept = [w for w in words(alias) if w not in FILLER_WORDS and w not in INDEX_STOP_WORDS]
    return bool(kept) and len(words(alias)) <= MAX_ALIAS_WORDS


def aliases_in(subject: str, opening: str) -> list[tuple[str, str]]:
    """(alias, kind) pairs an answer's opening gives for its subject."""
    subject = subject.strip()
    found: list[tuple[str, str]] = []
    whole = _SUBJECT_ALIAS.match(subject)
    if whole and _meaningful(whole.group(2)):  # "H1N1 flu (swine flu)"
        found.append((whole.group(2).strip(), MINED_NAME))
        found.append((whole.group(1).strip(), MINED_NAME))
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
        for alias in _OR.split(called.group(1)):
            alias = _END.sub("", alias).strip(" \"'“”")
            if alias and alias.lower() != subject.lower() and _meaningful(alias):
                found.append((alias, MINED_NAME))
    return found


def mined_aliases(conn: sqlite3.Connection) -> list[Synonym]:
    """Alias -> subject pairs of the whole collection, ambiguous aliases left out."""
    subjects: dict[str, dict[str, str]] = defaultdict(dict)  # alias -> {subject: kind}
    seen: set[tuple[str, str]] = set()
    for subject, opening in conn.execute(_SQL, (OPENING,)):
        subject, opening = str(subject), str(opening or "")
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
