"""Attract mode: the idle policy wired to input, the "still there?" warning, the hint and auto-play."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.core import strings
from kiosk.core.attract import IdlePolicy, InputOutcome, Phase
from kiosk.player.autoplay import AutoPlayer
from kiosk.player.controller import PlayerController
from kiosk.player.input_hub import ATTRACT, USER_INPUT_TYPES, input_hub
from kiosk.ui.fit_text import FitText
from kiosk.ui.palette import BACKGROUND_DEEP, TEXT, TEXT_SOFT
from kiosk.ui.scale import Scale

log = logging.getLogger(__name__)

CENTRED = Qt.AlignmentFlag.AlignCenter
CARD_OPACITY = 0.88
CARD_RADIUS = 28
CARD_WIDTH = 1000
"""Design units: the width of the warning card and the hint."""
SEQUENCE_END = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}
SEQUENCE_START = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin}


class BottomCard(QWidget):
    """A rounded dark card near the bottom of the window holding one or two lines of text."""

    def __init__(self, parent: QWidget, lines: int) -> None:
        super().__init__(parent)
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
        parent = self.parentWidget()
        scale = Scale(max(1, parent.width()), max(1, parent.height()))
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
        painter.drawRoundedRect(self.rect(), CARD_RADIUS, CARD_RADIUS)


class AttractMode(QObject):
    """Counts idle time from the last input anywhere; warns, then plays the deck by itself.

    Its application-wide event filter must be installed after the navigation
    filters (Qt asks the newest filter first), so that the input which wakes the
    display is used up here and does not also act on what is under the finger.
    """

    autoplay_started = Signal()
    woke = Signal()

    def __init__(
        self,
        window: QWidget,
        controller: PlayerController,
        autoplayer: AutoPlayer,
        idle_timeout_s: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.autoplayer = autoplayer
        self._idle_override = idle_timeout_s
        self._clock = clock
        attract = controller.deck.attract
        self.policy = IdlePolicy(idle_timeout_s or attract.idle_timeout, attract.warning, clock)
        self.warning = BottomCard(window, 3)
        self.hint = BottomCard(window, 1)
        self.before_autoplay: list[Callable[[], bool]] = []
        """Checks run when auto-play is about to start; one returning False stops it (self-watch)."""
        self._swallowing = False
        self._suspended = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._show_warning)
        controller.language_changed.connect(self._retranslate)
        controller.deck_changed.connect(self._deck_changed)
        input_hub().add(self.eventFilter, ATTRACT)
        self._arm()

    @property
    def phase(self) -> Phase:
        """The current phase of the idle policy."""
        return self.policy.phase

    def suspend(self) -> None:
        """Stop everything (outside opening hours): no warning, no auto-play, no timers."""
        self._timer.stop()
        self._countdown.stop()
        self.warning.hide()
        self.hint.hide()
        self.autoplayer.stop()
        self._suspended = True

    def resume(self) -> None:
        """Start counting idle time again from now."""
        self._suspended = False
        self.policy.on_input()
        self._arm()

    def start_autoplay_now(self) -> None:
        """Play at once (``--autoplay``)."""
        self.policy.start_autoplay()
        self._enter_autoplay()

    # -- input ----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        kind = event.type()
        if kind not in USER_INPUT_TYPES and kind not in SEQUENCE_END and kind != QEvent.Type.TouchCancel:
            return False
        if not watched.isWidgetType() or not (watched is self.window or self.window.isAncestorOf(watched)):
            return False
        if self._swallowing:
            if kind in SEQUENCE_END:
                self._swallowing = False
            return True
        if kind not in USER_INPUT_TYPES:
            return False
        outcome = self.policy.on_input()
        self._arm()
        if outcome is InputOutcome.PASS:
            return False
        self._swallowing = kind in SEQUENCE_START
        if outcome is InputOutcome.WOKE:
            self._wake()
        else:
            self._countdown.stop()
            self.warning.hide()
        return True

    def _wake(self) -> None:
        log.info("woken by a visitor")
        self.autoplayer.stop()
        self.hint.hide()
        self.controller.home()
        self.woke.emit()

    # -- time -------------------------------------------------------------------

    def _arm(self) -> None:
        deadline = self.policy.next_deadline()
        if deadline is None or self._suspended:
            self._timer.stop()
            return
        self._timer.start(max(0, round((deadline - self._clock()) * 1000)))

    def check(self) -> None:
        """Move to the phase the clock says it is (the timer calls this; tests with a fake clock too)."""
        self._tick()

    def _tick(self) -> None:
        if self._suspended:
            return
        before = self.policy.phase
        phase = self.policy.update()
        if phase is Phase.WARNING and before is not Phase.WARNING:
            self._show_warning()
            self._countdown.start()
        elif phase is Phase.AUTOPLAY and before is not Phase.AUTOPLAY:
            self._enter_autoplay()
        self._arm()

    def _show_warning(self) -> None:
        if self.policy.update() is not Phase.WARNING:
            self._countdown.stop()
            self.warning.hide()
            if self.policy.phase is Phase.AUTOPLAY:
                self._enter_autoplay()
            return
        language = self.controller.language
        seconds = max(1, round(self.policy.warning_remaining_s()))
        self.warning.show_lines(
            strings.text("still_there", language),
            strings.text("touch_to_continue", language),
            strings.text("returning_in", language, seconds=seconds),
        )

    def _enter_autoplay(self) -> None:
        self._countdown.stop()
        self.warning.hide()
        if not all(check() for check in self.before_autoplay):
            return
        log.info("nobody around: playing the deck")
        self.controller.set_language(self.controller.deck.default_language)
        self.autoplayer.start()
        self.hint.show_lines(strings.text("touch_to_explore", self.controller.language))
        self.autoplay_started.emit()

    # -- changes ----------------------------------------------------------------

    def _retranslate(self, language: str) -> None:
        if self.hint.isVisible():
            self.hint.show_lines(strings.text("touch_to_explore", language))
        if self.warning.isVisible():
            self._show_warning()

    def _deck_changed(self, deck: object) -> None:
        attract = self.controller.deck.attract
        self.policy.reconfigure(self._idle_override or attract.idle_timeout, attract.warning)
        self._arm()

    def relayout(self) -> None:
        """The window changed size: place the cards again."""
        for card in (self.warning, self.hint):
            if card.isVisible():
                card.place()
