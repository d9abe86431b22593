"""Search relevance on real consumer questions (../shared/eval, TREC LiveQA 2017 dev half).

Reports MRR@10, nDCG@10, P@5 and Recall@10 (standard: unjudged = not relevant; judged-only:
unjudged answers removed before scoring) for two query forms (the short `summary`, and
`subject + message` as the person wrote it) and three systems measured in the same run: ours,
plain Whoosh BM25F (MultifieldParser OR over question/answer/focus, no stemming, no boosts), and
SQLite FTS5 bm25 over the same fields. Internal benchmark only: the questions are never copied.

Usage: python bench/relevance.py [--data-dir DIR] [--min-grade 2] [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _medquad_data import EVAL, fts5_index, medquad_data_dir  # noqa: E402

from db.store import ContentStore  # noqa: E402
from desktop.core.search import SearchService  # noqa: E402

Ranker = Callable[[str], list[str]]


def load_eval() -> tuple[list[dict[str, str]], dict[str, dict[str, int]]]:
    questions = [json.loads(line) for line in (EVAL / "liveqa-dev.jsonl").open(encoding="utf-8")]
    qrels: dict[str, dict[str, int]] = {}
    for line in (EVAL / "liveqa-dev.qrels").open(encoding="utf-8"):
        qid, _, doc, grade = line.split()
        qrels.setdefault(qid, {})[doc] = max(int(grade), qrels.get(qid, {}).get(doc, 0))
    return questions, qrels


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


def our_ranker(service: SearchService) -> Ranker:
    return lambda text: [h.id for h in service.search(text, limit=10).results]


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


def evaluate(
    rank: Ranker,
    questions: list[dict[str, str]],
    qrels: dict[str, dict[str, int]],
    form: str,
    min_grade: int,
) -> dict[str, dict[str, float]]:
    totals = {"standard": {}, "judged-only": {}}  # type: dict[str, dict[str, float]]
    counted = 0
    for q in questions:
        judged = qrels.get(q["qid"], {})
        if not any(g >= min_grade for g in judged.values()):
            continue
        counted += 1
        text = q["summary"] if form == "summary" else f"{q['subject']}\n{q['message']}"
        ranking = rank(text)
        for mode in totals:
            for k, v in metrics(ranking, judged, min_grade, mode == "judged-only").items():
                totals[mode][k] = totals[mode].get(k, 0.0) + v
    return {mode: {k: v / counted for k, v in m.items()} for mode, m in totals.items()} | {
        "n": {"questions": counted}
    }


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
    parser.add_argument(
        "--ours-only", action="store_true", help="skip the baselines (quick tuning)"
    )
    args = parser.parse_args()
    data_dir = medquad_data_dir(args.data_dir)
    questions, qrels = load_eval()
    service = SearchService(data_dir.content_db, data_dir.index_dir)
    systems: dict[str, Ranker] = {"ours": our_ranker(service)}
    with tempfile.TemporaryDirectory() as tmp:
        if not args.ours_only:
            (Path(tmp) / "w").mkdir()
            systems["whoosh-plain"] = whoosh_baseline(data_dir.content_db, Path(tmp) / "w")
            systems["fts5"] = fts5_baseline(data_dir.content_db, Path(tmp))
        grades = [args.min_grade] if args.min_grade else [2, 3]
        for min_grade in grades:
            for mode in ("standard", "judged-only"):
                print(f"\nrelevant = grade >= {min_grade}, {mode} metrics (dev half)")
                print(
                    f"{'system':<14}{'form':<10}{'n':>4}{'MRR@10':>9}{'nDCG@10':>9}{'P@5':>7}{'R@10':>7}"
                )
                for name, rank in systems.items():
                    for form in ("summary", "message"):
                        result = evaluate(rank, questions, qrels, form, min_grade)
                        m = result[mode]
                        print(
                            f"{name:<14}{form:<10}{result['n']['questions']:>4}{m['MRR@10']:>9.3f}"
                            f"{m['nDCG@10']:>9.3f}{m['P@5']:>7.3f}{m['R@10']:>7.3f}"
                        )
    print(
        "\ngoal (standard, grade >= 2): summary MRR@10 >= 0.76, nDCG@10 >= 0.74; "
        "message MRR@10 >= 0.64, nDCG@10 >= 0.60"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
