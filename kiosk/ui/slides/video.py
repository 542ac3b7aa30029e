"""The ``video`` slide: a clip with an optional heading and caption, its poster until it plays or when it cannot.

The clip is prepared when the view is built (the stage builds the next slide ahead), so its first frame is
decoded before the transition to it starts; frames are painted by the view itself, which is why a transition's
picture of the slide shows the video and not a black rectangle.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPixmap

from kiosk.deck.schema import VideoSlide
from kiosk.player import video_support
from kiosk.player.video_support import VideoClip
from kiosk.ui.icons import icon
from kiosk.ui.palette import CENTRED_TOP, TRANSPARENT
from kiosk.ui.scale import Scale
from kiosk.ui.slides.base import SlideView, draw_image
from kiosk.ui.slides.layout import framed_picture

log = logging.getLogger(__name__)

PLACEHOLDER_DASH = 6
PLACEHOLDER_LINE = 2
"""Design units: the dashed frame where a video that cannot play would be."""


class VideoSlideView(SlideView):
    """A clip fitted into the slide, keeping its proportions; played while the slide is on screen."""

    slide: VideoSlide
    ready = Signal()
    """The first picture is there (the decoded first frame, or the poster or placeholder of a broken clip)."""

    def build(self) -> None:
        self.heading = self.add_text(self.slide.heading, weight=QFont.Weight.Bold, balanced=True)
        self.caption = self.add_text(self.slide.caption, colour=self.colours.text_soft, alignment=CENTRED_TOP)
        self._picture = QRect()
        self._poster_cache: QPixmap | None = None
        self.clip: VideoClip | None = None
        self._started = False
        """Played since the slide arrived: the clip's frames replace the poster until it leaves."""
        if video_support.multimedia() is None:
            video_support.log_missing_extra_once()
        elif self.slide.video is not None:
            self.clip = VideoClip(
                self.slide.video,
                loop=self.slide.loop,
                muted=self.slide.muted,
                start_s=self.slide.start,
                end_s=self.slide.end,
                parent=QCoreApplication.instance(),  # deleted by ``retire`` once open, never while it opens
            )
            self.clip.frame_changed.connect(self._frame_arrived)
            self.clip.ready.connect(self.ready)
            self.clip.failed.connect(self._clip_failed)
            self.destroyed.connect(self.clip.retire)
            # Opened from the event loop: a view built only to be measured (kiosk validate) opens nothing.
            QTimer.singleShot(0, self.clip.prepare)

    # -- state ------------------------------------------------------------------

    def is_ready(self) -> bool:
        """True when the slide can be pictured as it will arrive: its poster, its decoded first frame, or no clip."""
        return self.clip is None or self.clip.is_ready or self.slide.poster is not None

    @property
    def is_placeholder(self) -> bool:
        """True when the clip cannot play: auto-play skips the slide."""
        return self.clip is not None and self.clip.has_failed

    @property
    def video_failed(self) -> bool:
        """True when the clip was found broken (not merely unplayable for want of Qt Multimedia)."""
        return self.is_placeholder

    def busy_s(self) -> float:
        """Seconds of the clip left to play: auto-play waits for its end, unless it loops or has a duration."""
        clip = self.clip
        if clip is None or not clip.playing or clip.loop or self.slide.duration is not None:
            return 0.0
        return clip.remaining_s()

    def enter(self, time_scale: float = 1.0) -> None:
        if self.clip is not None:
            self._started = True
            self.clip.play()

    def leave(self) -> None:
        if self._started and self.clip is not None:
            self._started = False
            self.clip.rewind()

    # -- layout and painting ----------------------------------------------------

    def place(self, scale: Scale, content: QRect) -> None:
        self._picture = framed_picture(self.heading, self.caption, scale, content)

    def picture_rect(self) -> QRect:
        """Where the clip (or its poster) is drawn."""
        return QRect(self._picture)

    def paint_decor(self, painter: QPainter, scale: Scale) -> None:
        frame = None
        if self.clip is not None and not self.clip.has_failed and (self._started or self.slide.poster is None):
            frame = self.clip.image()
        if frame is not None and not self._picture.isEmpty():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(fitted(frame.size(), self._picture), frame)
            return
        poster = self._rendered_poster()
        if poster is not None:
            painter.drawPixmap(self._picture.topLeft(), poster)
            return
        if self.clip is not None and not self.clip.has_failed:
            return  # its first frame is being decoded (a slide shown at once): the background, not a placeholder
        pen = QPen(QColor(self.colours.text_faint), scale.px(PLACEHOLDER_LINE), Qt.PenStyle.DashLine)
        pen.setDashPattern([PLACEHOLDER_DASH, PLACEHOLDER_DASH])
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self._picture)
        size = scale.px(scale.metrics.icon)
        glyph = icon("missing-image", self.colours.text_faint).pixmap(QSize(size, size))
        painter.drawPixmap(self._picture.center().x() - size // 2, self._picture.center().y() - size // 2, glyph)

    def prepare_paint(self) -> None:
        super().prepare_paint()
        self._rendered_poster()

    def _rendered_poster(self) -> QPixmap | None:
        """The poster scaled to its place, drawn once per size."""
        if self._picture.isEmpty() or self.slide.poster is None:
            return None
        if self._poster_cache is None or self._poster_cache.size() != self._picture.size():
            pixmap = QPixmap(self._picture.size())
            pixmap.fill(TRANSPARENT)
            painter = QPainter(pixmap)
            drawn = draw_image(painter, self.slide.poster, QRectF(pixmap.rect()))
            painter.end()
            self._poster_cache = pixmap if drawn else None
        return self._poster_cache

    def _clip_failed(self, reason: str) -> None:
        self.update()

    def _frame_arrived(self) -> None:
        if self.isVisible():
            self.update(self._picture)


def fitted(size: QSize, area: QRect) -> QRect:
    """The largest rectangle of ``size``'s proportions centred in ``area``."""
    scaled = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return QRect(
        area.x() + (area.width() - scaled.width()) // 2,
        area.y() + (area.height() - scaled.height()) // 2,
        scaled.width(),
        scaled.height(),
    )
