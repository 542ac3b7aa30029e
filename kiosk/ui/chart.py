"""What the charts of ``kiosk rehearsals --plot`` and ``kiosk stats --plot`` share.

``ChartWidget`` shows a chart in a widget and ``save_chart`` writes one to a PNG
offscreen; between them, the background and margin, the title with its subtitle
line, the grid and its round steps. Sizes are design units of a 1920x1080 chart,
scaled to the picture.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QImageWriter, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from kiosk.ui import palette
from kiosk.ui.scale import DESIGN_LANDSCAPE

PLOT_SIZE = DESIGN_LANDSCAPE
"""The PNG's size in pixels: a full-HD picture, legible on a screen or a slide."""

MARGIN = 64
TITLE_FONT = 56
SUBTITLE_FONT = 34
GRID_LINE = 2

PaintChart = Callable[[QPainter, QRectF], None]
"""Draws a chart into the given area with the given painter."""


def chart_unit(area: QRectF) -> float:
    """The scale of one design unit in ``area``, keeping the 1920x1080 chart's proportions."""
    return min(area.width() / DESIGN_LANDSCAPE[0], area.height() / DESIGN_LANDSCAPE[1])


def title_fonts(unit: float) -> tuple[QFont, QFont]:
    """The title's font and the subtitle line's, at ``unit``."""
    return palette.font(round(TITLE_FONT * unit), QFont.Weight.Bold), palette.font(round(SUBTITLE_FONT * unit))


def begin_chart(painter: QPainter, area: QRectF, unit: float) -> QRectF:
    """Save the painter, turn antialiasing on and fill ``area``; returns the area inside the margin.

    The caller restores the painter when the chart is drawn.
    """
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(area, QColor(palette.BACKGROUND))
    return area.adjusted(MARGIN * unit, MARGIN * unit, -MARGIN * unit, -MARGIN * unit)


def write_line(painter: QPainter, box: QRectF, font: QFont, colour: str, text: str, align: Qt.AlignmentFlag) -> None:
    """Write ``text`` in ``box``, vertically centred and aligned by ``align``."""
    painter.setFont(font)
    painter.setPen(QColor(colour))
    painter.drawText(box, align | Qt.AlignmentFlag.AlignVCenter, text)


def paint_heading(painter: QPainter, inner: QRectF, fonts: tuple[QFont, QFont], title: str, subtitle: str) -> float:
    """The title over a softer subtitle line at the top of ``inner``; returns where they end."""
    title_font, subtitle_font = fonts
    left = Qt.AlignmentFlag.AlignLeft
    title_height = QFontMetricsF(title_font).height()
    write_line(painter, QRectF(inner.left(), inner.top(), inner.width(), title_height), title_font, palette.TEXT,
               title, left)  # fmt: skip
    subtitle_height = QFontMetricsF(subtitle_font).height()
    top = inner.top() + title_height
    write_line(painter, QRectF(inner.left(), top, inner.width(), subtitle_height), subtitle_font, palette.TEXT_SOFT,
               subtitle, left)  # fmt: skip
    return top + subtitle_height


def grid_pen(unit: float) -> QPen:
    """The pen of a grid line, never thinner than a pixel."""
    return QPen(QColor(palette.OUTLINE), max(1.0, GRID_LINE * unit))


def grid_step(longest: float, steps: Sequence[int], max_lines: int) -> int:
    """The smallest of ``steps`` that needs at most ``max_lines`` lines to reach ``longest``."""
    return next((step for step in steps if longest / step <= max_lines), steps[-1])


def save_chart(paint: PaintChart, path: Path, size: tuple[int, int] = PLOT_SIZE) -> bool:
    """Draw a chart with ``paint`` into a PNG at ``path``; False when it cannot be saved. Needs a QGuiApplication."""
    image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    image.fill(QColor(palette.BACKGROUND))
    painter = QPainter(image)
    try:
        paint(painter, QRectF(0, 0, size[0], size[1]))
    finally:
        painter.end()
    return QImageWriter(str(path), QByteArray(b"png")).write(image)  # PNG whatever the name ends in


class ChartWidget(QWidget):
    """A chart as a widget: subclasses draw it in ``paint_chart``."""

    def paint_chart(self, painter: QPainter, area: QRectF) -> None:
        """Draw the chart into ``area``."""
        raise NotImplementedError

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        try:
            self.paint_chart(painter, QRectF(self.rect()))
        finally:
            painter.end()
