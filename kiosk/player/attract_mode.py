"""Attract mode: the idle policy wired to input; it warns, plays the deck by itself, and wakes on a touch.

It draws nothing: the cards in ``kiosk.ui.attract_cards`` listen to its signals.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from kiosk.core.attract import IdlePolicy, InputOutcome, Phase
from kiosk.deck.schema import Deck
from kiosk.player.autoplay import AutoPlayer
from kiosk.player.controller import PlayerController
from kiosk.player.input_hub import ATTRACT, USER_INPUT_TYPES, input_hub
from kiosk.player.keys import key_tables

log = logging.getLogger(__name__)

COUNTDOWN_STEP_MS = 1000
"""The warning's countdown is announced once a second."""
SEQUENCE_END = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}
SEQUENCE_START = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin}


class AttractMode(QObject):
    """Counts idle time from the last input anywhere; warns, then plays the deck by itself.

    The input hub shows it input before the navigation gestures (``ATTRACT``), so
    that the input which wakes the display is used up here and does not also act
    on what is under the finger.
    """

    warning_shown = Signal(int)
    """The "still there?" warning is up (again, in the current language), with the whole seconds left."""
    warning_hidden = Signal()
    """The warning went: a visitor answered it, auto-play began, or attract mode was suspended."""
    autoplay_started = Signal()
    """Auto-play began, in the deck's first language."""
    autoplay_ended = Signal()
    """Auto-play stopped: a visitor woke the display, or attract mode was suspended."""
    woke = Signal()
    """A visitor's input ended auto-play; the home screen shows."""

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
        self.before_autoplay: list[Callable[[], bool]] = []
        """Checks run when auto-play is about to start; one returning False stops it (self-watch)."""
        self.answers: list[QWidget] = []
        """Controls on the warning that answer it themselves (More time): a press aimed at one reaches it,
        and Tab during the warning moves the focus to the first, for keyboards and switches."""
        self._swallowing = False
        self._suspended = False
        self._warning_up = False
        self._playing = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self._countdown = QTimer(self)
        self._countdown.setInterval(COUNTDOWN_STEP_MS)
        self._countdown.timeout.connect(self._show_warning)
        controller.language_changed.connect(self._retranslate)
        controller.deck_changed.connect(self._deck_changed)
        input_hub().add(self.eventFilter, ATTRACT)
        self._arm()

    @property
    def phase(self) -> Phase:
        """The current phase of the idle policy."""
        return self.policy.phase

    @property
    def warning_up(self) -> bool:
        """True while the warning is announced as shown."""
        return self._warning_up

    def suspend(self) -> None:
        """Stop everything (outside opening hours): no warning, no auto-play, no timers."""
        self._timer.stop()
        self._countdown.stop()
        self._hide_warning()
        self._end_autoplay()
        self.autoplayer.stop()
        self._suspended = True

    def resume(self) -> None:
        """Start counting idle time again from now."""
        self._suspended = False
        self.policy.on_input()
        self._arm()

    def more_time(self) -> None:
        """The visitor asked for more time: the warning goes, and the idle timeout doubles until the visit ends."""
        if self._suspended:
            return
        self.policy.more_time()
        log.info(
            "more time asked for: %g s without input before the warning, until the visit ends",
            self.policy.visit_idle_timeout_s,
        )
        self._countdown.stop()
        self._hide_warning()
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
        if not isinstance(watched, QWidget) or not (watched is self.window or self.window.isAncestorOf(watched)):
            return False
        if self._swallowing:
            if kind in SEQUENCE_END:
                self._swallowing = False
            return True
        if kind not in USER_INPUT_TYPES:
            return False
        if self._warning_up:
            answered = self._to_answer(watched, event)
            if answered is not None:
                return answered
        outcome = self.policy.on_input()
        self._arm()
        if outcome is InputOutcome.PASS:
            return False
        self._swallowing = kind in SEQUENCE_START
        if outcome is InputOutcome.WOKE:
            self._wake()
        else:
            self._countdown.stop()
            self._hide_warning()
        return True

    def _to_answer(self, watched: QObject, event: QEvent) -> bool | None:
        """Input meant for an answer of the warning: False lets it through, True uses it up; None when it is not."""
        answer = next((widget for widget in self.answers if widget.isVisible()), None)
        if answer is None or not isinstance(watched, QWidget):
            return None
        key = Qt.Key(event.key()) if isinstance(event, QKeyEvent) else None
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            answer.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        aimed = watched is answer or answer.isAncestorOf(watched)
        if aimed and (key is None or key in key_tables()["press"]):
            return False
        return None

    def _wake(self) -> None:
        log.info("woken by a visitor")
        self.autoplayer.stop()
        self._end_autoplay()
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
            self._hide_warning()
            if self.policy.phase is Phase.AUTOPLAY:
                self._enter_autoplay()
            return
        self._warning_up = True
        self.warning_shown.emit(max(1, round(self.policy.warning_remaining_s())))

    def _hide_warning(self) -> None:
        if self._warning_up:
            self._warning_up = False
            self.warning_hidden.emit()

    def _enter_autoplay(self) -> None:
        self._countdown.stop()
        self._hide_warning()
        if not all(check() for check in self.before_autoplay):
            return
        log.info("nobody around: playing the deck")
        self.controller.set_language(self.controller.deck.default_language)
        self.autoplayer.start()
        self._playing = True
        self.autoplay_started.emit()

    def _end_autoplay(self) -> None:
        if self._playing:
            self._playing = False
            self.autoplay_ended.emit()

    # -- changes ----------------------------------------------------------------

    def _retranslate(self, _language: str) -> None:
        if self._warning_up:
            self._show_warning()

    def _deck_changed(self, _deck: Deck) -> None:
        attract = self.controller.deck.attract
        self.policy.reconfigure(self._idle_override or attract.idle_timeout, attract.warning)
        self._arm()


__all__ = ["AttractMode"]
