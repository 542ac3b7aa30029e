"""Slide transitions: a push in the direction of travel, or a cross-fade, from a picture of the leaving slide."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QRect, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.player.controller import Motion

PUSH_MS = 400
FADE_MS = 450
FADE_FRAME_MS = 33
"""A cross-fade is drawn at most 30 times a second: blending two full-screen images is the costliest
frame the player draws, and a fade looks the same at half the rate (pushes keep every frame)."""
REDUCED_MOTION_FADE_MS = 150
EASING = QEasingCurve.Type.InOutCubic


class TransitionOverlay(QWidget):
    """Paints the leaving slide's picture during a transition, over or beside the arriving slide.

    The arriving slide is the live view itself (``start_over``), shown under the
    overlay: a fade draws the leaving picture over it ever more transparent, a
    push moves the overlay and the view side by side. One full-screen picture
    is held instead of two (33 MiB at 4K); the arriving slide's large texts are
    pictures already (``TextPicture``), so painting it live costs about what
    copying a picture of it did. A slide following a finger is drawn from two
    pictures (``start``, ``show_frame``): both neighbours may come into view.
    """

    finished = Signal()
    snapped_back = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._old = QImage()
        self._new = QImage()
        self._arriving: QWidget | None = None
        self._motion = Motion.CUT
        self._progress = 0.0
        self._returning = False
        self._last_frame_ms = 0
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setEasingCurve(EASING)
        self._animation.valueChanged.connect(self._step)
        self._animation.finished.connect(self._end)
        self.hide()

    def is_running(self) -> bool:
        """True while a transition is on screen."""
        return self._animation.state() == QVariantAnimation.State.Running

    def start(self, old: QImage, new: QImage, motion: Motion, duration_ms: int, from_progress: float = 0.0) -> None:
        """Show a transition from ``old`` to ``new``, starting ``from_progress`` of the way (after a drag)."""
        self._let_go_of_arriving()
        self._old, self._new, self._motion = old, new, motion
        self._run(from_progress, 1.0, duration_ms * (1.0 - from_progress))

    def start_over(self, old: QImage, arriving: QWidget, motion: Motion, duration_ms: int) -> None:
        """Show a transition from the picture ``old`` to ``arriving``, a live sibling under the overlay."""
        self._let_go_of_arriving()
        self._old, self._new, self._motion, self._arriving = old, QImage(), motion, arriving
        # Over the live slide a fade is translucent; a push covers only the leaving slide's part, opaque.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, motion is not Motion.FADE)
        self._run(0.0, 1.0, duration_ms)

    def show_frame(self, old: QImage, new: QImage, motion: Motion, progress: float) -> None:
        """Hold the transition still at ``progress``: the slide follows a finger."""
        self._animation.stop()
        self._returning = False
        self._let_go_of_arriving()
        self._old, self._new, self._motion = old, new, motion
        self._progress = max(0.0, min(1.0, progress))
        self._cover()
        self.update()

    def snap_back(self, duration_ms: float) -> None:
        """Return a dragged slide to its place; ``snapped_back`` is emitted at the end."""
        self._returning = True
        self._run(self._progress, 0.0, duration_ms * self._progress)

    def _run(self, start: float, end: float, duration_ms: float) -> None:
        self._progress = start
        self._last_frame_ms = -FADE_FRAME_MS
        self._cover()
        self._animation.stop()
        self._animation.setStartValue(start)
        self._animation.setEndValue(end)
        self._animation.setDuration(max(1, round(duration_ms)))
        self._animation.start()

    def _cover(self) -> None:
        self._place()
        self.raise_()
        self.show()

    def _place(self) -> None:
        """The overlay over the stage, or beside the live arriving slide where a push has brought each."""
        parent = self.parentWidget()
        if parent is None:
            return
        area = parent.rect()
        if self._arriving is None or self._motion is Motion.FADE:
            self.setGeometry(area)
            return
        shift = round(area.width() * self._progress)
        ahead = self._motion is Motion.FORWARD
        self.setGeometry(area.translated(-shift if ahead else shift, 0))
        self._arriving.setGeometry(area.translated(area.width() - shift if ahead else shift - area.width(), 0))

    def _let_go_of_arriving(self) -> None:
        """The live arriving slide back in its place and the overlay opaque again, as for pictures."""
        if self._arriving is not None:
            parent = self.parentWidget()
            self._arriving.setGeometry(parent.rect() if parent is not None else QRect(self._arriving.rect()))
            self._arriving = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def finish_now(self) -> None:
        """End the running transition (or a held drag frame) at once, in its final state."""
        if self.is_running() or self.isVisible():
            self._animation.stop()
            self._end()

    def cancel(self) -> None:
        """Hide at once without announcing anything (a held drag frame that is abandoned)."""
        self._animation.stop()
        self._returning = False
        self._let_go_of_arriving()
        self.hide()
        self._old = QImage()
        self._new = QImage()

    def _step(self, value: object) -> None:
        self._progress = float(value)  # type: ignore[arg-type]
        if self._motion is Motion.FADE and self._progress < 1.0:
            elapsed = self._animation.currentTime()
            if elapsed - self._last_frame_ms < FADE_FRAME_MS:
                return
            self._last_frame_ms = elapsed
        if self._arriving is not None and self._motion is not Motion.FADE:
            self._place()  # both move: each paints only what it newly shows
            return
        self.update()

    def _end(self) -> None:
        self._let_go_of_arriving()
        self.hide()
        self._old = QImage()
        self._new = QImage()
        if self._returning:
            self._returning = False
            self.snapped_back.emit()
        else:
            self.finished.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        width = self.width()
        progress = self._progress
        if self._arriving is not None:
            if self._motion is Motion.FADE:
                painter.setOpacity(1.0 - progress)
            painter.drawImage(0, 0, self._old)
        elif self._motion is Motion.FORWARD:
            shift = round(width * progress)
            painter.drawImage(-shift, 0, self._old)
            painter.drawImage(width - shift, 0, self._new)
        elif self._motion is Motion.BACKWARD:
            shift = round(width * progress)
            painter.drawImage(shift, 0, self._old)
            painter.drawImage(shift - width, 0, self._new)
        else:
            painter.drawImage(0, 0, self._old)
            painter.setOpacity(progress)
            painter.drawImage(0, 0, self._new)


def duration_ms(motion: Motion, reduced_motion: bool, time_scale: float = 1.0) -> int:
    """How long a transition of ``motion`` lasts."""
    if motion is Motion.CUT:
        return 0
    if reduced_motion:
        base = REDUCED_MOTION_FADE_MS
    else:
        base = FADE_MS if motion is Motion.FADE else PUSH_MS
    return round(base * time_scale)
