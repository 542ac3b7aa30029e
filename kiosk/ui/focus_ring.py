"""The focus ring: a thick bright outline round the control a keyboard or switch user has reached with Tab."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolButton, QWidget

from kiosk.ui.palette import CONTROL_RADIUS_PX, FOCUS_RING

RING_SHARE = 0.06
"""The ring's width as a share of the control's shorter side."""
MIN_RING_PX = 3
"""The ring stays this thick on the smallest controls."""


def ring_width(widget: QWidget) -> int:
    """The ring's width in pixels for ``widget``'s size."""
    return max(MIN_RING_PX, round(min(widget.width(), widget.height()) * RING_SHARE))


def paint_focus_ring(widget: QWidget, radius: float = 0.0) -> None:
    """Draw the ring just inside ``widget``'s edges when it has the keyboard focus; nothing otherwise."""
    if not widget.hasFocus():
        return
    width = ring_width(widget)
    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(FOCUS_RING), width))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    inset = width / 2
    painter.drawRoundedRect(QRectF(widget.rect()).adjusted(inset, inset, -inset, -inset), radius, radius)
    painter.end()


class FocusRingButton(QToolButton):
    """A tool button that Tab reaches (a touch never gives it the focus) and that then shows the focus ring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        super().paintEvent(event)
        paint_focus_ring(self, CONTROL_RADIUS_PX)
