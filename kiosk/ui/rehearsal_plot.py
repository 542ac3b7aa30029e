"""The rehearsal chart: time per slide for the last runs side by side, each slide's target as a line.

``paint_rehearsal_chart`` draws with any painter; ``RehearsalChart`` shows it in
a widget (the presenter console can show it on quit) and ``save_rehearsal_plot``
writes it to a PNG offscreen for ``kiosk rehearsals --plot``. Sizes are design
units of a 1920x1080 chart, scaled to the picture.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QWidget

from kiosk.core.rehearsals import RehearsalRun, clock_time
from kiosk.ui import palette
from kiosk.ui.chart import (
    MARGIN,
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

LEGEND_FONT = 30
AXIS_FONT = 30
VALUE_FONT = 24
LEGEND_SWATCH = 30
TARGET_LINE = 6
GROUP_FILL = 0.78
"""Share of a slide's column filled by its bars; the rest is the gap between slides."""
GRID_STEPS_S = (5, 10, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600)
MAX_GRID_LINES = 6
HEADROOM = 1.12
"""The time axis reaches this much past the longest bar or target, so nothing touches the title."""

TARGET_COLOUR = palette.CONFIRM_PRESSED
OVER_COLOUR = palette.ALERT_TEXT
LAST_RUN_COLOUR = palette.TEXT


@dataclass(frozen=True)
class _Fonts:
    title: QFont
    subtitle: QFont
    legend: QFont
    axis: QFont
    value: QFont


def run_colours(count: int) -> list[QColor]:
    """One colour per run, newest first: the newest white, older ones fading towards the background."""
    colours = [QColor(LAST_RUN_COLOUR)]
    for age in range(1, count):
        colours.append(palette.mix(palette.TEXT_FAINT, palette.CONTROL_PRESSED, (age - 1) / max(1, count - 2)))
    return colours


def paint_rehearsal_chart(painter: QPainter, area: QRectF, runs: Sequence[RehearsalRun]) -> None:
    """Draw ``runs`` (newest first, one deck) into ``area``: bars per slide and run, targets, labels, a legend."""
    unit = chart_unit(area)
    fonts = _Fonts(
        *title_fonts(unit),
        palette.font(round(LEGEND_FONT * unit)),
        palette.font(round(AXIS_FONT * unit), tabular=True),
        palette.font(round(VALUE_FONT * unit), QFont.Weight.DemiBold, tabular=True),
    )
    inner = begin_chart(painter, area, unit)
    if not runs:
        painter.setFont(fonts.title)
        painter.setPen(QColor(palette.TEXT_SOFT))
        painter.drawText(inner, palette.CENTRED, "No rehearsal recorded yet")
        painter.restore()
        return
    top = _paint_heading(painter, inner, runs, fonts)
    colours = run_colours(len(runs))
    top = _paint_legend(painter, inner, top + 24 * unit, runs, colours, fonts, unit)
    _paint_bars(
        painter,
        QRectF(inner.left(), top + 36 * unit, inner.width(), inner.bottom() - top - 36 * unit),
        runs,
        colours,
        fonts,
        unit,
    )
    painter.restore()


def _paint_heading(painter: QPainter, inner: QRectF, runs: Sequence[RehearsalRun], fonts: _Fonts) -> float:
    """The title (the deck) and a line with the dates and the last run's total; returns where it ends."""
    last, first = runs[0], runs[-1]
    title = QFontMetricsF(fonts.title).elidedText(last.deck_title, Qt.TextElideMode.ElideRight, inner.width())
    dates = (
        f"{first.started_at:%Y-%m-%d}"
        if len(runs) == 1
        else f"{first.started_at:%Y-%m-%d} to {last.started_at:%Y-%m-%d}"
    )
    count = "1 rehearsal" if len(runs) == 1 else f"{len(runs)} rehearsals"
    line = f"{count}, {dates}   ·   last run {clock_time(last.total_s)} for a plan of {clock_time(last.target_s)}"
    return paint_heading(painter, inner, (fonts.title, fonts.subtitle), title, line)


def _paint_legend(
    painter: QPainter,
    inner: QRectF,
    top: float,
    runs: Sequence[RehearsalRun],
    colours: Sequence[QColor],
    fonts: _Fonts,
    unit: float,
) -> float:
    """One swatch per run (oldest first, as the bars stand), then the target and the overrun; returns the bottom."""
    entries: list[tuple[QColor, str, str]] = [
        (colours[age], f"{run.started_at.day} {run.started_at:%b %H:%M} · {clock_time(run.total_s)}", "bar")
        for age, run in reversed(list(enumerate(runs)))
    ]
    entries.append((QColor(TARGET_COLOUR), "target", "line"))
    entries.append((QColor(OVER_COLOUR), "over target (last run)", "bar"))
    metrics = QFontMetricsF(fonts.legend)
    swatch, gap = LEGEND_SWATCH * unit, 40 * unit
    row_height = max(metrics.height(), swatch)
    x, y = inner.left(), top
    painter.setFont(fonts.legend)
    for colour, label, shape in entries:
        width = swatch + 12 * unit + metrics.horizontalAdvance(label)
        if x > inner.left() and x + width > inner.right():
            x, y = inner.left(), y + row_height + 10 * unit
        box = QRectF(x, y + (row_height - swatch) / 2, swatch, swatch)
        if shape == "line":
            painter.fillRect(
                QRectF(box.left(), box.center().y() - TARGET_LINE * unit / 2, swatch, TARGET_LINE * unit), colour
            )
        else:
            painter.fillRect(box, colour)
        painter.setPen(QColor(palette.TEXT_SOFT))
        painter.drawText(
            QRectF(x + swatch + 12 * unit, y, width, row_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            label,
        )
        x += width + gap
    return y + row_height


def _paint_bars(
    painter: QPainter,
    area: QRectF,
    runs: Sequence[RehearsalRun],
    colours: Sequence[QColor],
    fonts: _Fonts,
    unit: float,
) -> None:
    """The time axis with its grid, the bars of every run per slide of the last run, the targets and the labels."""
    last = runs[0]
    spent = [{slide.key: slide.spent_s for slide in run.slides} for run in runs]
    longest = max([slide.target_s for slide in last.slides] + [value for times in spent for value in times.values()])
    step = grid_step(longest * HEADROOM, GRID_STEPS_S, MAX_GRID_LINES)
    axis_top = max(step, math.ceil(longest * HEADROOM / step) * step)
    axis_metrics = QFontMetricsF(fonts.axis)
    label_width = axis_metrics.horizontalAdvance(clock_time(axis_top)) + 20 * unit
    bottom_labels = 2 * axis_metrics.height() + 24 * unit
    plot = QRectF(area.left() + label_width, area.top(), area.width() - label_width, area.height() - bottom_labels)

    def y_of(seconds: float) -> float:
        return plot.bottom() - plot.height() * min(seconds, axis_top) / axis_top

    painter.setFont(fonts.axis)
    for mark in range(0, int(axis_top) + 1, step):
        y = y_of(mark)
        painter.setPen(grid_pen(unit))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(QColor(palette.TEXT_FAINT))
        painter.drawText(
            QRectF(area.left(), y - axis_metrics.height() / 2, label_width - 16 * unit, axis_metrics.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            clock_time(mark),
        )

    column = plot.width() / max(1, len(last.slides))
    bar = column * GROUP_FILL / len(runs)
    value_metrics = QFontMetricsF(fonts.value)
    values: list[tuple[QRectF, str]] = []  # the last run's times, written over the target lines
    for index, slide in enumerate(last.slides):
        left = plot.left() + index * column + column * (1 - GROUP_FILL) / 2
        for age in range(len(runs) - 1, -1, -1):  # oldest on the left, the last run on the right
            seconds = spent[age].get(slide.key)
            if seconds is None:
                continue
            x = left + (len(runs) - 1 - age) * bar
            painter.fillRect(QRectF(x, y_of(seconds), bar * 0.9, plot.bottom() - y_of(seconds)), colours[age])
            if age == 0 and seconds > slide.target_s:
                painter.fillRect(
                    QRectF(x, y_of(seconds), bar * 0.9, y_of(slide.target_s) - y_of(seconds)), QColor(OVER_COLOUR)
                )
            if age == 0 and value_metrics.horizontalAdvance("0:00") <= bar * 1.6:
                box = QRectF(
                    x - bar, y_of(seconds) - value_metrics.height() - 4 * unit, bar * 2.9, value_metrics.height()
                )
                values.append((box, clock_time(seconds)))
        target_y = y_of(slide.target_s)
        painter.setPen(QPen(QColor(TARGET_COLOUR), TARGET_LINE * unit, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.drawLine(
            QPointF(left - column * 0.06, target_y), QPointF(left + column * GROUP_FILL + column * 0.06, target_y)
        )
    painter.setFont(fonts.value)
    painter.setPen(QColor(palette.TEXT))
    for box, text in values:
        painter.drawText(box, palette.CENTRED, text)
    _paint_slide_labels(painter, plot, column, last, fonts, unit, area.right() + MARGIN * unit / 2)


def _paint_slide_labels(
    painter: QPainter, plot: QRectF, column: float, last: RehearsalRun, fonts: _Fonts, unit: float, limit: float
) -> None:
    """Each slide's number under its bars, and each theme's id under a bracket spanning its slides (up to ``limit``)."""
    metrics = QFontMetricsF(fonts.axis)
    painter.setFont(fonts.axis)
    themes: list[tuple[str, int, int]] = []  # theme id, first column, last column
    for index, slide in enumerate(last.slides):
        theme, _, number = slide.key.rpartition("/")
        painter.setPen(QColor(palette.TEXT_SOFT))
        painter.drawText(
            QRectF(plot.left() + index * column, plot.bottom() + 8 * unit, column, metrics.height()),
            palette.CENTRED,
            number,
        )
        if themes and themes[-1][0] == theme:
            themes[-1] = (theme, themes[-1][1], index)
        else:
            themes.append((theme, index, index))
    y = plot.bottom() + metrics.height() + 16 * unit
    for theme, first, final in themes:
        left, right = plot.left() + first * column + 6 * unit, plot.left() + (final + 1) * column - 6 * unit
        painter.setPen(grid_pen(unit))
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        painter.setPen(QColor(palette.TEXT_FAINT))
        # A short theme's name may reach half a column past its bracket on each side, within the picture.
        room = QRectF(left - column / 2, y + 4 * unit, right - left + column, metrics.height())
        room = room.intersected(QRectF(plot.left(), room.top(), limit - plot.left(), room.height()))
        label = metrics.elidedText(theme, Qt.TextElideMode.ElideRight, room.width())
        painter.drawText(room, palette.CENTRED, label)


def save_rehearsal_plot(runs: Sequence[RehearsalRun], path: Path, size: tuple[int, int] = PLOT_SIZE) -> bool:
    """Draw ``runs`` (newest first) into a PNG at ``path``; False when it cannot be saved. Needs a QGuiApplication."""
    return save_chart(partial(paint_rehearsal_chart, runs=runs), path, size)


class RehearsalChart(ChartWidget):
    """The rehearsal chart as a widget, for the presenter console to show the history on quit."""

    def __init__(self, runs: Sequence[RehearsalRun] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runs = tuple(runs)

    def set_runs(self, runs: Sequence[RehearsalRun]) -> None:
        """Show ``runs`` (newest first, one deck)."""
        self._runs = tuple(runs)
        self.update()

    def paint_chart(self, painter: QPainter, area: QRectF) -> None:
        """Draw the runs into ``area``."""
        paint_rehearsal_chart(painter, area, self._runs)
