"""The attract-mode cards: the "still there?" warning with its countdown, and the "touch to explore" hint.

They only draw: ``kiosk.player.attract_mode.AttractMode`` decides when, and they listen to its signals.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.core import strings
from kiosk.player.attract_mode import AttractMode
from kiosk.player.controller import PlayerController
from kiosk.ui.fit_text import FitText
from kiosk.ui.palette import BACKGROUND_DEEP, CARD_RADIUS, CENTRED, TEXT, TEXT_SOFT
from kiosk.ui.scale import Scale

CARD_OPACITY = 0.88
"""Design units: the rounding of the card's corners."""
CARD_WIDTH = 1000
"""Design units: the width of the warning card and the hint."""


class BottomCard(QWidget):
    """A rounded dark card near the bottom of the window holding one or two lines of text."""

    def __init__(self, parent: QWidget, lines: int) -> None:
        super().__init__(parent)
        self._parent = parent
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        colours = (TEXT, TEXT_SOFT, TEXT_SOFT)
        weights = (QFont.Weight.Bold, QFont.Weight.Normal, QFont.Weight.Normal)
        self.lines = [FitText("", self, weight=weights[i], colour=colours[i], alignment=CENTRED) for i in range(lines)]
        self.hide()

    def show_lines(self, *texts: str) -> None:
        """Show the card with ``texts``, one per line."""
        for line, text in zip(self.lines, texts):
            line.setText(text)
        self.place()
        self.show()
        self.raise_()

    def texts(self) -> list[str]:
        """The lines shown."""
        return [line.text() for line in self.lines if line.text()]

    def place(self) -> None:
        """Size the card for its parent and put it above the bottom edge."""
        parent = self._parent
        scale = self._scale()
        m = scale.metrics
        line_h = scale.px(m.body_font * 1.5)
        pad = scale.px(m.gap) // 2
        width = min(parent.width() - 2 * scale.px(m.margin // 2), scale.px(CARD_WIDTH))
        height = line_h * len(self.lines) + 2 * pad
        bottom_gap = scale.px(m.margin) * 2
        self.setGeometry((parent.width() - width) // 2, parent.height() - height - bottom_gap, width, height)
        for index, line in enumerate(self.lines):
            line.set_preferred_pixel_size(scale.px(m.body_font if index == 0 else m.label_font))
            line.setGeometry(QRect(pad, pad + index * line_h, width - 2 * pad, line_h))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(BACKGROUND_DEEP)
        colour.setAlphaF(CARD_OPACITY)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        radius = self._scale().px(CARD_RADIUS)
        painter.drawRoundedRect(self.rect(), radius, radius)

    def _scale(self) -> Scale:
        parent = self._parent
        return Scale(max(1, parent.width()), max(1, parent.height()))


class AttractCards(QObject):
    """Shows attract mode's warning and hint over ``window``, in the visitor's language, as ``attract`` announces."""

    def __init__(self, window: QWidget, attract: AttractMode, controller: PlayerController) -> None:
        super().__init__(window)
        self.controller = controller
        self.warning = BottomCard(window, 3)
        self.hint = BottomCard(window, 1)
        attract.warning_shown.connect(self._show_warning)
        attract.warning_hidden.connect(self.warning.hide)
        attract.autoplay_started.connect(self._show_hint)
        attract.autoplay_ended.connect(self.hint.hide)
        controller.language_changed.connect(self._retranslate)

    def relayout(self) -> None:
        """The window changed size: place the cards again."""
        for card in (self.warning, self.hint):
            if card.isVisible():
                card.place()

    def _show_warning(self, seconds: int) -> None:
        language = self.controller.language
        self.warning.show_lines(
            strings.text("still_there", language),
            strings.text("touch_to_continue", language),
            strings.text("returning_in", language, seconds=seconds),
        )

    def _show_hint(self) -> None:
        self.hint.show_lines(strings.text("touch_to_explore", self.controller.language))

    def _retranslate(self, _language: str) -> None:
        # The warning is drawn again by attract mode's own announcement; the hint only follows the language.
        if self.hint.isVisible():
            self._show_hint()


__all__ = ["AttractCards", "BottomCard"]
