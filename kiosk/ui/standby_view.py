"""The standby screen outside opening hours: dim, calm, and slowly drifting so nothing burns in."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QLocale, QObject, QRect, Qt, QTime, QTimer
from PySide6.QtGui import QColor, QFont, QLinearGradient, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.core.strings import locale_name, text
from kiosk.deck.schema import Deck
from kiosk.player.controller import PlayerController
from kiosk.player.opening_hours import ClosedMode
from kiosk.ui.fit_text import FitText
from kiosk.ui.palette import (
    CENTRED_TOP,
    SCREEN_OFF,
    STANDBY_BACKGROUND,
    STANDBY_BACKGROUND_DEEP,
    STANDBY_CLOSED,
    STANDBY_NEXT,
    STANDBY_TITLE,
)
from kiosk.ui.scale import Scale
from kiosk.ui.slides.layout import centred_column, stack

log = logging.getLogger(__name__)

BLACK_MODE = "black"
NO_BREAK_SPACE = "\u00a0"

DRIFT_INTERVAL_MS = 60_000
"""How often the text moves (and the day word is brought up to date)."""
DRIFT_UNITS = 60
"""Design units the text may wander from the centre, each way."""
DRIFT_STEP_X = 0.37
DRIFT_STEP_Y = 0.23
"""Phase steps (radians) per move; unrelated steps make a slow path that rarely repeats."""
TITLE_FONT_SHARE = 0.8
"""The deck's title is quieter than the subtitle size: "Closed" is what should be read."""


class StandbyView(QWidget):
    """Standby outside opening hours: the deck's title, "Closed" and when it opens again.

    With ``when_closed: black`` it paints plain black and shows no text. ``now``
    gives the local time the reopening day ("today", "tomorrow", a weekday) is
    counted from; tests inject it.
    """

    def __init__(
        self,
        deck: Deck,
        language: str,
        next_opening: datetime | None,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.deck = deck
        self.language = language
        self.next_opening = next_opening
        self._now = now
        self._drift_step = 0
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.title_label = FitText("", self, colour=STANDBY_TITLE, alignment=CENTRED_TOP)
        self.closed_label = FitText(
            "", self, weight=QFont.Weight.DemiBold, colour=STANDBY_CLOSED, alignment=CENTRED_TOP
        )
        self.reopens_label = FitText("", self, colour=STANDBY_NEXT, alignment=CENTRED_TOP)
        self._drift_timer = QTimer(self)
        self._drift_timer.setInterval(DRIFT_INTERVAL_MS)
        self._drift_timer.timeout.connect(self.drift)
        self.refresh()

    # -- public -------------------------------------------------------------

    @property
    def black(self) -> bool:
        """True when the deck asks for a plain black screen while closed."""
        return self.deck.schedule is not None and self.deck.schedule.when_closed == BLACK_MODE

    def set_language(self, language: str) -> None:
        """Show the texts in ``language``."""
        self.language = language
        self.refresh()

    def set_next_opening(self, moment: datetime | None) -> None:
        """When the display opens again (None: not known, or never; then only "Closed" shows)."""
        self.next_opening = moment
        log.debug("Standby until %s", moment)
        self.refresh()

    def set_deck(self, deck: Deck) -> None:
        """Show ``deck``'s title and follow its closed display (for a reloaded deck)."""
        self.deck = deck
        self.refresh()

    def visible_texts(self) -> list[str]:
        """The texts on screen, top to bottom (none in black mode)."""
        return [w.text() for w in self._texts() if w.text() and not w.isHidden()]

    def reopening_text(self) -> str:
        """The line saying when the display opens again ("Open again tomorrow at 9:00 AM"), or "" if unknown.

        The sentence, the weekday's name and the time format are all in one language: the deck's
        language when the player speaks it, else English.
        """
        if self.next_opening is None:
            return ""
        days = (self.next_opening.date() - self._now().date()).days
        if days < 0:
            return ""
        locale = QLocale(locale_name(self.language))
        clock = locale.toString(QTime(self.next_opening.hour, self.next_opening.minute), QLocale.FormatType.ShortFormat)
        clock = clock.replace(" ", NO_BREAK_SPACE)
        if days == 0:
            line = text("opens_today", self.language, time=clock)
        elif days == 1:
            line = text("opens_tomorrow", self.language, time=clock)
        else:
            day = locale.dayName(self.next_opening.isoweekday(), QLocale.FormatType.LongFormat)
            line = text("opens_on_day", self.language, day=day, time=clock)
        # Keep the time with the words around it ("at 9:00 AM", "um 09:00 Uhr") when the line wraps.
        return line.replace(f" {clock}", f"{NO_BREAK_SPACE}{clock}").replace(f"{clock} ", f"{clock}{NO_BREAK_SPACE}")

    def refresh(self) -> None:
        """Bring the texts up to date (the day word changes at midnight) and lay them out again."""
        self.title_label.setText(self.deck.title.get(self.language, self.deck.default_language))
        self.closed_label.setText(text("closed", self.language))
        self.reopens_label.setText(self.reopening_text())
        self.setAccessibleName(self.closed_label.text())
        self.setAccessibleDescription(self.reopens_label.text())
        self.relayout()

    def drift(self) -> None:
        """Move the text one small step along its slow path."""
        self._drift_step += 1
        self.refresh()

    def drift_offset(self) -> tuple[int, int]:
        """The text's current offset from the centre, in pixels."""
        reach = self._scale().px(DRIFT_UNITS)
        return (
            round(reach * math.sin(self._drift_step * DRIFT_STEP_X)),
            round(reach * math.sin(self._drift_step * DRIFT_STEP_Y)),
        )

    def relayout(self) -> None:
        """Place the texts for the current size and drift step."""
        for widget in self._texts():
            widget.setVisible(not self.black)
        if self.black:
            self.update()
            return
        scale = self._scale()
        m = scale.metrics
        inset = scale.px(m.margin) + scale.px(DRIFT_UNITS)
        area = QRect(inset, inset, self.width() - 2 * inset, self.height() - 2 * inset)
        column = centred_column(area, scale.px(m.text_width))
        column.translate(*self.drift_offset())
        stack(
            [
                (self.title_label, scale.px(m.subtitle_font * TITLE_FONT_SHARE)),
                (self.closed_label, scale.px(m.title_font)),
                (self.reopens_label, scale.px(m.subtitle_font)),
            ],
            column,
            scale.px(m.gap),
            centre=True,
        )
        self.update()

    # -- Qt -----------------------------------------------------------------

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt naming
        self.refresh()
        self._drift_timer.start()
        super().showEvent(event)  # type: ignore[arg-type]

    def hideEvent(self, event: object) -> None:  # noqa: N802 - Qt naming
        self._drift_timer.stop()
        super().hideEvent(event)  # type: ignore[arg-type]

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt naming
        self.relayout()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        if self.black:
            painter.fillRect(self.rect(), QColor(SCREEN_OFF))
            return
        gradient = QLinearGradient(0, 0, 0, self.height())
        gradient.setColorAt(0.0, QColor(STANDBY_BACKGROUND))
        gradient.setColorAt(1.0, QColor(STANDBY_BACKGROUND_DEEP))
        painter.fillRect(self.rect(), gradient)

    # -- helpers ------------------------------------------------------------

    def _texts(self) -> tuple[FitText, ...]:
        return (self.title_label, self.closed_label, self.reopens_label)

    def _scale(self) -> Scale:
        return Scale(max(1, self.width()), max(1, self.height()))


class StandbyCover(QObject):
    """Covers ``window`` with a StandbyView while ``closed_mode`` says the display is closed."""

    def __init__(self, window: QWidget, closed_mode: ClosedMode, controller: PlayerController) -> None:
        super().__init__(window)
        self.window = window
        self.closed_mode = closed_mode
        self.view = StandbyView(controller.deck, controller.language, None, window)
        self.view.hide()
        closed_mode.closed.connect(self._show)
        closed_mode.opened.connect(self.view.hide)
        controller.deck_changed.connect(self.view.set_deck)
        controller.language_changed.connect(self.view.set_language)

    def relayout(self) -> None:
        """Cover the window again after a resize."""
        self.view.setGeometry(self.window.rect())

    def _show(self) -> None:
        self.view.set_next_opening(self.closed_mode.next_opening())
        self.view.setGeometry(self.window.rect())
        self.view.show()
        self.view.raise_()


__all__ = ["StandbyCover", "StandbyView"]
