"""The engagement chart: time on each slide (median and upper quartile) beside visits per hour of the day.

``paint_engagement_chart`` draws with any painter; ``EngagementChart`` shows it in
a widget and ``save_engagement_plot`` writes it to a PNG offscreen for
``kiosk stats --plot``. Sizes are design units of a 1920x1080 chart, scaled to
the picture.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QImageWriter, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from kiosk.core.engagement import Engagement, SlideFigures
from kiosk.ui import palette
from kiosk.ui.scale import DESIGN_LANDSCAPE

PLOT_SIZE = DESIGN_LANDSCAPE
"""The PNG's size in pixels: a full-HD picture, legible on a screen or a slide."""

MARGIN = 64
TITLE_FONT = 56
SUBTITLE_FONT = 34
PANEL_FONT = 38
LABEL_FONT = 30
VALUE_FONT = 26
GRID_LINE = 2
DWELL_SHARE = 0.58
"""Share of the width for the time on each slide; visits per hour take the rest."""
PANEL_GAP = 72
MAX_SLIDE_ROWS = 14
"""The most-viewed slides shown; more would make each row too thin to read across a room."""
HOUR_LABEL_EVERY = 3
GRID_STEPS = (1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 1200, 3600)
MAX_GRID_LINES = 5
HEADROOM = 1.08
"""The axes reach this much past the longest bar, so no bar touches the edge and its value fits beside it."""
MAX_ROW = 96
"""The tallest row of the dwell bars: with few slides they stay bars, not blocks."""

MEDIAN_COLOUR = palette.TEXT
QUARTILE_COLOUR = palette.CONTROL_PRESSED
HOURS_COLOUR = palette.CONFIRM_PRESSED


@dataclass(frozen=True)
class _Fonts:
    title: QFont
    subtitle: QFont
    panel: QFont
    label: QFont
    value: QFont


def paint_engagement_chart(painter: QPainter, area: QRectF, figures: Engagement) -> None:
    """Draw ``figures`` into ``area``: a title, bars of dwell per slide on the left, visits per hour on the right."""
    unit = min(area.width() / DESIGN_LANDSCAPE[0], area.height() / DESIGN_LANDSCAPE[1])
    fonts = _Fonts(
        palette.font(round(TITLE_FONT * unit), QFont.Weight.Bold),
        palette.font(round(SUBTITLE_FONT * unit)),
        palette.font(round(PANEL_FONT * unit), QFont.Weight.DemiBold),
        palette.font(round(LABEL_FONT * unit), tabular=True),
        palette.font(round(VALUE_FONT * unit), QFont.Weight.DemiBold, tabular=True),
    )
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(area, QColor(palette.BACKGROUND))
    inner = area.adjusted(MARGIN * unit, MARGIN * unit, -MARGIN * unit, -MARGIN * unit)
    top = _paint_heading(painter, inner, figures, fonts) + 40 * unit
    left_width = (inner.width() - PANEL_GAP * unit) * DWELL_SHARE
    _paint_dwell(painter, QRectF(inner.left(), top, left_width, inner.bottom() - top), figures, fonts, unit)
    right = inner.left() + left_width + PANEL_GAP * unit
    _paint_hours(painter, QRectF(right, top, inner.right() - right, inner.bottom() - top), figures, fonts, unit)
    painter.restore()


def _line(painter: QPainter, box: QRectF, font: QFont, colour: str, text: str, align: Qt.AlignmentFlag) -> None:
    painter.setFont(font)
    painter.setPen(QColor(colour))
    painter.drawText(box, align | Qt.AlignmentFlag.AlignVCenter, text)


def _paint_heading(painter: QPainter, inner: QRectF, figures: Engagement, fonts: _Fonts) -> float:
    """The title (the kiosk) and a line with the period and the visits; returns where it ends."""
    left = Qt.AlignmentFlag.AlignLeft
    title_height = QFontMetricsF(fonts.title).height()
    _line(painter, QRectF(inner.left(), inner.top(), inner.width(), title_height), fonts.title, palette.TEXT,
          f"Engagement: {figures.kiosk}", left)  # fmt: skip
    period = ""
    if figures.first is not None and figures.last is not None:
        period = f"{figures.first:%Y-%m-%d} to {figures.last:%Y-%m-%d}   ·   "
    median = "" if figures.median_visit_s is None else f", median length {figures.median_visit_s:.0f} s"
    visits = "1 visit" if figures.visits == 1 else f"{figures.visits} visits"
    subtitle_height = QFontMetricsF(fonts.subtitle).height()
    top = inner.top() + title_height
    _line(painter, QRectF(inner.left(), top, inner.width(), subtitle_height), fonts.subtitle, palette.TEXT_SOFT,
          f"{period}{visits}{median}", left)  # fmt: skip
    return top + subtitle_height


def _grid_step(longest: float) -> int:
    """The smallest round step that needs at most ``MAX_GRID_LINES`` lines to reach ``longest``."""
    return next((step for step in GRID_STEPS if longest / step <= MAX_GRID_LINES), GRID_STEPS[-1])


def _paint_dwell(painter: QPainter, area: QRectF, figures: Engagement, fonts: _Fonts, unit: float) -> None:
    """One row per slide (the most viewed, in deck order): the upper quartile as a wide bar, the median over it."""
    viewed = [slide for slide in figures.slides if slide.views]
    chosen = sorted(sorted(viewed, key=lambda s: -s.views)[:MAX_SLIDE_ROWS], key=lambda s: (s.theme, s.slide))
    title = "Time on each slide (s)"
    if len(viewed) > len(chosen):
        title = f"Time on the {len(chosen)} most viewed slides (s)"
    header = QFontMetricsF(fonts.panel).height()
    _line(painter, QRectF(area.left(), area.top(), area.width(), header), fonts.panel, palette.TEXT, title,
          Qt.AlignmentFlag.AlignLeft)  # fmt: skip
    legend_top = area.top() + header + 8 * unit
    label_metrics = QFontMetricsF(fonts.label)
    swatch = LABEL_FONT * unit
    x = area.left()
    for colour, text in ((MEDIAN_COLOUR, "median"), (QUARTILE_COLOUR, "upper quartile (3 in 4 visitors left sooner)")):
        painter.fillRect(QRectF(x, legend_top + (label_metrics.height() - swatch) / 2, swatch, swatch), QColor(colour))
        box = QRectF(x + swatch + 12 * unit, legend_top, label_metrics.horizontalAdvance(text) + 4, swatch * 1.4)
        _line(painter, box, fonts.label, palette.TEXT_SOFT, text, Qt.AlignmentFlag.AlignLeft)
        x = box.right() + 36 * unit
    plot_top = legend_top + label_metrics.height() + 28 * unit
    if not chosen:
        _line(painter, QRectF(area.left(), plot_top, area.width(), header), fonts.label, palette.TEXT_FAINT,
              "No slide viewed by a visitor", Qt.AlignmentFlag.AlignLeft)  # fmt: skip
        return
    longest = (max(s.upper_quartile_dwell_s or 0.0 for s in chosen) or 1.0) * HEADROOM
    step = _grid_step(longest)
    axis_end = max(step, math.ceil(longest / step) * step)
    name_width = max(label_metrics.horizontalAdvance(s.key) for s in chosen) + 20 * unit
    axis_height = label_metrics.height() + 8 * unit
    plot = QRectF(area.left() + name_width, plot_top, area.width() - name_width, area.bottom() - plot_top - axis_height)

    def x_of(seconds: float) -> float:
        return plot.left() + plot.width() * min(seconds, axis_end) / axis_end

    for mark in range(0, int(axis_end) + 1, step):
        painter.setPen(QPen(QColor(palette.OUTLINE), max(1.0, GRID_LINE * unit)))
        painter.drawLine(QPointF(x_of(mark), plot.top()), QPointF(x_of(mark), plot.bottom()))
        box = QRectF(x_of(mark) - 60 * unit, plot.bottom() + 8 * unit, 120 * unit, label_metrics.height())
        _line(painter, box, fonts.label, palette.TEXT_FAINT, str(mark), Qt.AlignmentFlag.AlignHCenter)
    row = min(plot.height() / len(chosen), MAX_ROW * unit)
    for index, slide in enumerate(chosen):
        _paint_dwell_row(painter, QRectF(area.left(), plot.top() + index * row, area.width(), row), plot, slide,
                         x_of, fonts, unit)  # fmt: skip


def _paint_dwell_row(painter: QPainter, band: QRectF, plot: QRectF, slide: SlideFigures,
                     x_of: Callable[[float], float], fonts: _Fonts, unit: float) -> None:  # fmt: skip
    """A slide's name, its upper-quartile bar, its median bar over it and the median written at its end."""
    _line(painter, QRectF(band.left(), band.top(), plot.left() - band.left() - 16 * unit, band.height()), fonts.label,
          palette.TEXT_SOFT, slide.key, Qt.AlignmentFlag.AlignRight)  # fmt: skip
    quartile, median = slide.upper_quartile_dwell_s or 0.0, slide.median_dwell_s or 0.0
    wide = QRectF(plot.left(), band.top() + band.height() * 0.15, x_of(quartile) - plot.left(), band.height() * 0.7)
    painter.fillRect(wide, QColor(QUARTILE_COLOUR))
    narrow = QRectF(plot.left(), band.top() + band.height() * 0.3, x_of(median) - plot.left(), band.height() * 0.4)
    painter.fillRect(narrow, QColor(MEDIAN_COLOUR))
    text = f"{median:.0f}"
    value_width = QFontMetricsF(fonts.value).horizontalAdvance(text) + 8 * unit
    if narrow.width() > value_width + 16 * unit:  # written dark inside the median bar's end
        box = QRectF(narrow.right() - value_width - 8 * unit, band.top(), value_width, band.height())
        colour = palette.BACKGROUND
    else:
        box = QRectF(max(wide.right(), narrow.right()) + 8 * unit, band.top(), value_width, band.height())
        colour = palette.TEXT
    _line(painter, box, fonts.value, colour, text, Qt.AlignmentFlag.AlignRight)


def _paint_hours(painter: QPainter, area: QRectF, figures: Engagement, fonts: _Fonts, unit: float) -> None:
    """Visits that began in each hour of the day, 0 to 23, as columns with their counts."""
    header = QFontMetricsF(fonts.panel).height()
    _line(painter, QRectF(area.left(), area.top(), area.width(), header), fonts.panel, palette.TEXT,
          "Visits per hour of day", Qt.AlignmentFlag.AlignLeft)  # fmt: skip
    label_metrics = QFontMetricsF(fonts.label)
    value_metrics = QFontMetricsF(fonts.value)
    top = area.top() + header + label_metrics.height() + 36 * unit + value_metrics.height()
    most = max((hour.visits for hour in figures.hours), default=0) * HEADROOM or 1.0
    step = _grid_step(most)
    axis_end = max(step, math.ceil(most / step) * step)
    axis_width = label_metrics.horizontalAdvance(str(axis_end)) + 16 * unit
    plot = QRectF(area.left() + axis_width, top, area.width() - axis_width,
                  area.bottom() - top - label_metrics.height() - 8 * unit)  # fmt: skip
    for mark in range(0, axis_end + 1, step):
        y = plot.bottom() - plot.height() * mark / axis_end
        painter.setPen(QPen(QColor(palette.OUTLINE), max(1.0, GRID_LINE * unit)))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        box = QRectF(area.left(), y - label_metrics.height() / 2, axis_width - 12 * unit, label_metrics.height())
        _line(painter, box, fonts.label, palette.TEXT_FAINT, str(mark), Qt.AlignmentFlag.AlignRight)
    column = plot.width() / len(figures.hours)
    for index, hour in enumerate(figures.hours):
        left = plot.left() + index * column
        height = plot.height() * hour.visits / axis_end
        painter.fillRect(
            QRectF(left + column * 0.12, plot.bottom() - height, column * 0.76, height), QColor(HOURS_COLOUR)
        )
        if hour.visits and value_metrics.horizontalAdvance(str(hour.visits)) <= column * 0.9:
            box = QRectF(left - column, plot.bottom() - height - value_metrics.height() - 4 * unit, column * 3,
                         value_metrics.height())  # fmt: skip
            _line(painter, box, fonts.value, palette.TEXT, str(hour.visits), Qt.AlignmentFlag.AlignHCenter)
        if index % HOUR_LABEL_EVERY == 0:
            box = QRectF(left - column, plot.bottom() + 8 * unit, column * 3, label_metrics.height())
            _line(painter, box, fonts.label, palette.TEXT_FAINT, str(index), Qt.AlignmentFlag.AlignHCenter)


def save_engagement_plot(figures: Engagement, path: Path, size: tuple[int, int] = PLOT_SIZE) -> bool:
    """Draw ``figures`` into a PNG at ``path``; False when it cannot be saved. Needs a QGuiApplication."""
    image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    image.fill(QColor(palette.BACKGROUND))
    painter = QPainter(image)
    try:
        paint_engagement_chart(painter, QRectF(0, 0, size[0], size[1]), figures)
    finally:
        painter.end()
    return QImageWriter(str(path), QByteArray(b"png")).write(image)  # PNG whatever the name ends in


class EngagementChart(QWidget):
    """The engagement chart as a widget."""

    def __init__(self, figures: Engagement, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._figures = figures

    def set_figures(self, figures: Engagement) -> None:
        """Show ``figures``."""
        self._figures = figures
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        try:
            paint_engagement_chart(painter, QRectF(self.rect()), self._figures)
        finally:
            painter.end()
