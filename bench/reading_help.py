"""What reading help costs: marking glossary terms when an answer opens, and the glossary and
reading levels at build time. Figures, never a test.

    python bench/reading_help.py [--data DIR] [--answers N]

Opening an answer is timed as the window does it (desktop.core.reader.loading.load_answer) with
and without the term marker, on the same answers in the same run, interleaved; the goal is at
most 20 ms more per answer. With ../shared/medquad present the MedQuAD library is used (built
into DIR once), else the sample content.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _medquad_data import MEDQUAD, medquad_data_dir  # noqa: E402

from db.glossary_store import glossary_entries  # noqa: E402
from db.store import ContentStore  # noqa: E402
from desktop.core.build import build_content  # noqa: E402
from desktop.core.glossary import update_glossary  # noqa: E402
from desktop.core.paths import DataDir  # noqa: E402
from desktop.core.reading_level import grade_answers  # noqa: E402
from desktop.core.render import render_answer_html  # noqa: E402
from desktop.core.resources import sample_content_dir  # noqa: E402
from desktop.core.term_marking import TermMarker  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "pa-bench-mq")
    parser.add_argument("--answers", type=int, default=300)
    args = parser.parse_args()
    if MEDQUAD.is_dir():
        data_dir = medquad_data_dir(args.data)
        library = "MedQuAD"
    else:
        data_dir = DataDir(Path(tempfile.mkdtemp()))
        build_content([sample_content_dir()], data_dir)
        library = "sample"
    with ContentStore(data_dir.content_db) as store:
        started = time.perf_counter()
        terms = update_glossary(store)
        glossary_s = time.perf_counter() - started
        started = time.perf_counter()
        ids = [a.id for a in store.answers()]

        grade_answers(store.answers(ids[: min(len(ids), 2000)]))
        grade_s = (time.perf_counter() - started) / min(len(ids), 2000) * len(ids)
        marker = TermMarker(glossary_entries(store))
        sample = random.Random(7).sample(ids, min(args.answers, len(ids)))
        plain: list[float] = []
        marked: list[float] = []
        counts: list[int] = []
        for answer_id in sample:
            answer = store.get_answer(answer_id)
            assert answer is not None
            t0 = time.perf_counter()
            render_answer_html(answer)
            t1 = time.perf_counter()
            page = render_answer_html(answer, terms=marker)
            t2 = time.perf_counter()
            plain.append((t1 - t0) * 1000)
            marked.append((t2 - t1) * 1000)
            counts.append("".join(page.pieces).count('class="term"'))
    extra = [m - p for m, p in zip(marked, plain, strict=True)]
    print(f"library: {library}, {len(ids):,} answers, {terms:,} defined terms")
    print(f"glossary rebuilt in {glossary_s:.2f} s; reading grades ~{grade_s:.1f} s of one core")
    print(f"{'':24}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name, values in (("render", plain), ("render + marking", marked), ("marking adds", extra)):
        print(
            f"{name:24}{statistics.median(values):10.2f}{percentile(values, 95):10.2f}"
            f"{max(values):10.2f}"
        )
    print(f"terms marked per answer: median {statistics.median(counts):.0f}, max {max(counts)}")
    print("goal: marking adds at most 20 ms to opening an answer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
