"""Icons by name through one module, so changing the icon set is one edit.

The glyphs come from qtawesome's icon fonts (see ``kiosk.deck.icons``); each
font is loaded the first time one of its icons is drawn.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPixmap

from kiosk.deck.icons import glyph
from kiosk.ui.palette import TEXT, TRANSPARENT

log = logging.getLogger(__name__)

FALLBACK = "fa6s.circle-info"
GLYPH_SHARE = 0.875
"""The glyph's height as a share of the icon's box, as icon fonts are designed to sit."""
UI_ICONS: dict[str, str] = {
    "home": "fa6s.house",
    "previous": "fa6s.chevron-left",
    "next": "fa6s.chevron-right",
    "language": "fa6s.language",
    "speak": "fa6s.volume-high",
    "missing-image": "fa6s.image",
    "source": "fa6s.book-open",
    "touch": "fa6s.hand-pointer",
    "backspace": "fa6s.delete-left",
    "confirm": "fa6s.check",
}


@functools.cache
def _family(font_file: Path) -> str | None:
    font_id = QFontDatabase.addApplicationFont(str(font_file))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("icon font cannot be loaded: %s", font_file)
        return None
    return families[0]


class GlyphIconEngine(QIconEngine):
    """Draws one icon-font glyph at any size, in one colour (half-transparent when disabled)."""

    def __init__(self, family: str, character: str, colour: QColor) -> None:
        super().__init__()
        self.family, self.character, self.colour = family, character, QColor(colour)
        self._pixmaps: dict[tuple[int, int, int], QPixmap] = {}

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        font = QFont(self.family)
        font.setPixelSize(max(1, round(GLYPH_SHARE * min(rect.width(), rect.height()))))
        colour = QColor(self.colour)
        if mode == QIcon.Mode.Disabled:
            colour.setAlphaF(colour.alphaF() * 0.4)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(QRectF(rect), int(Qt.AlignmentFlag.AlignCenter), self.character)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        key = (size.width(), size.height(), int(mode.value))
        cached = self._pixmaps.get(key)
        if cached is None:
            cached = self._pixmaps[key] = self._render(size, mode, state)
        return cached

    def _render(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(TRANSPARENT)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> GlyphIconEngine:
        return GlyphIconEngine(self.family, self.character, self.colour)


def icon(name: str, colour: str | QColor = TEXT) -> QIcon:
    """A user-interface icon by its role (``icon("next")``) or an icon name from a deck ('fa6s.flask')."""
    return _icon(UI_ICONS.get(name, name), QColor(colour).name(QColor.NameFormat.HexArgb))


@functools.lru_cache(maxsize=64)
def _icon(qt_name: str, colour: str) -> QIcon:
    """One icon object per name and colour, so its rendered pixmaps are kept between paints."""
    found = glyph(qt_name)
    if found is None:
        log.warning("unknown icon %r; using %r", qt_name, FALLBACK)
        found = glyph(FALLBACK)
    family = _family(found[0]) if found is not None else None
    if found is None or family is None:
        return QIcon()
    return QIcon(GlyphIconEngine(family, found[1], QColor(colour)))
