"""Handing the booth's display to a presenter and back: attract mode rests during the talk, resumes after it.

Draws nothing: whoever builds the player gives it a way to open the presenter
console (``open_talk``); the talk ends with the console's end key, or after the
deck's idle timeout without input on any window, and the display returns to the
locked attract loop on its home screen.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from kiosk.core.attract import IdlePolicy, Phase
from kiosk.player.attract_mode import AttractMode
from kiosk.player.controller import PlayerController
from kiosk.player.input_hub import ACTIVITY, USER_INPUT_TYPES, input_hub
from kiosk.player.opening_hours import ClosedMode
from kiosk.player.presenter import Presenter

log = logging.getLogger(__name__)


class BoothTalk(Protocol):
    """An open presenter console: its talk, and a way to close it (ending and recording the talk)."""

    @property
    def presenter(self) -> Presenter:
        """The talk's timer and keys."""

    def close(self) -> None:
        """End the talk if it runs, close the console and give the audience window its screen back."""


class BoothHandover(QObject):
    """Switches the booth between the attract loop and a talk, and ends a talk nobody touches.

    ``present()`` suspends attract mode and opens the console; the talk's end
    (the presenter's end key, or ``idle_timeout_s`` without input anywhere, on
    ``clock``) closes it, goes home and resumes attract mode from now. The kiosk
    lock and the exit gesture are untouched throughout.
    """

    started = Signal()
    """A talk began: the console is open and attract mode rests."""
    finished = Signal()
    """The talk ended and the display is back in the attract loop, on its home screen."""

    def __init__(
        self,
        controller: PlayerController,
        attract: AttractMode,
        open_talk: Callable[[], BoothTalk],
        closed: ClosedMode | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.attract = attract
        self.closed = closed
        self.open_talk = open_talk
        self.clock = clock
        self.talk: BoothTalk | None = None
        self.idle: IdlePolicy | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        input_hub().add(self.eventFilter, ACTIVITY)
        if closed is not None:  # opening time during a talk wakes attract mode: it rests again until the talk ends
            closed.opened.connect(self._reopened)

    def is_presenting(self) -> bool:
        """True while a talk is on."""
        return self.talk is not None

    def present(self) -> None:
        """Rest attract mode and open the presenter console (nothing when a talk is already on)."""
        if self.talk is not None:
            return
        self.attract.suspend()
        self.controller.home()
        # The talk's own idle limit: the deck's (or --idle-timeout's) time without input, and no warning.
        self.idle = IdlePolicy(self.attract.policy.idle_timeout_s, 0.0, self.clock)
        self.talk = self.open_talk()
        self.talk.presenter.ended.connect(self._finish)
        log.info("the booth is presenting; back to the attract loop after %g s without input", self.idle.idle_timeout_s)
        self._arm()
        self.started.emit()

    def _reopened(self) -> None:
        QTimer.singleShot(0, self._rest_attract)  # after ClosedMode has resumed attract mode

    def _rest_attract(self) -> None:
        if self.talk is not None:
            self.attract.suspend()

    def check(self) -> None:
        """End the talk when the idle time has run out on the clock (the timer calls this; tests too)."""
        if self.talk is None or self.idle is None:
            return
        if self.idle.update() is Phase.AUTOPLAY:
            log.info("no input for %g s: the talk ends", self.idle.idle_timeout_s)
            self.talk.presenter.end_talk()
        else:
            self._arm()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if self.idle is not None and event.type() in USER_INPUT_TYPES and watched.isWidgetType():
            self.idle.on_input()
            self._arm()
        return False  # only looks

    def _arm(self) -> None:
        deadline = self.idle.next_deadline() if self.idle is not None else None
        if deadline is None:
            self._timer.stop()
            return
        self._timer.start(max(0, round((deadline - self.clock()) * 1000)))

    def _finish(self) -> None:
        talk = self.talk
        if talk is None:
            return
        self.talk, self.idle = None, None
        self._timer.stop()
        talk.close()
        self.controller.home()
        if self.closed is None or self.closed.hours.is_open:  # outside opening hours attract mode stays at rest
            self.attract.resume()
        log.info("the talk is over: back to the attract loop")
        self.finished.emit()


__all__ = ["BoothHandover", "BoothTalk"]
