"""The hidden way out of kiosk mode: press and hold the window's top-left corner."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QWidget

from kiosk.player.input_hub import EXIT_CORNER, input_hub

log = logging.getLogger(__name__)

PRESS = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin}
MOVE = {QEvent.Type.MouseMove, QEvent.Type.TouchUpdate}
END = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}
WATCHED_TYPES = PRESS | MOVE | END


class CornerHold(QObject):
    """Emits ``held`` when one finger or the left mouse button stays in the top-left corner for ``hold_s``.

    It is an application-wide event filter that only looks: every event goes on
    to its widget. Touches are read where the window handle receives them;
    mouse presses where widgets do. Qt shows the filter one press several
    times (to each widget it propagates to, and as a mouse event synthesised
    from a touch), so every reaction here is idempotent. The hold is measured
    on ``clock``; a timer only says when to look at it. ``corner_side`` gives the
    square's side in pixels (the views' touch-target size, which follows the screen).
    """

    held = Signal()

    def __init__(
        self,
        window: QWidget,
        hold_s: float,
        corner_side: Callable[[], int],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.hold_s = hold_s
        self.corner_side = corner_side
        self.clock = clock
        self._pressed_at: float | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        input_hub().add(self.eventFilter, EXIT_CORNER)

    def is_holding(self) -> bool:
        """True while a press in the corner is being timed."""
        return self._pressed_at is not None

    def corner(self) -> QRectF:
        """The square, in window coordinates, that has to be held."""
        side = self.corner_side()
        return QRectF(0, 0, side, side)

    # -- input ----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        kind = event.type()
        if kind not in WATCHED_TYPES:
            return False
        if isinstance(event, QTouchEvent):
            # The window handle gets every touch with all its fingers; a widget may get a
            # second finger as a TouchBegin of its own, which must not start a new hold.
            if watched is self._handle():
                self._touch(event)
        elif isinstance(event, QMouseEvent) and self._in_window(watched):
            self._mouse(event)
        return False

    def _in_window(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and (watched is self.window or self.window.isAncestorOf(watched))

    def _handle(self) -> QObject | None:
        return self.window.window().windowHandle()

    def _touch(self, event: QTouchEvent) -> None:
        kind = event.type()
        points = event.points()
        if kind in END or len(points) != 1:
            self._cancel()
            return
        position = self.window.mapFromGlobal(points[0].globalPosition())
        if kind == QEvent.Type.TouchBegin:
            self._press(position)
        else:
            self._move(position)

    def _mouse(self, event: QMouseEvent) -> None:
        kind = event.type()
        position = self.window.mapFromGlobal(event.globalPosition())
        if kind == QEvent.Type.MouseButtonPress:
            if event.button() == Qt.MouseButton.LeftButton and event.buttons() == Qt.MouseButton.LeftButton:
                self._press(position)
            else:
                self._cancel()  # another button joined in
        elif kind == QEvent.Type.MouseMove:
            self._move(position)
        else:
            self._cancel()

    # -- one hold -------------------------------------------------------------

    def _press(self, position: QPointF) -> None:
        if not self.corner().contains(position):
            self._cancel()
        elif self._pressed_at is None:
            self._pressed_at = self.clock()
            self._timer.start(round(self.hold_s * 1000))

    def _move(self, position: QPointF) -> None:
        if self._pressed_at is not None and not self.corner().contains(position):
            self._cancel()

    def _cancel(self) -> None:
        self._pressed_at = None
        self._timer.stop()

    def check(self) -> None:
        """Emit ``held`` once the press has lasted ``hold_s`` on the clock (the timer calls this; tests too)."""
        if self._pressed_at is None:
            return
        remaining_s = self._pressed_at + self.hold_s - self.clock()
        if remaining_s > 0:  # a timer may fire a little early; look again when the hold is due
            self._timer.start(max(1, math.ceil(remaining_s * 1000)))
            return
        self._cancel()
        log.info("the exit corner was held for %g s", self.hold_s)
        self.held.emit()
