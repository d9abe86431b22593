"""Colours: Fusion with our own light and dark palettes, and the matching answer CSS.

`setColorScheme` alone changes nothing on most Linux desktops, so we always paint with our own
palettes; "system" picks light or dark from what Qt reports and follows it live.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QWidget

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
    # until it is re-applied (before any widget exists this costs nothing). Re-applying it
    # also drops every font a widget was given (the lists at the reader's text size fell back
    # to the small default), so those fonts are put back.
    _set_style_sheet(app, app_qss())
    app.setProperty(_APPLIED, name)


def _set_style_sheet(app: QApplication, qss: str) -> None:
    """Set the app stylesheet, keeping every font a widget was given."""
    chosen = [
        (widget, QFont(widget.font()))
        for widget in app.allWidgets()
        if widget.testAttribute(Qt.WidgetAttribute.WA_SetFont)
    ]
    app.setStyleSheet(qss)
    for widget, font in chosen:
        if widget.font() != font:
            widget.setFont(font)


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


# ------------------------------------------------------------- interface text size
_BASE_POINTS = "patient-answers-base-points"
INTERFACE_MOST = 2.0
_FONT_FACTOR = "patient-answers-font-factor"
#: Class fonts some desktops set apart from the application font (they would stay small).
_CHROME_CLASSES = ("QMenu", "QMenuBar", "QToolBar", "QToolButton", "QTabBar", "QStatusBar")


def base_point_size() -> float:
    """The desktop's interface font size (points) before the reader's text size: pages and
    lists measure from it, so scaling the interface does not scale them twice."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return 9.0
    value = app.property(_BASE_POINTS)
    if value is None:
        value = app.font().pointSizeF()
        if value <= 0:  # a font in pixels
            value = 9.0
        app.setProperty(_BASE_POINTS, value)
    return float(value)


def interface_point_size(scale: float) -> float:
    """The menus', toolbar's, tabs', status bar's and dialogs' text size at a text scale:
    never smaller than the desktop's own (80 % shrinks the reading text only) and at most
    INTERFACE_MOST (twice) the desktop's, while the reading text goes on to 300 %.

    Why a cap, seen in the default 1,200 x 800 window at 300 % text: at twice the desktop's
    size (18 pt on a 9 pt desktop) every menu, tab, button, status bar label and dialog is
    shown whole, the reading toolbar takes a second row, and the reading pane keeps 660 px
    of width. Following the text to three times (27 pt), the four side tabs alone take
    690 px, leaving the reading pane 490 px (three or four words a line at 300 %), the
    status bar and the private-mode badge are cut at the window's edge, and Read aloud goes
    behind the toolbar's "»": the interface would be larger but no longer readable whole."""
    return round(base_point_size() * min(INTERFACE_MOST, max(1.0, scale)), 1)


def scale_interface(scale: float) -> None:
    """Make the whole interface follow the reader's text size: the application font (every
    widget without a font of its own, and every dialog opened later) and the widgets marked
    with `follow_interface` (a factor of the interface size)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    points = interface_point_size(scale)
    font = QFont(app.font())
    if abs(font.pointSizeF() - points) > 0.05:
        font.setPointSizeF(points)
        app.setFont(font)
        for name in _CHROME_CLASSES:
            app.setFont(font, name)  # type: ignore[arg-type]  # stub: bytes; runtime: str
        if app.styleSheet():  # widgets styled by it keep their old font until it is re-set
            _set_style_sheet(app, app.styleSheet())
    for widget in app.allWidgets():
        factor = widget.property(_FONT_FACTOR)
        if factor is not None:
            _set_points(widget, points * float(factor))


def follow_interface(widget: QWidget, factor: float = 1.0, *, bold: bool | None = None) -> None:
    """Give a widget `factor` times the interface text size, now and when it changes (a
    widget with a font of its own otherwise keeps it when the interface grows)."""
    widget.setProperty(_FONT_FACTOR, factor)
    font = QFont(widget.font())
    if bold is not None:
        font.setBold(bold)
        widget.setFont(font)
    app = QApplication.instance()
    points = app.font().pointSizeF() if isinstance(app, QApplication) else base_point_size()
    _set_points(widget, points * factor)


def _set_points(widget: QWidget, points: float) -> None:
    font = QFont(widget.font())
    if abs(font.pointSizeF() - points) > 0.05:
        font.setPointSizeF(points)
        widget.setFont(font)


def app_icon() -> QIcon:
    """The app icon from its pixel-exact PNGs (16-256 px); the SVG scales blurrily when small."""
    folder = resources_dir() / "icons" / "app"
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        png = folder / f"patient-answers-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    return icon
