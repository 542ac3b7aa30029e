"""Turns the opening hours into two signals, ``closed`` and ``opened``, at the right moments."""

from __future__ import annotations

import logging
import math
from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kiosk.core.schedule import OpeningState, ScheduleWatcher
from kiosk.deck.schema import Deck

log = logging.getLogger(__name__)

MAX_CHECK_INTERVAL_MS = 60_000
"""Look at the clock at least this often, so a clock that jumps (NTP, DST, a manual change) is noticed."""
PAST_CHANGE_MS = 50
"""Wake this long after a change is due, so the clock has certainly passed it."""


class OpeningHoursController(QObject):
    """Watches the deck's opening hours and announces each change as ``closed()`` or ``opened()``.

    It touches no widget: the window listens to the signals and shows the
    standby screen, sleeps the screen, or stops auto-play itself. The display
    is assumed open until the first ``check()``, which the owner calls once
    after connecting; from then on a single-shot timer re-checks at every change.
    ``watcher`` supplies the clock (its schedule is replaced by the deck's).
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


__all__ = ["OpeningHoursController"]
