"""Touch and mouse on the stage: swipes and flicks turn slides, taps press tiles or edge zones.

Real touch events are handled directly; mouse events that Qt synthesises from
touch are swallowed so nothing is done twice; a mouse drag behaves like a swipe.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QInputDevice, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.core.swipe import Gesture, SwipeTracker
from kiosk.player.controller import PlayerController
from kiosk.player.input_hub import GESTURES, input_hub

MOUSE_TYPES = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease}
TOUCH_TYPES = {QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}


@runtime_checkable
class DragFeedback(Protocol):
    """What the stage does while a finger drags a slide: follow it, and slide back when it lets go unturned."""

    def drag_to(self, offset_px: float) -> None:
        """Show the slide moved ``offset_px`` sideways, its neighbour coming in."""

    def drag_release(self) -> None:
        """Return a dragged slide to its place."""

    def is_dragging(self) -> bool:
        """True while a slide follows a finger or returns to its place."""


def is_from_touch(event: QMouseEvent) -> bool:
    """True for a mouse event that Qt made up from a touch."""
    device = event.pointingDevice()
    return device is not None and device.type() == QInputDevice.DeviceType.TouchScreen


class PointerGestures(QObject):
    """Watches pointer input aimed at the stage and turns it into navigation.

    ``stage`` is the widget that shows the slides and follows drags (``DragFeedback``). ``clock`` times the
    pointer's samples for flick speeds; tests replace it with one they move by hand.
    """

    tapped = Signal(QPointF)  # a tap that neither a button nor an edge zone took
    gesture_made = Signal(Gesture, bool)
    """A sequence ended as this gesture (True: on a button), just before it acts: how the visitor moved."""

    def __init__(
        self, stage: QWidget, controller: PlayerController, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if not isinstance(stage, DragFeedback):
            raise TypeError(f"{type(stage).__name__} cannot show a slide following a finger")
        super().__init__(stage)
        self.stage = stage
        self.controller = controller
        self.clock = clock
        self._tracker: SwipeTracker | None = None
        self._pressed: QAbstractButton | None = None
        stage.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        input_hub().add(self.eventFilter, GESTURES)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        kind = event.type()
        if kind not in MOUSE_TYPES and kind not in TOUCH_TYPES:
            return False
        if not isinstance(watched, QWidget) or not (watched is self.stage or self.stage.isAncestorOf(watched)):
            return False
        if kind in TOUCH_TYPES and isinstance(event, QTouchEvent):
            return self._touch(event)
        if isinstance(event, QMouseEvent):
            if is_from_touch(event):
                return True  # the touch itself was handled
            return self._mouse(event)
        return False

    # -- input kinds ----------------------------------------------------------

    def _touch(self, event: QTouchEvent) -> bool:
        points = event.points()
        if event.type() == QEvent.Type.TouchCancel:
            self._cancel()
        elif points:
            position = self.stage.mapFromGlobal(points[0].globalPosition())
            if event.type() == QEvent.Type.TouchBegin:
                self._press(position)
            elif event.type() == QEvent.Type.TouchUpdate:
                self._move(position)
            else:
                self._release(position)
        event.accept()
        return True

    def _mouse(self, event: QMouseEvent) -> bool:
        if event.button() not in (Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton):
            return False
        position = self.stage.mapFromGlobal(event.globalPosition())
        if event.type() == QEvent.Type.MouseButtonPress:
            self._press(position)
        elif event.type() == QEvent.Type.MouseMove:
            if not event.buttons() & Qt.MouseButton.LeftButton:
                return False
            self._move(position)
        else:
            self._release(position)
        return True

    # -- one sequence ---------------------------------------------------------

    def _press(self, position: QPointF) -> None:
        options = self.controller.deck.touch
        self._tracker = SwipeTracker(max(1, self.stage.width()), max(1, self.stage.height()), options)
        self._tracker.press(position.x(), position.y(), self.clock())
        self._pressed = self._button_at(position)
        if self._pressed is not None:
            self._pressed.setDown(True)

    def _move(self, position: QPointF) -> None:
        if self._tracker is None:
            return
        offset = self._tracker.move(position.x(), position.y(), self.clock())
        if offset is not None:
            self._release_button()
            # A swipe that turns a page of the home screen does not pull the next slide in.
            if not self.controller.turns_home_page(forward=offset < 0):
                self.stage.drag_to(offset)

    def _release(self, position: QPointF) -> None:
        tracker, self._tracker = self._tracker, None
        if tracker is None:
            return
        gesture = tracker.release(position.x(), position.y(), self.clock())
        button = self._pressed
        self._release_button()
        self.gesture_made.emit(gesture, button is not None)
        if gesture is Gesture.NEXT:
            self.controller.next()
        elif gesture is Gesture.PREVIOUS:
            self.controller.previous()
        elif gesture in (Gesture.TAP, Gesture.TAP_NEXT, Gesture.TAP_PREVIOUS) and button is not None:
            button.click()
        elif gesture is Gesture.TAP_NEXT:
            self.controller.next()
        elif gesture is Gesture.TAP_PREVIOUS:
            self.controller.previous()
        elif gesture is Gesture.TAP:
            self.tapped.emit(position)
        if self.stage.is_dragging():  # not turned (too short, or nowhere to go): back into place
            self.stage.drag_release()

    def cancel(self) -> None:
        """Drop the sequence under way: nothing it started turns a slide or presses a button."""
        self._cancel()

    def _cancel(self) -> None:
        self._tracker = None
        self._release_button()
        if self.stage.is_dragging():
            self.stage.drag_release()

    def _release_button(self) -> None:
        if self._pressed is not None:
            self._pressed.setDown(False)
            self._pressed = None

    def _button_at(self, position: QPointF) -> QAbstractButton | None:
        widget = self.stage.childAt(position.toPoint())
        while widget is not None and widget is not self.stage:
            if isinstance(widget, QAbstractButton) and widget.isEnabled():
                return widget
            widget = widget.parentWidget()
        return None
