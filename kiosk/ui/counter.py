"""Animated counters: a headline figure that counts up when its slide appears."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QEasingCurve, QLocale, QRect, QRectF, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QHideEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from kiosk.deck.schema import Figure
from kiosk.ui.palette import font
from kiosk.ui.text_picture import TextPicture

EASING = QEasingCurve.Type.OutCubic
STAGGER_S = 0.25
"""Seconds between the starts of two counters on one slide."""
COUNT_FRAME_MS = 33
"""A counting figure shows a new value at most 30 times a second: its large letters are filled
as outlines at every repaint, and digits changing faster than that read no differently.
The final value is always shown, at the end of the count."""
EDGE_SLACK_PX = 2
"""Pixels (not design units) added to the reserved width: anti-aliased glyph edges spill up to
a pixel past the advance on each side, whatever the screen's size."""


def format_number(value: float, decimals: int, language: str) -> str:
    """``value`` with ``decimals`` digits, grouped and with the decimal mark of ``language``.

    The digits come from the decimal literal of ``value`` (not from binary
    floating point), so 5.7 is always shown as 5.7 and never as 5.699999.
    """
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = abs(rounded)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    locale = QLocale(language)
    groups = [whole[max(0, end - 3) : end] for end in range(len(whole), 0, -3)][::-1]
    text = locale.groupSeparator().join(groups)
    if decimals:
        text += locale.decimalPoint() + fraction
    return (locale.negativeSign() if sign else "") + text


class CounterLabel(QLabel):
    """Shows a figure's value, counting from ``figure.start`` to ``figure.value`` with an ease-out.

    The label keeps the width of its widest text for its whole run and uses
    tabular digits, so nothing around it moves while it counts. At rest (before
    and after the count) its text is kept as a picture (``TextPicture``).
    """

    finished = Signal()

    def __init__(self, figure: Figure, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._figure = figure
        self._language = language
        self._last_shown_ms = -COUNT_FRAME_MS
        self._picture = TextPicture()
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setEasingCurve(EASING)
        self._animation.valueChanged.connect(self._show_progress)
        self._animation.finished.connect(self._on_finished)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.timeout.connect(self._begin)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFont(font(self.font().pixelSize(), QFont.Weight.Bold, tabular=True))
        self.setText(self.final_text())
        self._reserve_width()

    # -- text ---------------------------------------------------------------

    def text_for(self, value: float) -> str:
        """The full text (prefix, number, suffix) for ``value`` in the current language."""
        figure, language = self._figure, self._language
        number = format_number(value, figure.decimals, language)
        return f"{figure.prefix.get(language)}{number}{figure.suffix.get(language)}"

    def final_text(self) -> str:
        """The text of the last frame: exactly the formatted final value."""
        return self.text_for(self._figure.value)

    def set_language(self, language: str) -> None:
        """Reformat in ``language`` in place, keeping where the count is."""
        self._language = language
        self._reserve_width()
        if self._delay.isActive():
            self.setText(self.text_for(self._figure.start))
        elif self._animation.state() == QVariantAnimation.State.Running:
            self.setText(self._text_at(float(self._animation.currentValue())))
        else:
            self.setText(self.final_text())

    def set_pixel_size(self, pixels: int) -> None:
        """Change the font size; the reserved width follows."""
        self.setFont(font(pixels, QFont.Weight.Bold, tabular=True))
        self._reserve_width()

    def widest_text_width(self) -> float:
        """The width the label reserves: its widest text at the current font."""
        metrics = QFontMetricsF(self.font())
        ends = (self.text_for(self._figure.start), self.final_text())
        return max(metrics.horizontalAdvance(text) for text in ends)

    def _reserve_width(self) -> None:
        margins = self.contentsMargins()
        width = int(self.widest_text_width() + 0.999) + margins.left() + margins.right() + EDGE_SLACK_PX
        height = int(QFontMetricsF(self.font()).height() + 0.999)
        self.setFixedSize(width, height)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        if self._animation.state() == QVariantAnimation.State.Running:
            self._picture.clear()  # a new text at each frame: drawn as it comes
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self._picture.draw(painter, *self._picture_args())

    def prepare_paint(self) -> None:
        """Paint the picture of the text shown at rest now (``prepare_first_paint``), though it may be hidden."""
        self.ensurePolished()  # the colour comes from the slide's style sheet
        self._picture.prepare(self.devicePixelRatioF(), *self._picture_args())

    def _picture_args(self) -> tuple[QRectF, int, str, QFont, QColor, QRect]:
        """What the text is drawn from, as QLabel draws it: the box inside the margins, the alignment, the text,
        the font, the colour (from the slide's style sheet) and the label's rect."""
        margin = self.margin()
        box = QRectF(self.contentsRect().adjusted(margin, margin, -margin, -margin))
        colour = self.palette().color(self.foregroundRole())
        return box, int(self.alignment()), self.text(), self.font(), colour, self.rect()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt naming
        self._picture.clear()
        super().hideEvent(event)

    # -- animation ----------------------------------------------------------

    def start(self, delay_s: float = 0.0, time_scale: float = 1.0) -> None:
        """Count from the start value after ``delay_s``; ``time_scale`` shortens delays and duration."""
        self.reset()
        duration_ms = round(self._figure.duration * 1000 * time_scale)
        if duration_ms <= 0:
            self.finish()
            return
        self._animation.setDuration(duration_ms)
        self._delay.start(round(delay_s * 1000 * time_scale))

    def _begin(self) -> None:
        self._last_shown_ms = -COUNT_FRAME_MS
        self._animation.start()

    def reset(self) -> None:
        """Stop and show the start value, ready for the next time the slide appears."""
        self._delay.stop()
        self._animation.stop()
        self.setText(self.text_for(self._figure.start))

    def finish(self) -> None:
        """Jump to the final value at once."""
        self._delay.stop()
        self._animation.stop()
        self.setText(self.final_text())

    def is_counting(self) -> bool:
        """True while the count is running or about to start."""
        return self._delay.isActive() or self._animation.state() == QVariantAnimation.State.Running

    def remaining_s(self) -> float:
        """Seconds until the last frame (0 when already there)."""
        if self._delay.isActive():
            return (self._delay.remainingTime() + self._animation.duration()) / 1000
        if self._animation.state() == QVariantAnimation.State.Running:
            return (self._animation.duration() - self._animation.currentTime()) / 1000
        return 0.0

    def _text_at(self, progress: float) -> str:
        start, end = self._figure.start, self._figure.value
        return self.text_for(start + (end - start) * progress)

    def _show_progress(self, progress: object) -> None:
        if self._animation.state() != QVariantAnimation.State.Running:
            return
        elapsed = self._animation.currentTime()
        if elapsed - self._last_shown_ms < COUNT_FRAME_MS:
            return
        self._last_shown_ms = elapsed
        self.setText(self._text_at(float(progress)))  # type: ignore[arg-type]

    def _on_finished(self) -> None:
        self.setText(self.final_text())
        self.finished.emit()
