"""Reading aloud without sight: two fingers held still anywhere on the screen turn speech on for the visit.

The hold is read from the touches the window handle receives (every finger, whatever widget is under
it). Once a second finger lands soon after the first, the touch belongs to this gesture: the pointer
gestures are told to drop what the first finger started (``claimed``) and no widget gets the rest of
the touch, so two fingers never turn a slide or press a tile. The hold is measured on ``clock``; a
timer only says when to look at it.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QTimer, Signal
from PySide6.QtGui import QEventPoint, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.player.chime import SpeechOnChime
from kiosk.player.input_hub import TWO_FINGER_HOLD, input_hub
from kiosk.player.pointer import PointerGestures, is_from_touch
from kiosk.player.speech import SlideSpeech

if TYPE_CHECKING:
    from kiosk.player.opening_hours import ClosedMode

log = logging.getLogger(__name__)

HOLD_S = 1.5
"""How long both fingers stay down: twice as long as a slow swipe or pinch lasts, well short of giving up."""
SECOND_FINGER_S = 0.3
"""The second finger lands at most this long after the first: two fingers put down together, not a
one-finger press that another finger joins later."""
HOLD_SLOP = 0.03
"""Share of the shorter screen side each finger may drift from where it landed (twice a tap's): a held
finger rolls a little; a swipe or a pinch travels further within its first tenth of a second."""
FINGERS = 2

TOUCH_TYPES = {QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}
MOUSE_TYPES = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease}


@dataclass
class _Touch:
    """One touch sequence as the window handle sees it: where and when each finger landed."""

    started_at: float
    landed: dict[int, QPointF] = field(default_factory=dict)
    both_down_at: float | None = None
    spoilt: bool = False
    """No hold can come of it any more (a finger moved or lifted, a third landed, the second came late)."""
    done: bool = False
    """The hold was recognised; the fingers have not all lifted yet."""


class TwoFingerHold(QObject):
    """Emits ``held`` when two fingers go down together anywhere on ``window`` and stay still for ``hold_s``.

    ``claimed`` says a touch became a two-finger touch: whatever its first finger started is to be dropped.
    ``active`` says whether the gesture listens at all (not behind the closed-hours screen).
    """

    held = Signal()
    claimed = Signal()

    def __init__(
        self,
        window: QWidget,
        clock: Callable[[], float] = time.monotonic,
        hold_s: float = HOLD_S,
        active: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.hold_s = hold_s
        self.active = active
        self._touch: _Touch | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        input_hub().add(self.eventFilter, TWO_FINGER_HOLD)

    def is_holding(self) -> bool:
        """True while two still fingers are being timed."""
        touch = self._touch
        return touch is not None and touch.both_down_at is not None and not touch.spoilt and not touch.done

    def owns_touch(self) -> bool:
        """True while the fingers on the screen belong to this gesture (two landed together)."""
        return self._touch is not None and self._touch.both_down_at is not None

    # -- input ----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        kind = event.type()
        if kind in TOUCH_TYPES and isinstance(event, QTouchEvent):
            if watched is self.window.window().windowHandle():
                self._follow(event)
                return False
            return self._swallowed(watched, event)
        if kind in MOUSE_TYPES and isinstance(event, QMouseEvent) and is_from_touch(event):
            return self._swallowed(watched, event)
        return False

    def _swallowed(self, watched: QObject, event: QEvent) -> bool:
        """Widgets get nothing of a touch this gesture owns; a button the first finger pressed comes back up."""
        if not self.owns_touch() or not self._in_window(watched):
            return False
        if isinstance(watched, QAbstractButton) and watched.isDown():
            watched.setDown(False)
        event.accept()
        return True

    def _in_window(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and (watched is self.window or self.window.isAncestorOf(watched))

    def _follow(self, event: QTouchEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.TouchBegin:
            self._touch = _Touch(self.clock()) if self.active() else None
        touch = self._touch
        if touch is None:
            return
        if kind == QEvent.Type.TouchCancel:
            self._end()
            return
        for point in event.points():
            self._point(touch, point)
        if kind == QEvent.Type.TouchEnd:
            self._end()

    def _point(self, touch: _Touch, point: QEventPoint) -> None:
        state = point.state()
        position = self.window.mapFromGlobal(point.globalPosition())
        if state == QEventPoint.State.Pressed:
            touch.landed[point.id()] = position
            self._landed(touch)
        elif state == QEventPoint.State.Updated:
            start = touch.landed.get(point.id())
            if start is not None and _distance(start, position) > self._slop_px():
                self._spoil(touch, "a finger moved")
        elif state == QEventPoint.State.Released and not touch.done:
            self._spoil(touch, "a finger lifted")

    def _landed(self, touch: _Touch) -> None:
        count = len(touch.landed)
        if count == FINGERS and touch.both_down_at is None and not touch.spoilt:
            now = self.clock()
            if now - touch.started_at > SECOND_FINGER_S:
                touch.spoilt = True  # a one-finger press another finger joined later: not ours
                return
            touch.both_down_at = now
            self.claimed.emit()
            self._timer.start(max(1, round(self.hold_s * 1000)))
        elif count > FINGERS:
            self._spoil(touch, "a third finger landed")

    def _spoil(self, touch: _Touch, why: str) -> None:
        if not touch.spoilt and touch.both_down_at is not None and not touch.done:
            log.debug("two-finger hold abandoned: %s", why)
        touch.spoilt = True
        self._timer.stop()

    def _end(self) -> None:
        self._touch = None
        self._timer.stop()

    def _slop_px(self) -> float:
        return HOLD_SLOP * max(1, min(self.window.width(), self.window.height()))

    # -- time -----------------------------------------------------------------

    def check(self) -> None:
        """Emit ``held`` once two still fingers have been down ``hold_s`` on the clock (the timer calls this)."""
        touch = self._touch
        if touch is None or touch.both_down_at is None or touch.spoilt or touch.done:
            return
        remaining_s = touch.both_down_at + self.hold_s - self.clock()
        if remaining_s > 0:  # a timer may fire a little early; look again when the hold is due
            self._timer.start(max(1, math.ceil(remaining_s * 1000)))
            return
        touch.done = True
        log.info("two fingers held for %g s", self.hold_s)
        self.held.emit()


def hold_for_speech(
    window: QWidget, pointer: PointerGestures, speech: SlideSpeech, closed: ClosedMode | None = None
) -> TwoFingerHold:
    """The hold on ``window`` that turns ``speech`` on: a chime, a spoken hint, then the slide.

    Two fingers never turn a slide or press a tile (``pointer`` drops what the first one started); nothing
    happens behind the ``closed`` hours' screen; where speech is unavailable the hold only logs, once.
    """
    hold = TwoFingerHold(window, active=lambda: closed is None or closed.hours.is_open)
    hold.claimed.connect(pointer.cancel)
    if speech.available:
        chime = SpeechOnChime(hold)
        hold.held.connect(lambda: chime.play(speech.turn_on_with_hint))
    else:
        hold.held.connect(speech.turn_on_with_hint)
    return hold


def _distance(a: QPointF, b: QPointF) -> float:
    return math.hypot(a.x() - b.x(), a.y() - b.y())


__all__ = ["HOLD_S", "HOLD_SLOP", "SECOND_FINGER_S", "TwoFingerHold", "hold_for_speech"]
