"""The home screen: the deck's title and one large tile per theme."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QLinearGradient, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.deck.schema import Deck, Theme
from kiosk.ui.fit_text import FitText
from kiosk.ui.icons import icon
from kiosk.ui.palette import BACKGROUND, BACKGROUND_DEEP, CARD_RADIUS, CENTRED, CENTRED_TOP, TEXT, TEXT_SOFT, mix
from kiosk.ui.scale import DESIGN_LANDSCAPE, Orientation, Scale, minimum_touch_target
from kiosk.ui.slides.layout import centred_column, stack

TILE_TINT = 0.16
# Design units (scale.py turns them into pixels).
TILE_BORDER = 3
TILE_MIN_PAD = 4
TILE_SIZE_HINT = (320, 240)
TILE_PAD_PARTS = 10
"""The space round a tile's icon and title is the tile's height divided by this."""


class ThemeTile(QAbstractButton):
    """A large button for one theme: its icon, title and accent colour."""

    def __init__(self, theme: Theme, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.setText(title)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._title = FitText(title, self, weight=QFont.Weight.Bold, colour=TEXT, alignment=CENTRED)
        self._scale = Scale(*DESIGN_LANDSCAPE)
        self._icon_px = self._scale.px(self._scale.metrics.icon)

    def set_sizes(self, scale: Scale) -> None:
        """Icon, title, border and corner sizes for the screen ``scale`` describes."""
        self._scale = scale
        self._icon_px = scale.px(scale.metrics.icon)
        self._title.set_preferred_pixel_size(scale.px(scale.metrics.subtitle_font))
        self._place_title()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        super().setText(text)
        if hasattr(self, "_title"):
            self._title.setText(text)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt naming
        self._place_title()

    def _pad(self) -> int:
        return max(self._scale.px(TILE_MIN_PAD), self.height() // TILE_PAD_PARTS)

    def _place_title(self) -> None:
        pad = self._pad()
        top = pad + self._icon_px + pad // 2
        self._title.setGeometry(pad, top, self.width() - 2 * pad, self.height() - top - pad // 2)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = QColor(self.theme.accent)
        tint = TILE_TINT * (2 if self.isDown() else 1)
        border, radius = self._scale.px(TILE_BORDER), self._scale.px(CARD_RADIUS)
        rect = QRectF(self.rect()).adjusted(border, border, -border, -border)
        painter.setPen(QPen(accent, border))
        painter.setBrush(mix(BACKGROUND, self.theme.accent, tint))
        painter.drawRoundedRect(rect, radius, radius)
        pad = self._pad()
        glyph = icon(self.theme.icon, accent).pixmap(QSize(self._icon_px, self._icon_px))
        painter.drawPixmap((self.width() - self._icon_px) // 2, pad, glyph)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        return QSize(*(self._scale.px(units) for units in TILE_SIZE_HINT))


class HomeView(QWidget):
    """The start of the deck: the title and the themes to choose from."""

    theme_chosen = Signal(int)

    def __init__(self, deck: Deck, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deck = deck
        self.language = language
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.title = FitText("", self, weight=QFont.Weight.Bold, alignment=CENTRED_TOP, balanced=True)
        self.subtitle = FitText("", self, colour=TEXT_SOFT, alignment=CENTRED_TOP, balanced=True)
        self.tiles: list[ThemeTile] = []
        for index, theme in enumerate(deck.themes):
            tile = ThemeTile(theme, "", self)
            tile.clicked.connect(lambda _=False, i=index: self.theme_chosen.emit(i))
            self.tiles.append(tile)
        self.set_language(language)

    def set_language(self, language: str) -> None:
        """Show the title and tiles in ``language``."""
        self.language = language
        fallback = self.deck.default_language
        self.title.setText(self.deck.title.get(language, fallback))
        self.subtitle.setText(self.deck.subtitle.get(language, fallback))
        for tile in self.tiles:
            tile.setText(tile.theme.title.get(language, fallback))
        self.relayout()

    def visible_texts(self) -> list[str]:
        """The texts on screen, in reading order."""
        return [t for t in (self.title.text(), self.subtitle.text(), *(tile.text() for tile in self.tiles)) if t]

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
        """Place the title and tiles for the current size."""
        scale = Scale(max(1, self.width()), max(1, self.height()))
        m = scale.metrics
        margin, gap = scale.px(m.margin), scale.px(m.gap)
        area = QRect(margin, margin, self.width() - 2 * margin, self.height() - 2 * margin)
        portrait = scale.orientation is Orientation.PORTRAIT
        head = QRect(area.x(), area.y(), area.width(), area.height() // (4 if portrait else 3))
        column = centred_column(head, scale.px(m.text_width))
        bottom = stack(
            [(self.title, scale.px(m.title_font * 0.8)), (self.subtitle, scale.px(m.subtitle_font))],
            column,
            gap // 2,
            centre=True,
        )
        count = max(1, len(self.tiles))
        grid = QRect(area.x(), bottom + gap * 2, area.width(), area.bottom() - bottom - gap * 2)
        per_row = 1 if portrait else min(count, 4)
        rows = (count + per_row - 1) // per_row
        target = minimum_touch_target(self, scale)
        tile_w = (grid.width() - gap * (per_row - 1)) // per_row
        tile_h = max(target, min((grid.height() - gap * (rows - 1)) // rows, round(tile_w * 0.8)))
        used_h = rows * tile_h + gap * (rows - 1)
        y0 = grid.y() + max(0, (grid.height() - used_h) // 2)
        for index, tile in enumerate(self.tiles):
            row, col = divmod(index, per_row)
            tile.setGeometry(grid.x() + col * (tile_w + gap), y0 + row * (tile_h + gap), tile_w, tile_h)
            tile.set_sizes(scale)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        gradient = QLinearGradient(0, 0, self.width(), self.height())
        gradient.setColorAt(0.0, QColor(BACKGROUND))
        gradient.setColorAt(1.0, QColor(BACKGROUND_DEEP))
        painter.fillRect(self.rect(), gradient)


__all__ = ["HomeView", "ThemeTile"]
