"""Would a learned linear re-ranker carry over? Leave-one-set-out fits over the three dev sets.

Each question's candidate pool (what SearchService._rank re-ranks) is scored once, with
features the search already has (FEATURES): BM25 of the subject and question fields against
the body, whether the answer is an overview (also: when no kind is asked), how many parts of
the same publisher's page rank above it or sit in the pool, how many publishers answer the
same question in the pool, how much of the query the subject and question cover, the body's
length, other questions on the same subject above it (diversity), reading grade, a
publisher prior, an answer of a kind not asked. The final
score is log(score x today's boosts) + sum(weight x feature), then today's grouping. Weights
are fitted by coordinate ascent on two sets ((MRR@10 + nDCG@10) / 2, standard) and checked
on the third; a fold "LOSES" when the held-out set falls below the code as it is (all weights
0). Internal benchmark only: questions are never copied anywhere.

Usage: python bench/rerank_fit.py [--data-dir DIR] [--features a,b] [--rounds 3]
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _medquad_data import medquad_data_dir  # noqa: E402
from relevance import SETS, load_set, metrics, question_text  # noqa: E402

from desktop.core.search import SearchService, rerank  # noqa: E402
from desktop.core.search.grouping import Cards, group_ranked  # noqa: E402
from desktop.core.search.query_tree import build_query  # noqa: E402
from desktop.core.search.service import GROUP_TAIL, RERANK_POOL  # noqa: E402

FEATURES = (
    "overview",  # an overview answer ("What is X?")
    "earlier_parts",  # log1p(parts of the same page ranked above it)
    "page_parts",  # log1p(parts of the same page in the pool)
    "publishers",  # log1p(other publishers answering the same question in the pool)
    "query_cover",  # share of the typed words found in the subject or question
    "short_field",  # share of its BM25 from the subject and question fields
    "body_length",  # log body length minus the pool's mean
    "subject_seen",  # log1p(other questions on the same subject ranked above it)
    "subject_over2",  # max(0, those questions - 2)
    "reading_grade",  # reading grade minus the pool's mean (easier reading is lower)
    "medlineplus",  # the publisher is MedlinePlus (a publisher prior, for comparison)
    "overview_no_kind",  # an overview answer, when the question asks no kind
    "kind_missing",  # the question asks a kind, and this answer is of none asked
)
STEPS = (-1.0, -0.5, -0.25, -0.1, -0.05, -0.02, 0.0, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0)


@dataclass
class Candidate:
    docnum: int
    base: float  # log(score x today's boosts)
    features: tuple[float, ...]


@dataclass
class Case:
    group: str  # dev set, for leave-one-set-out
    judged: dict[str, int]
    pool: list[Candidate]
    matched: list[int]  # best first, for completing groups
    typed: frozenset[str] = frozenset()  # the typed stems (overview_first)


def page_of(cards: Cards, d: int) -> tuple[str, str]:
    """One publisher's page on one subject (MedQuAD splits pages into parts)."""
    return (cards.sources[d], cards.focuses[d].casefold())


def build_cases(service: SearchService) -> list[Case]:
    cards = service.cards
    cues = rerank.type_cues(cards, cards.qtypes, cards.focuses, cards.questions)
    searcher = service._searcher  # noqa: SLF001 - a bench looks inside
    evaluator = service._evaluator  # noqa: SLF001
    assert searcher is not None and evaluator is not None
    reader = searcher.reader()
    cases: list[Case] = []
    for _name, stem, form, group in SETS:
        questions, qrels = load_set(stem)
        for q in questions:
            judged = qrels.get(q["qid"], {})
            if not any(g >= 2 for g in judged.values()):
                continue
            plan = service.plan(question_text(q, form))
            if plan.is_empty:
                cases.append(Case(group, judged, [], []))
                continue
            docnums, score_of = evaluator.ranked(build_query(plan))
            pool = [(d, round(float(score_of[d]), 9)) for d in docnums[:RERANK_POOL]]
            if len(docnums) > RERANK_POOL:
                for d in docnums[RERANK_POOL:]:
                    if round(float(score_of[d]), 9) != pool[-1][1]:
                        break
                    pool.append((d, pool[-1][1]))
            cases.append(
                Case(
                    group,
                    judged,
                    features(service, plan, pool, cues, reader),
                    docnums[:GROUP_TAIL],
                    rerank.typed_stems(plan),
                )
            )
    return cases


def features(
    service: SearchService,
    plan: rerank.QueryPlan,
    pool: list[tuple[int, float]],
    cues: rerank.TypeCues,
    reader: object,
) -> list[Candidate]:
    cards = service.cards
    asked = rerank.query_stems(plan)
    typed = rerank.typed_stems(plan)
    kinds = cues.asked(plan.all_stems)
    short = {}
    evaluator = service._evaluator  # noqa: SLF001
    assert evaluator is not None
    stems = sorted(asked)
    from whoosh import query as wq

    if stems:
        node = wq.Or([wq.Term(f, s) for f in ("question", "focus") for s in stems])
        _, short = evaluator.ranked(node)
    pages = Counter(page_of(cards, d) for d, _ in pool)
    publishers: dict[str, set[str]] = {}
    for d, _ in pool:
        publishers.setdefault(cards.groups[d], set()).add(cards.sources[d])
    lengths = [
        math.log1p(reader.doc_field_length(d, "body", 0))  # type: ignore[attr-defined]
        for d, _ in pool
    ]
    mean_length = sum(lengths) / max(len(lengths), 1)
    grades_by_id = service.store.reading_grades([cards.ids[d] for d, _ in pool])
    grades = [grades_by_id.get(cards.ids[d], 10.0) for d, _ in pool]
    mean_grade = sum(grades) / max(len(grades), 1)
    seen: Counter[tuple[str, str]] = Counter()
    subject_groups: dict[str, set[str]] = {}
    out: list[Candidate] = []
    for (d, score), length, grade in zip(pool, lengths, grades, strict=True):
        focus = cards.focuses[d]
        boost = 1.0 + rerank.SUBJECT_WEIGHT * rerank.coverage(focus, asked, plan.prefix)
        if kinds:
            boost *= 1.0 + rerank.TYPE_WEIGHT * kinds.get(cards.qtypes[d], 0.0)
        title = rerank.subject_stems(focus) | rerank.question_stems(cards.questions[d])
        page = page_of(cards, d)
        above = subject_groups.setdefault(focus.casefold(), set())
        others = len(above - {cards.groups[d]})
        above.add(cards.groups[d])
        out.append(
            Candidate(
                d,
                math.log(max(score * boost, 1e-9)),
                (
                    float(cards.qtypes[d] == rerank.OVERVIEW_TYPE),
                    math.log1p(seen[page]),
                    math.log1p(pages[page] - 1),
                    math.log1p(len(publishers[cards.groups[d]]) - 1),
                    len(typed & title) / len(typed) if typed else 0.0,
                    min(short.get(d, 0.0) / score, 1.0) if score > 0 else 0.0,
                    length - mean_length,
                    math.log1p(others),
                    float(max(0, others - 2)),
                    min(max(grade - mean_grade, -5.0), 5.0),
                    float(cards.sources[d] == "MedlinePlus"),
                    float(not kinds and cards.qtypes[d] == rerank.OVERVIEW_TYPE),
                    float(bool(kinds) and cards.qtypes[d] not in kinds),
                ),
            )
        )
        seen[page] += 1
    return out


def ranking(service: SearchService, case: Case, weights: Sequence[float]) -> list[str]:
    """Re-rank the pool with these weights, then group and list as bench/relevance.py does."""
    cards = service.cards
    scored = [
        (c.docnum, round(c.base + sum(w * f for w, f in zip(weights, c.features, strict=True)), 9))
        for c in case.pool
    ]
    scored.sort(key=lambda p: (-p[1], cards.ids[p[0]]))
    # overview_first compares scores, which here are logs: keep the order it gives
    order = rerank.overview_first(
        [(d, math.exp(s)) for d, s in scored],
        case.typed,
        lambda d: cards.focuses[d],
        lambda d: cards.qtypes[d],
    )
    entries = group_ranked(cards, [d for d, _ in order], 10, case.matched)
    out: list[str] = []
    for e in entries:
        out.append(cards.ids[e.head])
        out.extend(cards.ids[d] for d in e.also)
    return out[:10]


def objective(
    service: SearchService, cases: list[Case], weights: Sequence[float]
) -> dict[str, float]:
    """(MRR@10 + nDCG@10) / 2, standard, per dev set."""
    sums: dict[str, list[float]] = {}
    for case in cases:
        m = metrics(ranking(service, case, weights), case.judged, 2, False)
        sums.setdefault(case.group, []).append((m["MRR@10"] + m["nDCG@10"]) / 2)
    return {g: sum(v) / len(v) for g, v in sums.items()}


def fit(service: SearchService, cases: list[Case], active: list[int], rounds: int) -> list[float]:
    weights = [0.0] * len(FEATURES)
    best = sum(objective(service, cases, weights).values())
    for _ in range(rounds):
        improved = False
        for i in active:
            for step in STEPS:
                trial = list(weights)
                trial[i] = step
                got = sum(objective(service, cases, trial).values())
                if got > best + 1e-9:
                    best, weights, improved = got, trial, True
        if not improved:
            break
    return weights


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "pa-bench-medquad"
    )
    parser.add_argument("--features", default=",".join(FEATURES))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    data_dir = medquad_data_dir(args.data_dir)
    service = SearchService(data_dir.content_db, data_dir.index_dir)
    cases = build_cases(service)
    active = [FEATURES.index(f) for f in args.features.split(",")]
    now = objective(service, cases, [0.0] * len(FEATURES))
    print("code now: " + ", ".join(f"{g} {v:.3f}" for g, v in now.items()))
    groups = list(now)
    for held in groups:
        train = [c for c in cases if c.group != held]
        weights = fit(service, train, active, args.rounds)
        got = objective(service, [c for c in cases if c.group == held], weights)[held]
        change = round(got, 3) - round(now[held], 3)
        verdict = "improves" if change > 0 else "holds" if change == 0 else "LOSES"
        chosen = {FEATURES[i]: weights[i] for i in active if weights[i]}
        print(f"held out {held:<13} weights {chosen}: {got:.3f} vs {now[held]:.3f} {verdict}")
    weights = fit(service, cases, active, args.rounds)
    print("fit on all three: " + str({FEATURES[i]: weights[i] for i in active if weights[i]}))
    print("  " + ", ".join(f"{g} {v:.3f}" for g, v in objective(service, cases, weights).items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
