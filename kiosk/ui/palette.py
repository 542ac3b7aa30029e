"""Colours, radii, alignments and fonts shared by every view: the one place a colour is written."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase

from kiosk.paths import resource

BACKGROUND = "#0b1d33"
BACKGROUND_DEEP = "#061222"
TEXT = "#ffffff"
TEXT_SOFT = "#d5e0ee"
TEXT_FAINT = "#a9bbd3"

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
