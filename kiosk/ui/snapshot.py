"""Pictures of slides for transitions: what is on screen read back, and what is coming painted once.

A transition starts from the slide the viewer is looking at. That slide was
painted into the window's backing store for the last frame, so copying those
pixels (about 1 ms at 1080p) is much cheaper than ``QWidget.grab()``, which
paints the whole slide again. Widgets stacked over the slide (the controls
bar, a hint card) are painted away from the slide itself, so the picture holds
the slide alone.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QRegion, QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.palette import TRANSPARENT

KEEP_MS = 2000
"""Picture buffers are kept this long after the last transition, then given back."""


class TransitionPictures(QObject):
    """Takes the leaving slide's picture into a buffer reused while transitions follow closely.

    A fresh full-screen buffer costs about 4 ms of page faults at 1080p on
    every transition (the allocator gives large buffers back to the system at
    once, see ``kiosk.memory``); reusing one keeps rapid transitions cheap,
    and a kiosk resting on a slide for longer than ``keep_ms`` holds none.
    The arriving slide needs no picture: it is shown live under the overlay.
    """

    def __init__(self, parent: QObject | None = None, keep_ms: int = KEEP_MS) -> None:
        super().__init__(parent)
        self._buffer: QImage | None = None
        self._release = QTimer(self)
        self._release.setSingleShot(True)
        self._release.setInterval(keep_ms)
        self._release.timeout.connect(self.release)

    def holds_buffers(self) -> bool:
        """True while a picture buffer is kept for the next transition."""
        return self._buffer is not None

    def release(self) -> None:
        """Give the buffer back; a picture still on screen keeps its own reference."""
        self._buffer = None

    def shown(self, widget: QWidget) -> QImage:
        """``widget`` as it is on screen now (painted afresh where the screen cannot be read)."""
        if self._buffer is None or not fits(self._buffer, widget):
            self._buffer = None  # the old one given back before the new one is made
            self._buffer = blank_picture(widget)
        self._release.start()
        fill_as_shown(widget, self._buffer)
        return self._buffer


def prepare_first_paint(widget: QWidget) -> None:
    """Make now what ``widget``'s first paint would make (its texts' pictures, a theme's background), though it is
    hidden: the first frame that shows it then only copies them. Widgets say what by a ``prepare_paint`` method."""
    send_pending_resizes(widget)
    for each in (widget, *widget.findChildren(QWidget)):
        prepare = getattr(each, "prepare_paint", None)
        if callable(prepare):
            prepare()


def send_pending_resizes(widget: QWidget) -> None:
    """Lay out a hidden widget and its children as showing or rendering it would: Qt holds their resize events
    back until then, and their texts' sizes follow from them."""
    if widget.testAttribute(Qt.WidgetAttribute.WA_PendingResizeEvent):
        widget.setAttribute(Qt.WidgetAttribute.WA_PendingResizeEvent, False)
        QCoreApplication.sendEvent(widget, QResizeEvent(widget.size(), QSize()))
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        send_pending_resizes(child)


def blank_picture(widget: QWidget) -> QImage:
    """An unpainted picture the size of ``widget`` in device pixels: opaque when the widget is."""
    picture = QImage(picture_size(widget), picture_format(widget))
    picture.setDevicePixelRatio(widget.devicePixelRatioF())
    return picture


def fits(picture: QImage, widget: QWidget) -> bool:
    """True when ``picture`` has the size, pixel ratio and format a picture of ``widget`` needs."""
    return (
        picture.size() == picture_size(widget)
        and picture.devicePixelRatio() == widget.devicePixelRatioF()
        and picture.format() == picture_format(widget)
    )


def picture_size(widget: QWidget) -> QSize:
    """The widget's size in device pixels."""
    ratio = widget.devicePixelRatioF()
    return QSize(round(widget.width() * ratio), round(widget.height() * ratio))


def picture_format(widget: QWidget) -> QImage.Format:
    """Opaque pixels for a widget that paints all of itself: drawn as plain copies, never blended."""
    if widget.testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent):
        return QImage.Format.Format_RGB32
    return QImage.Format.Format_ARGB32_Premultiplied


def picture_of(widget: QWidget) -> QImage:
    """A new picture of ``widget`` as it is on screen, or painted when the screen cannot be read."""
    picture = blank_picture(widget)
    fill_as_shown(widget, picture)
    return picture


def painted_picture(widget: QWidget) -> QImage:
    """A new picture of ``widget`` painted as it would show now, though it may be hidden."""
    picture = blank_picture(widget)
    paint_into(widget, picture)
    return picture


def fill_as_shown(widget: QWidget, picture: QImage) -> None:
    """Fill ``picture`` with ``widget`` as it is on screen, painting it where the screen cannot be read."""
    if not copy_from_screen(widget, picture):
        paint_into(widget, picture)


def paint_into(widget: QWidget, picture: QImage) -> None:
    """Paint ``widget`` and its children over the whole of ``picture``."""
    if not widget.testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent):
        picture.fill(TRANSPARENT)
    widget.render(picture)


def copy_from_screen(widget: QWidget, picture: QImage) -> bool:
    """Copy the widget's pixels from its window's backing store into ``picture``; False when they cannot be read.

    Pending repaints are done first. False when the widget is hidden or the
    platform's backing store is not an image of the window (a GPU surface, say).
    """
    window = widget.window()
    if not widget.isVisible() or window is None:
        return False
    # A slide just shown, or a transition just ended, is only painted at the next frame;
    # usually nothing is pending and this costs nothing.
    QCoreApplication.sendPostedEvents(window, QEvent.Type.UpdateRequest)
    store = window.backingStore()
    device = store.paintDevice() if store is not None else None
    if not isinstance(device, QImage) or device.isNull():
        return False
    ratio = device.devicePixelRatio()
    origin = widget.mapTo(window, QPoint(0, 0))
    pixels = QRect(QPoint(round(origin.x() * ratio), round(origin.y() * ratio)), picture_size(widget))
    if device.size() != window.size() * ratio or not device.rect().contains(pixels) or pixels.size() != picture.size():
        return False
    painter = QPainter(picture)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
    painter.drawImage(QRect(QPoint(0, 0), widget.size()), device, pixels)
    painter.end()
    covered = covered_region(widget)
    if not covered.isEmpty():
        widget.render(picture, covered.boundingRect().topLeft(), covered)
    return True


def covered_region(widget: QWidget) -> QRegion:
    """The parts of ``widget`` hidden by visible widgets stacked above it or above its ancestors, in its coordinates."""
    covered = QRegion()
    bounds = widget.rect()
    child = widget
    parent = widget.parentWidget()
    while parent is not None:
        siblings = [w for w in parent.children() if isinstance(w, QWidget)]
        above = siblings[siblings.index(child) + 1 :] if child in siblings else []
        for sibling in above:
            if sibling.isVisible() and not sibling.isWindow():
                area = QRect(widget.mapFrom(parent, sibling.pos()), sibling.size()).intersected(bounds)
                if not area.isEmpty():
                    covered += area
        if child.isWindow() or parent.isWindow():
            break
        child, parent = parent, parent.parentWidget()
    return covered
