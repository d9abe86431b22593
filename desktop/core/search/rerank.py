"""Second pass over the best BM25 candidates: prefer answers whose subject and question are
what was asked.

An answer collection is organised by subject ("focus": Diabetes, Brittle diabetes, Shingles)
and, within a subject, by kind of question (what it is, its symptoms, causes, treatment...).
When the words asked cover an answer's whole subject, that answer is about the question; when
they cover only part of it ("diabetes" in "Brittle diabetes"), it is about something narrower.
And of one subject's answers, the best is the one whose question asks what the person asked
beyond the subject ("symptoms"), or asks nothing beyond it (the overview, "What is
glaucoma?") when the person typed only the subject. BM25 sees neither; these shares do.

The kind asked is read with the collection's own words for its kinds (TypeCues): the words its
questions use beyond their subject ("treated", "diagnosed", "symptoms", "inherited") and the
kinds' names ("treatment"), each with other forms of the word ("treatments", "diagnosis").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from desktop.core.search.analysis import FILLER_WORDS, INDEX_STOP_WORDS, stem, words
from desktop.core.search.query import QueryPlan

# Chosen by cross-validation over the three dev sets (bench/relevance.py --cv: fit on two,
# check on the third): 0.6 won two folds of three. Weighing how well the rest of a question
# fits (QUESTION_WEIGHT 0.3, 0.6) did not carry over (it lost on MEDIQA real questions in
# every fold), so it is off; topic-only queries still open with the overview (overview_first).
SUBJECT_WEIGHT = 0.6
QUESTION_WEIGHT = 0.0
OVERVIEW_TYPE = "information"
# How much an answer of the kind of question asked gains (see TypeCues). Chosen with
# query.BM25_B and BM25_K1 by cross-validation (bench/relevance.py --cv TYPE_WEIGHT=0,.1,.2,.3
# BM25_B=.5,.75,.9 BM25_K1=1.2,1.6,2): each held-out set's (MRR+nDCG)/2 against the code
# before (0 / .75 / 1.2): LiveQA .740 vs .727, MEDIQA real .708 vs .657, Alexa .818 vs .698.
# A general lift for overview answers ("What is X?") did not carry over: it raised LiveQA
# and cost both MEDIQA sets, so there is none.
TYPE_WEIGHT = 0.3
# A word tells a question type when at least this share of the collection's questions that
# use it (beyond their subject) are of that type, in at least this many questions.
CUE_SHARE = 0.6
CUE_AT_LEAST = 20
# Other forms of a cue word: "treatments" and "treat", "diagnosis" and "diagnosed" stem apart.
CUE_FORM_MIN = 5
CUE_FORM_SUFFIX = 4
MAX_REMEMBERED = 50000  # words whose kind is remembered between queries


@lru_cache(maxsize=50000)
def subject_stems(subject: str) -> frozenset[str]:
    """The stems of a subject line, without the commonest words."""
    return frozenset(stem(w) for w in words(subject) if w not in INDEX_STOP_WORDS)


@lru_cache(maxsize=50000)
def question_stems(question: str) -> frozenset[str]:
    """The stems of a question without question and filler words."""
    return frozenset(
        stem(w.replace("'", ""))
        for w in words(question)
        if w not in FILLER_WORDS and w not in INDEX_STOP_WORDS
    )


def query_stems(plan: QueryPlan) -> frozenset[str]:
    """Every stem the query looks for, in any phrasing, and the prefix being typed."""
    found: set[str] = set()
    for concept in plan.concepts:
        found.update(concept.stems)
        for alternative, _ in concept.alternatives:
            found.update(alternative)
    return frozenset(found)


def typed_stems(plan: QueryPlan) -> frozenset[str]:
    """The stems of the words typed (not their synonyms), weighed concepts only."""
    return frozenset(s for c in plan.concepts if c.weight >= 0.5 for s in c.stems)


def rerank_inputs(plan: QueryPlan) -> tuple[object, ...]:
    """Everything of a plan that `rerank` reads: two plans alike in these re-rank one pool
    alike (a kept ranking keeps its re-ranked pools by them: service.py)."""
    return (query_stems(plan), typed_stems(plan), plan.all_stems, plan.prefix)


def coverage(subject: str, asked: frozenset[str], prefix: str | None = None) -> float:
    """Share of the subject's words that the query asked about (0..1)."""
    stems = subject_stems(subject)
    if not stems:
        return 0.0
    hit = sum(1 for s in stems if s in asked or (prefix and s.startswith(prefix[:4])))
    return hit / len(stems)


def question_fit(
    question: str, subject: str, asked: frozenset[str], typed: frozenset[str], qtype: str
) -> float:
    """How well the rest of a question (beyond its subject) matches the rest of the query.

    Jaccard overlap, smoothed, of the question's own words and the typed words that are not
    the subject's, so "symptoms of flu" fits "What are the symptoms of flu?" (1.0) better
    than the overview (0.5), and "flu" alone fits the overview best."""
    subject_words = subject_stems(subject)
    rest_q = question_stems(question) - subject_words
    rest_asked = typed - subject_words
    if not rest_asked and not rest_q:
        return 1.0 if qtype == OVERVIEW_TYPE or not qtype else 0.5
    both = len(rest_q & (rest_asked | (asked - subject_words)))
    return (both + 1) / (len(rest_q | rest_asked) + 1)


@dataclass
class TypeCues:
    """Which words ask which kind of question, learnt from the collection's own questions.

    An answer collection phrases each kind of question in a few set ways ("How is X
    treated?", "What are the symptoms of X?"); once the subject is taken out, the words left
    say the kind. The names of the kinds ("treatment", "exams and tests") count too. A word
    is a cue when most questions using it are of one kind (CUE_SHARE)."""

    cues: dict[str, tuple[str, float]] = field(default_factory=dict)
    _found: dict[str, tuple[str, float] | None] = field(default_factory=dict)
    # cues of CUE_FORM_MIN letters or more by their first letters (other forms share them)
    _by_start: dict[str, list[tuple[str, tuple[str, float]]]] = field(default_factory=dict)

    @classmethod
    def learn(
        cls, qtypes: Sequence[str], focuses: Sequence[str], questions: Sequence[str]
    ) -> TypeCues:
        templates: dict[tuple[str, str], int] = defaultdict(int)
        for qtype, focus, question in zip(qtypes, focuses, questions, strict=True):
            if not qtype:
                continue
            folded = question.casefold()
            at = folded.find(focus.casefold()) if focus else -1
            if at >= 0:
                folded = folded[:at] + " " + folded[at + len(focus) :]
            templates[(qtype, folded)] += 1
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for (qtype, template), n in templates.items():
            for s in question_stems(template):
                counts[s][qtype] += n
        cues: dict[str, tuple[str, float]] = {}
        for s, by_type in counts.items():
            total = sum(by_type.values())
            qtype, n = max(by_type.items(), key=lambda kv: (kv[1], kv[0]))
            if total >= CUE_AT_LEAST and n / total >= CUE_SHARE:
                cues[s] = (qtype, n / total)
        for qtype in set(qtypes):
            for s in {stem(w) for w in words(qtype) if w not in INDEX_STOP_WORDS}:
                if s not in cues or cues[s][0] == qtype:
                    cues[s] = (qtype, 1.0)
        return cls(cues)

    def cue(self, s: str) -> tuple[str, float] | None:
        """The kind a stem asks for (also through another form of a cue word)."""
        if s in self._found:
            return self._found[s]
        found = self.cues.get(s)
        if found is None and len(s) >= CUE_FORM_MIN:
            if not self._by_start:
                for c, kind in sorted(self.cues.items()):
                    if len(c) >= CUE_FORM_MIN:
                        self._by_start.setdefault(c[:CUE_FORM_MIN], []).append((c, kind))
            for c, kind in self._by_start.get(s[:CUE_FORM_MIN], ()):
                short, long_ = (c, s) if len(c) <= len(s) else (s, c)
                if long_.startswith(short) and len(long_) - len(short) <= CUE_FORM_SUFFIX:
                    found = kind
                    break
        if len(self._found) > MAX_REMEMBERED:
            self._found.clear()
        self._found[s] = found
        return found

    def asked(self, stems: frozenset[str]) -> dict[str, float]:
        """Kinds of question the stems ask for, each with its strongest cue's share."""
        kinds: dict[str, float] = {}
        for s in sorted(stems):
            found = self.cue(s)
            if found:
                kinds[found[0]] = max(found[1], kinds.get(found[0], 0.0))
        return kinds


_LEARNT: list[tuple[object, TypeCues]] = []


def type_cues(
    owner: object, qtypes: Sequence[str], focuses: Sequence[str], questions: Sequence[str]
) -> TypeCues:
    """The cues of an opened index, learnt once per `owner` (the index's cards) on its first
    search (~30 ms CPU for MedQuAD's 16,423 questions), not while the window starts."""
    if _LEARNT and _LEARNT[0][0] is owner:
        return _LEARNT[0][1]
    cues = TypeCues.learn(qtypes, focuses, questions)
    _LEARNT[:] = [(owner, cues)]
    return cues


def rerank(
    candidates: Sequence[tuple[int, float]],
    plan: QueryPlan,
    focus_of: Callable[[int], str],
    question_of: Callable[[int], str],
    qtype_of: Callable[[int], str],
    id_of: Callable[[int], str],
    cues: TypeCues | None = None,
) -> list[tuple[int, float]]:
    """(docnum, score) re-ordered by score x subject boost x question boost; ties by id."""
    asked = query_stems(plan)
    typed = typed_stems(plan)
    kinds = cues.asked(plan.all_stems) if cues is not None else {}
    scored = []
    boosts: dict[tuple[str, str, str], float] = {}  # answers to one question boost alike
    for docnum, score in candidates:
        focus, question, qtype = focus_of(docnum), question_of(docnum), qtype_of(docnum)
        boost = boosts.get((focus, question, qtype))
        if boost is None:
            boost = 1.0 + SUBJECT_WEIGHT * coverage(focus, asked, plan.prefix)
            if QUESTION_WEIGHT:
                fit = question_fit(question, focus, asked, typed, qtype)
                boost *= 1.0 + QUESTION_WEIGHT * fit
            if kinds:
                boost *= 1.0 + TYPE_WEIGHT * kinds.get(qtype, 0.0)
            boosts[(focus, question, qtype)] = boost
        scored.append((docnum, round(float(score) * boost, 9)))
    scored.sort(key=lambda pair: (-pair[1], id_of(pair[0])))
    return overview_first(scored, typed, focus_of, qtype_of)


def overview_first(
    scored: list[tuple[int, float]],
    typed: frozenset[str],
    focus_of: Callable[[int], str],
    qtype_of: Callable[[int], str],
) -> list[tuple[int, float]]:
    """A query that only names the best answer's subject ("glaucoma", "heart attack") opens
    with that subject's overview ("What is glaucoma?"), then the subject's other questions."""
    if not scored or not typed:
        return scored
    subject = focus_of(scored[0][0])
    if not typed <= subject_stems(subject) or qtype_of(scored[0][0]) == OVERVIEW_TYPE:
        return scored
    folded = subject.casefold()
    for n, (docnum, score) in enumerate(scored):
        if qtype_of(docnum) == OVERVIEW_TYPE and focus_of(docnum).casefold() == folded:
            return [(docnum, max(score, scored[0][1])), *scored[:n], *scored[n + 1 :]]
    return scored
