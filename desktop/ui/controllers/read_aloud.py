"""Read aloud: the answer or the visit sheet, one sentence at a time, the sentence highlighted.

Qt's QTextToSpeech speaks with the computer's own voices (speech-dispatcher on Linux, SAPI or
WinRT on Windows, AVSpeech on macOS). It is imported the first time Read aloud is used, so
starting the window never pays for it; without the module, or without any voice, the bar says
so in plain words. Each sentence is said on its own (`say`), and the next one starts when the
engine is ready again: the highlight is always on the sentence being heard, and pause, stop,
a new speed or voice apply at once, and are remembered for next time (in the settings, so not
in a private session). What is read (citations and references left out) comes from
desktop.core.read_aloud.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from desktop.ui.panels.pages import PageStack
from desktop.ui.settings import READ_ALOUD_SPEED, READ_ALOUD_VOICE, Settings

if TYPE_CHECKING:  # loaded on first use, so the window starts as fast as without Read aloud
    from desktop.core.read_aloud import Sentence
    from desktop.ui.panels.read_aloud_bar import ReadAloudBar
    from desktop.ui.panels.reading_surfaces import Surface

#: Forces one text-to-speech engine by name ("mock" in tests; "speechd", "sapi", ...).
ENGINE_ENV = "PATIENT_ANSWERS_SPEECH_ENGINE"
NO_VOICE_LINUX = "Read aloud needs a speech voice: install speech-dispatcher and espeak-ng"
NO_VOICE = "Read aloud needs a speech voice, and none is installed on this computer"
NO_MODULE = "Read aloud is not part of this installation (Qt's text-to-speech is missing)"
NO_LIBRARY = (
    "Read aloud needs a system library that is missing ({}): install speech-dispatcher and "
    "espeak-ng"
)
NOTHING_OPEN = "Open an answer or your visit sheet, then choose Read aloud"
NOTHING_TO_READ = "There is nothing to read on this page"
ENGINE_FAILED = "The speech voice stopped working"
PLAY, PAUSE, RESUME = "Read &aloud", "&Pause reading", "&Resume reading"


def load_speech_class() -> Any:
    """QTextToSpeech, imported on first use (ImportError when PySide6-Addons is missing)."""
    from PySide6.QtTextToSpeech import QTextToSpeech

    return QTextToSpeech


def no_voice_message() -> str:
    """What to install for a voice, in words for this system."""
    return NO_VOICE_LINUX if sys.platform.startswith("linux") else NO_VOICE


class ReadAloudController(QObject):
    """Reads the page shown; `state` is "idle", "reading" or "paused"."""

    def __init__(
        self,
        pages: PageStack,
        play: QAction,
        stop: QAction,
        window: QMainWindow,
        *,
        settings: Settings | None = None,
        engine: str | None = None,
    ) -> None:
        super().__init__(window)
        self.pages = pages
        self.settings = settings
        self.play_action = play
        self.stop_action = stop
        self.window = window
        self.engine_name = engine or os.environ.get(ENGINE_ENV) or None
        self.speech: Any = None  # QTextToSpeech, made on first use
        self.voices: list[Any] = []
        self._bar: ReadAloudBar | None = None
        self.state = "idle"
        self.surface: Surface | None = None
        self.sentences: list[Sentence] = []
        self.index = 0
        self._saying = False  # a sentence was handed to the engine and is not finished
        self._answer_id: str | None = None
        self._watched: Any = None  # the answer's DocumentView while reading it
        play.triggered.connect(self.toggle)
        stop.triggered.connect(self.stop)
        stop.setEnabled(False)
        pages.currentChanged.connect(self._page_changed)

    # ----------------------------------------------------------------- the bar
    @property
    def bar(self) -> ReadAloudBar:
        """The bar (made on first use, at the bottom of the window)."""
        if self._bar is None:
            from desktop.ui.panels.read_aloud_bar import ReadAloudBar

            self._bar = ReadAloudBar(self.play_action, self.stop_action, self.window)
            self.window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self._bar)
            self._bar.hide()
            self._bar.choose_speed(str(self._remembered(READ_ALOUD_SPEED)))
            self._bar.speed_changed.connect(self._set_rate)
            self._bar.voice_changed.connect(self._set_voice)
        return self._bar

    def _tell(self, text: str, *, ready: bool = True) -> None:
        bar = self.bar
        bar.say(text)
        bar.show_controls(ready)
        bar.show()
        self.stop_action.setEnabled(True)  # also closes the bar

    def _set_play_text(self, text: str) -> None:
        self.play_action.setText(text)
        for widget in self.play_action.associatedObjects():
            if hasattr(widget, "setAccessibleName"):
                widget.setAccessibleName(text.replace("&", ""))

    # ----------------------------------------------------------------- engine
    def _engine(self) -> Any:
        """The speech engine, made now if needed; None (and the reason shown) without one."""
        if self.speech is not None:
            return self.speech
        try:
            speech_class = load_speech_class()
        except ImportError as exc:  # no PySide6-Addons, or a system library it loads is missing
            library = re.search(r"lib[\w.+-]+\.so[.\d]*", str(exc))
            self._tell(NO_LIBRARY.format(library.group(0)) if library else NO_MODULE, ready=False)
            return None
        wanted = self.engine_name
        names = [wanted] if wanted else [n for n in speech_class.availableEngines() if n != "mock"]
        for name in names:
            speech = speech_class(name, self)
            if speech.state() != speech_class.State.Error and speech.availableVoices():
                self._use(speech)
                return speech
            speech.deleteLater()
        self._tell(no_voice_message(), ready=False)
        return None

    def _use(self, speech: Any) -> None:
        self.speech = speech
        self.voices = list(speech.availableVoices())
        wanted = self._remembered(READ_ALOUD_VOICE) or speech.voice().name()
        index = next((i for i, v in enumerate(self.voices) if v.name() == wanted), -1)
        if index < 0:  # the remembered voice is gone: the engine's own choice
            current = speech.voice().name()
            index = next((i for i, v in enumerate(self.voices) if v.name() == current), 0)
        if self.voices[index].name() != speech.voice().name():
            speech.setVoice(self.voices[index])
        names = [
            f"{v.name()} ({v.locale().nativeLanguageName() or v.locale().name()})"
            for v in self.voices
        ]
        self.bar.set_voices(names, index)
        from desktop.ui.panels.read_aloud_bar import SPEEDS

        speech.setRate(SPEEDS[self.bar.speed.currentIndex()][1])
        speech.stateChanged.connect(self._engine_state)

    def _remembered(self, key: str) -> object:
        return None if self.settings is None else self.settings.value(key)

    def _remember(self, key: str, value: str) -> None:
        if self.settings is not None:
            self.settings.set_value(key, value)

    def _set_rate(self, rate: float) -> None:
        self._remember(READ_ALOUD_SPEED, self.bar.speed.currentText())
        if self.speech is not None:
            self.speech.setRate(rate)

    def _set_voice(self, index: int) -> None:
        if self.speech is not None and 0 <= index < len(self.voices):
            self.speech.setVoice(self.voices[index])
            self._remember(READ_ALOUD_VOICE, self.voices[index].name())

    # ---------------------------------------------------------------- reading
    def _current_surface(self) -> Surface | None:
        from desktop.ui.panels.reading_surfaces import DocumentSurface, SheetSurface

        if self.pages.showing_answer():
            page = self.pages.answer_page
            return DocumentSurface(page.view, page)
        if self.pages.showing_visit_sheet():
            sheet = self.pages.visit_page
            return SheetSurface(sheet, sheet.scroll_area, sheet.title)
        return None

    def toggle(self) -> None:
        """Start reading the page shown, or pause, or resume (Ctrl+Shift+R)."""
        if self.state == "reading":
            self.pause()
        elif self.state == "paused":
            self.resume()
        else:
            self.start()

    def start(self) -> bool:
        """Read the page shown from its first sentence; False when it cannot (said why)."""
        self.stop()
        surface = self._current_surface()
        if surface is None:
            self._tell(NOTHING_OPEN, ready=False)
            return False
        speech = self._engine()
        if speech is None:
            return False
        from desktop.core.read_aloud import sentences

        found = sentences(surface.blocks())
        if not found:
            self._tell(NOTHING_TO_READ)
            return False
        self.surface, self.sentences, self.index = surface, found, 0
        self._answer_id = self.pages.answer_page.answer_id if self.pages.showing_answer() else None
        self._watched = getattr(surface, "view", None)  # an answer: follow its re-layouts
        if self._watched is not None:
            self._watched.textChanged.connect(self._page_redrawn)
        self.state = "reading"
        self._set_play_text(PAUSE)
        self.stop_action.setEnabled(True)
        self._speak()
        return True

    def _speak(self) -> None:
        if self.surface is None or not self.surface.alive():
            self.stop()
            return
        sentence = self.sentences[self.index]
        self.surface.show_sentence(sentence)
        self._tell(f"Reading sentence {self.index + 1} of {len(self.sentences)}")
        self._saying = True
        self.speech.say(sentence.text)

    def _engine_state(self, state: Any) -> None:
        states = type(state)
        if state == states.Error:
            reason = self.speech.errorString() if self.speech is not None else ""
            self.stop()
            self._tell(f"{ENGINE_FAILED}: {reason}" if reason else ENGINE_FAILED, ready=False)
        elif state == states.Ready and self._saying and self.state == "reading":
            self._saying = False
            QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        if self.state != "reading" or self._saying:
            return
        if self.index + 1 >= len(self.sentences):
            self.stop()
            self.window.statusBar().showMessage("Finished reading", 5000)
            return
        self.index += 1
        self._speak()

    def pause(self) -> None:
        """Pause at once (engines that cannot pause stop, and say the sentence again)."""
        if self.state != "reading":
            return
        self.state = "paused"
        self._set_play_text(RESUME)
        if self._can_pause():
            self.speech.pause(type(self.speech).BoundaryHint.Immediate)
        else:
            self._saying = False
            self.speech.stop(type(self.speech).BoundaryHint.Immediate)
        self._tell(f"Paused at sentence {self.index + 1} of {len(self.sentences)}")

    def resume(self) -> None:
        """Go on from where it paused."""
        if self.state != "paused":
            return
        self.state = "reading"
        self._set_play_text(PAUSE)
        if self._saying:
            self.speech.resume()
            self._tell(f"Reading sentence {self.index + 1} of {len(self.sentences)}")
        else:
            self._speak()

    def _can_pause(self) -> bool:
        caps = self.speech.engineCapabilities()
        return bool(caps & type(caps).PauseResume)

    def stop(self) -> None:
        """Stop reading, remove the highlight and close the bar."""
        was = self.state
        self.state = "idle"
        self._saying = False
        if self.speech is not None and was != "idle":
            self.speech.stop(type(self.speech).BoundaryHint.Immediate)
        if self._watched is not None:
            try:
                self._watched.textChanged.disconnect(self._page_redrawn)
            except (RuntimeError, TypeError):
                pass  # already gone with its page
            self._watched = None
        if self.surface is not None and self.surface.alive():
            self.surface.show_sentence(None)
        self.surface, self.sentences, self.index = None, [], 0
        self._set_play_text(PLAY)
        self.stop_action.setEnabled(False)
        if self._bar is not None:
            self._bar.hide()

    def reset(self) -> None:
        """A kiosk's next reader: nothing is being read."""
        self.stop()

    # ------------------------------------------------------- page changes
    def _page_changed(self, _index: int) -> None:
        if self.surface is not None and self.pages.currentWidget() is not self.surface.page:
            self.stop()

    def _page_redrawn(self) -> None:
        """The answer was laid out again (theme, text size, "On your visit sheet"): find
        the sentence again; another answer stops the reading."""
        if self.surface is None or self.state == "idle":
            return
        page = self.pages.made_answer_page()
        if page is None or page.answer_id != self._answer_id:
            self.stop()
            return
        QTimer.singleShot(0, self._refind)

    def _refind(self) -> None:
        if self.surface is None or not self.sentences:
            return
        from desktop.core.read_aloud import sentences

        old = self.sentences[self.index]
        found = sentences(self.surface.blocks())
        if not found:
            self.stop()
            return
        same = [i for i, s in enumerate(found) if s.text == old.text]
        self.sentences = found
        self.index = (
            min(same, key=lambda i: abs(i - self.index))
            if same
            else min(self.index, len(found) - 1)
        )
        self.surface.show_sentence(self.sentences[self.index])
