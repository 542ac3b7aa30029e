"""Small geometry helpers shared by the slide views."""

from __future__ import annotations

from PySide6.QtCore import QRect

from kiosk.ui.fit_text import FitText


def centred_column(area: QRect, width: int) -> QRect:
    """``area`` narrowed to at most ``width``, centred horizontally."""
    width = min(width, area.width())
    return QRect(area.x() + (area.width() - width) // 2, area.y(), width, area.height())


def left_column(area: QRect, width: int) -> QRect:
    """``area`` narrowed to at most ``width`` from its left edge."""
    return QRect(area.x(), area.y(), min(width, area.width()), area.height())


def stack(texts: list[tuple[FitText, int]], area: QRect, gap: int, centre: bool = False) -> int:
    """Place texts top to bottom in ``area``, each at the height it needs at its preferred size.

    When they need more than ``area`` holds, every text gets a share of the height
    in proportion to its need and shrinks to fit. With ``centre`` the block is
    centred vertically. Returns the bottom of the block.
    """
    shown = [(widget, pixels) for widget, pixels in texts if widget.text()]
    for widget, _ in texts:
        widget.setVisible(bool(widget.text()))
    if not shown:
        return area.top()
    for widget, pixels in shown:
        widget.set_preferred_pixel_size(pixels)
    needs = [widget.needed_height(area.width()) + 1 for widget, _ in shown]
    room = area.height() - gap * (len(shown) - 1)
    total = sum(needs)
    if total > room:
        needs = [room * need / total for need in needs]
        total = room
    y = area.top() + ((room - total) / 2 if centre else 0)
    for (widget, _), need in zip(shown, needs):
        widget.setGeometry(area.x(), round(y), area.width(), max(1, round(need)))
        y += need + gap
    return round(y - gap)
