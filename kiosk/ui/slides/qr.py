"""The ``qr`` slide: a heading, a QR code drawn as vectors, a caption and the address in plain text."""

from __future__ import annotations

import logging

import segno
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from kiosk.deck.schema import QrSlide
from kiosk.ui.fit_text import FitText
from kiosk.ui.palette import CODE_INK, CODE_PAPER, SLIDE_CARD_RADIUS
from kiosk.ui.scale import Orientation, Scale
from kiosk.ui.slides.base import SlideView
from kiosk.ui.slides.layout import stack

log = logging.getLogger(__name__)

QUIET_ZONE = 4
"""Modules of white around the code, as the QR standard asks, so phones find it."""
CODE_SIZE = 560
"""Design units: the side of the white card holding the code."""
PORTRAIT_CODE_GROWTH = 1.4
"""Portrait screens have the height to show the code larger, under the text."""


def qr_modules(url: str) -> list[list[bool]]:
    """The dark (True) and light modules of a QR code for ``url``, without the quiet zone."""
    code = segno.make(url, error="m", micro=False)
    return [[bool(module) for module in row] for row in code.matrix_iter(border=0)]


def dark_runs(modules: list[bool]) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in a row: one rectangle each, so no seams between them."""
    runs: list[tuple[int, int]] = []
    start = None
    for index, dark in enumerate([*modules, False]):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            runs.append((start, index - start))
            start = None
    return runs


class QrSlideView(SlideView):
    """A take-away: scanning the code opens the address on the visitor's phone."""

    slide: QrSlide

    def build(self) -> None:
        self.heading = self.add_text(self.slide.heading, weight=QFont.Weight.Bold, balanced=True)
        self.caption = self.add_text(self.slide.caption, colour=self.colours.text_soft)
        self.address = FitText(self.slide.url, self, colour=self.colours.text_faint)
        self.modules = qr_modules(self.slide.url)
        self._code = QRect()

    def text_widgets(self) -> list:
        return [*super().text_widgets(), self.address]

    def place(self, scale: Scale, content: QRect) -> None:
        m = scale.metrics
        gap = scale.px(m.gap)
        portrait = scale.orientation is Orientation.PORTRAIT
        if portrait:
            side = min(scale.px(CODE_SIZE * PORTRAIT_CODE_GROWTH * m.decor), content.width(), content.height() // 2)
            self._code = QRect(content.x() + (content.width() - side) // 2, content.bottom() - side, side, side)
            texts = QRect(content.x(), content.y(), content.width(), self._code.top() - gap - content.y())
        else:
            side = min(scale.px(CODE_SIZE * m.decor), content.height())
            self._code = QRect(content.right() - side, content.y() + (content.height() - side) // 2, side, side)
            texts = QRect(content.x(), content.y(), self._code.left() - 2 * gap - content.x(), content.height())
        stack(
            [
                (self.heading, scale.px(m.heading_font)),
                (self.caption, scale.px(m.body_font)),
                (self.address, scale.px(m.label_font)),
            ],
            texts,
            gap,
            centre=True,
        )

    def paint_decor(self, painter: QPainter, scale: Scale) -> None:
        if self._code.isEmpty() or not self.modules:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(CODE_PAPER))
        radius = scale.px(SLIDE_CARD_RADIUS)
        painter.drawRoundedRect(QRectF(self._code), radius, radius)
        count = len(self.modules)
        # Whole pixels per module, one rectangle per run of dark modules: no seams for phones to misread.
        module = max(1, self._code.width() // (count + 2 * QUIET_ZONE))
        origin_x = self._code.x() + (self._code.width() - count * module) // 2
        origin_y = self._code.y() + (self._code.height() - count * module) // 2
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        dark = QColor(CODE_INK)
        for row, modules in enumerate(self.modules):
            for start, length in dark_runs(modules):
                painter.fillRect(
                    QRect(origin_x + start * module, origin_y + row * module, length * module, module), dark
                )
