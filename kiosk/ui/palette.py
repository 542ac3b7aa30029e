"""Colours, radii, alignments and fonts shared by every view: the one place a colour is written."""

from __future__ import annotations

from functools import cache
from string import Template

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase

from kiosk.paths import resource

BACKGROUND = "#0b1d33"
BACKGROUND_DEEP = "#061222"
TEXT = "#ffffff"
TEXT_SOFT = "#d5e0ee"
TEXT_FAINT = "#a9bbd3"
OUTLINE = "#2a4365"
"""The thin border round cards, menus and the PIN field."""
CONTROL = "#1c3a5e"
"""The face of a key, and a selected menu item."""
CONTROL_PRESSED = "#2f5b8c"
CONTROL_DISABLED = "#10243b"
CONTROL_HIGHLIGHT = "rgba(255, 255, 255, 40)"
"""Laid over a pressed or checked tool button: lighter whatever is under it."""
FOCUS_RING = "#ffd43b"
"""The ring round the control a keyboard or switch user has reached with Tab: bright yellow, unlike any other colour
here, well above 3:1 against every background and control face."""
CONFIRM = "#2e7d5b"
"""The key that confirms (OK)."""
CONFIRM_PRESSED = "#3a9b71"
ALERT_TEXT = "#ffb4a8"
"""A message that something went wrong (a wrong PIN), readable on the dark card."""
TIME_NEARLY = "#f2b134"
"""The presenter's slide timer from 80 % of the slide's target (amber)."""
TIME_OVER = "#ff7a66"
"""The presenter's slide timer past the slide's target (red, readable on the dark background)."""
CODE_INK = BACKGROUND
"""The dark modules of a QR code."""
CODE_PAPER = TEXT
"""The light card behind a QR code (and its quiet zone)."""
# Hours on end on one screen: every standby colour stays dim, none near white.
STANDBY_BACKGROUND = "#03080f"
STANDBY_BACKGROUND_DEEP = "#010306"
STANDBY_TITLE = "#3e4d62"
STANDBY_CLOSED = "#6d7d94"
STANDBY_NEXT = "#55657c"
SCREEN_OFF = "#000000"
"""What a screen shows when the standby screen is blanked."""
TRANSPARENT = Qt.GlobalColor.transparent
"""Where nothing is painted yet: the start of every off-screen picture."""

# Radii of rounded corners, in design units (scale.py turns them into pixels).
CARD_RADIUS = 28
"""Large cards: the PIN keypad, the home screen's theme tiles."""
SLIDE_CARD_RADIUS = 24
"""Cards on a slide: figures, the QR code."""
KEY_RADIUS = 18
"""The keys of the PIN keypad."""
# Radii in the application style sheet, in pixels: Qt style sheets are not scaled.
CONTROL_RADIUS_PX = 12
MENU_ITEM_RADIUS_PX = 8

CENTRED = Qt.AlignmentFlag.AlignCenter
"""Text centred both ways in its box."""
CENTRED_TOP = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
"""Text centred across its box and hanging from its top edge (headings, captions)."""

FONT_FAMILY = "Inter"
FONT_FILES = ("Inter-Regular.otf", "Inter-SemiBold.otf", "Inter-Bold.otf")


@cache
def load_fonts() -> str:
    """Register the bundled fonts once; return the family to use (a fallback when missing)."""
    loaded = False
    for name in FONT_FILES:
        path = resource(f"fonts/{name}")
        if path.is_file() and QFontDatabase.addApplicationFont(str(path)) >= 0:
            loaded = True
    return FONT_FAMILY if loaded else QFont().defaultFamily()


def font(pixel_size: int, weight: QFont.Weight = QFont.Weight.Normal, tabular: bool = False) -> QFont:
    """The deck font at ``pixel_size`` pixels; ``tabular`` gives digits of equal width."""
    result = QFont(load_fonts())
    result.setPixelSize(max(1, pixel_size))
    result.setWeight(weight)
    result.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    if tabular:
        result.setFeature(QFont.Tag("tnum"), 1)
    return result


def mix(colour: str, other: str, amount: float) -> QColor:
    """``colour`` blended towards ``other`` by ``amount`` (0..1)."""
    a, b = QColor(colour), QColor(other)
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def translucent(colour: str, opacity: float) -> QColor:
    """``colour`` with ``opacity`` (0..1) as its alpha."""
    result = QColor(colour)
    result.setAlpha(round(255 * opacity))
    return result


def stylesheet(template: str) -> str:
    """The application style sheet from ``template``, its ``$name`` placeholders filled with this palette's values."""
    return Template(template).substitute(
        text=TEXT,
        background_deep=BACKGROUND_DEEP,
        outline=OUTLINE,
        control=CONTROL,
        control_highlight=CONTROL_HIGHLIGHT,
        control_radius=f"{CONTROL_RADIUS_PX}px",
        menu_item_radius=f"{MENU_ITEM_RADIUS_PX}px",
    )
