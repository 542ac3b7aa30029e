"""Colours, radii, alignments and fonts shared by every view: the one place a colour is written."""

from __future__ import annotations

from dataclasses import dataclass
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

# High contrast (the visitor's display mode): white on black, nothing behind the text, every text at least 7:1.
HIGH_CONTRAST_BACKGROUND = "#000000"
HIGH_CONTRAST_TEXT = "#ffffff"
HIGH_CONTRAST_TEXT_FAINT = "#d9d9d9"
"""Sources and addresses: a step below white, still 14:1 on black."""
HIGH_CONTRAST_OUTLINE = "#ffffff"
"""Cards and tiles are outlined instead of tinted."""
HIGH_CONTRAST_PRESSED = "#333333"
"""A pressed tile or a selected menu item: white text on it is 12.6:1."""
HIGH_CONTRAST_LIGHT = "#ffffff"
"""What a theme's accent is lightened towards until it reaches HIGH_CONTRAST_MINIMUM on black."""
HIGH_CONTRAST_MINIMUM = 7.0
"""WCAG 2.x AAA for body text: every text in high contrast reaches it against everything beneath it."""
ACCENT_LIGHTEN_STEP = 0.05


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


def relative_luminance(colour: str | QColor) -> float:
    """WCAG 2.x relative luminance of an opaque colour: 0 for black, 1 for white."""
    c = QColor(colour)

    def linear(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF())


def contrast_ratio(first: str | QColor, second: str | QColor) -> float:
    """WCAG 2.x contrast ratio of two opaque colours, 1 (the same) to 21 (black and white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@cache
def high_contrast_accent(accent: str) -> str:
    """``accent`` lightened just enough to reach HIGH_CONTRAST_MINIMUM on the high-contrast background."""
    amount = 0.0
    while amount < 1.0:
        candidate = mix(accent, HIGH_CONTRAST_LIGHT, amount).name()
        if contrast_ratio(candidate, HIGH_CONTRAST_BACKGROUND) >= HIGH_CONTRAST_MINIMUM:
            return candidate
        amount += ACCENT_LIGHTEN_STEP
    return HIGH_CONTRAST_LIGHT


@dataclass(frozen=True)
class Colours:
    """The colours a view draws with in one display mode: as designed, or high contrast."""

    high_contrast: bool
    background: str
    background_deep: str
    text: str
    text_soft: str
    text_faint: str
    outline: str
    """Round cards and menus (in high contrast, cards are outlined instead of tinted)."""
    control: str
    """A pressed tile, a selected menu item."""
    control_highlight: str
    """Laid over a pressed or checked tool button."""

    def accent(self, theme_accent: str) -> str:
        """The theme's accent as drawn in this mode (lightened to 7:1 on black in high contrast)."""
        return high_contrast_accent(theme_accent) if self.high_contrast else theme_accent


AS_DESIGNED_COLOURS = Colours(
    high_contrast=False,
    background=BACKGROUND,
    background_deep=BACKGROUND_DEEP,
    text=TEXT,
    text_soft=TEXT_SOFT,
    text_faint=TEXT_FAINT,
    outline=OUTLINE,
    control=CONTROL,
    control_highlight=CONTROL_HIGHLIGHT,
)
HIGH_CONTRAST_COLOURS = Colours(
    high_contrast=True,
    background=HIGH_CONTRAST_BACKGROUND,
    background_deep=HIGH_CONTRAST_BACKGROUND,
    text=HIGH_CONTRAST_TEXT,
    text_soft=HIGH_CONTRAST_TEXT,
    text_faint=HIGH_CONTRAST_TEXT_FAINT,
    outline=HIGH_CONTRAST_OUTLINE,
    control=HIGH_CONTRAST_PRESSED,
    control_highlight=HIGH_CONTRAST_PRESSED,
)


def colours(high_contrast: bool) -> Colours:
    """The colours for the visitor's display mode (``AccessModes.high_contrast``)."""
    return HIGH_CONTRAST_COLOURS if high_contrast else AS_DESIGNED_COLOURS


CHECKED_BORDER_PX = 3
"""A checked tool button (read aloud on) is outlined as well as lighter: its state is not told by colour alone."""


def stylesheet(template: str, high_contrast: bool = False) -> str:
    """The application style sheet from ``template``, its ``$name`` placeholders filled with this palette's values
    (the high-contrast ones with ``high_contrast``)."""
    chosen = colours(high_contrast)
    return Template(template).substitute(
        text=chosen.text,
        background_deep=chosen.background_deep,
        outline=chosen.outline,
        control=chosen.control,
        control_highlight=chosen.control_highlight,
        control_radius=f"{CONTROL_RADIUS_PX}px",
        menu_item_radius=f"{MENU_ITEM_RADIUS_PX}px",
        checked_border=f"{CHECKED_BORDER_PX}px",
    )


def application_stylesheet(high_contrast: bool = False) -> str:
    """The application style sheet (resources/styles/kiosk.qss) for the display mode: set it on the QApplication
    when high contrast is switched."""
    return stylesheet(resource("styles/kiosk.qss").read_text(encoding="utf-8"), high_contrast)
