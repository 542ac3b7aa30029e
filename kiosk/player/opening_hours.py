"""Opening hours: when the display closes and opens, and what the player does then (it draws nothing).

``OpeningHoursController`` turns the deck's hours into ``closed`` and ``opened`` at
the right moments; ``ClosedMode`` acts on them: while closed it uses up all
input, suspends attract mode, goes home and asks the screen to sleep. The
standby screen (``kiosk.ui.standby_view``) listens to ``ClosedMode``'s signals.
"""

from __future__ import annotations

import logging
import math
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.core.schedule import OpeningState, ScheduleWatcher
from kiosk.deck.schema import Deck
from kiosk.player.attract_mode import AttractMode
from kiosk.player.controller import PlayerController
from kiosk.player.input_hub import CLOSED_HOURS, USER_INPUT_TYPES, input_hub
from kiosk.player.screen_power import request_screen_sleep

log = logging.getLogger(__name__)

MAX_CHECK_INTERVAL_MS = 60_000
"""Look at the clock at least this often, so a clock that jumps (NTP, DST, a manual change) is noticed."""
PAST_CHANGE_MS = 50
"""Wake this long after a change is due, so the clock has certainly passed it."""


class OpeningHoursController(QObject):
    """Watches the deck's opening hours and announces each change as ``closed()`` or ``opened()``.

    The display is assumed open until the first ``check()``, which the owner
    calls once after connecting; from then on a single-shot timer re-checks at
    every change. ``watcher`` supplies the clock (its schedule is replaced by the deck's).
    """

    closed = Signal()
    opened = Signal()

    def __init__(self, deck: Deck, watcher: ScheduleWatcher | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.deck = deck
        self.watcher = watcher if watcher is not None else ScheduleWatcher()
        self.watcher.set_schedule(deck.schedule)
        self._state = OpeningState.OPEN
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.check)

    @property
    def state(self) -> OpeningState:
        """OPEN or CLOSED as last announced."""
        return self._state

    @property
    def is_open(self) -> bool:
        """True while open, as last announced."""
        return self._state is OpeningState.OPEN

    def next_opening(self) -> datetime | None:
        """When the display opens next (for the standby screen), None when it never does."""
        return self.watcher.next_opening()

    def next_check_ms(self) -> int | None:
        """Milliseconds until the timer looks at the clock again, None when it is not armed."""
        return self._timer.remainingTime() if self._timer.isActive() else None

    def check(self) -> None:
        """Look at the clock now: announce a change of state, then re-arm the timer."""
        state = self.watcher.state()
        if state is not self._state:
            self._state = state
            log.info("Opening hours: now %s", state.value)
            if state is OpeningState.CLOSED:
                self.closed.emit()
            else:
                self.opened.emit()
        self._arm()

    def replace_deck(self, deck: Deck) -> None:
        """Follow ``deck``'s opening hours (after a reload) and announce a change at once."""
        self.deck = deck
        self.watcher.set_schedule(deck.schedule)
        self.check()

    def stop(self) -> None:
        """Stop watching until the next ``check()``."""
        self._timer.stop()

    def _arm(self) -> None:
        seconds = self.watcher.seconds_until_change()
        if seconds is None:
            # Without a schedule, or with one that never changes, only a new deck can change the state.
            self._timer.stop()
            return
        interval = min(MAX_CHECK_INTERVAL_MS, math.ceil(seconds * 1000) + PAST_CHANGE_MS)
        self._timer.start(interval)


class ClosedMode(QObject):
    """Follows the opening hours: while closed, input is used up, attract mode rests and the screen may sleep.

    The input hub shows it input before attract mode (``CLOSED_HOURS``), so while
    closed it uses input up: nothing behind the standby screen reacts. It
    announces ``closed`` once it has gone home (``next_opening()`` then says
    when it opens again) and ``opened`` before it goes home again. Call
    ``start()`` once the listeners are connected.
    """

    closed = Signal()
    opened = Signal()

    def __init__(
        self,
        window: QWidget,
        controller: PlayerController,
        attract: AttractMode,
        hours: OpeningHoursController | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.attract = attract
        self.hours = hours or OpeningHoursController(controller.deck, parent=self)
        self.hours.closed.connect(self._close)
        self.hours.opened.connect(self._open)
        controller.deck_changed.connect(self._deck_changed)
        input_hub().add(self.eventFilter, CLOSED_HOURS)

    def start(self) -> None:
        """Look at the opening hours for the first time (closing at once outside them)."""
        self.hours.check()

    def next_opening(self) -> datetime | None:
        """When the display opens again, None when it never does."""
        return self.hours.next_opening()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if self.hours.is_open or event.type() not in USER_INPUT_TYPES or not isinstance(watched, QWidget):
            return False
        return watched is self.window or self.window.isAncestorOf(watched)

    def _close(self) -> None:
        log.info("closed: showing the standby screen")
        self.attract.suspend()
        self.controller.home()
        self.closed.emit()
        request_screen_sleep(True)

    def _open(self) -> None:
        log.info("open: back to the home screen")
        request_screen_sleep(False)
        self.opened.emit()
        self.controller.home()
        self.attract.resume()

    def _deck_changed(self, deck: Deck) -> None:
        self.hours.replace_deck(deck)


__all__ = ["MAX_CHECK_INTERVAL_MS", "ClosedMode", "OpeningHoursController"]
