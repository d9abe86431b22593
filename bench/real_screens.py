"""Screenshots of the window on the real library: grouped results and a restored answer.

Issue 11's closing pictures: the results for a topic query (answers to one question from
several publishers shown as one entry that names them) and an answer whose list the MedQuAD
XML had flattened, in light and dark at 100 % and 300 % text. Needs a MedQuAD build (made
once with `bench/import_medquad.py --keep DIR`, or built here from ../shared/medquad).

    python bench/real_screens.py OUT_DIR --data-dir DIR [--query TEXT] [--answer ID]

Makes OUT_DIR/real-results-<theme>-<size>.png and OUT_DIR/real-answer-<theme>-<size>.png.
Nothing is written outside OUT_DIR and the data dir's build (private settings, in-memory
user data).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _medquad_data import medquad_data_dir  # noqa: E402
from screenshots import (
    SIZE,
    dispose,
    each_look,
    grab,
    open_and_wait,
    search_and_wait,
    settle,
    wait_until,
)  # noqa: E402

from db.user_store import UserStore  # noqa: E402
from desktop.ui.app import make_application  # noqa: E402
from desktop.ui.settings import Settings  # noqa: E402
from desktop.ui.window.main_window import MainWindow  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--query", default="heart attack")
    parser.add_argument("--answer", default="NIHSeniorHealth_0000033_Sec14")
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 3.0])
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    data_dir = medquad_data_dir(args.data_dir)
    app = make_application()
    store = UserStore.private()
    window = MainWindow(data_dir, Settings(private=True), store)
    window.privacy.badge.hide()  # these pictures stand for an ordinary session
    window.setWindowTitle("Patient Answers")
    window.start()
    window.resize(*SIZE)
    window.show()
    wait_until(app, lambda: window.navigation.start_data is not None and window.search.is_ready)
    written = []
    for tag in each_look(window, app, args.scales):
        search_and_wait(window, app, args.query)
        settle(app, 300)
        written.append(grab(window, args.out / f"real-results-{tag}.png"))
        open_and_wait(window, app, args.answer)
        settle(app, 300)
        written.append(grab(window, args.out / f"real-answer-{tag}.png"))
    window.looks.set_theme("light")
    dispose(window)
    store.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
