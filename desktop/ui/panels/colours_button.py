"""The toolbar's colours control, beside the text size: light, dark or as the computer is."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

#: What the button says for each choice (the menu items keep their own words).
SHOWN = {"system": "Colours: as computer", "light": "Colours: light", "dark": "Colours: dark"}


class ColoursButton(QToolButton):
    """Opens the three colour choices (the same actions as View ▸ Colours) and shows the one
    chosen, so the choice sits on the toolbar and not only in a menu."""

    def __init__(
        self, system: QAction, light: QAction, dark: QAction, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.choices = {"system": system, "light": light, "dark": dark}
        menu = QMenu(self)
        menu.setAccessibleName("Colours")
        menu.addActions([system, light, dark])
        self.setMenu(menu)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAccessibleName("Colours")
        self.setToolTip("Light, dark, or as your computer is set")
        for action in self.choices.values():
            action.toggled.connect(lambda _checked: self.show_choice())
            action.changed.connect(self.show_choice)  # enabled / disabled by a lock
        self.show_choice()

    def show_choice(self) -> None:
        """Say the choice in effect (and why it cannot change, when it is locked)."""
        chosen = next((k for k, a in self.choices.items() if a.isChecked()), "system")
        self.setText(SHOWN[chosen])
        self.setAccessibleDescription(f"{SHOWN[chosen]}. Press Space to choose other colours.")
        locked = not any(a.isEnabled() for a in self.choices.values())
        if locked:
            self.setToolTip(self.choices["light"].toolTip())
