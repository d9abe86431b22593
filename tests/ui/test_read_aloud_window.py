"""Read aloud (issue 18.3) with Qt's mock speech engine: start, pause, resume, stop, the
highlight following the sentence heard, references skipped, the visit sheet, a kiosk's End
session, and a plain message when there is no voice or no speech module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from desktop.core.admin_config import AdminConfig
from desktop.ui.controllers import read_aloud as read_aloud_module
from desktop.ui.controllers.read_aloud import (
    NO_MODULE,
    NOTHING_OPEN,
    ReadAloudController,
    no_voice_message,
)
from desktop.ui.window.main_window import MainWindow
from desktop.ui.workstation.station import Workstation

pytest.importorskip("PySide6.QtTextToSpeech", exc_type=ImportError)

COLDS = "antibiotics-for-colds"
WAIT = 20_000


@pytest.fixture(autouse=True)
def _mock_engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(read_aloud_module.ENGINE_ENV, "mock")
    yield


def _reader(window: MainWindow) -> ReadAloudController:
    reader = window.read_aloud
    assert reader.engine_name == "mock"
    return reader


def _fast(reader: ReadAloudController) -> None:
    """The mock engine 'speaks' a word every 100 ms at normal rate; fastest is quicker."""
    reader.bar.speed.setCurrentIndex(reader.bar.speed.count() - 1)


def _highlighted(window: MainWindow) -> str:
    selections = window.pages.answer_page.view.extraSelections()
    assert len(selections) == 1
    cursor: QTextCursor = selections[0].cursor
    return " ".join(cursor.selectedText().replace("\u2029", " ").split())


def test_reading_an_answer_highlights_each_sentence_and_skips_references(
    qtbot: QtBot, window: MainWindow, ui
) -> None:  # type: ignore[no-untyped-def]
    ui.open_answer(window, COLDS)
    reader = _reader(window)
    _fast(reader)
    window.actions_.read_aloud.trigger()
    assert reader.state == "reading" and reader.bar.isVisible()
    assert reader.sentences[0].text == window.pages.answer_page.loaded.answer.question
    said = " ".join(s.text for s in reader.sentences)
    answer = window.pages.answer_page.loaded.answer
    for ref in answer.references:
        assert ref.text[:40] not in said  # the reference list is not read
    assert "[1" not in said and "Add to visit sheet" not in said
    assert "References" not in [s.text for s in reader.sentences]
    assert _highlighted(window) == reader.sentences[0].text
    heard: list[int] = []
    reader.speech.sayingWord.connect(lambda *_: heard.append(reader.index))
    qtbot.waitUntil(lambda: reader.index >= 2, timeout=WAIT)
    assert heard and heard[0] == 0  # the engine spoke the first sentence first
    sentence = reader.sentences[reader.index]
    highlighted = _highlighted(window)
    assert highlighted.startswith(sentence.text.rstrip(".?!")[:20])
    assert "Reading sentence" in reader.bar.status.text()


def test_a_citation_inside_a_sentence_is_highlighted_but_not_said(
    qtbot: QtBot, window: MainWindow, ui
) -> None:  # type: ignore[no-untyped-def]
    ui.open_answer(window, COLDS)
    reader = _reader(window)
    reader.start()
    doc = window.pages.answer_page.view.document()
    cited = [s for s in reader.sentences if "[" in _range_text(doc, s.start, s.end)]
    assert cited, "the sample answer has cited sentences"
    for s in cited:
        assert "[" not in s.text
    reader.stop()


def _range_text(doc, start: int, end: int) -> str:  # type: ignore[no-untyped-def]
    cursor = QTextCursor(doc)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def test_pause_resume_and_stop(qtbot: QtBot, window: MainWindow, ui) -> None:  # type: ignore[no-untyped-def]
    ui.open_answer(window, COLDS)
    reader = _reader(window)
    window.actions_.read_aloud.trigger()
    speech = reader.speech
    states = type(speech.state())
    qtbot.waitUntil(lambda: speech.state() == states.Speaking, timeout=WAIT)
    with qtbot.waitSignal(speech.stateChanged, timeout=WAIT):
        window.actions_.read_aloud.trigger()  # Ctrl+Shift+R again: pause
    assert reader.state == "paused" and speech.state() == states.Paused
    assert window.actions_.read_aloud.text() == "&Resume reading"
    assert "Paused" in reader.bar.status.text()
    index = reader.index
    with qtbot.waitSignal(speech.stateChanged, timeout=WAIT):
        window.actions_.read_aloud.trigger()  # resume
    assert reader.state == "reading" and speech.state() == states.Speaking
    assert reader.index == index
    window.actions_.stop_reading.trigger()
    qtbot.waitUntil(lambda: speech.state() == states.Ready, timeout=WAIT)
    assert reader.state == "idle" and not reader.bar.isVisible()
    assert window.pages.answer_page.view.extraSelections() == []
    assert window.actions_.read_aloud.text() == "Read &aloud"


def test_reading_to_the_end_stops_by_itself(qtbot: QtBot, window: MainWindow, ui) -> None:  # type: ignore[no-untyped-def]
    ui.open_answer(window, COLDS)
    reader = _reader(window)
    _fast(reader)
    reader.start()
    reader.sentences = reader.sentences[:2]  # a short page
    qtbot.waitUntil(lambda: reader.state == "idle", timeout=WAIT)
    assert window.statusBar().currentMessage() == "Finished reading"


def test_opening_another_page_stops_reading(qtbot: QtBot, window: MainWindow, ui) -> None:  # type: ignore[no-untyped-def]
    ui.open_answer(window, COLDS)
    reader = _reader(window)
    reader.start()
    ui.open_answer(window, "falls-prevention")
    assert reader.state == "idle"
    window.actions_.home.trigger()
    qtbot.waitUntil(lambda: not window.pages.showing_answer())
    window.actions_.read_aloud.trigger()
    assert reader.state == "idle" and reader.bar.status.text() == NOTHING_OPEN


def test_a_new_theme_keeps_the_reading_and_its_highlight(
    qtbot: QtBot, window: MainWindow, ui
) -> None:  # type: ignore[no-untyped-def]
    ui.open_answer(window, COLDS)
    reader = _reader(window)
    reader.start()
    text = reader.sentences[reader.index].text
    window.looks.set_theme("dark", save=False)
    qtbot.waitUntil(lambda: _highlighted(window) == text)  # found again after the new layout
    assert reader.state == "reading"
    reader.stop()


def test_the_visit_sheet_is_read(qtbot: QtBot, window: MainWindow, ui) -> None:  # type: ignore[no-untyped-def]
    ui.read_a_little(window)  # a question on the sheet, with a note
    assert window.pages.showing_visit_sheet()
    reader = _reader(window)
    window.actions_.read_aloud.trigger()
    said = [s.text for s in reader.sentences]
    item = window.user_data.store.visit_items()[0]
    assert said[0] == "Your visit sheet"
    assert any(item.text in s for s in said)
    assert "Ask about the spacer" in said
    assert not any(s.startswith("Where this comes from") for s in said)
    assert not any("Scan with your phone" in s for s in said)
    question = next(i for i, s in enumerate(said) if item.text in s)
    reader.index = question - 1
    reader.speech.stop()  # the next sentence now: the question
    qtbot.waitUntil(lambda: reader.index == question, timeout=WAIT)
    label = reader.surface.parts[reader.sentences[question].block][0]  # type: ignore[union-attr]
    assert item.text in label.selectedText()
    reader.stop()
    assert label.selectedText() == ""


def test_end_session_stops_reading(qtbot: QtBot, make_window, ui) -> None:  # type: ignore[no-untyped-def]
    station = Workstation.create(AdminConfig(mode="kiosk"), countdown_s=3, tick_ms=100)
    window = make_window(workstation=station)
    ui.open_answer(window, COLDS)
    reader = _reader(window)
    reader.start()
    speech = reader.speech
    qtbot.waitUntil(lambda: speech.state() == type(speech.state()).Speaking, timeout=WAIT)
    with qtbot.waitSignal(window.hub.session_did_end):
        window.kiosk_mode.end_session()
    assert reader.state == "idle" and not reader.bar.isVisible()
    qtbot.waitUntil(lambda: speech.state() == type(speech.state()).Ready, timeout=WAIT)


def test_no_voice_is_said_plainly(
    qtbot: QtBot, window: MainWindow, ui, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    ui.open_answer(window, COLDS)
    reader = _reader(window)
    reader.engine_name = "no-such-engine"  # as on a computer without speech-dispatcher
    assert reader.start() is False
    assert reader.bar.isVisible() and reader.bar.status.text() == no_voice_message()
    assert "speech-dispatcher" in no_voice_message()  # (Linux)
    assert not reader.bar.speed.isEnabled()
    window.actions_.stop_reading.trigger()  # closes the bar
    assert not reader.bar.isVisible()


def test_no_speech_module_is_said_plainly(
    qtbot: QtBot, window: MainWindow, ui, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    def missing() -> None:
        raise ImportError("No module named 'PySide6.QtTextToSpeech'")

    monkeypatch.setattr(read_aloud_module, "load_speech_class", missing)
    ui.open_answer(window, COLDS)
    window.actions_.read_aloud.trigger()
    assert window.read_aloud.bar.status.text() == NO_MODULE
    assert window.read_aloud.state == "idle"


def test_a_missing_system_library_is_named(
    window: MainWindow, ui, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    def missing() -> None:
        raise ImportError("libpulse.so.0: cannot open shared object file: No such file")

    monkeypatch.setattr(read_aloud_module, "load_speech_class", missing)
    ui.open_answer(window, COLDS)
    window.actions_.read_aloud.trigger()
    text = window.read_aloud.bar.status.text()
    assert "(libpulse.so.0)" in text and "install speech-dispatcher and espeak-ng" in text


def test_the_window_starts_without_the_speech_module(window: MainWindow) -> None:
    import subprocess
    import sys

    assert window.read_aloud.speech is None and window.read_aloud._bar is None
    assert window.actions_.read_aloud.shortcut().toString() == "Ctrl+Shift+R"
    check = (
        "import sys, desktop.ui.window.main_window; "
        "print(sorted(m for m in sys.modules if 'TextToSpeech' in m or m.endswith('read_aloud')"
        " or 'reading_surfaces' in m))"
    )
    out = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['desktop.ui.controllers.read_aloud']"


def test_gui_smoke_checks_read_aloud_with_the_named_engine(sample_data) -> None:  # type: ignore[no-untyped-def]
    """packaging/build_linux.sh runs this on the bundle: QtTextToSpeech and its plugins load."""
    import json
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env[read_aloud_module.ENGINE_ENV] = "mock"
    out = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "gui", "--smoke"]
        + ["--data-dir", str(sample_data.root)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert isinstance(result["read_aloud"], int) and result["read_aloud"] > 3


def test_speed_and_voice_are_remembered_for_next_time(
    qtbot: QtBot, make_window, ui, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings = tmp_path / "reader.ini"
    window = make_window(settings_path=settings)
    ui.open_answer(window, COLDS)
    window.actions_.read_aloud.trigger()
    reader = _reader(window)
    reader.bar.speed.setCurrentIndex(1)
    chosen = reader.bar.speed.currentText()
    voices = [v.name() for v in reader.voices]
    pick = len(voices) - 1
    reader.bar.voice.setCurrentIndex(pick)
    window.actions_.stop_reading.trigger()
    window.close()

    again = make_window(settings_path=settings)
    ui.open_answer(again, COLDS)
    again.actions_.read_aloud.trigger()
    reader = _reader(again)
    assert reader.bar.speed.currentText() == chosen != "Normal"
    assert reader.bar.voice.currentIndex() == pick
    assert reader.speech.voice().name() == voices[pick]
    assert reader.speech.rate() == pytest.approx(-0.2)
