"""Colours: Fusion with our own light and dark palettes, and the matching answer CSS.

`setColorScheme` alone changes nothing on most Linux desktops, so we always paint with our own
palettes; "system" picks light or dark from what Qt reports and follows it live.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop.core.resources import resources_dir

R = QPalette.ColorRole
G = QPalette.ColorGroup

#: Role -> colour for each theme. Contrast of every text/background pair is tested (WCAG AA).
PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "Window": "#f4f5f7",
        "WindowText": "#1b1f24",
        "Base": "#ffffff",
        "AlternateBase": "#eef1f5",
        "Text": "#1b1f24",
        "Button": "#e8ebef",
        "ButtonText": "#1b1f24",
        "BrightText": "#ffffff",
        "Highlight": "#1a5fb4",
        "HighlightedText": "#ffffff",
        "Link": "#0b57a4",
        "LinkVisited": "#6a3d9a",
        "ToolTipBase": "#fffbe6",
        "ToolTipText": "#1b1f24",
        "PlaceholderText": "#5c6670",
        "Mid": "#767f89",
        "Dark": "#7b848e",
        "Midlight": "#dde2e8",
        "Light": "#ffffff",
        "Shadow": "#5a626b",
        "Accent": "#1a5fb4",
        "DisabledText": "#6f7882",
    },
    "dark": {
        "Window": "#1e2227",
        "WindowText": "#e8eaed",
        "Base": "#15181c",
        "AlternateBase": "#22272e",
        "Text": "#e8eaed",
        "Button": "#2b3138",
        "ButtonText": "#e8eaed",
        "BrightText": "#ffffff",
        "Highlight": "#2f5d9a",
        "HighlightedText": "#ffffff",
        "Link": "#8ab4f8",
        "LinkVisited": "#c9a7ff",
        "ToolTipBase": "#2b3138",
        "ToolTipText": "#e8eaed",
        "PlaceholderText": "#a2abb5",
        "Mid": "#737d88",
        "Dark": "#0f1215",
        "Midlight": "#353c44",
        "Light": "#4a525c",
        "Shadow": "#000000",
        "Accent": "#8ab4f8",
        "DisabledText": "#8a939d",
    },
}

#: Text/background role pairs people read; each must reach 4.5:1.
TEXT_PAIRS = (
    ("WindowText", "Window"),
    ("Text", "Base"),
    ("Text", "AlternateBase"),
    ("ButtonText", "Button"),
    ("HighlightedText", "Highlight"),
    ("Link", "Base"),
    ("LinkVisited", "Base"),
    ("ToolTipText", "ToolTipBase"),
    ("PlaceholderText", "Base"),
    ("WindowText", "Button"),
)
#: Focus rings (Link colour) and field borders (Mid) are non-text: each must reach 3:1.
NONTEXT_PAIRS = (
    ("Link", "Window"),
    ("Link", "Base"),
    ("Link", "Button"),
    ("Mid", "Window"),
    ("Mid", "Base"),
    ("Mid", "Button"),
)


def system_prefers_dark() -> bool:
    """True when the platform reports a dark colour scheme."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def resolve(theme: str) -> str:
    """ "system" -> "light" or "dark"; the others as they are."""
    if theme == "system":
        return "dark" if system_prefers_dark() else "light"
    return theme if theme in PALETTES else "light"


def make_palette(name: str) -> QPalette:
    """A full QPalette for a theme name ("light" or "dark")."""
    colors = PALETTES[name]
    palette = QPalette()
    for role_name, value in colors.items():
        if role_name == "DisabledText":
            continue
        role = getattr(R, role_name)
        for group in (G.Active, G.Inactive, G.Disabled):
            palette.setColor(group, role, QColor(value))
    for role in (R.WindowText, R.Text, R.ButtonText):
        palette.setColor(G.Disabled, role, QColor(colors["DisabledText"]))
    return palette


@cache
def document_css(name: str) -> str:
    """The answer stylesheet for a theme (resources/styles/answer-<name>.css)."""
    path = resources_dir() / "styles" / f"answer-{name}.css"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


@cache
def app_qss() -> str:
    """Small widget stylesheet shared by both themes (focus rings, spacing)."""
    path = resources_dir() / "styles" / "app.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def apply_theme(app: QApplication, name: str) -> None:
    """Paint the whole app in a resolved theme ("light" or "dark").

    Repainting every widget is the slow part of starting, so a theme already applied is
    not applied again, and the window applies its theme before it creates any widget."""
    if app.property(_APPLIED) == name:
        return
    use_fusion(app)
    app.setPalette(make_palette(name))
    # Set again even when unchanged: widgets styled by the stylesheet keep their old palette
    # until it is re-applied (before any widget exists this costs nothing).
    app.setStyleSheet(app_qss())
    app.setProperty(_APPLIED, name)


def use_fusion(app: QApplication) -> None:
    """Fusion, once: our palettes are made for it. (make_application names it on the
    command line instead, where it costs nothing; this covers an app made elsewhere.)"""
    if not app.property(FUSION_SET):
        app.setStyle("Fusion")
        app.setProperty(FUSION_SET, True)


_APPLIED = "patient-answers-theme"
FUSION_SET = "patient-answers-fusion"


# ------------------------------------------------------------ contrast (WCAG 2)
def relative_luminance(hex_color: str) -> float:
    """WCAG relative luminance of #rrggbb."""
    value = hex_color.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio between two #rrggbb colours (1-21)."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)
