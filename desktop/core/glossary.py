"""Plain-words definitions of medical terms, built from the installed content itself.

Two sources, in this order of trust:
1. the reviewed glossary file `resources/glossary.tsv` (term, definition, source), updatable
   by a feed's `{"op": "glossary", ...}` entries;
2. the library's own "What is ...?" answers: the first sentence or two of the answer whose
   focus is the term, rewritten so the definition does not repeat the term ("Glaucoma is a
   group of eye diseases ..." becomes "A group of eye diseases ...").
Every definition keeps where it came from (publisher, and the answer to read in full). A
definition is at most MAX_WORDS words and never uses the term itself; terms that everyone
knows (resources/everyday-words.txt) are never defined.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

from db.glossary_store import (
    feed_glossary,
    glossary_entries,
    glossary_entry,
    replace_glossary,
    what_is_answer_ids,
)
from db.records import Answer, GlossaryEntry
from db.store import ContentStore
from desktop.core.markdown_parts import CITATION

MAX_WORDS = 40
MIN_TERM_LETTERS = 4
MAX_TERM_WORDS = 4
GLOSSARY_SOURCE = "Patient Answers glossary (reviewed)"
# Publishers whose first sentences are written for patients come first when several define
# the same term; the others (research summaries) follow. Ties go to the smaller answer id.
PLAIN_FIRST = ("sample", "medlineplus", "nih senior health", "nhlbi", "niddk", "cdc", "nci")

_WHAT_IS = re.compile(
    r"^\s*what\s+(?:is|are)\s+(?:\(are\)\s+)?(?:an?\s+|the\s+)?(?P<term>[^?]{2,60}?)\s*\?\s*$",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MARKS = re.compile(r"\*\*|__|`")
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?])")
_NOT_WORD = re.compile(r"[^A-Za-z0-9' -]")


Definition = GlossaryEntry  # a term explained, where from, and the answer to read


def term_key(term: str) -> str:
    """Lower case, single spaces, straight apostrophes: how terms match."""
    return " ".join(term.replace("\u2019", "'").lower().split())


def read_everyday_words(path: Path) -> frozenset[str]:
    """Words every reader knows: one per line, '#' comments (a missing file means none)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(term_key(w) for w in lines if w.strip() and not w.startswith("#"))


def read_glossary_file(path: Path, problems: list[str] | None = None) -> list[Definition]:
    """The reviewed glossary: `term<TAB>definition<TAB>source` lines; bad lines are reported."""
    result: list[Definition] = []
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as exc:
        if problems is not None:
            problems.append(f"{path}: cannot read the glossary: {exc.strerror or exc}")
        return result
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.rstrip("\r").split("\t")]
        entry = (
            Definition(parts[0], parts[1], parts[2] if len(parts) > 2 and parts[2] else "")
            if len(parts) >= 2
            else None
        )
        problem = "needs term<TAB>definition<TAB>source" if entry is None else check(entry)
        if problem or entry is None:
            if problems is not None:
                problems.append(f"{path}:{number}: {problem}")
            continue
        result.append(Definition(entry.term, entry.definition, entry.source or GLOSSARY_SOURCE))
    return result


def check(entry: Definition) -> str:
    """What is wrong with a definition ("" when it is fine)."""
    if not entry.term.strip() or not entry.definition.strip():
        return "the term and its definition must not be empty"
    if len(entry.definition.split()) > MAX_WORDS:
        return f"the definition of {entry.term!r} is longer than {MAX_WORDS} words"
    if uses_term(entry.definition, entry.term):
        return f"the definition of {entry.term!r} uses the term itself"
    return ""


def uses_term(definition: str, term: str) -> bool:
    """True when the definition contains the term (or its singular/plural) as words."""
    key = term_key(term)
    forms = {key, key.rstrip("s"), key + "s", key + "es"}
    text = " " + term_key(_NOT_WORD.sub(" ", definition)) + " "
    return any(f" {form} " in text for form in forms if form)


def _plain(text: str) -> str:
    text = _MARKS.sub("", CITATION.sub("", _LINK.sub(r"\1", text)))
    return _SPACE_BEFORE_STOP.sub(r"\1", " ".join(text.split()))


def _first_text(answer: Answer) -> str:
    """The summary, else the first paragraph of the body that is not a heading or a list."""
    if answer.summary.strip():
        return _plain(answer.summary)
    for block in answer.body.split("\n\n"):
        block = block.strip()
        if block and not block.startswith(("#", "-", "*", "|")):
            return _plain(block)
    return ""


_LINKING = ("is ", "are ", "refers to ", "means ", "describes ")
_ARTICLES = ("the ", "an ", "a ")


def _without_term(sentence: str, term: str) -> str:
    """ "Glaucoma is a group of ..." -> "A group of ..."; "" when the term cannot be left out."""
    rest = sentence.lstrip()
    lowered = rest.lower()
    for article in _ARTICLES:
        if lowered.startswith(article) and not term.lower().startswith(article):
            rest, lowered = rest[len(article) :], lowered[len(article) :]
            break
    if not lowered.startswith(term.lower()):
        return ""
    rest = rest[len(term) :].lstrip()
    if rest.startswith("("):  # "Glaucoma (say 'glaw-KOH-muh') is ..."
        close = rest.find(")")
        if close < 0 or close > 60:
            return ""
        rest = rest[close + 1 :].lstrip()
    rest = rest.lstrip(",").lstrip()
    for verb in _LINKING:
        if rest.lower().startswith(verb):
            rest = rest[len(verb) :].lstrip()
            for extra in ("also ", "called "):
                if rest.lower().startswith(extra):
                    rest = rest[len(extra) :].lstrip()
            return rest[:1].upper() + rest[1:] if rest else ""
    return ""


def term_of(answer: Answer) -> str:
    """The term a "What is ...?" answer defines ("" for other kinds of question)."""
    if answer.question_type and answer.question_type != "information":
        return ""
    match = _WHAT_IS.match(answer.question)
    if not match:
        return ""
    asked = match.group("term").strip()
    if answer.focus and term_key(answer.focus) in {term_key(asked), term_key(asked) + "s"}:
        return answer.focus.strip()
    return asked


def definition_from(answer: Answer) -> Definition | None:
    """A definition drawn from a "What is ...?" answer, or None when it would not be plain."""
    term = term_of(answer)
    if len(term.replace(" ", "")) < MIN_TERM_LETTERS or len(term.split()) > MAX_TERM_WORDS:
        return None
    sentences = _SENTENCE.split(_first_text(answer))
    if not sentences:
        return None
    first = _without_term(sentences[0], term)
    if not first:
        return None
    words = first.split()
    if len(words) < 8 and len(sentences) > 1:  # too short to explain: add the next sentence
        words += sentences[1].split()
    if not 4 <= len(words) <= MAX_WORDS:
        return None
    text = " ".join(words)
    if uses_term(text, term) or "(are)" in text:
        return None
    from desktop.core.render import attribution  # render imports this module

    return Definition(term, text, attribution(answer) or "this library", answer.id)


def _rank(definition: Definition) -> tuple[int, str]:
    source = definition.source.lower()
    place = next((i for i, p in enumerate(PLAIN_FIRST) if p in source), len(PLAIN_FIRST))
    return (place, definition.answer_id or "")


def _everyday(key: str, everyday: frozenset[str]) -> bool:
    return key in everyday or (key.endswith("s") and key[:-1] in everyday)


def build_glossary(
    answers: Iterable[Answer], reviewed: Iterable[Definition], everyday: frozenset[str]
) -> list[Definition]:
    """One definition per term: reviewed entries first, then the plainest content's own."""
    chosen: dict[str, Definition] = {}
    for entry in reviewed:
        if not _everyday(entry.key, everyday):
            chosen.setdefault(entry.key, entry)
    drawn: dict[str, list[Definition]] = {}
    for answer in answers:
        if answer.status != "published":
            continue
        definition = definition_from(answer)
        if definition is not None and not _everyday(definition.key, everyday):
            drawn.setdefault(definition.key, []).append(definition)
    for key, options in drawn.items():
        best = min(options, key=_rank)
        mine = chosen.get(key)
        if mine is None:
            chosen[key] = best
        elif mine.answer_id is None:  # a reviewed entry links to the library's own answer
            chosen[key] = GlossaryEntry(mine.term, mine.definition, mine.source, best.answer_id)
    return sorted(chosen.values(), key=lambda d: d.key)


def close_matches(term: str, known: Iterable[str], limit: int = 5) -> list[str]:
    """Known terms spelt like this one (for "no definition; did you mean ...")."""
    return difflib.get_close_matches(term_key(term), list(known), n=limit, cutoff=0.75)


def glossary_files() -> tuple[Path, Path]:
    """The bundled reviewed glossary and the list of everyday words."""
    from desktop.core.resources import resources_dir

    root = resources_dir()
    return root / "glossary.tsv", root / "everyday-words.txt"


def update_glossary(store: ContentStore) -> int:
    """Rebuild the glossary of this content (after a build or a sync); how many terms."""
    glossary_file, everyday_file = glossary_files()
    reviewed = feed_glossary(store) + read_glossary_file(glossary_file)
    candidates = store.answers(what_is_answer_ids(store))
    entries = build_glossary(candidates, reviewed, read_everyday_words(everyday_file))
    return replace_glossary(store, entries)


def define(store: ContentStore, term: str) -> Definition | None:
    """The installed definition of a term (any case, simple plural), or None."""
    key = term_key(term)
    singulars = (key[:-1] if key.endswith("s") else "", key[:-2] if key.endswith("es") else "")
    for form in (key, *singulars):
        if form:
            entry = glossary_entry(store, form)
            if entry is not None:
                return entry
    return None


def known_terms(store: ContentStore) -> list[str]:
    """Every defined term's key."""
    return [entry.key for entry in glossary_entries(store)]
