"""The attract-mode cards: the "still there?" warning with its countdown and More time, and the "touch to explore" hint.

They only draw: ``kiosk.player.attract_mode.AttractMode`` decides when, and they listen to its signals.
"""

from __future__ import annotations

import array
import atexit
import functools
import importlib.util
import logging
import math
import shutil
import tempfile
import wave
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRect, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.core import strings
from kiosk.core.access import AccessModes
from kiosk.core.reach import ReachBand
from kiosk.player.attract_mode import AttractMode
from kiosk.player.controller import PlayerController
from kiosk.ui.fit_text import FitText
from kiosk.ui.focus_ring import paint_focus_ring
from kiosk.ui.navbar import reach_band_of
from kiosk.ui.palette import (
    BACKGROUND_DEEP,
    CARD_RADIUS,
    CENTRED,
    CONTROL,
    CONTROL_PRESSED,
    KEY_RADIUS,
    TEXT,
    TEXT_SOFT,
)
from kiosk.ui.palette import font as palette_font
from kiosk.ui.scale import Scale, minimum_touch_target

log = logging.getLogger(__name__)

CARD_OPACITY = 1.0
"""The card is opaque: tile titles behind a translucent one showed through its text."""
CARD_WIDTH = 1000
"""Design units: the width of the warning card and the hint."""
BUTTON_WIDTH_SHARE = 0.6
"""The More time button's share of the card's width."""


class BottomCard(QWidget):
    """A rounded dark card near the bottom of the window holding one or two lines of text."""

    def __init__(self, parent: QWidget, lines: int, transparent: bool = True) -> None:
        super().__init__(parent)
        self._parent = parent
        self.reach_band: Callable[[], ReachBand | None] = lambda: None
        """Where the card goes in reach mode (rows of the parent window), or None when reach mode is off."""
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, transparent)
        colours = (TEXT, TEXT_SOFT, TEXT_SOFT)
        weights = (QFont.Weight.Bold, QFont.Weight.Normal, QFont.Weight.Normal)
        self.lines = [FitText("", self, weight=weights[i], colour=colours[i], alignment=CENTRED) for i in range(lines)]
        self.hide()

    def show_lines(self, *texts: str) -> None:
        """Show the card with ``texts``, one per line."""
        for line, text in zip(self.lines, texts):
            line.setText(text)
        self.place()
        self.show()
        self.raise_()

    def texts(self) -> list[str]:
        """The lines shown."""
        return [line.text() for line in self.lines if line.text()]

    def place(self) -> None:
        """Size the card for its parent and put it above the bottom edge; in reach mode inside the band (its foot
        on the band's when the band is too short for the usual gap under it)."""
        parent = self._parent
        scale = self._scale()
        m = scale.metrics
        line_h = scale.px(m.body_font * 1.5)
        pad = scale.px(m.gap) // 2
        width = min(parent.width() - 2 * scale.px(m.margin // 2), scale.px(CARD_WIDTH))
        extra = self.extra_height(scale)
        height = line_h * len(self.lines) + 2 * pad + extra
        bottom_gap = scale.px(m.margin) * 2
        top = parent.height() - height - bottom_gap
        band = self.reach_band()
        if band is not None:
            top = band.bottom - height - bottom_gap
            if top < band.top:
                top = band.bottom - height
        self.setGeometry((parent.width() - width) // 2, max(0, top), width, height)
        for index, line in enumerate(self.lines):
            line.set_preferred_pixel_size(scale.px(m.body_font if index == 0 else m.label_font))
            line.setGeometry(QRect(pad, pad + index * line_h, width - 2 * pad, line_h))
        self.place_extra(scale, QRect(pad, pad + len(self.lines) * line_h, width - 2 * pad, extra))

    def extra_height(self, scale: Scale) -> int:
        """Room below the lines for more than text (none here)."""
        return 0

    def place_extra(self, scale: Scale, area: QRect) -> None:
        """Place what goes below the lines in ``area``."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(BACKGROUND_DEEP)
        colour.setAlphaF(CARD_OPACITY)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        radius = self._scale().px(CARD_RADIUS)
        painter.drawRoundedRect(self.rect(), radius, radius)

    def _scale(self) -> Scale:
        parent = self._parent
        return Scale(max(1, parent.width()), max(1, parent.height()))


class MoreTimeButton(QPushButton):
    """The warning's large "More time" button: a touch, a click, or Tab then Enter presses it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("more_time")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        super().paintEvent(event)
        paint_focus_ring(self, self.height() / 4)


class WarningCard(BottomCard):
    """The "still there?" card: three lines and the More time button under them; touching the card elsewhere
    is an answer too (attract mode dismisses the warning)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, 3, transparent=False)
        self.more_time = MoreTimeButton(self)

    def extra_height(self, scale: Scale) -> int:
        return minimum_touch_target(self, scale) + scale.px(scale.metrics.gap) // 2

    def place_extra(self, scale: Scale, area: QRect) -> None:
        target = minimum_touch_target(self, scale)
        width = max(target * 2, round(area.width() * BUTTON_WIDTH_SHARE))
        self.more_time.setGeometry(area.x() + (area.width() - width) // 2, area.bottom() - target + 1, width, target)
        self.more_time.setFont(palette_font(scale.px(scale.metrics.body_font), QFont.Weight.DemiBold))
        radius = scale.px(KEY_RADIUS)
        self.more_time.setStyleSheet(
            f"QPushButton {{ color: {TEXT}; background: {CONTROL}; border: none; border-radius: {radius}px; }}"
            f"QPushButton:pressed {{ background: {CONTROL_PRESSED}; }}"
        )

    def hideEvent(self, event: object) -> None:  # noqa: N802 - Qt naming
        button = getattr(self, "more_time", None)  # None while BottomCard's constructor hides the card
        if button is not None and button.hasFocus():  # the focus goes back to the window, where Enter means Next
            self._parent.setFocus(Qt.FocusReason.OtherFocusReason)
        super().hideEvent(event)  # type: ignore[arg-type]


TONE_HZ = 880.0
TONE_S = 0.25
TONE_RATE = 22050
TONE_FADE_S = 0.02
"""The warning's tone: a quarter-second A5, faded in and out so it does not click."""
TONE_LEVEL = 0.5
"""The tone's loudness, as a share of full scale."""


def tone_wav(path: Path) -> Path:
    """Write the warning's tone to ``path`` as a 16-bit mono WAV file; returns ``path``."""
    count = round(TONE_S * TONE_RATE)
    fade = round(TONE_FADE_S * TONE_RATE)
    samples = array.array("h")
    for i in range(count):
        envelope = min(1.0, i / fade, (count - 1 - i) / fade)
        samples.append(round(32767 * TONE_LEVEL * envelope * math.sin(2 * math.pi * TONE_HZ * i / TONE_RATE)))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(TONE_RATE)
        out.writeframes(samples.tobytes())
    return path


@functools.cache
def tone_file() -> Path:
    """The warning's tone as a WAV file, written once a process into a folder removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-tone-"))
    atexit.register(shutil.rmtree, folder, True)
    return tone_wav(folder / "warning.wav")


class WarningTone(QObject):
    """A short tone as the warning comes up, through QtMultimedia where it is installed (the ``speech`` extra);
    without it the warning is only seen, and the log says so once."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.played = 0
        """How many times the tone was asked for (heard only where ``audible``)."""
        self._effect: QObject | None = None
        self.audible = importlib.util.find_spec("PySide6.QtMultimedia") is not None
        """True where QtMultimedia can play the tone."""
        if not self.audible:
            log.info('QtMultimedia is not installed: the "still there?" warning is shown without a tone')

    def play(self) -> None:
        """Play the tone once (nothing to hear where QtMultimedia is missing)."""
        self.played += 1
        if not self.audible:
            return
        if self._effect is None:  # built at the first warning: an audio device is opened only when needed
            from PySide6.QtMultimedia import QSoundEffect

            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(tone_file())))
            self._effect = effect
        self._effect.play()  # type: ignore[attr-defined]


class AttractCards(QObject):
    """Shows attract mode's warning and hint over ``window``, in the visitor's language, as ``attract`` announces."""

    def __init__(self, window: QWidget, attract: AttractMode, controller: PlayerController) -> None:
        super().__init__(window)
        self.controller = controller
        self.warning = WarningCard(window)
        self.hint = BottomCard(window, 1)
        self.tone = WarningTone(self)
        self.warning.more_time.clicked.connect(attract.more_time)
        attract.answers.append(self.warning.more_time)
        attract.warning_shown.connect(self._show_warning)
        attract.warning_hidden.connect(self.warning.hide)
        attract.autoplay_started.connect(self._show_hint)
        attract.autoplay_ended.connect(self.hint.hide)
        controller.language_changed.connect(self._retranslate)
        for card in (self.warning, self.hint):
            card.reach_band = lambda: reach_band_of(window, controller.access, controller.deck.accessibility)
        controller.access_changed.connect(self._on_access)

    def relayout(self) -> None:
        """The window changed size: place the cards again."""
        for card in (self.warning, self.hint):
            if card.isVisible():
                card.place()

    def _on_access(self, _modes: AccessModes) -> None:
        self.relayout()  # into reach, or out of it

    def _show_warning(self, seconds: int) -> None:
        language = self.controller.language
        if not self.warning.isVisible():
            self.tone.play()  # once as the warning comes up, not at every second of its countdown
        lines = (
            strings.text("still_there", language),
            strings.text("touch_to_continue", language),
            strings.text("returning_in", language, seconds=seconds),
        )
        button = self.warning.more_time
        button.setText(strings.text("more_time", language))
        button.setAccessibleName(button.text())
        button.setAccessibleDescription(strings.text("more_time_description", language))
        self.warning.setAccessibleName(lines[0])
        self.warning.setAccessibleDescription(" ".join(lines[1:]))
        self.warning.show_lines(*lines)

    def _show_hint(self) -> None:
        words = strings.text("touch_to_explore", self.controller.language)
        self.hint.setAccessibleName(words)
        self.hint.show_lines(words)

    def _retranslate(self, _language: str) -> None:
        # The warning is drawn again by attract mode's own announcement; the hint only follows the language.
        if self.hint.isVisible():
            self._show_hint()


__all__ = ["AttractCards", "BottomCard", "MoreTimeButton", "WarningCard"]
