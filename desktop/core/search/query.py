"""Turn anything a person types into a query plan (query_tree.py makes it a Whoosh query;
never Whoosh's parser).

Quotes make a phrase; everything else is words. Question and filler words are dropped, long
messages keep their most telling words, synonyms add other phrasings, and words that are not
in the vocabulary are corrected ("did you mean") and matched fuzzily.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from whoosh import query as q
from whoosh.searching import Searcher
from whoosh.spelling import Corrector

from desktop.core.search.analysis import (
    FILLER_WORDS,
    INDEX_STOP_WORDS,
    PREFIX_SKIP_WORDS,
    fold,
    stem,
    words,
)
from desktop.core.search.spelling import WordCorrector
from desktop.core.search.synonyms import SynonymMap, SynonymMatch
from desktop.core.search.word_forms import usual_form

MAX_INPUT = 4000
# Caps on work per query, so no input can make a search slow (issue 13 G). They are counts,
# never times: the same text is searched the same way on a busy or an idle machine.
MAX_WORD = 40  # a longer "word" is not a word anyone means: it is left out
MAX_CORRECT_LENGTH = 20  # the spelling corrector's work grows with the word's length
MAX_CORRECTIONS = 4  # the corrector is asked about the first few unknown words only
MAX_HYPHENATED = 4  # hyphenated terms looked up as whole terms
MAX_CONCEPTS = 7
# BM25F's length normalisation (B) and term-frequency saturation (K1), chosen with
# rerank.TYPE_WEIGHT by cross-validation over the three dev sets (bench/relevance.py --cv:
# fit on two, check on the third; every held-out set improved on 0.75 / 1.2).
BM25_B = 0.9
BM25_K1 = 2.0
MINOR_WEIGHT = 0.25
# How much the usual form of an irregular word typed counts ("fall" for "fallen"; see
# word_forms.py) next to the form typed.
FORM_WEIGHT = 0.7
TEXT_FIELDS = ("question", "focus", "summary", "body")
SHORT_FIELDS = ("question", "focus", "summary")
PHRASE_FIELDS = ("question", "focus", "summary", "body")
# A word in more than this share of answer bodies says nothing there ("disease", "cause");
# it is still looked for in questions, subjects and summaries, where it does say something.
COMMON_SHARE = 0.05
COMMON_PREFIX_SHARE = 0.3
# ... but a prefix in fewer answers than this is searched however common it is there: reading
# that many postings costs a few milliseconds, and a small library ("hea" is in 65 % of the
# sample answers: "health", "heart") would otherwise list nothing until a word's fourth letter.
COMMON_PREFIX_AT_LEAST = 20_000
COMMON_AT_LEAST = 200  # never in a small collection: there every word still tells
# A concept in more than this share of answers (in any field), or one a long message keeps
# only as a minor word, does not make an answer a match by itself: it only adds to the score
# of answers that match a more telling concept. This bounds the answers scored per query.
OPTIONAL_SHARE = 0.05
_QUOTED = re.compile(r'"([^"]+)"')
_WORD_SPLIT = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
_HYPHENATED = re.compile(r"(?<![\w-])\w+(?:-\w+)+", re.UNICODE)


_stem = lru_cache(maxsize=20000)(stem)


def clean_input(text: str) -> str:
    """Drop control and format characters, fold width forms, cap the length (MAX_INPUT)."""
    text = unicodedata.normalize("NFKC", text or "")[:MAX_INPUT]
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)


@dataclass
class Concept:
    """One thing the person asked about: stems that must be there, and other phrasings."""

    stems: tuple[str, ...]
    alternatives: list[tuple[tuple[str, ...], float]] = field(default_factory=list)
    weight: float = 1.0
    phrase: bool = False
    optional: bool = False  # scores only answers that match a required concept
    word_form: bool = False  # the alternatives are the word's usual form, not synonyms


@dataclass
class QueryPlan:
    """What we will search for, and what we tell the person about it."""

    concepts: list[Concept]
    prefix: str | None
    suggestion: str | None
    highlight_terms: set[str]
    fuzzy: list[str] = field(default_factory=list)
    common_stems: frozenset[str] = frozenset()
    capped: bool = False  # a cap on work left part of the text unsearched
    all_stems: frozenset[str] = frozenset()  # every word typed, fillers too (question kind)

    @property
    def is_empty(self) -> bool:
        return not self.concepts and not self.prefix and not self.fuzzy


class Vocabulary:
    """Document frequencies and spelling corrections from an open searcher."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self.doc_count = max(searcher.doc_count(), 1)
        self._df_cache: dict[str, int] = {}
        self._corrector: Corrector | None = None

    def df(self, stemmed: str) -> int:
        """Answers whose question, subject, summary or body hold this stem (approx.)."""
        cached = self._df_cache.get(stemmed)
        if cached is None:
            cached = max(int(self.searcher.doc_frequency(f, stemmed)) for f in TEXT_FIELDS)
            self._df_cache[stemmed] = cached
        return cached

    def prefix_df(self, prefix: str) -> int:
        """Answers whose question or subject has a word starting with this prefix."""
        return int(self.searcher.doc_frequency("prefix", prefix))

    def body_df(self, stemmed: str) -> int:
        """Answers whose body holds this stem."""
        return int(self.searcher.doc_frequency("body", stemmed))

    def subject_df(self, stemmed: str) -> int:
        """Answers whose subject (focus) holds this stem: it names a condition, test or drug."""
        return int(self.searcher.doc_frequency("focus", stemmed))

    def known_word(self, word: str) -> bool:
        return self.searcher.doc_frequency("words", word) > 0 or self.df(stem(word)) > 0

    def phrase_exists(self, stems: tuple[str, ...]) -> bool:
        """Does any answer hold these stems in this order (a whole hyphenated term)?"""
        if any(self.df(s) == 0 for s in stems):
            return False
        query = q.Or([q.Phrase(f, list(stems)) for f in PHRASE_FIELDS])
        return bool(self.searcher.search(query, limit=1, terms=False).scored_length())

    def correct(self, word: str) -> str | None:
        """The likeliest vocabulary word within two edits, or None."""
        if self._corrector is None:
            self._corrector = WordCorrector(self.searcher.reader(), "words")  # = Whoosh's, faster
        maxdist = 1 if len(word) < 6 else 2
        found = self._corrector.suggest(word, limit=1, maxdist=maxdist, prefix=1)
        return found[0] if found else None


def _plain_words(text: str) -> tuple[list[str], list[str]]:
    """Folded words and the originals they came from (for capital-letter checks)."""
    originals = [w.replace("’", "'") for w in _WORD_SPLIT.findall(text)]
    folded = [fold(w) for w in originals]
    return folded, originals


def plan_query(
    text: str, vocab: Vocabulary, synonyms: SynonymMap, *, as_you_type: bool = False
) -> QueryPlan:
    """Read what was typed and decide what to look for."""
    raw = text or ""
    text = clean_input(text)
    concepts: list[Concept] = []
    highlight: set[str] = set()
    text = _whole_terms(text, vocab, synonyms, concepts, highlight)
    prefix = None
    still_typing = False  # the last word is unfinished and searched as a prefix
    if as_you_type and text and not text[-1].isspace() and not text.rstrip().endswith('"'):
        tail = _WORD_SPLIT.findall(text)
        if tail and text.rstrip().endswith(tail[-1]) and not _finished_function_word(tail):
            candidate = fold(tail[-1]).replace("'", "")
            text = text[: text.rstrip().rfind(tail[-1])]
            # A prefix in most questions ("wh", "wha") says nothing and costs much: the
            # words before it are searched as they stand (as when it was not yet typed).
            if len(candidate) >= 2 and vocab.prefix_df(candidate[:15]) <= max(
                COMMON_PREFIX_SHARE * vocab.doc_count, COMMON_PREFIX_AT_LEAST
            ):
                prefix = candidate[:15]
                still_typing = True

    for phrase_text in _QUOTED.findall(text):
        stems = tuple(stem(w) for w in words(phrase_text) if w not in INDEX_STOP_WORDS)
        if len(stems) > 1:
            concepts.append(Concept(stems=stems, phrase=True, weight=1.5))
            highlight.update(stems)
    text = _QUOTED.sub(" ", text).replace('"', " ")

    capped = len(raw) > MAX_INPUT
    tokens, originals = _plain_words(text)
    all_stems = frozenset(_stem(t) for t in tokens if len(t) <= MAX_WORD)
    # A query made only of everyday words ("doctor", "help") still means those words, once
    # asked: while typing, "What is the" is only the start of a question (searched, it lists
    # every answer with "what" in it, at every key, and at scale costs the most).
    only_fillers = not as_you_type and not still_typing and only_filler_words(tokens)
    matches = {m.start: m for m in synonyms.match(tokens, originals)}
    corrected_text_words: dict[str, str] = {}
    fuzzy: list[str] = []
    corrections_asked = 0
    i = 0
    seen_stems: set[tuple[str, ...]] = set()
    while i < len(tokens):
        match = matches.get(i)
        alts = _other_phrasings(match, tokens, all_stems) if match else []
        if match and alts is not None:
            stems = tuple(
                stem(w) for w in tokens[match.start : match.end] if w not in INDEX_STOP_WORDS
            )
            if stems and stems not in seen_stems:
                concepts.append(Concept(stems=stems, alternatives=alts))
                seen_stems.add(stems)
                highlight.update(stems)
                for a, _ in alts:
                    highlight.update(a)
            i = match.end
            continue
        word = tokens[i].replace("'", "")
        i += 1
        if len(word) > MAX_WORD:
            capped = True
            continue
        is_filler = word in FILLER_WORDS or tokens[i - 1] in FILLER_WORDS
        if (is_filler and not only_fillers) or (len(word) < 2 and not word.isdigit()):
            continue
        if word in INDEX_STOP_WORDS:  # never indexed: "is" would match nothing, "are" ("ar") AR
            continue
        stemmed = stem(word)
        if (stemmed,) in seen_stems:
            continue
        # "fallen" is also searched as "fall" (Porter keeps irregular forms apart)
        forms: list[tuple[tuple[str, ...], float]] = []
        usual = usual_form(word)
        if usual is not None and stem(usual) != stemmed:
            forms = [((stem(usual),), FORM_WEIGHT)]
        known_form = any(vocab.df(alt[0]) > 0 for alt, _ in forms)
        if vocab.df(stemmed) == 0 and not known_form and not vocab.known_word(word):
            forms = []
            correction = None
            if 4 <= len(word) <= MAX_CORRECT_LENGTH and not word.isdigit():
                if corrections_asked < MAX_CORRECTIONS:
                    corrections_asked += 1
                    correction = vocab.correct(word)
                else:
                    capped = True
            if correction and correction != word and correction not in FILLER_WORDS:
                corrected_text_words[word] = correction
                stemmed = stem(correction)
                fuzzy.append(word)
            else:
                continue
        seen_stems.add((stemmed,))
        seen_stems.update(alt for alt, _ in forms)
        weight = 0.8 if word in fuzzy else 1.0
        concepts.append(
            Concept(stems=(stemmed,), alternatives=forms, weight=weight, word_form=bool(forms))
        )
        highlight.add(stemmed)
        highlight.update(s for alt, _ in forms for s in alt)

    _weigh(concepts, vocab)
    suggestion = None
    if corrected_text_words:
        suggestion = _rewrite(clean_input(text if not prefix else text), corrected_text_words)
    every_stem = {st for c in concepts for st in c.stems} | {
        st for c in concepts for alt, _ in c.alternatives for st in alt
    }
    common = frozenset(
        st
        for st in every_stem
        if vocab.body_df(st) > max(COMMON_SHARE * vocab.doc_count, COMMON_AT_LEAST)
    )
    _mark_optional(concepts, vocab, bool(prefix))
    return QueryPlan(
        concepts=concepts,
        prefix=prefix,
        suggestion=suggestion,
        highlight_terms=highlight,
        fuzzy=fuzzy,
        common_stems=common,
        capped=capped,
        all_stems=all_stems,
    )


def _other_phrasings(
    match: SynonymMatch, tokens: list[str], typed: frozenset[str]
) -> list[tuple[tuple[str, ...], float]] | None:
    """A synonym match's other phrasings, stemmed; None when every one of them is named in
    the text anyway ("trisomy 13 (Patau syndrome)"): each is then a concept of its own, and
    as an alternative too it would count twice, so the words stay plain words."""
    stems = tuple(stem(w) for w in tokens[match.start : match.end] if w not in INDEX_STOP_WORDS)
    alts = [
        (tuple(stem(w) for w in alt if w not in INDEX_STOP_WORDS), weight)
        for alt, weight in match.alternatives
    ]
    alts = [(a, w) for a, w in alts if a and a != stems]
    others = [(a, w) for a, w in alts if not set(a) <= typed]
    return None if alts and not others else others


def _whole_terms(
    text: str,
    vocab: Vocabulary,
    synonyms: SynonymMap,
    concepts: list[Concept],
    highlight: set[str],
) -> str:
    """Hyphenated terms ("CAR-T") found whole in the collection become phrase concepts and
    leave the text, so "car" alone does not find car crashes; others stay as separate words.
    Quoted text is left for the quoted-phrase step."""
    unquoted = _QUOTED.sub(" ", text)
    for n, term in enumerate(_HYPHENATED.findall(unquoted)):
        if n >= MAX_HYPHENATED:
            break
        folded = [w for w in words(term) if w not in INDEX_STOP_WORDS]
        stems = tuple(stem(w) for w in folded)
        # Words that are all nearly everywhere ("drug-drug") say little alone either, and
        # their phrase costs a walk through most of the index: they stay words.
        everywhere = max(OPTIONAL_SHARE * vocab.doc_count, COMMON_AT_LEAST)
        if len(stems) < 2 or min(vocab.df(st) for st in stems) > everywhere:
            continue
        if not vocab.phrase_exists(stems):
            continue
        alternatives: list[tuple[tuple[str, ...], float]] = []
        for match in synonyms.match(folded, term.split("-")):
            if match.start == 0 and match.end == len(folded):
                for alt, weight in match.alternatives:
                    alt_stems = tuple(stem(w) for w in alt if w not in INDEX_STOP_WORDS)
                    if alt_stems and alt_stems != stems:
                        alternatives.append((alt_stems, weight))
                        highlight.update(alt_stems)
        if stems not in {c.stems for c in concepts}:
            concepts.append(Concept(stems=stems, alternatives=alternatives, phrase=True))
            highlight.update(stems)
        text = re.sub(rf"(?<![\w-]){re.escape(term)}(?![\w-])", " ", text, count=1)
    return text


def only_filler_words(text: str | list[str]) -> bool:
    """True when every word of a text (or of its words) is a filler ("what", "is", "the",
    "help") or a single letter: nothing in it says what the answer is about."""
    tokens = _plain_words(clean_input(text))[0] if isinstance(text, str) else text
    return all(t.replace("'", "") in FILLER_WORDS or len(t) < 2 for t in tokens)


def _finished_function_word(tail: list[str]) -> bool:
    """True when the word being typed, after another, is already a whole function word
    ("of", "the", "are", "do"): "symptoms of" is read as "symptoms", not as the answers with
    a word starting "of" ("offspring"), which as a prefix it would require (a common word
    beside it turning optional) and so flash one or two unrelated answers between two lists
    of thousands. As the first word ("can", "he") it still starts a word: "cancer", "heart".
    """
    return len(tail) >= 2 and fold(tail[-1]) in PREFIX_SKIP_WORDS


def _mark_optional(concepts: list[Concept], vocab: Vocabulary, has_prefix: bool) -> None:
    """Concepts found nearly everywhere, and minor words, become optional when something
    more telling is asked (see OPTIONAL_SHARE)."""
    limit = max(OPTIONAL_SHARE * vocab.doc_count, COMMON_AT_LEAST)

    def everywhere(c: Concept) -> bool:
        phrasings = [c.stems] + [alt for alt, _ in c.alternatives]
        return all(min(vocab.df(st) for st in ph) > limit for ph in phrasings if ph)

    flags = [not c.phrase and (c.weight < 0.5 or everywhere(c)) for c in concepts]
    if has_prefix or not all(flags):
        for c, flag in zip(concepts, flags, strict=True):
            c.optional = flag


def _rewrite(text: str, corrections: dict[str, str]) -> str:
    """The typed text with misspelt words replaced, for "Did you mean ...?"."""

    def swap(m: re.Match[str]) -> str:
        key = fold(m.group(0)).replace("'", "")
        return corrections.get(key, m.group(0))

    return " ".join(_WORD_SPLIT.sub(swap, text).split())


def _weigh(concepts: list[Concept], vocab: Vocabulary) -> None:
    """A long message keeps only its most telling concepts (BM25 weighs the rest)."""
    if len(concepts) <= MAX_CONCEPTS:
        return
    n = vocab.doc_count

    def telling(c: Concept) -> float:
        """Rare words tell more; words that name a subject of the collection tell most."""
        df = min(vocab.df(s) for s in c.stems) if c.stems else n
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        synonyms = bool(c.alternatives) and not c.word_form
        names_subject = synonyms or any(vocab.subject_df(s) > 0 for s in c.stems)
        return idf * (2.0 if names_subject else 1.0)

    ranked = sorted(concepts, key=telling, reverse=True)
    kept = ranked[:MAX_CONCEPTS]
    # The rest still count a little (a long message's words all mean something), up to a
    # limit that keeps the query fast.
    for c in ranked[MAX_CONCEPTS : MAX_CONCEPTS * 2]:
        c.weight *= MINOR_WEIGHT
        kept.append(c)
    concepts[:] = [c for c in concepts if c in kept]
