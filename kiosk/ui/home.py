"""The home screen: the deck's title and one large tile per theme."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QLinearGradient, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.core.access import AS_DESIGNED, AccessModes
from kiosk.core.reach import ReachBand
from kiosk.core.strings import text as player_text
from kiosk.deck.schema import Deck, Theme
from kiosk.ui.fit_text import FitText
from kiosk.ui.focus_ring import paint_focus_ring
from kiosk.ui.icons import icon
from kiosk.ui.navbar import ProgressDots, reach_band_of
from kiosk.ui.palette import BACKGROUND, CARD_RADIUS, CENTRED, CENTRED_TOP, colours, font, mix
from kiosk.ui.scale import DESIGN_LANDSCAPE, Orientation, Scale, control_bar_height, minimum_touch_target
from kiosk.ui.slides.layout import centred_column, height_at, stack

TILE_TINT = 0.16
# Design units (scale.py turns them into pixels).
TILE_BORDER = 3
TILE_MIN_PAD = 4
TILE_SIZE_HINT = (320, 240)
TILE_PAD_PARTS = 10
"""The space round a tile's icon and title is the tile's height divided by this."""
TILE_FIT_ROUNDS = 20
TILE_ASPECT = 0.8
"""A tile is at most this share of its width tall."""
BESIDE_STRETCH = 1.5
"""A tile with its title beside the icon is at most this many times the height it needs."""
PAGE_DOT = 22
"""Design units: the home screen's page dots."""
LANDSCAPE_COLUMNS = 4
"""Tiles in a row in landscape while one page holds them all; more columns only to save pages."""
MAX_COLUMNS = {Orientation.LANDSCAPE: 6, Orientation.PORTRAIT: 3}


def title_pixels(scale: Scale) -> int:
    """A tile title's size: never below the body text of the slides."""
    return scale.px(max(scale.metrics.subtitle_font, scale.metrics.body_font))


class ThemeTile(QAbstractButton):
    """A large button for one theme: its icon, title and accent colour."""

    def __init__(self, theme: Theme, title: str, parent: QWidget | None = None, *, high_contrast: bool = False) -> None:
        super().__init__(parent)
        self.theme = theme
        self.colours = colours(high_contrast)
        """The colours of the display mode: in high contrast the tile is outlined on black."""
        self.setText(title)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a keyboard or switch reaches it; a touch gives no focus
        self._title = FitText(title, self, weight=QFont.Weight.Bold, colour=self.colours.text, alignment=CENTRED)
        self._scale = Scale(*DESIGN_LANDSCAPE)
        self._icon_px = self._scale.px(self._scale.metrics.icon)
        self._beside = False

    def set_sizes(self, scale: Scale, beside: bool = False) -> None:
        """Icon, title, border and corner sizes for the screen ``scale`` describes; with ``beside`` the title
        stands to the right of the icon (a low, wide tile) instead of under it."""
        self._scale = scale
        self._beside = beside
        self._icon_px = scale.px(scale.metrics.icon)
        self._title.set_preferred_pixel_size(title_pixels(scale))
        self._place_title()

    def title_font(self) -> QFont:
        """The font the title is drawn with at the tile's present size (smaller only when it cannot fit)."""
        return self._title.fitted_font()

    def needed_height(self, width: int, at_least: int, beside: bool = False) -> int | None:
        """The least height, from ``at_least`` up, at which a tile ``width`` wide shows its icon and whole title
        at full size (``beside`` it, or under it); None when a word of the title is wider than the tile."""
        pixels = title_pixels(self._scale)
        metrics = QFontMetricsF(font(pixels, QFont.Weight.Bold))
        flags = int(CENTRED) | int(Qt.TextFlag.TextWordWrap)
        height = at_least
        # The padding grows with the height, narrowing the title: a few rounds settle it.
        for _ in range(TILE_FIT_ROUNDS):
            pad = max(self._scale.px(TILE_MIN_PAD), height // TILE_PAD_PARTS)
            room = width - (5 * pad + self._icon_px if beside else 2 * pad)
            if room < 1:
                return None
            needed = metrics.boundingRect(QRectF(0, 0, room, 1_000_000), flags, self.text())
            if needed.width() > room + 0.5:
                return None
            text_h = math.ceil(needed.height())
            if beside:
                want = 2 * pad + max(self._icon_px, text_h) + 1
            else:
                want = pad + self._icon_px + pad // 2 + text_h + pad // 2 + 1
            if want <= height:
                return height
            height = want
        return None

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        super().setText(text)
        self.setAccessibleName(text)
        if hasattr(self, "_title"):
            self._title.setText(text)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt naming
        self._place_title()

    def _pad(self) -> int:
        return max(self._scale.px(TILE_MIN_PAD), self.height() // TILE_PAD_PARTS)

    def _place_title(self) -> None:
        pad = self._pad()
        if self._beside:
            left = 3 * pad + self._icon_px
            self._title.setGeometry(left, pad, self.width() - left - 2 * pad, self.height() - 2 * pad)
            return
        top = pad + self._icon_px + pad // 2
        self._title.setGeometry(pad, top, self.width() - 2 * pad, self.height() - top - pad // 2)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = QColor(self.colours.accent(self.theme.accent))
        border, radius = self._scale.px(TILE_BORDER), self._scale.px(CARD_RADIUS)
        rect = QRectF(self.rect()).adjusted(border, border, -border, -border)
        if self.colours.high_contrast:  # outlined on black, a plain grey face while pressed
            painter.setPen(QPen(QColor(self.colours.outline), border))
            painter.setBrush(QColor(self.colours.control if self.isDown() else self.colours.background))
        else:
            painter.setPen(QPen(accent, border))
            painter.setBrush(mix(BACKGROUND, self.theme.accent, TILE_TINT * (2 if self.isDown() else 1)))
        painter.drawRoundedRect(rect, radius, radius)
        pad = self._pad()
        glyph = icon(self.theme.icon, accent).pixmap(QSize(self._icon_px, self._icon_px))
        if self._beside:
            painter.drawPixmap(2 * pad, (self.height() - self._icon_px) // 2, glyph)
        else:
            painter.drawPixmap((self.width() - self._icon_px) // 2, pad, glyph)
        painter.end()
        paint_focus_ring(self, radius)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        return QSize(*(self._scale.px(units) for units in TILE_SIZE_HINT))


@dataclass(frozen=True)
class GridPlan:
    """How the tiles are laid out: columns and rows on each page, one tile's size, and the number of pages."""

    columns: int
    rows: int
    tile_width: int
    tile_height: int
    pages: int
    beside: bool = False
    """Low, wide tiles with the title beside the icon."""

    @property
    def per_page(self) -> int:
        """Tiles on a full page."""
        return self.columns * self.rows


def plan_grid(tiles: list[ThemeTile], grid: QRect, gap: int, target: int, orientation: Orientation) -> GridPlan:
    """The layout with the fewest pages in which every tile is at least ``target`` and shows its title at full size.

    Among layouts with as few pages, the one closest to the usual look wins: icons above titles, a row of up
    to four tiles in landscape, a column in portrait. Titles beside the icons only when that saves pages.
    """
    count = max(1, len(tiles))
    plans = []
    for columns in range(1, MAX_COLUMNS[orientation] + 1):
        tile_width = (grid.width() - gap * (columns - 1)) // columns
        if tile_width < target:
            break
        for beside in (False, True):
            needs = [tile.needed_height(tile_width, target, beside) for tile in tiles]
            if None in needs:
                continue
            need = max([target, *(n for n in needs if n is not None)])
            rows = min((grid.height() + gap) // (need + gap), math.ceil(count / columns))
            if rows < 1:
                continue
            fill = (grid.height() - gap * (rows - 1)) // rows
            tallest = round(need * BESIDE_STRETCH) if beside else round(tile_width * TILE_ASPECT)
            height = max(need, min(fill, tallest))
            pages = math.ceil(count / (rows * columns))
            plans.append(GridPlan(columns, rows, tile_width, height, pages, beside))
    if not plans:  # a screen too small for full-size titles: one column of touch-sized tiles, the titles shrink
        rows = max(1, (grid.height() + gap) // (target + gap))
        return GridPlan(1, rows, max(target, grid.width()), target, math.ceil(count / rows))
    preferred = min(count, LANDSCAPE_COLUMNS) if orientation is Orientation.LANDSCAPE else 1
    return min(plans, key=lambda plan: (plan.pages, plan.beside, abs(plan.columns - preferred)))


class HomeView(QWidget):
    """The start of the deck: the title and the themes to choose from, on as many pages as they need.

    Next and Previous (buttons, keys, swipes) turn the pages before they leave the home screen.
    """

    theme_chosen = Signal(int)

    def __init__(
        self, deck: Deck, language: str, parent: QWidget | None = None, *, access: AccessModes = AS_DESIGNED
    ) -> None:
        super().__init__(parent)
        self.deck = deck
        self.language = language
        self.access = access
        """The visitor's display modes this view was built for (reach, larger text, high contrast)."""
        self.colours = colours(access.high_contrast)
        """The colours of the display mode (high contrast or as designed)."""
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.title = FitText(
            "", self, weight=QFont.Weight.Bold, colour=self.colours.text, alignment=CENTRED_TOP, balanced=True
        )
        self.subtitle = FitText("", self, colour=self.colours.text_soft, alignment=CENTRED_TOP, balanced=True)
        self.tiles: list[ThemeTile] = []
        for index, theme in enumerate(deck.themes):
            tile = ThemeTile(theme, "", self, high_contrast=access.high_contrast)
            tile.clicked.connect(lambda _=False, i=index: self.theme_chosen.emit(i))
            self.tiles.append(tile)
        self.page_dots = ProgressDots(self)
        self._plan = GridPlan(1, 1, 1, 1, 1)
        self._page = 0
        self.set_language(language)

    def set_language(self, language: str) -> None:
        """Show the title and tiles in ``language``."""
        self.language = language
        fallback = self.deck.default_language
        self.title.setText(self.deck.title.get(language, fallback))
        self.setAccessibleName(self.title.text())
        self.page_dots.setAccessibleName(player_text("pages", language))
        self.subtitle.setText(self.deck.subtitle.get(language, fallback))
        for tile in self.tiles:
            tile.setText(tile.theme.title.get(language, fallback))
        self.relayout()

    def visible_texts(self) -> list[str]:
        """The texts on screen, in reading order."""
        tiles = [tile.text() for tile in self.tiles if not tile.isHidden()]
        return [t for t in (self.title.text(), self.subtitle.text(), *tiles) if t]

    # -- pages --------------------------------------------------------------

    def page_count(self) -> int:
        """How many pages the tiles take at the present size."""
        return self._plan.pages

    def current_page(self) -> int:
        """The page on screen, from 0."""
        return self._page

    def page_of(self, index: int) -> int:
        """The page that holds the tile of theme ``index``."""
        return index // self._plan.per_page

    def has_next_page(self) -> bool:
        """True before the last page."""
        return self._page < self._plan.pages - 1

    def has_previous_page(self) -> bool:
        """True after the first page."""
        return self._page > 0

    def next_page(self) -> None:
        """Show the next page, if any."""
        self.show_page(self._page + 1)

    def previous_page(self) -> None:
        """Show the previous page, if any."""
        self.show_page(self._page - 1)

    def show_page(self, page: int) -> None:
        """Show page ``page`` (kept within the pages there are): its tiles and its dot."""
        self._page = max(0, min(page, self._plan.pages - 1))
        for index, tile in enumerate(self.tiles):
            tile.setVisible(self.page_of(index) == self._page)
        self.page_dots.show_progress(self._plan.pages, self._page, self.colours.text)
        self.page_dots.setVisible(self._plan.pages > 1)
        self.page_dots.setAccessibleDescription(
            player_text("page_of", self.language, number=self._page + 1, count=self._plan.pages)
        )

    def enter(self, time_scale: float = 1.0) -> None:
        """Nothing animates on the home screen."""

    def leave(self) -> None:
        """Nothing to reset."""

    def finish_animations(self) -> None:
        """Nothing to finish."""

    def busy_s(self) -> float:
        """Never busy."""
        return 0.0

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt naming
        self.relayout()

    def relayout(self) -> None:
        """Place the title, the tiles of every page and the page dots for the current size, above the control bar;
        in reach mode the tiles go in the band a seated visitor reaches, the title above it where there is room."""
        scale = Scale(max(1, self.width()), max(1, self.height()), self.access.text_factor)
        m = scale.metrics
        margin, gap = scale.px(m.margin), scale.px(m.gap)
        bottom_edge = self.height() - max(margin, control_bar_height(self, scale) + gap // 2)
        area = QRect(margin, margin, self.width() - 2 * margin, bottom_edge - margin)
        for tile in self.tiles:
            tile.set_sizes(scale)
        target = minimum_touch_target(self, scale)
        band = reach_band_of(self, self.access, self.deck.accessibility)
        header_above = False
        if band is not None:
            area, header_above = self._reach_area(band, scale)
        bottom = area.y() - gap * 2 if header_above else self._place_header(area, scale, centre=True)
        grid = QRect(area.x(), bottom + gap * 2, area.width(), area.bottom() - bottom - gap * 2)
        plan = plan_grid(self.tiles, grid, gap, target, scale.orientation)
        if plan.pages > 1 and not header_above:  # the title moves up to the top to make room for more tiles
            bottom = self._place_header(area, scale, centre=False)
            grid = QRect(area.x(), bottom + gap * 2, area.width(), area.bottom() - bottom - gap * 2)
            plan = plan_grid(self.tiles, grid, gap, target, scale.orientation)
        self.page_dots.dot = scale.px(PAGE_DOT)
        if plan.pages > 1:  # the dots take a strip under the tiles
            grid.setHeight(grid.height() - self.page_dots.dot * 3)
            plan = plan_grid(self.tiles, grid, gap, target, scale.orientation)
        self.page_dots.setGeometry(area.x(), grid.bottom() + 1, area.width(), self.page_dots.dot * 3)
        self._plan = plan
        used_h = plan.rows * plan.tile_height + gap * (plan.rows - 1)
        y0 = grid.y() + max(0, (grid.height() - used_h) // 2)
        count = len(self.tiles)
        for index, tile in enumerate(self.tiles):
            page, place = divmod(index, plan.per_page)
            row, col = divmod(place, plan.columns)
            in_row = min(plan.columns, count - page * plan.per_page - row * plan.columns)
            row_w = in_row * plan.tile_width + gap * (in_row - 1)
            x0 = grid.x() + (grid.width() - row_w) // 2
            tile.setGeometry(
                x0 + col * (plan.tile_width + gap),
                y0 + row * (plan.tile_height + gap),
                plan.tile_width,
                plan.tile_height,
            )
            tile.set_sizes(scale, plan.beside)  # places the title in the new size, also on a hidden page
        self.show_page(self._page)
        self.update()

    def _reach_area(self, band: ReachBand, scale: Scale) -> tuple[QRect, bool]:
        """Reach mode: the tiles' area in ``band``, above the control bar at the band's foot, and whether the deck's
        title went above the band (there is room for it there) rather than into the area as usual."""
        m = scale.metrics
        margin, gap = scale.px(m.margin), scale.px(m.gap)
        top = max(band.top, margin)
        bottom = band.bottom - max(margin, control_bar_height(self, scale) + gap // 2)
        area = QRect(margin, top, self.width() - 2 * margin, max(1, bottom - top))
        above = QRect(margin, margin, area.width(), top - gap - margin)
        needs = scale.px(m.title_font * 0.8) + scale.px(m.subtitle_font) + gap // 2
        if band.top <= margin or above.height() < needs:
            return area, False
        self._place_header(above, scale, centre=True, whole=True)
        return area, True

    def _place_header(self, area: QRect, scale: Scale, centre: bool, whole: bool = False) -> int:
        """Place the deck's title and subtitle at the top of ``area`` (or in the ``whole`` of it); returns their
        bottom."""
        m = scale.metrics
        portrait = scale.orientation is Orientation.PORTRAIT
        share = 1 if whole else 4 if portrait else 3
        texts = [(self.title, scale.px(m.title_font * 0.8)), (self.subtitle, scale.px(m.subtitle_font))]
        column = centred_column(QRect(area.x(), area.y(), area.width(), area.height() // share), scale.px(m.text_width))
        if scale.text_factor > 1:  # room for the texts at least at their designed size (the tiles may take more pages)
            d, gap = scale.designed_metrics, scale.px(m.gap) // 2
            designed = [(self.title, scale.px(d.title_font * 0.8)), (self.subtitle, scale.px(d.subtitle_font))]
            column.setHeight(min(area.height(), max(column.height(), height_at(designed, column.width(), gap))))
        return stack(texts, column, scale.px(m.gap) // 2, centre=centre)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        gradient = QLinearGradient(0, 0, self.width(), self.height())
        gradient.setColorAt(0.0, QColor(self.colours.background))
        gradient.setColorAt(1.0, QColor(self.colours.background_deep))
        painter.fillRect(self.rect(), gradient)


__all__ = ["GridPlan", "HomeView", "ThemeTile", "control_bar_height", "plan_grid", "title_pixels"]
