"""MedQuAD's template questions rewritten the way people write them.

MedQuAD asks every question from a fixed template per question type ("What is (are) Heart
Attack ?"), with the focus pasted in as the site's title-cased heading. These rules undo that
by general means only, never a per-title table:

* the focus is re-cased the way the same document writes it mid-sentence ("Heart Attack" ->
  "heart attack" because the answers say "a heart attack"; "Bloom syndrome" keeps "Bloom");
* is/are and a/an come from how the document's own text uses the focus ("gallstones are",
  "a heart attack");
* each question type's template becomes a plain question ("How is a heart attack diagnosed?").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
# A word after one space that does not follow the end of a sentence, a colon or a dash.
# A word after a space that follows no sentence or line start; the pattern opens with the
# space so the regex engine skips ahead to spaces (findall gives the word, the group).
_MID_SENTENCE = re.compile(r" (?<=[^\s.!?:;\-•] )([A-Za-z0-9]+(?:['’][A-Za-z]+)?)")
_SMALL_WORDS = frozenset("a an and as at by for from in of on or the to with".split())
_NEED_TO_KNOW = re.compile(r"^what i need to know about\s+", re.IGNORECASE)
# A focus opening with one of these speaks to the reader: it is a page title (_page_title).
_READER_WORDS = frozenset("you we".split())  # not "my", "your": "How is my child's ... treated?"
_AUXILIARIES = frozenset("am can could do have need should will would".split())


@dataclass(frozen=True)
class Casing:
    """How a document writes its words mid-sentence: the evidence for re-casing a title."""

    forms: dict[str, dict[str, int]]
    text: str
    # (plural?, article) per focus: every answer of a document asks about the same focus.
    grammar: dict[str, tuple[bool, str]] = field(default_factory=dict)

    def word(self, token: str, *, heading: bool = False) -> str:
        """The token as this document writes it mid-sentence. Evidence only ever lowers a
        capital (or raises a lower-case acronym to capitals: "hps" -> "HPS"); in a
        title-cased heading one lower-case use is enough, elsewhere the majority decides."""
        seen = self.forms.get(token.lower())
        if not seen:
            return token
        lower = seen.get(token.lower(), 0)
        if token != token.lower() and lower and (heading or lower >= seen.get(token, 0)):
            return token.lower()
        upper = seen.get(token.upper(), 0)
        if token.islower() and upper > sum(seen.values()) - upper:
            return token.upper()
        return token

    def phrase(self, text: str) -> str:
        """Re-case every word of a phrase by the document's evidence. Without evidence an
        acronym or a word with digits stays; a plain capitalised word is lowered when the
        phrase is a title-cased heading ("Blood Transfusion and Donation")."""
        tokens = _TOKEN.findall(text)
        significant = [t for t in tokens if t.lower() not in _SMALL_WORDS]
        title_cased = len(significant) >= 2 and all(t[0].isupper() for t in significant)

        def fix(match: re.Match[str]) -> str:
            token = match.group(0)
            if token.lower() in self.forms:
                return self.word(token, heading=title_cased)
            plain = token[:1].isupper() and token[1:].islower() and token.isalpha()
            if plain and title_cased and match.start() > 0:
                return token.lower()
            return token

        return _TOKEN.sub(fix, text)


def casing_from(texts: Iterable[str], focus: str = "") -> Casing:
    """Count each word's spellings where it is not the first word of a sentence or line.

    Copies of the focus exactly as the site's heading writes it are left out: templates
    paste it mid-sentence ("signs and symptoms for Familial hyperaldosteronism"), which is
    no evidence of how the word is written."""
    forms: dict[str, dict[str, int]] = {}
    joined = "\n".join(texts)
    focus = " ".join(focus.split())
    counted = joined.replace(focus, "\n") if len(focus) > 3 else joined
    for token, count in Counter(_MID_SENTENCE.findall(counted)).items():
        forms.setdefault(token.lower(), {})[token] = count
    return Casing(forms, joined.lower())


def clean_focus(focus: str, casing: Casing) -> str:
    """The topic's display form: sentence case as the document writes it, first letter up."""
    text = _NEED_TO_KNOW.sub("", " ".join(focus.split()))
    if not text:
        return ""
    text = casing.phrase(text)
    return text[0].upper() + text[1:]


def _mentions(focus: str, casing: Casing) -> list[tuple[str, str]]:
    """Each whole-word mention of the focus: (text just before it, the word after it).
    str.find keeps this linear: a regex per answer over the whole document was most of the
    import's time."""
    key, text = focus.lower(), casing.text
    found: list[tuple[str, str]] = []
    start = text.find(key)
    while start >= 0 and key:
        end = start + len(key)
        before = text[max(0, start - 4) : start]
        if (not before or not before[-1].isalnum()) and (
            end >= len(text) or not text[end].isalnum()
        ):
            after = text[end : end + 8].split()
            found.append((before, after[0] if after else ""))
        start = text.find(key, start + 1)
    return found


def _plural(focus: str, casing: Casing) -> bool:
    """Is the focus grammatically plural? The verb after it where it opens a sentence decides
    ("Gallstones are ..."; not "people with X have"); the spelling only when no sentence says."""
    singular = plural = 0
    for before, after in _mentions(focus, casing):
        if before and before.rstrip(" ")[-1:] not in (".", "!", "?", "\n") and before[-1] != "\n":
            continue
        singular += after in ("is", "was", "has", "does")
        plural += after in ("are", "were", "have", "do")
    if singular != plural:
        return plural > singular
    last = focus.split()[-1] if focus.split() else ""
    if sum(c.isupper() for c in last) >= 2:
        return False
    last = last.lower()
    return last.endswith("s") and not last.endswith(("ss", "us", "is", "'s", "’s"))


def _article(focus: str, casing: Casing) -> str:
    """'a ' or 'an ' when the document writes the focus with that article, else ''."""
    mentions = _mentions(focus, casing)
    a = sum(1 for before, _ in mentions if before.endswith((" a ", "\na ")) or before == "a ")
    an = sum(1 for before, _ in mentions if before.endswith((" an ", "\nan ")) or before == "an ")
    if mentions and max(a, an) * 3 >= len(mentions):
        return "an " if an > a else "a "
    return ""


def _lower_first(text: str, casing: Casing) -> str:
    """The phrase inside a sentence: its first word lowered unless the document capitalises
    it mid-sentence (a name: "Bloom syndrome"); without evidence it stays as written."""
    match = _TOKEN.match(text)
    if not match:
        return text
    token = match.group(0)
    if token.lower() in casing.forms:
        fixed = casing.word(token)
    else:
        fixed = token
    return fixed + text[len(token) :]


Template = Callable[[str, str, bool], str]
# (pattern on the normalised question, writer(focus, article, plural))
_TEMPLATES: list[tuple[re.Pattern[str], Template]] = [
    (
        re.compile(r"^what is \(are\) (?P<x>.+)$"),
        lambda f, a, p: f"What {'are' if p else 'is'} {'' if p else a}{f}?",
    ),
    (
        re.compile(r"^do you have information about (?P<x>.+)$"),
        lambda f, a, p: f"What should I know about {f}?",
    ),
    (
        re.compile(r"^what are the (?:signs and )?symptoms (?:of|for) (?P<x>.+)$"),
        lambda f, a, p: f"What are the symptoms of {'' if p else a}{f}?",
    ),
    (
        re.compile(r"^what are the treatments for (?P<x>.+)$"),
        lambda f, a, p: f"How {'are' if p else 'is'} {'' if p else a}{f} treated?",
    ),
    (
        re.compile(r"^is (?P<x>.+) inherited$"),
        lambda f, a, p: f"{'Are' if p else 'Is'} {f} inherited?",
    ),
    (
        re.compile(r"^how many people are affected by (?P<x>.+)$"),
        lambda f, a, p: f"How common {'are' if p else 'is'} {f}?",
    ),
    (
        re.compile(r"^what are the genetic changes related to (?P<x>.+)$"),
        lambda f, a, p: f"What genetic changes are related to {f}?",
    ),
    (
        re.compile(r"^what causes (?P<x>.+)$"),
        lambda f, a, p: f"What causes {'' if p else a}{f}?",
    ),
    (
        re.compile(r"^how to diagnose (?P<x>.+)$"),
        lambda f, a, p: f"How {'are' if p else 'is'} {'' if p else a}{f} diagnosed?",
    ),
    (
        re.compile(r"^what research (?:\(or clinical trials\) )?is being done for (?P<x>.+)$"),
        lambda f, a, p: f"What research is being done on {f}?",
    ),
    (
        re.compile(r"^what is the outlook for (?P<x>.+)$"),
        lambda f, a, p: f"What is the outlook for {f}?",
    ),
    (
        re.compile(r"^who is at risk for (?P<x>.+)$"),
        lambda f, a, p: f"Who is at risk for {'' if p else a}{f}?",
    ),
    (
        re.compile(r"^what to do for (?P<x>.+)$"),
        lambda f, a, p: f"What can I do about {f}?",
    ),
    (
        re.compile(r"^how to prevent (?P<x>.+)$"),
        lambda f, a, p: f"How can {'' if p else a}{f} be prevented?",
    ),
    (
        re.compile(r"^what are the stages of (?P<x>.+)$"),
        lambda f, a, p: f"What are the stages of {f}?",
    ),
    (
        re.compile(r"^what are the complications of (?P<x>.+)$"),
        lambda f, a, p: f"What are the complications of {'' if p else a}{f}?",
    ),
    (
        re.compile(r"^where to find support for people with (?P<x>.+)$"),
        lambda f, a, p: f"Where can people with {f} find support?",
    ),
]


def _normalise(question: str) -> str:
    text = " ".join(question.split())
    text = re.sub(r"\s+([?.!,])", r"\1", text)
    return re.sub(r"[?\s]+$", "", text)


def _page_title(raw: str) -> bool:
    """Is the focus a page's title rather than a subject? A question ("Am I at Risk for Type 2
    Diabetes? Taking Steps ..."), a title with a subtitle ("Prevent Diabetes Problems: Keep
    Your Eyes Healthy", "Pyelonephritis: Kidney Infection") or a sentence ("I Can Lower My
    Risk ..."): pasted into a template question none of them reads as English ("What is
    prevent diabetes problems: keep ...?")."""
    words = raw.lower().split()
    if "?" in raw or ": " in raw or (words and words[0] in _READER_WORDS):
        return True
    return len(words) > 1 and words[0] == "i" and words[1] in _AUXILIARIES  # not "I-cell"


def _titled_question(raw: str, casing: Casing, write: Template, overview: bool) -> str:
    """A page title as the answer's title, with the question type asked about it ("... — how
    can it be prevented?"); the overview is the title alone."""
    parts = [p.strip() for p in re.split(r"(?<=\?)\s+", casing.phrase(raw)) if p.strip()]
    title = " ".join(p[0].upper() + p[1:] for p in parts)
    if overview:
        return title
    asked = write("it", "", False)
    return f"{title} {asked}" if title.endswith("?") else f"{title} — {asked[0].lower()}{asked[1:]}"


def clean_question(question: str, focus: str, casing: Casing) -> str:
    """A template question as a person would ask it; other questions tidied the same way."""
    text = _normalise(question)
    if not text:
        return ""
    lowered = text.lower()
    for pattern, write in _TEMPLATES:
        match = pattern.match(lowered)
        if not match:
            continue
        raw = text[match.start("x") : match.end("x")].strip(" ?")
        raw = _NEED_TO_KNOW.sub("", raw)
        if not raw:
            break
        if focus.strip().endswith("?") and "?" not in raw:
            raw += "?"  # the focus's own "?" was cut off with the template's
        if _page_title(raw):
            return _titled_question(raw, casing, write, pattern is _TEMPLATES[0][0])
        inner = _lower_first(casing.phrase(raw), casing)
        if inner not in casing.grammar:
            casing.grammar[inner] = (_plural(inner, casing), _article(inner, casing))
        plural, article = casing.grammar[inner]
        return write(inner, article, plural)
    trailing = re.match(r"^(?P<q>.+?) for (?P<x>.+)$", text)
    if trailing and focus and trailing.group("x").lower() == focus.lower():
        # CDC asks follow-up questions "... for <focus>": name the topic first.
        rest = _lower_first(casing.phrase(trailing.group("q")), casing)
        return f"{clean_focus(focus, casing)}: {rest}?"
    text = casing.phrase(text)
    text = text[0].upper() + text[1:]
    first = lowered.split()[0]
    if first in {"what", "how", "who", "why", "when", "where", "which", "is", "are", "can", "do"}:
        text += "?"
    return text
