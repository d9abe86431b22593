"""The Read aloud bar: play/pause, stop, speed, voice, and what is happening, in words."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy, QToolBar, QToolButton, QWidget

#: Speed choices: label -> QTextToSpeech rate (-1 slowest .. 1 fastest).
SPEEDS = (("Slower", -0.4), ("Slow", -0.2), ("Normal", 0.0), ("Fast", 0.25), ("Faster", 0.5))
NORMAL_SPEED = 2


class ReadAloudBar(QToolBar):
    """A bar at the bottom of the window, shown while reading (or to say why it cannot)."""

    speed_changed = Signal(float)
    voice_changed = Signal(int)

    def __init__(self, play: QAction, stop: QAction, parent: QWidget | None = None) -> None:
        super().__init__("Read aloud", parent)
        self.setObjectName("read-aloud-bar")
        self.setAccessibleName("Read aloud")
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addActions([play, stop])
        self.speed = QComboBox(self)
        for label, _rate in SPEEDS:
            self.speed.addItem(label)
        self.speed.setCurrentIndex(NORMAL_SPEED)
        self.speed.setAccessibleName("Reading speed")
        self.speed.setToolTip("How fast the text is read")
        self.voice = QComboBox(self)
        self.voice.setAccessibleName("Voice")
        self.voice.setToolTip("The voice that reads")
        self.voice.setMinimumContentsLength(12)
        self.status = QLabel("", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.status.setAccessibleDescription("Read aloud status")
        self.addSeparator()
        self.addWidget(QLabel("Speed:", self))
        self.addWidget(self.speed)
        self.addWidget(QLabel("Voice:", self))
        self.addWidget(self.voice)
        self.addSeparator()
        self.addWidget(self.status)
        for button in self.findChildren(QToolButton):
            action = button.defaultAction()
            if action is not None:
                button.setAccessibleName(action.text().replace("&", ""))
                button.setAccessibleDescription(action.statusTip())
        self.speed.currentIndexChanged.connect(lambda i: self.speed_changed.emit(SPEEDS[i][1]))
        self.voice.currentIndexChanged.connect(self.voice_changed)
        self.hide()

    def choose_speed(self, label: str) -> None:
        """Start at a remembered speed (no signal; unknown labels keep Normal)."""
        labels = [name for name, _rate in SPEEDS]
        if label in labels:
            self.speed.blockSignals(True)
            self.speed.setCurrentIndex(labels.index(label))
            self.speed.blockSignals(False)

    def set_voices(self, names: list[str], current: int) -> None:
        """Fill the voice list (no signal while filling)."""
        self.voice.blockSignals(True)
        self.voice.clear()
        self.voice.addItems(names)
        self.voice.setCurrentIndex(max(0, current))
        self.voice.setEnabled(len(names) > 1)
        self.voice.blockSignals(False)

    def say(self, text: str) -> None:
        """Show what is happening (also read by screen readers)."""
        self.status.setText(text)

    def show_controls(self, ready: bool) -> None:
        """Speed and voice only make sense with a voice."""
        self.speed.setEnabled(ready)
        self.voice.setEnabled(ready and self.voice.count() > 1)
