"""Shared by the search benches: a data dir holding the full MedQuAD import (built once)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.store import ContentStore  # noqa: E402
from desktop.core.build import build_content  # noqa: E402
from desktop.core.paths import DataDir  # noqa: E402
from desktop.core.search.index import ensure_index  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"
MEDQUAD = SHARED / "medquad"
EVAL = SHARED / "eval"


def fts5_index(content_db: Path, workdir: Path) -> sqlite3.Connection:
    """The SQLite FTS5 baseline: question, answer and focus of every answer, bm25-ranked."""
    conn = sqlite3.connect(workdir / "fts.db")
    conn.execute("CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, question, answer, focus)")
    with ContentStore(content_db, readonly=True) as store:
        conn.executemany(
            "INSERT INTO fts VALUES (?,?,?,?)",
            ((a.id, a.question, a.body, a.focus) for a in store.answers()),
        )
    conn.commit()
    return conn


def medquad_data_dir(path: Path) -> DataDir:
    """Build MedQuAD into `path` unless it is already there; make sure the index is current."""
    data_dir = DataDir(path)
    if not data_dir.content_db.exists():
        print(f"building MedQuAD into {path} ...", file=sys.stderr)
        build_content([MEDQUAD], data_dir, index_procs=2)
    ensure_index(data_dir)
    return data_dir
