"""The ``image`` slide: a picture with an optional heading and caption; a placeholder when it cannot be shown."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImageReader, QPainter, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from kiosk.core import strings
from kiosk.deck.schema import ImageSlide
from kiosk.ui.fit_text import FitText
from kiosk.ui.icons import icon
from kiosk.ui.palette import CENTRED, CENTRED_TOP, TRANSPARENT
from kiosk.ui.scale import Scale
from kiosk.ui.slides.base import SlideView, draw_image
from kiosk.ui.slides.layout import framed_picture

log = logging.getLogger(__name__)

PLACEHOLDER_DASH = 6
PLACEHOLDER_LINE = 2
"""Design units: the dashed frame where a missing picture would be."""


class ImageSlideView(SlideView):
    """A picture fitted into the slide, keeping its proportions."""

    slide: ImageSlide

    def build(self) -> None:
        self.heading = self.add_text(self.slide.heading, weight=QFont.Weight.Bold, balanced=True)
        self.caption = self.add_text(self.slide.caption, colour=self.colours.text_soft, alignment=CENTRED_TOP)
        self.placeholder = FitText("", self, colour=self.colours.text_faint, alignment=CENTRED)
        self._picture = QRect()
        self._picture_cache: QPixmap | None = None
        self.image_missing = not image_readable(self.slide.image)
        self._show_placeholder(self.image_missing)

    def place(self, scale: Scale, content: QRect) -> None:
        self._picture = framed_picture(self.heading, self.caption, scale, content)
        self.placeholder.set_preferred_pixel_size(scale.px(scale.metrics.label_font))
        lower = self._picture.adjusted(0, self._picture.height() // 2, 0, 0)
        self.placeholder.setGeometry(lower)

    def text_widgets(self) -> list[QWidget]:
        return [*super().text_widgets(), self.placeholder]

    def paint_decor(self, painter: QPainter, scale: Scale) -> None:
        picture = None if self.image_missing else self._rendered_picture()
        if picture is not None:
            painter.drawPixmap(self._picture.topLeft(), picture)
            return
        if not self.image_missing:
            self.image_missing = True
            self._show_placeholder(True)
        pen = QPen(QColor(self.colours.text_faint), scale.px(PLACEHOLDER_LINE), Qt.PenStyle.DashLine)
        pen.setDashPattern([PLACEHOLDER_DASH, PLACEHOLDER_DASH])
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self._picture)
        size = scale.px(scale.metrics.icon)
        glyph = icon("missing-image", self.colours.text_faint).pixmap(QSize(size, size))
        painter.drawPixmap(self._picture.center().x() - size // 2, self._picture.center().y() - size, glyph)

    def prepare_paint(self) -> None:
        super().prepare_paint()
        if not self.image_missing:
            self._rendered_picture()

    def _rendered_picture(self) -> QPixmap | None:
        """The picture scaled to its place, drawn once per size (counters and the like repaint often)."""
        if self._picture.isEmpty() or self.slide.image is None:
            return None
        if self._picture_cache is None or self._picture_cache.size() != self._picture.size():
            pixmap = QPixmap(self._picture.size())
            pixmap.fill(TRANSPARENT)
            painter = QPainter(pixmap)
            drawn = draw_image(painter, self.slide.image, QRectF(pixmap.rect()))
            painter.end()
            self._picture_cache = pixmap if drawn else None
        return self._picture_cache

    def set_language(self, language: str) -> None:
        super().set_language(language)
        self._show_placeholder(self.image_missing)
        self.describe()

    def _show_placeholder(self, missing: bool) -> None:
        name = self.slide.image.name if self.slide.image is not None else "?"
        self.placeholder.setText(strings.text("image_not_available", self.language, name=name))
        self.placeholder.setVisible(missing)


def image_readable(path: Path | None) -> bool:
    """True when ``path`` is an image Qt can draw; a missing or corrupt file is logged and gets a placeholder."""
    if path is None or not path.is_file():
        log.warning("image not found: %s", path)
        return False
    if path.suffix.lower() == ".svg":
        readable = QSvgRenderer(str(path)).isValid()
    else:
        reader = QImageReader(str(path))
        readable = reader.canRead() and not reader.size().isEmpty()
    if not readable:
        log.warning("image cannot be read: %s", path)
    return readable
