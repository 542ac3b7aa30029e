"""Large text drawn once into a picture, then copied at every paint while it stays the same.

Qt's raster engine keeps glyphs up to 64 device pixels in its glyph cache;
larger ones are filled as outlines each time they are drawn (10 to 30 ms for
a slide's headings on a 4K screen), and that limit cannot be raised for
FreeType fonts (``tests/test_large_text.py``). A slide's large texts are
therefore painted once into a picture of the size of their ink and copied
at each repaint, which is what every frame after a transition, and every
repaint of a neighbouring widget, does.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QTransform

from kiosk.ui.palette import TRANSPARENT

LARGEST_CACHED_GLYPH_PX = 64
"""Qt draws glyphs up to this many device pixels from its glyph cache (``QT_MAX_CACHED_GLYPH_SIZE``'s default)."""
INK_OVERHANG_EM = 0.3
"""Room kept around the laid-out text for ink that reaches past it (accents, italic overhang, swashes)."""


def drawn_as_outlines(font: QFont, device_scale: float) -> bool:
    """True when Qt fills this font's glyphs as outlines at each paint (above its glyph cache's size)."""
    return font.pixelSize() * device_scale > LARGEST_CACHED_GLYPH_PX


def device_scale(painter: QPainter) -> float | None:
    """The painter's scale to device pixels when it only scales evenly and moves; None for any other transform."""
    transform = painter.deviceTransform()
    if transform.type().value > QTransform.TransformationType.TxScale.value or transform.m11() != transform.m22():
        return None
    return transform.m11()


class TextPicture:
    """One text as a picture of its ink, repainted only when the text, font, colour, box or screen changes.

    ``draw`` paints directly whatever Qt already draws quickly (glyphs inside
    its cache) and whatever goes through a rotating or uneven transform.
    """

    def __init__(self) -> None:
        self._key: tuple[object, ...] | None = None
        self._image = QImage()
        self._origin = QPointF()

    def holds_picture(self) -> bool:
        """True while a picture of the text is kept."""
        return not self._image.isNull()

    def clear(self) -> None:
        """Give the picture back (the text is painted again when next drawn)."""
        self._key = None
        self._image = QImage()

    def draw(  # noqa: PLR0913 - drawText's own arguments plus the clip
        self, painter: QPainter, rect: QRectF, flags: int, text: str, font: QFont, colour: QColor, clip: QRect
    ) -> None:
        """Draw ``text`` as ``painter.drawText(rect, flags, text)`` does in ``font`` and ``colour``, within ``clip``."""
        scale = device_scale(painter)
        if scale is None or not self.prepare(scale, rect, flags, text, font, colour, clip):
            _draw_text(painter, rect, flags, text, font, colour)
        elif not self._image.isNull():
            painter.drawImage(self._origin, self._image)

    def prepare(  # noqa: PLR0913 - as ``draw``
        self, scale: float, rect: QRectF, flags: int, text: str, font: QFont, colour: QColor, clip: QRect
    ) -> bool:
        """Paint the picture for ``scale`` device pixels a unit now, unless Qt draws this text quickly (False then)."""
        if not drawn_as_outlines(font, scale):
            self.clear()
            return False
        key = (text, font.key(), colour.name(QColor.NameFormat.HexArgb), rect.getRect(), flags, clip.getRect(), scale)
        if key != self._key:
            self.clear()
            self._paint(scale, rect, flags, text, font, colour, clip)
            self._key = key
        return True

    def _paint(  # noqa: PLR0913 - as ``draw``
        self,
        scale: float,
        rect: QRectF,
        flags: int,
        text: str,
        font: QFont,
        colour: QColor,
        clip: QRect,
    ) -> None:
        laid_out = QFontMetricsF(font).boundingRect(rect, flags, text)
        room = font.pixelSize() * INK_OVERHANG_EM
        ink = laid_out.adjusted(-room, -room, room, room).intersected(QRectF(clip))
        pixels = QRectF(ink.x() * scale, ink.y() * scale, ink.width() * scale, ink.height() * scale)
        left, top = math.floor(pixels.left()), math.floor(pixels.top())
        width, height = math.ceil(pixels.right()) - left, math.ceil(pixels.bottom()) - top
        if width <= 0 or height <= 0:
            return
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(TRANSPARENT)
        picture_painter = QPainter(image)
        picture_painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        picture_painter.setTransform(QTransform.fromScale(scale, scale) * QTransform.fromTranslate(-left, -top))
        _draw_text(picture_painter, rect, flags, text, font, colour)
        picture_painter.end()
        image.setDevicePixelRatio(scale)
        self._image = image
        # The picture's first pixel in the widget's coordinates: on a whole device pixel, as the text's own would be.
        self._origin = QPointF(left / scale, top / scale)


def _draw_text(painter: QPainter, rect: QRectF, flags: int, text: str, font: QFont, colour: QColor) -> None:
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(rect, flags, text)
