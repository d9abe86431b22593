"""Screenshots of the reader window: its pages and the shared-computer screens.

Pages: start page, results, an answer, the visit sheet. Shared computers: a kiosk with
"End session", its idle countdown and PIN dialogs, and a private window's indicator.

    QT_QPA_PLATFORM=offscreen python bench/screenshots.py [OUT_DIR] [--data-dir DIR]

Makes OUT_DIR/<page>-<theme>-<size>.png for light and dark at 100 % and 250 % text
(default OUT_DIR: screenshots/, which git ignores). Uses the sample content unless
--data-dir is given. Nothing is written outside OUT_DIR (private settings, in-memory user data).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from db.user_store import UserStore, VisitAnswer  # noqa: E402
from desktop.core.build import ensure_content  # noqa: E402
from desktop.core.paths import DataDir  # noqa: E402
from desktop.ui.app import make_application  # noqa: E402
from desktop.ui.settings import Settings  # noqa: E402
from desktop.ui.window.main_window import MainWindow  # noqa: E402

SIZE = (1280, 860)
ANSWER = "psma-car-t-barriers"


def wait_until(app: QApplication, predicate: Callable[[], bool], timeout: float = 30.0) -> None:
    """Process events until predicate() is true."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the window")
        app.processEvents()
        time.sleep(0.005)


def settle(app: QApplication, ms: int = 150) -> None:
    """Let layouts and delayed item layouts finish."""
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)


def each_look(window: MainWindow, app: QApplication, scales: Iterable[float]) -> Iterator[str]:
    """Light, then dark, at each text scale: the start page shown and the search box empty
    before each; yields "<theme>-<percent>" for the pictures' names."""
    for theme in ("light", "dark"):
        for scale in scales:
            window.looks.set_theme(theme)
            window.looks.set_scale(scale)
            window.navigation.show_start()
            window.search_field.clear()
            settle(app)
            yield f"{theme}-{round(scale * 100)}"


def open_and_wait(window: MainWindow, app: QApplication, answer_id: str) -> None:
    """Open an answer and wait until the window has shown it."""
    shown: list[str] = []
    window.answer_shown.connect(shown.append)
    window.navigation.open_answer(answer_id)
    wait_until(app, lambda: bool(shown))
    window.answer_shown.disconnect(shown.append)


def search_and_wait(window: MainWindow, app: QApplication, text: str) -> None:
    """Type a search and wait until the list it settles on (whole words) is shown: a page of
    this search, not the one the same text gave in an earlier look (the box was cleared in
    between, but its empty search may not have come back yet)."""
    window.search_field.setFocus()  # where a person types (Ctrl+K)
    window.search_field.setText(text)
    generation = window.search.generation

    def settled() -> bool:
        page = window.search.last_page
        return (
            page is not None
            and page.generation == generation
            and page.query == text
            and page.whole_words
        )

    wait_until(app, settled)


def fill_visit_sheet(store: UserStore, window: MainWindow, app: QApplication) -> None:
    """Add questions from two answers, with a note."""
    for answer_id, picks in ((ANSWER, (0, 3)), ("falls-prevention", (0, 1))):
        open_and_wait(window, app, answer_id)
        a = window.pages.answer_page.loaded.answer  # type: ignore[union-attr]
        for n in picks:
            if n < len(a.asks):
                store.add_visit_item(
                    VisitAnswer(a.id, a.question, a.reviewed, a.references), a.asks[n]
                )
    first = store.visit_items()[0]
    store.set_item_note(first.id, "Ask about trials near home. Bring the scan letter.")
    window.hub.visit_sheet_did_change.emit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="screenshots", type=Path)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.TemporaryDirectory()
    data_dir = DataDir(args.data_dir or Path(tmp.name) / "data")
    ensure_content(data_dir)
    app = make_application()
    store = UserStore.private()
    window = MainWindow(data_dir, Settings(private=True), store)
    window.privacy.badge.hide()  # these pictures stand for an ordinary session
    window.setWindowTitle("Patient Answers")
    window.pages.visit_page.set_keeping(False)
    window.start()
    window.resize(*SIZE)
    window.show()
    wait_until(app, lambda: window.navigation.start_data is not None and window.search.is_ready)
    fill_visit_sheet(store, window, app)
    written = []
    for tag in each_look(window, app, (1.0, 2.5)):
        written.append(grab(window, args.out / f"start-{tag}.png"))
        search_and_wait(window, app, "asthma inhaler")
        settle(app)
        written.append(grab(window, args.out / f"results-{tag}.png"))
        open_and_wait(window, app, ANSWER)
        window.pages.answer_page.show_reference(2)
        settle(app)
        written.append(grab(window, args.out / f"answer-{tag}.png"))
        window.pages.answer_page.close_reference()
        window.navigation.show_visit_sheet()
        settle(app)
        written.append(grab(window, args.out / f"visit-{tag}.png"))
    window.looks.set_theme("light")
    dispose(window)
    store.close()
    written += shared_screens(app, data_dir, args.out)
    for path in written:
        print(path)
    return 0


def shared_screens(app: QApplication, data_dir: DataDir, out: Path) -> list[Path]:
    """Shared computers: a kiosk with "End session", its idle countdown and PIN dialogs, and
    a private window's indicator, light and dark."""
    from desktop.core.admin_config import AdminConfig
    from desktop.ui.workstation.station import Workstation

    written = []
    station = Workstation.create(AdminConfig(mode="kiosk", kiosk_pin_hash="pbkdf2_sha256$1$00$00"))
    store = UserStore.private()
    kiosk = MainWindow(data_dir, station.settings(), store, workstation=station)
    kiosk.start()
    kiosk.resize(*SIZE)
    kiosk.show()
    wait_until(app, lambda: kiosk.navigation.start_data is not None and kiosk.search.is_ready)
    open_and_wait(kiosk, app, "falls-prevention")
    for theme in ("light", "dark"):
        kiosk.looks.set_theme(theme, save=False)
        settle(app)
        written.append(grab(kiosk, out / f"kiosk-{theme}.png"))
        assert kiosk.kiosk_mode is not None
        dialog = kiosk.kiosk_mode.countdown
        dialog.start()
        dialog.timer.stop()
        settle(app)
        written.append(grab(dialog, out / f"countdown-{theme}.png"))
        dialog.stop()
        pin = kiosk.kiosk_mode.ask_pin()
        pin.field.setText("1111")
        pin.try_pin()
        settle(app)
        written.append(grab(pin, out / f"pin-{theme}.png"))
        pin.reject()
    kiosk.kiosk_mode.release()
    dispose(kiosk)
    private = MainWindow(data_dir, Settings(private=True), UserStore.private())
    private.start()
    private.resize(*SIZE)
    private.show()
    wait_until(app, lambda: private.navigation.start_data is not None)
    for theme in ("light", "dark"):
        private.looks.set_theme(theme, save=False)
        settle(app)
        written.append(grab(private, out / f"private-{theme}.png"))
    private.looks.set_theme("light", save=False)
    private.tasks.wait()
    private.user_data.close()
    dispose(private)
    store.close()
    return written


def dispose(window: MainWindow) -> None:
    """Close a window and delete it now, as the app does after its event loop: left to
    interpreter shutdown, PySide sometimes crashed there (exit 139 after every picture was
    saved)."""
    window.close()
    window.tasks.wait()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def grab(window: QWidget, path: Path) -> Path:
    """Save a picture of the whole window."""
    window.grab().save(str(path))
    return path


if __name__ == "__main__":
    sys.exit(main())
