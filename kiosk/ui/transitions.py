"""Slide transitions: a push in the direction of travel, or a cross-fade, from a picture of the leaving slide and
the arriving slide itself."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPoint, QRect, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QRegion
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from kiosk.player.controller import Motion

PUSH_MS = 400
FADE_MS = 450
FADE_FRAME_MS = 33
"""A cross-fade is drawn at most 30 times a second: blending a full-screen image over the slide is the costliest
frame the player draws, and a fade looks the same at half the rate (pushes keep every frame)."""
Arriving = QImage | QWidget
"""The arriving slide: its view, painted live into each frame, or (for callers that have one) a picture of it."""
REDUCED_MOTION_FADE_MS = 150
EASING = QEasingCurve.Type.InOutCubic


class TransitionOverlay(QWidget):
    """Covers the stage during a transition and paints the old and new slide at the current progress.

    The leaving slide is a picture (it is gone from the stage); the arriving one is its view, painted
    where it shows in each frame. One full-screen picture instead of two keeps 32 MiB less at 4K
    for every transition; with large glyphs cached a slide paints in about the time of a picture.
    The live slide takes over when the transition ends.
    """

    finished = Signal()
    snapped_back = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._old = QImage()
        self._new: Arriving | None = None
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

    def start(self, old: QImage, new: Arriving, motion: Motion, duration_ms: int, from_progress: float = 0.0) -> None:
        """Show a transition from ``old`` to ``new``, starting ``from_progress`` of the way (after a drag)."""
        warm_up(new)
        self._old, self._new, self._motion = old, new, motion
        self._run(from_progress, 1.0, duration_ms * (1.0 - from_progress))

    def show_frame(self, old: QImage, new: Arriving, motion: Motion, progress: float) -> None:
        """Hold the transition still at ``progress``: the slide follows a finger."""
        self._animation.stop()
        self._returning = False
        if new is not self._new:
            warm_up(new)
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
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def finish_now(self) -> None:
        """End the running transition (or a held drag frame) at once, in its final state."""
        if self.is_running() or self.isVisible():
            self._animation.stop()
            self._end()

    def cancel(self) -> None:
        """Hide at once without announcing anything (a held drag frame that is abandoned)."""
        self._animation.stop()
        self._returning = False
        self.hide()
        self._old = QImage()
        self._new = None

    def _step(self, value: object) -> None:
        self._progress = float(value)  # type: ignore[arg-type]
        if self._motion is Motion.FADE and self._progress < 1.0:
            elapsed = self._animation.currentTime()
            if elapsed - self._last_frame_ms < FADE_FRAME_MS:
                return
            self._last_frame_ms = elapsed
        self.update()

    def _end(self) -> None:
        self.hide()
        self._old = QImage()
        self._new = None
        if self._returning:
            self._returning = False
            self.snapped_back.emit()
        else:
            self.finished.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        width = self.width()
        progress = self._progress
        if self._motion in (Motion.FORWARD, Motion.BACKWARD):
            shift = round(width * progress)
            forward = self._motion is Motion.FORWARD
            painter.drawImage(-shift if forward else shift, 0, self._old)
            self._draw_new(painter, width - shift if forward else shift - width, shift)
        else:
            # The arriving slide first, opaque, then the leaving one over it at the remaining share: the same
            # blend as the new over the old at ``progress``, without a layer for the live slide's translucency.
            self._draw_new(painter, 0, width)
            painter.setOpacity(1.0 - progress)
            painter.drawImage(0, 0, self._old)

    def _draw_new(self, painter: QPainter, x: int, visible_width: int) -> None:
        """Draw the arriving slide with its left edge at ``x``: only the ``visible_width`` pixels on screen."""
        new = self._new
        if visible_width <= 0 or new is None:
            return
        if isinstance(new, QImage):
            painter.drawImage(x, 0, new)
            return
        if not isValid(new):  # deleted under a transition that was not ended first
            return
        shown = QRect(-x if x < 0 else 0, 0, visible_width, self.height())
        new.render(painter, QPoint(max(x, 0), 0), QRegion(shown), QWidget.RenderFlag.DrawChildren)


def warm_up(new: Arriving) -> None:
    """Paint an arriving view once where nothing shows: its theme's background and large glyphs are then made
    before the transition's first frame (about 70 ms at 4K for a new theme), not during it."""
    if isinstance(new, QWidget):
        new.render(QImage(1, 1, QImage.Format.Format_RGB32))


def duration_ms(motion: Motion, reduced_motion: bool, time_scale: float = 1.0) -> int:
    """How long a transition of ``motion`` lasts."""
    if motion is Motion.CUT:
        return 0
    if reduced_motion:
        base = REDUCED_MOTION_FADE_MS
    else:
        base = FADE_MS if motion is Motion.FADE else PUSH_MS
    return round(base * time_scale)
