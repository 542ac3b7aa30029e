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
from functools import partial
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QWidget

from kiosk.core.engagement import Engagement, SlideFigures
from kiosk.ui import palette
from kiosk.ui.chart import (
    PLOT_SIZE,
    ChartWidget,
    begin_chart,
    chart_unit,
    grid_pen,
    grid_step,
    paint_heading,
    save_chart,
    title_fonts,
)
from kiosk.ui.chart import write_line as _line

PANEL_FONT = 38
LABEL_FONT = 30
VALUE_FONT = 26
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
    unit = chart_unit(area)
    fonts = _Fonts(
        *title_fonts(unit),
        palette.font(round(PANEL_FONT * unit), QFont.Weight.DemiBold),
        palette.font(round(LABEL_FONT * unit), tabular=True),
        palette.font(round(VALUE_FONT * unit), QFont.Weight.DemiBold, tabular=True),
    )
    inner = begin_chart(painter, area, unit)
    top = _paint_heading(painter, inner, figures, fonts) + 40 * unit
    left_width = (inner.width() - PANEL_GAP * unit) * DWELL_SHARE
    _paint_dwell(painter, QRectF(inner.left(), top, left_width, inner.bottom() - top), figures, fonts, unit)
    right = inner.left() + left_width + PANEL_GAP * unit
    _paint_hours(painter, QRectF(right, top, inner.right() - right, inner.bottom() - top), figures, fonts, unit)
    painter.restore()


def _paint_heading(painter: QPainter, inner: QRectF, figures: Engagement, fonts: _Fonts) -> float:
    """The title (the kiosk) and a line with the period and the visits; returns where it ends."""
    period = ""
    if figures.first is not None and figures.last is not None:
        period = f"{figures.first:%Y-%m-%d} to {figures.last:%Y-%m-%d}   ·   "
    median = "" if figures.median_visit_s is None else f", median length {figures.median_visit_s:.0f} s"
    visits = "1 visit" if figures.visits == 1 else f"{figures.visits} visits"
    return paint_heading(
        painter, inner, (fonts.title, fonts.subtitle), f"Engagement: {figures.kiosk}", f"{period}{visits}{median}"
    )


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
    step = grid_step(longest, GRID_STEPS, MAX_GRID_LINES)
    axis_end = max(step, math.ceil(longest / step) * step)
    name_width = max(label_metrics.horizontalAdvance(s.key) for s in chosen) + 20 * unit
    axis_height = label_metrics.height() + 8 * unit
    plot = QRectF(area.left() + name_width, plot_top, area.width() - name_width, area.bottom() - plot_top - axis_height)

    def x_of(seconds: float) -> float:
        return plot.left() + plot.width() * min(seconds, axis_end) / axis_end

    for mark in range(0, int(axis_end) + 1, step):
        painter.setPen(grid_pen(unit))
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
    step = grid_step(most, GRID_STEPS, MAX_GRID_LINES)
    axis_end = max(step, math.ceil(most / step) * step)
    axis_width = label_metrics.horizontalAdvance(str(axis_end)) + 16 * unit
    plot = QRectF(area.left() + axis_width, top, area.width() - axis_width,
                  area.bottom() - top - label_metrics.height() - 8 * unit)  # fmt: skip
    for mark in range(0, axis_end + 1, step):
        y = plot.bottom() - plot.height() * mark / axis_end
        painter.setPen(grid_pen(unit))
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
    return save_chart(partial(paint_engagement_chart, figures=figures), path, size)


class EngagementChart(ChartWidget):
    """The engagement chart as a widget."""

    def __init__(self, figures: Engagement, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._figures = figures

    def set_figures(self, figures: Engagement) -> None:
        """Show ``figures``."""
        self._figures = figures
        self.update()

    def paint_chart(self, painter: QPainter, area: QRectF) -> None:
        """Draw the figures into ``area``."""
        paint_engagement_chart(painter, area, self._figures)
