"""Views for the text-only slide kinds: ``title`` and ``statement``."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QPainter

from kiosk.deck.schema import StatementSlide, TitleSlide
from kiosk.ui.palette import CENTRED_TOP
from kiosk.ui.scale import Scale
from kiosk.ui.slides.base import SlideView, theme_icon_pixmap
from kiosk.ui.slides.layout import centred_column, left_column, stack


class TitleSlideView(SlideView):
    """A theme's opening: its icon, a large title and a subtitle."""

    slide: TitleSlide

    def build(self) -> None:
        self.theme_label.hide()
        self.heading = self.add_text(self.slide.heading, weight=QFont.Weight.Bold, alignment=CENTRED_TOP, balanced=True)
        self.subtitle = self.add_text(
            self.slide.subtitle, colour=self.colours.text_soft, alignment=CENTRED_TOP, balanced=True
        )
        self._icon_rect = QRect()

    def place(self, scale: Scale, content: QRect) -> None:
        m = scale.metrics
        icon_size = scale.px(m.icon * 1.6)
        column = centred_column(content, scale.px(m.text_width))
        text_area = QRect(
            column.x(),
            column.y() + icon_size + scale.px(m.gap),
            column.width(),
            column.height() - icon_size - scale.px(m.gap),
        )
        texts = [(self.heading, scale.px(m.title_font)), (self.subtitle, scale.px(m.subtitle_font))]
        # Centre icon and text as one block: measure the text first.
        bottom = stack(texts, text_area, scale.px(m.gap) // 2)
        block = icon_size + scale.px(m.gap) + (bottom - text_area.top())
        shift = max(0, (content.height() - block) // 2)
        self._icon_rect = QRect(column.center().x() - icon_size // 2, content.top() + shift, icon_size, icon_size)
        text_area.moveTop(self._icon_rect.bottom() + scale.px(m.gap))
        text_area.setBottom(content.bottom())
        stack(texts, text_area, scale.px(m.gap) // 2)

    def paint_decor(self, painter: QPainter, scale: Scale) -> None:
        if not self._icon_rect.isNull():
            painter.drawPixmap(self._icon_rect, theme_icon_pixmap(self.theme, self._icon_rect.width(), self.accent))


class StatementSlideView(SlideView):
    """A heading and a short statement."""

    slide: StatementSlide

    def build(self) -> None:
        self.heading = self.add_text(self.slide.heading, weight=QFont.Weight.Bold, balanced=True)
        self.body = self.add_text(self.slide.body, colour=self.colours.text_soft)

    def place(self, scale: Scale, content: QRect) -> None:
        m = scale.metrics
        column = left_column(content, scale.px(m.text_width))
        texts = [(self.heading, scale.px(m.heading_font)), (self.body, scale.px(m.body_font))]
        stack(texts, column, scale.px(m.gap), centre=True)
