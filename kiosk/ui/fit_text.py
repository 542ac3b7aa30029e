"""Text that wraps and, when it still does not fit its box, shrinks until it does."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QHideEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.palette import TEXT, font
from kiosk.ui.text_picture import TextPicture


class FitText(QWidget):
    """Paints one text in its rectangle: wrapped at word boundaries, never clipped.

    The preferred pixel size is used when the text fits; otherwise the largest
    smaller size that fits is found by bisection and kept until the text or the
    size changes. A ``balanced`` text (a heading) keeps its number of lines but
    wraps at the narrowest width that allows, so its lines come out of even
    length and no word is left alone on the last one. Large text is kept as a
    picture while the widget is shown (``TextPicture``).
    """

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        weight: QFont.Weight = QFont.Weight.Normal,
        colour: str = TEXT,
        alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        balanced: bool = False,
    ) -> None:
        super().__init__(parent)
        self._text = text
        self._weight = weight
        self._colour = QColor(colour)
        self._alignment = alignment
        self._preferred_px = 32
        self._balanced = balanced
        self._fitted: QFont | None = None
        self._wrap_width = 0.0
        self._picture = TextPicture()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def text(self) -> str:
        """The text shown."""
        return self._text

    def colour(self) -> QColor:
        """The colour the text is drawn in."""
        return QColor(self._colour)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        """Show ``text`` (refitted on the next paint)."""
        if text != self._text:
            self._text = text
            self._fitted = None
            self.update()

    def set_preferred_pixel_size(self, pixels: int) -> None:
        """The size used whenever the text fits at it."""
        if pixels != self._preferred_px:
            self._preferred_px = pixels
            self._fitted = None
            self.update()

    def fitted_font(self) -> QFont:
        """The font the text is drawn with at the current size."""
        if self._fitted is None:
            self._fitted = self._fit()
            self._wrap_width = self._balanced_width(self._fitted) if self._balanced else float(self.width())
        return self._fitted

    def wrap_width(self) -> float:
        """The width the text is wrapped at: the box's, or less for a balanced text."""
        self.fitted_font()
        return self._wrap_width

    def needed_height(self, width: float, pixels: int | None = None) -> float:
        """The height the text takes at ``width`` and ``pixels`` (default: preferred) when wrapped."""
        return self._measure(font(pixels or self._preferred_px, self._weight), width).height()

    def fits_at_share(self, share: float) -> bool:
        """True when the whole text fits its box at ``share`` of its preferred size (an empty text always does)."""
        return not self._text or self._fits(font(max(1, int(self._preferred_px * share)), self._weight))

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt naming
        self._fitted = None
        super().resizeEvent(event)  # type: ignore[arg-type]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        if not self._text:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self._picture.draw(painter, *self._picture_args())

    def prepare_paint(self) -> None:
        """Paint the picture of a large text now (``prepare_first_paint``), though the widget may be hidden."""
        if self._text:
            self._picture.prepare(self.devicePixelRatioF(), *self._picture_args())

    def _picture_args(self) -> tuple[QRectF, int, str, QFont, QColor, QRect]:
        """What the text is drawn from: its box, flags, text, fitted font, colour and the widget's rect."""
        fitted = self.fitted_font()  # first: it sets the wrap width the box is made from
        return self._text_rect(), self._flags(), self._text, fitted, self._colour, self.rect()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt naming
        self._picture.clear()  # a slide out of sight holds no pictures of its texts
        super().hideEvent(event)

    def holds_picture(self) -> bool:
        """True while the text is kept as a picture (large text, painted since it was last hidden or changed)."""
        return self._picture.holds_picture()

    def _text_rect(self) -> QRectF:
        """The box the text is drawn in: as wide as the wrap width, placed by the horizontal alignment."""
        width = min(float(self.width()), self._wrap_width)
        spare = self.width() - width
        if self._alignment & Qt.AlignmentFlag.AlignHCenter:
            left = spare / 2
        elif self._alignment & Qt.AlignmentFlag.AlignRight:
            left = spare
        else:
            left = 0.0
        return QRectF(left, 0, width, self.height())

    def _flags(self) -> int:
        return int(self._alignment) | int(Qt.TextFlag.TextWordWrap)

    def _measure(self, candidate: QFont, width: float) -> QRectF:
        metrics = QFontMetricsF(candidate)
        bounds = QRectF(0, 0, width, 1_000_000)
        return metrics.boundingRect(bounds, self._flags(), self._text)

    def _fits(self, candidate: QFont) -> bool:
        needed = self._measure(candidate, self.width())
        return needed.height() <= self.height() + 0.5 and needed.width() <= self.width() + 0.5

    def _balanced_width(self, fitted: QFont) -> float:
        """The narrowest whole-pixel width at which the text takes no more lines than at the full width."""
        full = float(self.width())
        if not self._text or full <= 0:
            return full
        lines_height = self._measure(fitted, full).height()
        if lines_height < 1.5 * QFontMetricsF(fitted).lineSpacing():
            return full  # one line: nothing to balance

        def keeps_lines(width: int) -> bool:
            needed = self._measure(fitted, width)
            return needed.height() <= lines_height + 0.5 and needed.width() <= width + 0.5

        low, high = 1, int(full)  # ``high`` keeps the lines; ``low`` is taken to not
        while high - low > 1:
            middle = (low + high) // 2
            if keeps_lines(middle):
                high = middle
            else:
                low = middle
        return float(high)

    def _fit(self) -> QFont:
        preferred = font(self._preferred_px, self._weight)
        if not self._text or self.width() <= 0 or self._fits(preferred):
            return preferred
        low, high = 1, self._preferred_px
        while high - low > 1:
            middle = (low + high) // 2
            if self._fits(font(middle, self._weight)):
                low = middle
            else:
                high = middle
        return font(low, self._weight)
