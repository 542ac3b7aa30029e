"""The ``figures`` slide: a heading and one to four animated counters with labels and sources."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

from kiosk.deck.schema import FiguresSlide
from kiosk.ui.counter import STAGGER_S, CounterLabel
from kiosk.ui.fit_text import FitText
from kiosk.ui.palette import BACKGROUND, CENTRED_TOP, SLIDE_CARD_RADIUS, mix
from kiosk.ui.scale import Orientation, Scale
from kiosk.ui.slides.base import SlideView
from kiosk.ui.slides.layout import common_share, stack

CARD_TINT = 0.07
CARD_OPACITY = 0.9
CARD_PADDING = 36
CARD_OUTLINE = 3
"""Design units: the outline of a card in high contrast, where cards are not tinted."""
MORE_ROWS_GAIN = 1.4
"""How much larger the numbers must get before the figures are spread over more rows."""


class FiguresSlideView(SlideView):
    """Headline figures that count up, each with what it means and where it comes from."""

    slide: FiguresSlide

    def build(self) -> None:
        self.heading = self.add_text(self.slide.heading, weight=QFont.Weight.Bold, balanced=True)
        self.counters: list[CounterLabel] = []
        self.labels: list[FitText] = []
        self.sources: list[FitText] = []
        for figure in self.slide.figures:
            self.counters.append(CounterLabel(figure, self.language, self))
            self.labels.append(
                self.add_text(figure.label, colour=self.colours.text_soft, alignment=CENTRED_TOP, balanced=True)
            )
            self.sources.append(self.add_text(figure.source, colour=self.colours.text_faint, alignment=CENTRED_TOP))
        for counter in self.counters:
            counter.setStyleSheet(f"color: {self.accent}; background: transparent;")
        self._cards: list[QRect] = []

    def place(self, scale: Scale, content: QRect) -> None:
        m = scale.metrics
        gap = scale.px(m.gap)
        count = max(1, len(self.counters))
        portrait = scale.orientation is Orientation.PORTRAIT
        stack([(self.heading, scale.px(m.heading_font))], content, gap)
        heading_h = round(self.heading.needed_height(content.width())) if self.heading.text() else 0
        heading_h = min(heading_h, content.height() // 4)
        self.heading.setGeometry(content.x(), content.y(), content.width(), heading_h)
        grid = QRect(content.x(), content.y() + heading_h + gap, content.width(), content.height() - heading_h - gap)
        padding = scale.px(CARD_PADDING * m.decor)
        most_per_row = 1 if portrait else min(count, m.figures_per_row)
        per_row, rows, cell_w, cell_h, counter_px = self._grid(scale, grid, gap, padding, count, most_per_row)
        small_gap = gap // 3
        inner_w = cell_w - 2 * padding
        label_px, source_px = scale.px(m.label_font), scale.px(m.source_font)
        for counter in self.counters:
            counter.set_pixel_size(counter_px)

        def row_heights(share: float) -> list[float]:
            """Each row's height with labels and sources at ``share`` of their preferred size."""
            needs = []
            for counter, label, source in zip(self.counters, self.labels, self.sources):
                text_h = label.needed_height(inner_w, max(1, int(label_px * share))) + small_gap
                if source.text():
                    text_h += source.needed_height(inner_w, max(1, int(source_px * share))) + small_gap
                needs.append(counter.height() + small_gap + text_h)
            return [max(needs[r * per_row : (r + 1) * per_row]) + 2 * padding for r in range(rows)]

        room = grid.height() - gap * (rows - 1)
        # Too little room: every label and source shrinks by the same share, the numbers keep their size.
        per_row_h = row_heights(common_share(lambda share: sum(row_heights(share)), room))
        if sum(per_row_h) > room:
            per_row_h = [room * h / sum(per_row_h) for h in per_row_h]
        y = grid.y() + (room - sum(per_row_h)) / 2
        self._cards = []
        for row in range(rows):
            members = self.counters[row * per_row : (row + 1) * per_row]
            row_w = len(members) * cell_w + gap * (len(members) - 1)
            x0 = grid.x() + (grid.width() - row_w) // 2
            for column, counter in enumerate(members):
                index = row * per_row + column
                card = QRect(x0 + column * (cell_w + gap), round(y), cell_w, round(per_row_h[row]))
                self._cards.append(card)
                inner = card.adjusted(padding, padding, -padding, -padding)
                counter.move(inner.x() + (inner.width() - counter.width()) // 2, inner.y())
                below = QRect(
                    inner.x(),
                    inner.y() + counter.height() + small_gap,
                    inner.width(),
                    inner.height() - counter.height() - small_gap,
                )
                stack([(self.labels[index], label_px), (self.sources[index], source_px)], below, small_gap)
            y += per_row_h[row] + gap

    def _grid(
        self, scale: Scale, grid: QRect, gap: int, padding: int, count: int, most_per_row: int
    ) -> tuple[int, int, int, int, int]:
        """Figures per row, rows, cell size and counter size: one row unless more rows show the numbers
        much larger (long numbers side by side would all shrink to the longest one's size)."""
        best: tuple[int, int, int, int, int] | None = None
        for per_row in range(most_per_row, 0, -1):
            rows = (count + per_row - 1) // per_row
            cell_w = (grid.width() - gap * (per_row - 1)) // per_row
            cell_h = (grid.height() - gap * (rows - 1)) // rows
            pixels = self._counter_pixels(scale, cell_w - 2 * padding, cell_h)
            if best is None or pixels > best[4] * MORE_ROWS_GAIN:
                best = (per_row, rows, cell_w, cell_h, pixels)
        assert best is not None
        return best

    def _counter_pixels(self, scale: Scale, width: int, cell_h: int) -> int:
        """One counter size for the whole slide: the largest at which every counter fits its card."""
        preferred = scale.px(scale.metrics.counter_font)
        pixels = min(preferred, max(1, cell_h // 3))
        for counter in self.counters:
            counter.set_pixel_size(pixels)
            needed = counter.widest_text_width()
            if needed > width > 0:
                pixels = max(1, int(pixels * width / needed))
        return pixels

    def paint_decor(self, painter: QPainter, scale: Scale) -> None:
        radius = scale.px(SLIDE_CARD_RADIUS)
        rule = scale.px(scale.metrics.accent_bar) // 2
        fill = mix(BACKGROUND, self.theme.accent, CARD_TINT)
        fill.setAlphaF(CARD_OPACITY)
        outline = scale.px(CARD_OUTLINE)
        for card in self._cards:
            if self.colours.high_contrast:  # outlined, not tinted: nothing but black under the text
                painter.setPen(QPen(QColor(self.colours.outline), outline))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                inset = outline / 2
                painter.drawRoundedRect(QRectF(card).adjusted(inset, inset, -inset, -inset), radius, radius)
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(fill)
                painter.drawRoundedRect(QRectF(card), radius, radius)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self.accent))
            painter.drawRect(QRectF(card.x() + radius, card.y(), card.width() - 2 * radius, rule))

    def set_language(self, language: str) -> None:
        for counter in self.counters:
            counter.set_language(language)
        super().set_language(language)

    def enter(self, time_scale: float = 1.0) -> None:
        if self.deck.reduced_motion:
            self.finish_animations()
            return
        for index, counter in enumerate(self.counters):
            counter.start(delay_s=index * STAGGER_S, time_scale=time_scale)

    def leave(self) -> None:
        for counter in self.counters:
            counter.reset()

    def finish_animations(self) -> None:
        for counter in self.counters:
            counter.finish()

    def busy_s(self) -> float:
        return max((counter.remaining_s() for counter in self.counters), default=0.0)

    def text_widgets(self) -> list[QWidget]:
        widgets: list[QWidget] = [self.theme_label, self.heading]
        for counter, label, source in zip(self.counters, self.labels, self.sources):
            widgets += [counter, label, source]
        return widgets
