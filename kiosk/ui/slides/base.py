"""What every slide view shares: the background, the theme's mark, language and animation hooks."""

from __future__ import annotations

import logging
import math
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QHideEvent,
    QImage,
    QImageReader,
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.core import strings
from kiosk.core.access import AS_DESIGNED, AccessModes
from kiosk.deck.schema import Deck, Slide, Theme
from kiosk.deck.text import LocalizedText
from kiosk.ui.fit_text import FitText
from kiosk.ui.icons import icon
from kiosk.ui.palette import BACKGROUND, SCREEN_OFF, TRANSPARENT, Colours, colours, mix, translucent
from kiosk.ui.scale import Scale

if TYPE_CHECKING:
    from kiosk.player.video_support import BackgroundLoop

log = logging.getLogger(__name__)

BACKGROUND_IMAGE_OPACITY = 0.35


class SlideView(QWidget):
    """One slide on screen. Subclasses create their texts in ``build`` and place them in ``place``."""

    def __init__(
        self,
        deck: Deck,
        theme: Theme,
        slide: Slide,
        language: str,
        parent: QWidget | None = None,
        *,
        access: AccessModes = AS_DESIGNED,
    ) -> None:
        super().__init__(parent)
        self.access = access
        """The visitor's display modes this view was built for (larger text, high contrast)."""
        self.colours = colours(access.high_contrast)
        """The colours of the display mode (high contrast or as designed)."""
        self.accent = self.colours.accent(theme.accent)
        """The theme's accent as drawn in the display mode."""
        self.deck = deck
        self.theme = theme
        self.slide = slide
        self.language = language
        self._texts: list[tuple[FitText, LocalizedText]] = []
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.background_video = _background_video(theme, self)
        """The theme's looping video background, shared with its other slides (None when it has none)."""
        self.theme_label = self.add_text(theme.title, weight=QFont.Weight.DemiBold, colour=self.accent)
        self.build()
        self.describe()

    # -- for subclasses -------------------------------------------------------

    def build(self) -> None:
        """Create the slide's widgets."""

    def place(self, scale: Scale, content: QRect) -> None:
        """Give each widget its geometry inside ``content``."""

    def paint_decor(self, painter: QPainter, scale: Scale) -> None:
        """Draw what lies between the background and the texts (cards, pictures); clipped to the repaint."""

    def prepare_paint(self) -> None:
        """Make what the first paint needs (the theme's background; subclasses add their pictures) before it comes."""
        theme_background(self.theme, self.size(), self.colours.high_contrast)

    def add_text(self, text: LocalizedText, **style: object) -> FitText:
        """A FitText showing ``text`` in the current language, re-translated on language changes."""
        style.setdefault("colour", self.colours.text)
        widget = FitText(self.tr_text(text), self, **style)  # type: ignore[arg-type]
        self._texts.append((widget, text))
        return widget

    def tr_text(self, text: LocalizedText) -> str:
        """``text`` in the current language, falling back to the deck's first."""
        return text.get(self.language, self.deck.default_language)

    # -- public ---------------------------------------------------------------

    @property
    def scale(self) -> Scale:
        """The scale for the current size, texts at the visitor's size (larger text)."""
        return Scale(max(1, self.width()), max(1, self.height()), self.access.text_factor)

    def set_language(self, language: str) -> None:
        """Show every text in ``language``, in place."""
        self.language = language
        for widget, text in self._texts:
            widget.setText(self.tr_text(text))
        self.relayout()
        self.describe()

    def describe(self) -> None:
        """Name the slide for assistive technology by its heading (its theme when it has none); its other texts,
        counters at their final values, are the description."""
        heading = getattr(self, "heading", None)
        name = heading.text() if isinstance(heading, FitText) and heading.text() else self.theme_label.text()
        texts = []
        for widget in self.text_widgets():
            if widget is heading or widget is self.theme_label or not widget.isVisibleTo(self):
                continue
            final_text = getattr(widget, "final_text", None)  # a counter says the figure it counts up to
            texts.append(final_text() if callable(final_text) else _text_of(widget))
        self.setAccessibleName(name)
        self.setAccessibleDescription(" ".join(text for text in texts if text))

    def enter(self, time_scale: float = 1.0) -> None:
        """The slide has become visible: start its animations."""

    def leave(self) -> None:
        """The slide is no longer visible: reset its animations."""

    def finish_animations(self) -> None:
        """Show the final state of every animation at once."""

    def busy_s(self) -> float:
        """Seconds until the slide's animations end."""
        return 0.0

    def visible_texts(self) -> list[str]:
        """Every text the slide shows, in reading order, for tests and accessibility."""
        texts = [_text_of(widget) for widget in self.text_widgets() if widget.isVisibleTo(self)]
        return [text for text in texts if text]

    def text_widgets(self) -> list[QWidget]:
        """The widgets holding text, in reading order (subclasses add their own)."""
        return [widget for widget, _ in self._texts]

    # -- layout and painting -------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt naming
        self.relayout()
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt naming
        if self.background_video is not None:
            self.background_video.shown(self, True)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt naming
        if self.background_video is not None:
            self.background_video.shown(self, False)
        super().hideEvent(event)

    def relayout(self) -> None:
        """Place every widget again for the current size and texts."""
        scale = self.scale
        m = scale.metrics
        margin = scale.px(m.margin)
        header_h = scale.px(m.label_font * 1.6)
        self.theme_label.set_preferred_pixel_size(scale.px(m.label_font))
        self.theme_label.setGeometry(margin + scale.px(m.accent_bar), margin // 2, self.width() - 2 * margin, header_h)
        if self.access.larger_text and not self.theme_label.fits_at_share(1 / scale.text_factor):
            # A theme title too long for one line at its designed size wraps rather than shrinking further.
            header_h = max(header_h, math.ceil(self.theme_label.needed_height(self.width() - 2 * margin)))
            self.theme_label.resize(self.theme_label.width(), header_h)
        top = margin // 2 + header_h + scale.px(m.gap) // 2
        bottom = scale.px(scale.designed_metrics.margin)  # larger text keeps the designed room above the control bar
        content = QRect(margin + scale.px(m.accent_bar), top, self.width() - 2 * margin, self.height() - top - bottom)
        self.place(scale, content)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        background = theme_background(self.theme, self.size(), self.colours.high_contrast)
        painter.drawImage(event.rect(), background, event.rect())
        painter.setClipRect(event.rect())
        frame = self.background_video.clip.image() if self.background_video is not None else None
        if frame is not None and not self.colours.high_contrast:  # high contrast keeps its plain background
            painter.setOpacity(BACKGROUND_IMAGE_OPACITY)
            area = self.rect().adjusted(self.scale.px(self.scale.metrics.accent_bar), 0, 0, 0)
            painter.drawImage(QRectF(area), frame, covering_source(frame.size(), area.size()))
            painter.setOpacity(1.0)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint_decor(painter, self.scale)


def _background_video(theme: Theme, view: QWidget) -> BackgroundLoop | None:
    """The theme's shared video background, repainting ``view`` on each frame (Qt Multimedia loaded only here)."""
    if theme.background_video is None:
        return None
    from kiosk.player.video_support import background_loop

    loop = background_loop(theme.background_video)
    if loop is not None:
        loop.clip.frame_changed.connect(view.update)
    return loop


def covering_source(frame: QSize, target: QSize) -> QRectF:
    """The centred part of a ``frame``-sized picture with ``target``'s proportions: what covering ``target`` shows."""
    scale = max(target.width() / max(1, frame.width()), target.height() / max(1, frame.height()))
    width, height = target.width() / scale, target.height() / scale
    return QRectF((frame.width() - width) / 2, (frame.height() - height) / 2, width, height)


def theme_background(theme: Theme, size: QSize, high_contrast: bool = False) -> QImage:
    """The theme's background at ``size``: gradient, illustration and accent bar (in ``high_contrast``, only the
    bar on plain black: nothing lies under the text).

    Slides of one theme share it, and only the latest is kept: a
    full-screen picture per slide would cost 8 MiB each at 1080p (32 at 4K).
    It is kept as the image it was painted in: the raster engine copies an
    opaque image as fast as a pixmap, and converting it to one would hold two
    full screens at once while a new theme's background is made.
    """
    picture = theme.background
    try:
        stamp = picture.stat().st_mtime_ns if picture is not None else 0
    except OSError:
        stamp = -1
    key = (theme.accent, str(picture), stamp, size.width(), size.height(), high_contrast)
    cached = _BACKGROUNDS.pop(key, None)
    if cached is None:
        # Room first: the old and the new background at once would be one more full screen at the peak.
        while len(_BACKGROUNDS) >= BACKGROUNDS_KEPT:
            _BACKGROUNDS.popitem(last=False)
        cached = _paint_theme_background(theme, size, colours(high_contrast))
    _BACKGROUNDS[key] = cached
    return cached


BACKGROUNDS_KEPT = 1
_BACKGROUNDS: OrderedDict[tuple[object, ...], QImage] = OrderedDict()


def _paint_theme_background(theme: Theme, size: QSize, chosen: Colours) -> QImage:
    # One full-screen buffer: the picture is drawn first, faded to its share of opacity, and the
    # gradient put behind it; the same pixels as drawing it translucently over the gradient,
    # which needs a second full-screen layer while it is drawn.
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(TRANSPARENT)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    picture = None if chosen.high_contrast else theme.background
    if picture is not None and draw_image(painter, picture, QRectF(image.rect()), cover=True):
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
        painter.fillRect(image.rect(), translucent(SCREEN_OFF, BACKGROUND_IMAGE_OPACITY))  # only its alpha counts here
    gradient = QLinearGradient(0, 0, size.width(), size.height())
    gradient.setColorAt(0.0, QColor(chosen.background) if chosen.high_contrast else mix(BACKGROUND, theme.accent, 0.10))
    gradient.setColorAt(0.55, QColor(chosen.background))
    gradient.setColorAt(1.0, QColor(chosen.background_deep))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOver)
    painter.fillRect(image.rect(), gradient)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
    scale = Scale(max(1, size.width()), max(1, size.height()))
    painter.fillRect(
        QRect(0, 0, scale.px(scale.metrics.accent_bar), size.height()), QColor(chosen.accent(theme.accent))
    )
    painter.end()
    # Every pixel is opaque now: the same bytes read as RGB32 are drawn as plain copies, never blended.
    image.reinterpretAsFormat(QImage.Format.Format_RGB32)
    return image


def draw_image(painter: QPainter, path: Path, target: QRectF, cover: bool = False) -> bool:
    """Draw an SVG or bitmap into ``target``, keeping its proportions; False when it cannot be read.

    Drawn opaque: QtSvg under a translucent painter renders through layers costing
    several full-screen buffers at once (35 MiB at 1080p); fade the result instead.
    """
    painter.save()
    try:
        if path.suffix.lower() == ".svg":
            renderer = QSvgRenderer(str(path))
            if not renderer.isValid():
                return False
            if cover:
                # QSvgRenderer knows no "expanding" mode: scale the view box ourselves and clip the overflow.
                size = renderer.viewBoxF().size()
                size.scale(target.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding)
                painter.setClipRect(target)
                centre = target.center()
                renderer.render(
                    painter,
                    QRectF(centre.x() - size.width() / 2, centre.y() - size.height() / 2, size.width(), size.height()),
                )
            else:
                renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
                renderer.render(painter, target)
            return True
        mode = Qt.AspectRatioMode.KeepAspectRatioByExpanding if cover else Qt.AspectRatioMode.KeepAspectRatio
        scaled = read_scaled(path, target.size().toSize(), mode)
        if scaled.isNull():
            return False
        x = target.x() + (target.width() - scaled.width()) / 2
        y = target.y() + (target.height() - scaled.height()) / 2
        painter.setClipRect(target)
        painter.drawImage(int(x), int(y), scaled)
        return True
    finally:
        painter.restore()


def read_scaled(path: Path, size: QSize, mode: Qt.AspectRatioMode) -> QImage:
    """The bitmap at ``path`` scaled to ``size`` by ``mode``, decoded at that size where the format allows.

    A photograph of 6000x4000 pixels read whole takes 92 MiB before it is
    scaled; decoded at the size it is drawn, only that size is ever held.
    """
    reader = QImageReader(str(path))
    original = reader.size()
    if original.isValid() and not original.isEmpty():
        reader.setScaledSize(original.scaled(size, mode))
    image = reader.read()
    if image.isNull() or image.size() == original.scaled(size, mode):
        return image
    return image.scaled(size, mode, Qt.TransformationMode.SmoothTransformation)


def theme_icon_pixmap(theme: Theme, pixels: int, colour: str | None = None) -> QPixmap:
    """The theme's icon as a pixmap of ``pixels`` square."""
    return icon(theme.icon, colour or theme.accent).pixmap(QSize(pixels, pixels))


class PlaceholderSlideView(SlideView):
    """Stands in for a slide whose view could not be built: the theme's colours and a short note."""

    is_placeholder = True

    def build(self) -> None:
        self.note = FitText(strings.text("slide_not_available", self.language), self, colour=self.colours.text_faint)

    def set_language(self, language: str) -> None:
        self.note.setText(strings.text("slide_not_available", language))
        super().set_language(language)

    def place(self, scale: Scale, content: QRect) -> None:
        self.note.set_preferred_pixel_size(scale.px(scale.metrics.body_font))
        self.note.setGeometry(content)


def _text_of(widget: QWidget) -> str:
    """The text a text widget shows (fitted text or a label such as a counter); empty for any other widget."""
    return widget.text() if isinstance(widget, (FitText, QLabel)) else ""
