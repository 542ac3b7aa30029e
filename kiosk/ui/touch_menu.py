"""The control bar's pop-up menus (language, accessibility): items a finger can hit, ticks that can be seen, and in
reach mode opened inside the band a seated visitor reaches."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QProxyStyle, QStyle, QStyleOption, QWidget

from kiosk.core.reach import ReachBand
from kiosk.ui.icons import icon
from kiosk.ui.palette import TEXT, font

ITEM_ENDS = 0.5
ITEM_SIDES = 1.5
"""An item's padding above and below, and at the sides, as shares of its words' size (as in kiosk.qss)."""


class MenuStyle(QProxyStyle):
    """Icons (the ticks of the items that are on) as large as the words, not the style's 16-pixel glyphs."""

    def __init__(self) -> None:
        super().__init__()
        self.icon_px = 16

    def pixelMetric(  # noqa: N802 - Qt naming
        self, metric: QStyle.PixelMetric, option: QStyleOption | None = None, widget: QWidget | None = None
    ) -> int:
        if metric == QStyle.PixelMetric.PM_SmallIconSize:
            return self.icon_px
        return super().pixelMetric(metric, option, widget)


def show_tick(item: QAction, on: bool) -> None:
    """Tick a menu item (checked, with a tick as large as its words) or not."""
    item.setChecked(on)
    item.setIcon(icon("confirm", TEXT) if on else QIcon())


class TouchMenu(QMenu):
    """A menu of the control bar: every item a touch target tall, opened over its button."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._style = MenuStyle()  # kept: a widget does not own the style it is given
        self.setStyle(self._style)

    def size_for(self, words_px: int, target: int) -> None:
        """Words ``words_px`` tall, each item at least ``target`` (a touch target) tall."""
        across, down = round(words_px * ITEM_SIDES), round(words_px * ITEM_ENDS)
        self._style.icon_px = words_px
        self.setFont(font(words_px))
        # Qt applies an item's least height only with its padding stated beside it.
        self.setStyleSheet(
            f"QMenu::item {{ padding: {down}px {across}px; min-height: {max(1, target - 2 * down)}px; }}"
        )

    def open_over(self, button: QWidget, band: ReachBand | None = None, window: QWidget | None = None) -> None:
        """Open over ``button``; with a reach ``band`` (rows of ``window``) inside it, beside the button when there is
        no room over it in the band."""
        corner = button.mapToGlobal(QPoint(0, 0))
        self.popup(QPoint(corner.x(), corner.y() - self.sizeHint().height()))
        if band is None or window is None:
            return
        size = self.size()  # its size once up and styled (the hint before can be a few pixels short)
        picture = QRect(window.mapToGlobal(QPoint(0, 0)), window.size())
        top, bottom, right = picture.y() + band.top, picture.y() + band.bottom, picture.right() + 1
        x, y = corner.x(), corner.y() - size.height()
        if y < top:  # beside the button, down to the band's lower edge
            x = corner.x() - size.width()
            if x < picture.x():
                x = corner.x() + button.width()
            y = max(top, bottom - size.height())
        # Also where Qt moved it to keep it on the screen it opens on: the window is the picture, and a window
        # larger than its screen (in development) still gets its menu where its band is. Never off the picture.
        x = max(picture.x(), min(x, right - size.width()))
        self.move(x, max(picture.y(), min(y, picture.bottom() + 1 - size.height())))


__all__ = ["MenuStyle", "TouchMenu", "show_tick"]
