"""Search relevance on real consumer questions: the three judged dev sets of ../shared/eval.

Sets: LiveQA 2017 (the short NLM `summary` and the full `subject + message` as written),
MEDIQA 2019 real consumer questions (`message`), MEDIQA 2019 "Alexa" questions. For each:
MRR@10, nDCG@10 (gain = grade - 1), P@5 and R@10, standard (unjudged = not relevant) and
judged-only (unjudged answers removed before scoring), with bootstrap 95 % intervals over
questions, for our search, plain Whoosh BM25F and SQLite FTS5 in the same run. Our ranking
lists each entry's head and then its grouped `also` answers, cut at 10.

--cv NAME=v1,v2 ... chooses constants by cross-validation across the three sets (fit on two,
check on the third) and prints the held-out figure of each choice.
Internal benchmark only: the questions are never copied anywhere.

Usage: python bench/relevance.py [--data-dir DIR] [--min-grade 2] [--ours-only] [--cv ...]
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _medquad_data import EVAL, fts5_index, medquad_data_dir  # noqa: E402

from db.store import ContentStore  # noqa: E402
from desktop.core.search import SearchService  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
# Code whose changes alter what is indexed: a build older than their last commit is not a
# build of this code (a stale build once made a real drop look like a regression).
INDEXED_TEXT_CODE = ("desktop/core/importers",)
Ranker = Callable[[str], list[str]]
Qrels = dict[str, dict[str, int]]
# name, file stem, how the question is read, which dev set it belongs to (for cross-validation)
SETS = (
    ("LiveQA short", "liveqa-dev", "summary", "LiveQA"),
    ("LiveQA full", "liveqa-dev", "message", "LiveQA"),
    ("MEDIQA real", "mediqa2019-chq-dev", "message", "MEDIQA real"),
    ("MEDIQA Alexa", "mediqa2019-alexa-dev", "message", "MEDIQA Alexa"),
)
GOALS = {
    "LiveQA short": (0.90, 0.80),
    "LiveQA full": (0.80, 0.68),
    "MEDIQA real": (0.70, 0.70),
    "MEDIQA Alexa": (0.90, 0.88),
}
MEASURES = ("MRR@10", "nDCG@10", "P@5", "R@10")


def load_set(stem: str) -> tuple[list[dict[str, str]], Qrels]:
    questions = [json.loads(line) for line in (EVAL / f"{stem}.jsonl").open(encoding="utf-8")]
    qrels: Qrels = {}
    for line in (EVAL / f"{stem}.qrels").open(encoding="utf-8"):
        qid, _, doc, grade = line.split()
        qrels.setdefault(qid, {})[doc] = max(int(grade), qrels.get(qid, {}).get(doc, 0))
    return questions, qrels


def load_eval() -> tuple[list[dict[str, str]], Qrels]:
    """LiveQA dev (kept for bench/search_speed.py)."""
    return load_set("liveqa-dev")


def question_text(q: dict[str, str], form: str) -> str:
    if form == "summary":
        return q["summary"]
    return f"{q['subject']}\n{q['message']}".strip()


def metrics(
    ranking: list[str], judged: dict[str, int], min_grade: int, judged_only: bool
) -> dict[str, float]:
    if judged_only:
        ranking = [d for d in ranking if d in judged]
    top = ranking[:10]
    rel = [judged.get(d, 0) >= min_grade for d in top]
    mrr = next((1.0 / (i + 1) for i, r in enumerate(rel) if r), 0.0)
    gains = [max(judged.get(d, 0) - 1, 0) if judged.get(d, 0) >= min_grade else 0 for d in top]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted((g - 1 for g in judged.values() if g >= min_grade), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    n_rel = sum(1 for g in judged.values() if g >= min_grade)
    return {
        "MRR@10": mrr,
        "nDCG@10": dcg / idcg if idcg else 0.0,
        "P@5": sum(rel[:5]) / 5,
        "R@10": sum(rel) / n_rel if n_rel else 0.0,
    }


def build_note(content_db: Path, repo: Path = REPO) -> str:
    """Which MedQuAD build the figures come from, with a warning when it predates the last
    commit of the code that writes the indexed text (figures from it are not this code's)."""
    with ContentStore(content_db, readonly=True) as store:
        built, count = store.get_meta("built_at"), store.count_answers()
    note = f"MedQuAD build {content_db.parent}: built {built or '?'}, {count:,} answers"
    try:
        last = subprocess.run(
            ["git", "-C", str(repo), "log", "-1", "--format=%h %cI", "--", *INDEXED_TEXT_CODE],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return note
    if not built or len(last) != 2:
        return note
    try:
        stale = datetime.fromisoformat(built) < datetime.fromisoformat(last[1])
    except (TypeError, ValueError):  # an unreadable or zone-less date: say nothing
        return note
    if stale:
        note += (
            f"\nWARNING: this build is older than {last[0]} ({last[1]}), the last change to "
            "the importers: its figures may not be this code's (delete the data dir to rebuild)"
        )
    return note


def our_ranker(service: SearchService) -> Ranker:
    """Heads, each followed by its grouped answers, as a reader sees them."""

    def rank(text: str) -> list[str]:
        out: list[str] = []
        for hit in service.search(text, limit=10).results:
            out.append(hit.id)
            out.extend(a.id for a in getattr(hit, "also", ()))
        return out[:10]

    return rank


def whoosh_baseline(data_dir_db: Path, workdir: Path) -> Ranker:
    from whoosh import index
    from whoosh.analysis import StandardAnalyzer
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.qparser import MultifieldParser, OrGroup

    schema = Schema(
        id=ID(stored=True),
        question=TEXT(analyzer=StandardAnalyzer()),
        answer=TEXT(analyzer=StandardAnalyzer()),
        focus=TEXT(analyzer=StandardAnalyzer()),
    )
    ix = index.create_in(str(workdir), schema)
    writer = ix.writer(procs=2, multisegment=True, limitmb=256)
    with ContentStore(data_dir_db, readonly=True) as store:
        for a in store.answers():
            writer.add_document(id=a.id, question=a.question, answer=a.body, focus=a.focus)
    writer.commit()
    searcher = ix.searcher()
    parser = MultifieldParser(["question", "answer", "focus"], schema, group=OrGroup)

    def rank(text: str) -> list[str]:
        try:
            return [hit["id"] for hit in searcher.search(parser.parse(text), limit=10)]
        except Exception:  # noqa: BLE001 - the baseline may choke on some text
            return []

    return rank


def fts5_baseline(data_dir_db: Path, workdir: Path) -> Ranker:
    conn = fts5_index(data_dir_db, workdir)

    def rank(text: str) -> list[str]:
        tokens = re.findall(r"\w+", text.lower())
        if not tokens:
            return []
        match = " OR ".join(f'"{t}"' for t in tokens)
        rows = conn.execute(
            "SELECT id FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT 10", (match,)
        )
        return [r[0] for r in rows]

    return rank


def per_question(
    rank: Ranker, questions: list[dict[str, str]], qrels: Qrels, form: str, min_grade: int
) -> dict[str, list[dict[str, float]]]:
    """Each counted question's measures, standard and judged-only."""
    out: dict[str, list[dict[str, float]]] = {"standard": [], "judged-only": []}
    for q in questions:
        judged = qrels.get(q["qid"], {})
        if not any(g >= min_grade for g in judged.values()):
            continue
        ranking = rank(question_text(q, form))
        for mode in out:
            out[mode].append(metrics(ranking, judged, min_grade, mode == "judged-only"))
    return out


def mean_and_interval(values: list[float], rounds: int = 2000) -> tuple[float, float, float]:
    """Mean and a percentile bootstrap 95 % interval (fixed seed: same figures every run)."""
    if not values:
        return 0.0, 0.0, 0.0
    rng = random.Random(11)
    n = len(values)
    means = sorted(sum(rng.choice(values) for _ in range(n)) / n for _ in range(rounds))
    return sum(values) / n, means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def report(systems: dict[str, Ranker], min_grade: int) -> None:
    sets = {name: load_set(stem) for name, stem, _, _ in SETS}
    rows: dict[tuple[str, str], dict[str, list[dict[str, float]]]] = {}
    for sys_name, rank in systems.items():
        for name, _, form, _ in SETS:
            questions, qrels = sets[name]
            rows[(sys_name, name)] = per_question(rank, questions, qrels, form, min_grade)
    for mode in ("standard", "judged-only"):
        print(f"\nrelevant = grade >= {min_grade}, {mode} (dev sets; mean [95% bootstrap CI])")
        print(f"{'system':<13}{'set':<14}{'n':>4}  " + "".join(f"{m:<20}" for m in MEASURES))
        for (sys_name, name), per in rows.items():
            values = per[mode]
            cells = []
            for m in MEASURES:
                mean, lo, hi = mean_and_interval([v[m] for v in values])
                cells.append(f"{mean:.3f} [{lo:.2f},{hi:.2f}]".ljust(20))
            print(f"{sys_name:<13}{name:<14}{len(values):>4}  " + "".join(cells))
    print("\ngoals on the hidden twins (standard, grade >= 2, MRR@10 / nDCG@10):")
    print("  " + "; ".join(f"{k} {v[0]:.2f}/{v[1]:.2f}" for k, v in GOALS.items()))


def cross_validate(open_service: Callable[[], SearchService], grid: dict[str, list[float]]) -> None:
    """Fit each constant on two dev sets, check on the third (objective: (MRR + nDCG) / 2,
    standard; judged-only beside). Each fold's held-out figure is printed next to the same
    set's figure with the constants as they are in the code, so a fold that loses shows."""
    from desktop.core.search import aliases, query, rerank, synonyms
    from desktop.core.search import service as service_module

    modules = (rerank, query, service_module, synonyms, aliases)
    sets = {name: (load_set(stem), form, group) for name, stem, form, group in SETS}
    names = list(grid)
    current = tuple(float(next(getattr(m, n) for m in modules if hasattr(m, n))) for n in names)
    points = list(itertools.product(*(grid[n] for n in names)))
    if current not in points:
        points.insert(0, current)
    scores: dict[tuple[float, ...], dict[str, tuple[float, float]]] = {}
    for values in points:
        for n, v in zip(names, values, strict=True):
            for module in modules:
                if hasattr(module, n):
                    setattr(module, n, type(getattr(module, n))(v))
        service = open_service()  # a fresh searcher: some constants shape its weighting
        by_group: dict[str, list[tuple[float, float]]] = {}
        rank = our_ranker(service)
        for _name, ((questions, qrels), form, group) in sets.items():
            per = per_question(rank, questions, qrels, form, 2)
            n = 2 * max(len(per["standard"]), 1)
            std, jud = (
                sum(p["MRR@10"] + p["nDCG@10"] for p in per[mode]) / n
                for mode in ("standard", "judged-only")
            )
            by_group.setdefault(group, []).append((std, jud))
        service.close()
        scores[values] = {
            g: (sum(v[0] for v in vs) / len(vs), sum(v[1] for v in vs) / len(vs))
            for g, vs in by_group.items()
        }
        print(
            f"{dict(zip(names, values, strict=True))}: "
            + ", ".join(f"{g} {s:.3f} (j {j:.3f})" for g, (s, j) in scores[values].items()),
            flush=True,
        )
    for n, v in zip(names, current, strict=True):
        for module in modules:
            if hasattr(module, n):
                setattr(module, n, type(getattr(module, n))(v))
    groups = ["LiveQA", "MEDIQA real", "MEDIQA Alexa"]
    print(f"\ncross-validation (fit on two sets, check on the third); code now: {current}")
    for held in groups:
        fit = [g for g in groups if g != held]
        best = max(scores, key=lambda v: (sum(scores[v][g][0] for g in fit), v))
        got, now = scores[best][held], scores[current][held]
        change = round(got[0], 3) - round(now[0], 3)
        verdict = "improves" if change > 0 else "holds" if change == 0 else "LOSES"
        print(
            f"  held out {held:<13} chosen {dict(zip(names, best, strict=True))} "
            f"held-out (MRR+nDCG)/2 {got[0]:.3f} (judged-only {got[1]:.3f}); "
            f"code now {now[0]:.3f} ({now[1]:.3f}): {verdict}"
        )
    overall = max(scores, key=lambda v: (sum(s for s, _ in scores[v].values()), v))
    print(f"  best on all three: {dict(zip(names, overall, strict=True))}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "pa-bench-medquad"
    )
    parser.add_argument(
        "--min-grade", type=int, default=None, help="only this threshold (default: 2 and 3)"
    )
    parser.add_argument("--ours-only", action="store_true", help="skip the baselines")
    parser.add_argument(
        "--cv", nargs="+", metavar="NAME=V1,V2", help="cross-validate these constants"
    )
    args = parser.parse_args()
    data_dir = medquad_data_dir(args.data_dir)
    print(build_note(data_dir.content_db), flush=True)
    service = SearchService(data_dir.content_db, data_dir.index_dir)
    if args.cv:
        grid = {
            k: [float(x) for x in v.split(",")] for k, v in (item.split("=", 1) for item in args.cv)
        }
        service.close()
        cross_validate(lambda: SearchService(data_dir.content_db, data_dir.index_dir), grid)
        return 0
    systems: dict[str, Ranker] = {"ours": our_ranker(service)}
    with tempfile.TemporaryDirectory() as tmp:
        if not args.ours_only:
            (Path(tmp) / "w").mkdir()
            systems["whoosh-plain"] = whoosh_baseline(data_dir.content_db, Path(tmp) / "w")
            systems["fts5"] = fts5_baseline(data_dir.content_db, Path(tmp))
        for min_grade in [args.min_grade] if args.min_grade else [2, 3]:
            report(systems, min_grade)
    return 0


if __name__ == "__main__":
    sys.exit(main())
