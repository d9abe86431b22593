"""The toolbar's text size control: smaller, a size list (80 %-300 %), larger."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QToolButton, QWidget

from desktop.ui.settings import SCALE_STEPS, clamp_scale


def step(scale: float, direction: int) -> float:
    """The next size up (direction 1) or down (-1) from a scale."""
    if direction > 0:
        bigger = [s for s in SCALE_STEPS if s > scale + 1e-6]
        return bigger[0] if bigger else SCALE_STEPS[-1]
    smaller = [s for s in SCALE_STEPS if s < scale - 1e-6]
    return smaller[-1] if smaller else SCALE_STEPS[0]


class TextSizeControl(QWidget):
    """A− [100 %] A+ ; emits `scale_chosen(scale)` when the reader picks a size."""

    scale_chosen = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.smaller = QToolButton(self)
        self.smaller.setText("A−")
        self.smaller.setAccessibleName("Smaller text")
        self.smaller.setAccessibleDescription("Make the text smaller (Ctrl+minus)")
        self.smaller.setToolTip("Smaller text (Ctrl+−)")
        self.larger = QToolButton(self)
        self.larger.setText("A+")
        self.larger.setAccessibleName("Larger text")
        self.larger.setAccessibleDescription("Make the text larger (Ctrl+plus)")
        self.larger.setToolTip("Larger text (Ctrl++)")
        self.combo = QComboBox(self)
        for s in SCALE_STEPS:
            self.combo.addItem(f"{round(s * 100)} %", s)
        self.combo.setAccessibleName("Text size")
        self.combo.setAccessibleDescription(
            "Size of the text in answers and lists, from 80 to 300 percent"
        )
        self.combo.setToolTip("Text size (Ctrl+0 goes back to 100 %)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.smaller)
        layout.addWidget(self.combo)
        layout.addWidget(self.larger)
        self.scale = 1.0
        self.locked = False
        self.smaller.clicked.connect(lambda: self.scale_chosen.emit(step(self.scale, -1)))
        self.larger.clicked.connect(lambda: self.scale_chosen.emit(step(self.scale, 1)))
        self.combo.activated.connect(
            lambda i: self.scale_chosen.emit(float(self.combo.itemData(i)))
        )

    def show_scale(self, scale: float) -> None:
        """Reflect the current scale (no signal)."""
        self.scale = clamp_scale(scale)
        index = min(range(len(SCALE_STEPS)), key=lambda i: abs(SCALE_STEPS[i] - self.scale))
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)
        self.smaller.setEnabled(not self.locked and self.scale > SCALE_STEPS[0])
        self.larger.setEnabled(not self.locked and self.scale < SCALE_STEPS[-1])

    def lock(self, why: str) -> None:
        """The size is fixed (by an administrator): every part disabled, with the reason."""
        self.locked = True
        for part in (self.smaller, self.combo, self.larger):
            part.setEnabled(False)
            part.setToolTip(why)
