"""Small geometry helpers shared by the slide views."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QRect

from kiosk.ui.fit_text import FitText
from kiosk.ui.scale import Scale


def centred_column(area: QRect, width: int) -> QRect:
    """``area`` narrowed to at most ``width``, centred horizontally."""
    width = min(width, area.width())
    return QRect(area.x() + (area.width() - width) // 2, area.y(), width, area.height())


def left_column(area: QRect, width: int) -> QRect:
    """``area`` narrowed to at most ``width`` from its left edge."""
    return QRect(area.x(), area.y(), min(width, area.width()), area.height())


SHARE_ROUNDS = 12
"""Bisection rounds when texts share a smaller size: to within 1/4000 of the preferred size."""


def common_share(need: Callable[[float], float], room: float) -> float:
    """The largest share (at most 1) of the preferred sizes at which ``need(share)`` is within ``room``."""
    if need(1.0) <= room:
        return 1.0
    low, high = 0.0, 1.0  # ``low`` fits (nothing at all does), ``high`` does not
    for _ in range(SHARE_ROUNDS):
        middle = (low + high) / 2
        if need(middle) <= room:
            low = middle
        else:
            high = middle
    return low


def height_at(texts: list[tuple[FitText, int]], width: int, gap: int) -> int:
    """The height ``texts`` take stacked at ``width``, each at the given pixel size (with a pixel to spare)."""
    shown = [(widget, pixels) for widget, pixels in texts if widget.text()]
    return math.ceil(sum(w.needed_height(width, px + 1) + 1 for w, px in shown)) + gap * max(0, len(shown) - 1)


def stack(texts: list[tuple[FitText, int]], area: QRect, gap: int, centre: bool = False) -> int:
    """Place texts top to bottom in ``area``, each at the height it needs at its preferred size.

    When they need more than ``area`` holds, every text shrinks by the same share of its
    preferred size until the block fits (long texts wrap on more lines, short ones do not
    lose more than the others). With ``centre`` the block is centred vertically.
    Returns the bottom of the block.
    """
    shown = [(widget, pixels) for widget, pixels in texts if widget.text()]
    for widget, _ in texts:
        widget.setVisible(bool(widget.text()))
    if not shown:
        return area.top()
    for widget, pixels in shown:
        widget.set_preferred_pixel_size(pixels)
    room = area.height() - gap * (len(shown) - 1)

    def heights(share: float) -> list[float]:
        return [widget.needed_height(area.width(), max(1, int(pixels * share))) + 1 for widget, pixels in shown]

    needs = heights(common_share(lambda share: sum(heights(share)), room))
    total = sum(needs)
    if total > room:  # not even the smallest size fits: each text gets its part of the room
        needs = [room * need / total for need in needs]
        total = room
    y = area.top() + ((room - total) / 2 if centre else 0)
    for (widget, _), need in zip(shown, needs):
        widget.setGeometry(area.x(), round(y), area.width(), max(1, round(need)))
        y += need + gap
    return round(y - gap)


def framed_picture(heading: FitText, caption: FitText, scale: Scale, content: QRect) -> QRect:
    """Place ``heading`` at the top of ``content`` (at most a quarter of it) and ``caption`` at its foot; return the
    room left between them for a picture or a clip."""
    m = scale.metrics
    gap = scale.px(m.gap)
    top = stack(
        [(heading, scale.px(m.heading_font))],
        QRect(content.x(), content.y(), content.width(), content.height() // 4),
        gap,
    )
    if heading.text():
        top += gap
    caption_h = round(caption.needed_height(content.width(), scale.px(m.label_font))) if caption.text() else 0
    picture = QRect(content.x(), top, content.width(), content.bottom() - top - caption_h - (gap if caption_h else 0))
    stack(
        [(caption, scale.px(m.label_font))],
        QRect(content.x(), picture.bottom() + gap, content.width(), caption_h),
        0,
    )
    return picture
